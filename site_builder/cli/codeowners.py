"""`devex codeowners [--check] [--format text|github|json]`: write or check .github/CODEOWNERS."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from site_builder import codeowners
from site_builder.report import REPORTERS
from site_builder.validate import find_root


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "codeowners", help="write .github/CODEOWNERS from the departments in opportunities/marketplace.yaml"
    )
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if the committed file differs from the registry"
    )
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    parser.add_argument(
        "--format", choices=sorted(REPORTERS), default=default, help=f"output format of --check (default: {default})"
    )
    parser.add_argument("--root", type=Path, help="the marketplace repository (default: found from the current folder)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = find_root(args.root or Path.cwd())
    if args.check:
        problems = codeowners.differences(root)
        if problems:
            sys.stdout.write(REPORTERS[args.format](problems))
            return 1
        print(f"{codeowners.CODEOWNERS_FILE} matches the departments in {codeowners.SETTINGS_FILE}.")
        return 0
    path = codeowners.write(root)
    print(f"Wrote {path.relative_to(root).as_posix()}.")
    return 0

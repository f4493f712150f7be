"""`devex validate [PATH...] [--base REF] [--format text|github|json]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from site_builder.report import REPORTERS
from site_builder.validate import find_root, validate


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser("validate", help="check marketplace files; exit 1 if any is invalid")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders to check (default: all)")
    parser.add_argument("--base", metavar="GIT-REF", help="also check the change against this commit, as CI does")
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    parser.add_argument(
        "--format", choices=sorted(REPORTERS), default=default, help=f"output format (default: {default})"
    )
    parser.add_argument("--root", type=Path, help="the marketplace repository (default: found from the current folder)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = find_root(args.root or Path.cwd())
    problems = validate(root, [Path(p) for p in args.paths], base=args.base)
    sys.stdout.write(REPORTERS[args.format](problems))
    return 1 if problems else 0

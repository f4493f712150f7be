"""`devex codeowners [--check] [--format text|github|json]`: write or check .github/CODEOWNERS."""

from __future__ import annotations

import argparse
import sys

from site_builder import codeowners
from site_builder.cli._options import add_format, add_root, marketplace_root
from site_builder.model import SETTINGS_FILE
from site_builder.report import REPORTERS


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "codeowners", help="write .github/CODEOWNERS from the departments in opportunities/marketplace.yaml"
    )
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if the committed file differs from the registry"
    )
    add_format(parser, "output format of --check")
    add_root(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = marketplace_root(args)
    if args.check:
        problems = codeowners.differences(root)
        if problems:
            sys.stdout.write(REPORTERS[args.format](problems))
            return 1
        print(f"{codeowners.CODEOWNERS_FILE} matches the departments in {SETTINGS_FILE}.")
        return 0
    path = codeowners.write(root)
    print(f"Wrote {path.relative_to(root).as_posix()}.")
    return 0

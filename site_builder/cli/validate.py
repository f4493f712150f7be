"""`devex validate [PATH...] [--base REF] [--format text|github|json]`: errors fail (exit 1), warnings only show."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_builder.cli._options import add_format, add_root, checked, marketplace_root, run_now
from site_builder.report import REPORTERS
from site_builder.validate import check


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "validate", help="check marketplace files; exit 1 if any is invalid (warnings are shown, exit 0)"
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders to check (default: all)")
    parser.add_argument("--base", metavar="GIT-REF", help="also check the change against this commit, as CI does")
    parser.add_argument(
        "--now", metavar="ISO-TIME", help="the clock the change is judged at (default: now, as in CI; for tests)"
    )
    add_format(parser, "output format")
    add_root(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = marketplace_root(args)
    now = run_now(args)
    paths = [Path(p) for p in args.paths]
    problems = check(root, paths, base=args.base, now=now)
    sys.stdout.write(REPORTERS[args.format](problems, checked=checked(paths)))
    return 1 if any(problem.is_error for problem in problems) else 0

"""`devex lint [PATH...]`: what a buyer runs before opening a pull request, every problem with its fix.

The same checks as `devex validate` (errors exit 1, warnings alone exit 0); the text report puts the
one-line fix of each linter rule under its problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_builder.cli._options import add_format, add_root, checked, marketplace_root
from site_builder.report import REPORTERS, as_text_with_fixes
from site_builder.validate import check


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "lint", help="check opportunities as suppliers will read them, with a fix for each problem"
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders to check (default: all)")
    add_format(parser, "output format")
    add_root(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = marketplace_root(args)
    paths = [Path(p) for p in args.paths]
    problems = check(root, paths)
    report = as_text_with_fixes if args.format == "text" else REPORTERS[args.format]
    sys.stdout.write(report(problems, checked=checked(paths)))
    return 1 if any(problem.is_error for problem in problems) else 0

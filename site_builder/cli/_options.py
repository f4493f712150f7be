"""Options several commands share, defined once so they mean the same everywhere (not a command itself)."""

from __future__ import annotations

import argparse
import os
from datetime import datetime
from pathlib import Path

from site_builder.clock import BadTime, run_clock
from site_builder.errors import UsageError
from site_builder.reading import find_root
from site_builder.report import REPORTERS, all_valid


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, help="the marketplace repository (default: found from the current folder)")


def marketplace_root(args: argparse.Namespace) -> Path:
    """The repository named by --root, or the one holding the current folder."""
    return find_root(args.root or Path.cwd())


def run_now(args: argparse.Namespace) -> datetime:
    """The clock of the run: `--now` (with its offset) or the current time."""
    try:
        return run_clock(args.now)
    except BadTime as error:
        raise UsageError(str(error)) from None


def add_format(parser: argparse.ArgumentParser, what: str) -> None:
    """--format for problem reports: workflow annotations by default inside GitHub Actions."""
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    parser.add_argument("--format", choices=sorted(REPORTERS), default=default, help=f"{what} (default: {default})")


def checked(paths: list[Path]) -> str:
    """What a clean report of `devex validate` or `devex lint` says was checked: the whole marketplace, the one
    path given as it was written, or how many folders, files or paths were given."""
    given = list(dict.fromkeys(str(path) for path in paths))
    kinds = {Path(path).is_dir() for path in given}
    noun = "paths" if len(kinds) > 1 else "folders" if kinds == {True} else "files"
    return all_valid(given, noun)

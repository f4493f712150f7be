"""Options several commands share, defined once so they mean the same everywhere (not a command itself)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from site_builder.report import REPORTERS
from site_builder.validate import find_root


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, help="the marketplace repository (default: found from the current folder)")


def marketplace_root(args: argparse.Namespace) -> Path:
    """The repository named by --root, or the one holding the current folder."""
    return find_root(args.root or Path.cwd())


def add_format(parser: argparse.ArgumentParser, what: str) -> None:
    """--format for problem reports: workflow annotations by default inside GitHub Actions."""
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    parser.add_argument("--format", choices=sorted(REPORTERS), default=default, help=f"{what} (default: {default})")

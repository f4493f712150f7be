"""`devex sync [--now ISO-TIME] [--dry-run]`: make GitHub match the repository (see github_sync.plan)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from site_builder.cli._options import add_root, marketplace_root
from site_builder.clock import BadTime, parse_moment
from site_builder.errors import UsageError
from site_builder.load import load_file
from site_builder.model import Document
from site_builder.validate import SETTINGS_FILE


def parse_now(text: str | None) -> datetime:
    """The clock of the run: `--now` (with its offset) or the current time."""
    if not text:
        return datetime.now(UTC)
    try:
        return parse_moment(text, "--now")
    except BadTime as error:
        raise UsageError(str(error)) from None


def settings_repository(root: Path) -> str:
    """`repository` from marketplace.yaml, the fallback when GITHUB_REPOSITORY is not set (runs outside Actions)."""
    if os.environ.get("GITHUB_REPOSITORY"):
        return ""
    loaded = load_file(root / SETTINGS_FILE, SETTINGS_FILE)
    return loaded.data.get("repository", "") if isinstance(loaded, Document) and isinstance(loaded.data, dict) else ""


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser("sync", help="post, close and announce opportunities on GitHub Discussions")
    parser.add_argument("--now", metavar="ISO-TIME", help="the clock to judge deadlines by (default: now)")
    parser.add_argument("--dry-run", action="store_true", help="print the plan and change nothing")
    add_root(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from site_builder.github_sync.config import from_env
    from site_builder.github_sync.sync import run_sync

    now = parse_now(args.now)
    root = marketplace_root(args)
    config = from_env(default_repository=settings_repository(root))
    plan = run_sync(root, config, now, args.dry_run, log=lambda line: print(line, flush=True))
    for notice in plan.notices:
        print(f"devex sync: {notice.ident}: {notice.message}", file=sys.stderr)
    return 1 if plan.notices else 0

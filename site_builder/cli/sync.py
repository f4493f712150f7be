"""`devex sync [--now ISO-TIME] [--dry-run]`: make GitHub match the repository (see github_sync.plan)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from site_builder.cli._options import add_root, marketplace_root, run_now
from site_builder.reading import read_settings


def settings_repository(root: Path) -> str:
    """`repository` from marketplace.yaml, the fallback when GITHUB_REPOSITORY is not set (runs outside Actions)."""
    if os.environ.get("GITHUB_REPOSITORY"):
        return ""
    return read_settings(root).repository


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser("sync", help="post, close and announce opportunities on GitHub Discussions")
    parser.add_argument("--now", metavar="ISO-TIME", help="the clock to judge deadlines by (default: now)")
    parser.add_argument("--dry-run", action="store_true", help="print the plan and change nothing")
    add_root(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from site_builder.github_sync.broken import printable
    from site_builder.github_sync.config import from_env
    from site_builder.github_sync.sync import run_sync

    now = run_now(args)
    root = marketplace_root(args)
    config = from_env(default_repository=settings_repository(root))
    summary = os.environ.get("GITHUB_STEP_SUMMARY", "").strip()
    outcome = run_sync(
        root,
        config,
        now,
        args.dry_run,
        log=lambda line: print(line, flush=True),
        summary=Path(summary) if summary else None,
    )
    for notice in (*outcome.plan.notices, *outcome.flags, *outcome.notes):
        print(f"devex sync: {notice.ident}: {notice.message}", file=sys.stderr)
    for item in outcome.broken:
        issue = outcome.reports.issues.get(item.key)
        where = f"reported in {issue}" if issue else "not reported yet"
        print(
            f"devex sync: {printable(item.key)}: does not validate ({len(item.problems)} problem(s)), "
            f"set aside: {where}",
            file=sys.stderr,
        )
    for failure in outcome.reports.failures:
        print(f"devex sync: {printable(failure)} (the next run tries again)", file=sys.stderr)
    return 1 if outcome.failed else 0

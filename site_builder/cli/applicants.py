"""`devex applicants <opportunity>`: the table a buyer checks before choosing (see github_sync.applicants)."""

from __future__ import annotations

import argparse

from site_builder.cli._options import add_root, marketplace_root, run_now
from site_builder.validate import load_marketplace


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser("applicants", help="who applied, on time or late, and what GitHub says of each")
    parser.add_argument("opportunity", help="the opportunity id, such as esdc-2026-001")
    parser.add_argument("--now", metavar="ISO-TIME", help="the clock for an open opportunity (default: now)")
    add_root(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from site_builder.award_draft import find
    from site_builder.github_sync.applicants import report
    from site_builder.github_sync.client import Client
    from site_builder.github_sync.config import from_env

    now = run_now(args)
    marketplace = load_marketplace(marketplace_root(args))
    opp = find(marketplace, args.opportunity)
    client = Client(from_env(default_repository=marketplace.settings.repository))
    try:
        print(report(client, opp, now), end="")
    finally:
        client.close()
    return 0

"""`devex intake-review --event PATH`: fail unless someone other than the issue's author approved."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "intake-review", help="check that an intake pull request was approved by someone other than its requester"
    )
    parser.add_argument("--event", required=True, type=Path, help="the pull request event file ($GITHUB_EVENT_PATH)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from site_builder.github_sync.client import Client
    from site_builder.github_sync.config import from_env
    from site_builder.github_sync.intake_review import run_review

    def client_for(repository: str) -> Client:
        return Client(from_env(default_repository=repository))

    return run_review(args.event, client_for, log=lambda line: print(line, flush=True))

"""`devex intake-review --event PATH`: fail unless one of the department's code owners, other than the
issue's author, approved the intake pull request."""

from __future__ import annotations

import argparse
from pathlib import Path

from site_builder.cli._options import add_root, marketplace_root


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "intake-review",
        help="check that an intake pull request was approved by a code owner of its department, not its requester",
    )
    parser.add_argument("--event", required=True, type=Path, help="the pull request event file ($GITHUB_EVENT_PATH)")
    add_root(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from site_builder.github_sync.client import Client
    from site_builder.github_sync.config import from_env
    from site_builder.github_sync.intake_review import run_review

    root = marketplace_root(args)

    def client_for(repository: str) -> Client:
        return Client(from_env(default_repository=repository))

    return run_review(root, args.event, client_for, log=lambda line: print(line, flush=True))

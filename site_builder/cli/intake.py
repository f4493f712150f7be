"""`devex intake --event PATH`: turn a "New opportunity" issue into a pull request, or say what to fix."""

from __future__ import annotations

import argparse
from pathlib import Path

from site_builder.cli._options import add_root, marketplace_root


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser("intake", help="open a pull request from a New opportunity issue")
    parser.add_argument("--event", required=True, type=Path, help="the `issues` event file ($GITHUB_EVENT_PATH)")
    add_root(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from site_builder.github_sync.client import Client
    from site_builder.github_sync.config import from_env
    from site_builder.github_sync.intake import run_intake

    root = marketplace_root(args)

    def client_for(repository: str) -> Client:
        return Client(from_env(default_repository=repository))

    return run_intake(root, args.event, client_for, log=lambda line: print(line, flush=True))

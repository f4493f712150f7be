"""`devex verify <opportunity>`: re-check the selection offline; exit 0 when the chain holds, 1 at the first
broken link (with its file and line), 2 for usage."""

from __future__ import annotations

import argparse

from site_builder.cli._options import add_root, marketplace_root


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "verify", help="re-check an opportunity's evaluation, commitment, beacon round, draw order and award"
    )
    parser.add_argument("opportunity", help="the opportunity id, such as esdc-2026-001")
    add_root(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from site_builder.validate import verify_opportunity

    result = verify_opportunity(marketplace_root(args), args.opportunity)
    for line in result.held:
        print(f"ok  {line}")
    if result.problem:
        print(result.problem.format())
        return 1
    print(f"{args.opportunity}: {result.waiting or 'the selection holds from the bids to the award'}")
    return 0

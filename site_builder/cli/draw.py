"""`devex draw <opportunity>`: the draft award.yaml for the first in selection.yaml's drawn order."""

from __future__ import annotations

import argparse
from datetime import date

from site_builder.cli._options import add_root, marketplace_root, run_now
from site_builder.errors import UsageError
from site_builder.validate import load_marketplace


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "draw",
        help="write the draft award.yaml for the first in the drawn order (selection.yaml)",
        description="Write award.yaml for the first in selection.yaml's order and set the status to awarded. "
        "The order is drawn by automation from the committed evaluation and a public beacon round; the draw is "
        "refused before the evaluation is committed and before the round is recorded (docs/dev/selection.md).",
    )
    parser.add_argument("opportunity", help="the opportunity id, such as esdc-2026-001")
    parser.add_argument(
        "--qualified",
        help="optional cross-check: the comma-separated logins you expect evaluation.yaml to qualify (it decides)",
    )
    parser.add_argument("--now", metavar="ISO-TIME", help="the clock to judge whether the round exists (default: now)")
    parser.add_argument("--name", help="supplier's legal or business name (default: the login, to be corrected)")
    parser.add_argument("--amount", type=float, help="contract amount, CAD with taxes (default: the value)")
    parser.add_argument("--awarded", help="award date YYYY-MM-DD (default: today, or the closing day if later)")
    add_root(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from site_builder.award_draft import describe, find, make_draw, write_draw

    logins = None
    if args.qualified is not None:
        logins = [login.strip().removeprefix("@") for login in args.qualified.split(",") if login.strip()]
        if not logins:
            raise UsageError("draw: --qualified needs at least one login")
    if args.awarded:
        try:
            date.fromisoformat(args.awarded)
        except ValueError:
            raise UsageError(f"draw: --awarded must be a date YYYY-MM-DD, not {args.awarded!r}") from None
    amount = int(args.amount) if args.amount is not None and float(args.amount).is_integer() else args.amount
    marketplace = load_marketplace(marketplace_root(args))
    now = run_now(args)
    draw = make_draw(marketplace, find(marketplace, args.opportunity), logins, args.name, amount, args.awarded, now=now)
    write_draw(draw)
    print(describe(draw), end="")
    return 0

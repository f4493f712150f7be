"""`devex new`: scaffold an opportunity, by questions in a terminal or (for scripts) by flags.

In a terminal, each answer is checked as it is typed and its question asked again, with the reason, until it
holds; answers given as flags are checked the same way. Nothing is written until every answer holds; Ctrl-C or
Ctrl-D stops with nothing written (exit 130). Without a terminal, a missing flag is a usage error (exit 2) and
an invalid result is reported by file, line and column (exit 1), as the scripts that call it expect.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import fields
from pathlib import Path

from site_builder.cli._options import add_root, marketplace_root, run_now
from site_builder.errors import UsageError
from site_builder.locale import local_day
from site_builder.reading import read_settings
from site_builder.scaffold import QUESTIONS, Draft, Interview, create

EXIT_STOPPED = 130  # as a shell reports a command stopped by Ctrl-C


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser("new", help="scaffold a valid opportunity with the next free id")
    for name, question in QUESTIONS.items():
        parser.add_argument(f"--{flag(name)}", dest=name, help=question)
    parser.add_argument("--licence", default="MIT", help="SPDX id of the OSI-approved licence (default MIT)")
    parser.add_argument("--posted", default="", help="posting date (default: today)")
    parser.add_argument(
        "--now", metavar="ISO-TIME", help="the clock for today and the dates suggested (default: now; for tests)"
    )
    add_root(parser)
    parser.set_defaults(run=run)


def flag(name: str) -> str:
    return name.replace("_", "-")


def run(args: argparse.Namespace) -> int:
    root = marketplace_root(args)
    answers = {name: getattr(args, name) for name in QUESTIONS}
    missing = [name for name, value in answers.items() if value in (None, "")]
    if missing and sys.stdin.isatty():
        return interview(root, args, answers)
    if missing:
        flags = ", ".join(f"--{flag(name)}" for name in missing)
        raise UsageError(f"new: missing {flags} (or run it in a terminal to be asked)")
    try:
        value = float(answers["value"])
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise UsageError(f"new: --value must be a number of dollars, such as 8500, not {answers['value']!r}")
    posted = args.posted
    if not posted and args.now:
        posted = local_day(run_now(args), read_settings(root).time_zone).isoformat()
    draft_fields = {f.name for f in fields(Draft)}
    values = {
        **answers,
        "value": int(value) if value.is_integer() else value,
        "licence": args.licence,
        "posted": posted,
        "skills": tuple(s.strip() for s in answers["skills"].split(",") if s.strip()),
    }
    return created(root, create(root, Draft(**{k: v for k, v in values.items() if k in draft_fields})))


def interview(root: Path, args: argparse.Namespace, given: dict[str, str | None]) -> int:
    """Ask each question not answered by a flag, and again any whose answer does not hold; write at the end."""
    asking = Interview.begin(root, run_now(args), posted=args.posted, licence=args.licence)
    try:
        for name in QUESTIONS:
            text = given[name]
            if text not in (None, ""):
                reasons = asking.answer(name, text)
                if not reasons:
                    continue
                print(f"--{flag(name)} {text!r} cannot be used:")
                show(reasons)
            ask(asking, name)
        while (left := asking.recheck()) is not None:
            name, reasons = left
            print(f'Your answer to "{asking.question(name)}" needs another look:')
            show(reasons)
            ask(asking, name)
    except (EOFError, KeyboardInterrupt):
        print("\ndevex: new: stopped before the last question: nothing was written", file=sys.stderr)
        return EXIT_STOPPED
    return created(root, asking.create())


def ask(asking: Interview, name: str) -> None:
    """Ask one question until its answer holds (`?` lists the codes it accepts, where it has a list)."""
    listing = asking.listing(name)
    if name == "department" and listing:
        print(listing)
    while True:
        text = input(f"{asking.question(name)}: ")
        if listing and text.strip() == "?":
            print(listing)
            continue
        reasons = asking.answer(name, text)
        if not reasons:
            if echo := asking.echo(name):
                print(f"  {echo}")
            return
        show(reasons)


def show(reasons: list[str]) -> None:
    for reason in reasons:
        print(f"  {reason}")


def created(root: Path, target: Path) -> int:
    written = target.relative_to(root)
    print(
        f"Created {written}: fill in the description, teaser and criteria, run `devex lint {written.parent}` "
        "until it reports no error, then open a pull request."
    )
    return 0

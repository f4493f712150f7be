"""`devex new`: scaffold an opportunity, by prompts or (for scripts) by flags."""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import fields

from site_builder.cli._options import add_root, marketplace_root
from site_builder.errors import UsageError
from site_builder.scaffold import Draft, create

QUESTIONS = {
    "department": "Department code (for example esdc)",
    "title_en": "Title in English",
    "title_fr": "Title in French / Titre en français",
    "value": "Fixed price in CAD, taxes included",
    "repository": "Repository where the work happens (https://...)",
    "closing": "Closing date and time with offset (2026-12-01T14:00:00-05:00)",
    "start": "Start date (YYYY-MM-DD)",
    "delivery": "Delivery date (YYYY-MM-DD)",
    "contact_name": "Contact name",
    "contact_email": "Contact email",
    "project": "Project name",
    "skills": "Skills, comma-separated codes (for example python,accessibility)",
}


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser("new", help="scaffold a valid opportunity with the next free id")
    for name, question in QUESTIONS.items():
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, help=question)
    parser.add_argument("--licence", default="MIT", help="SPDX id of the OSI-approved licence (default MIT)")
    parser.add_argument("--posted", default="", help="posting date (default: today)")
    add_root(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = marketplace_root(args)
    answers = {name: getattr(args, name) for name in QUESTIONS}
    missing = [name for name, value in answers.items() if value in (None, "")]
    if missing and not sys.stdin.isatty():
        flags = ", ".join(f"--{name.replace('_', '-')}" for name in missing)
        raise UsageError(f"new: missing {flags} (or run it in a terminal to be asked)")
    for name in missing:
        answers[name] = input(f"{QUESTIONS[name]}: ").strip()
    try:
        value = float(answers["value"])
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise UsageError(f"new: --value must be a number of dollars, such as 8500, not {answers['value']!r}")
    draft_fields = {f.name for f in fields(Draft)}
    values = {
        **answers,
        "value": int(value) if value.is_integer() else value,
        "licence": args.licence,
        "posted": args.posted,
        "skills": tuple(s.strip() for s in answers["skills"].split(",") if s.strip()),
    }
    target = create(root, Draft(**{k: v for k, v in values.items() if k in draft_fields}))
    created = target.relative_to(root)
    print(
        f"Created {created}: fill in the description, teaser and criteria, run `devex lint {created.parent}` "
        "until it reports no error, then open a pull request."
    )
    return 0

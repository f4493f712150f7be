"""`devex new`: a valid opportunity.yaml with the next free id, so buyers start from something that passes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from site_builder.dump import checked_yaml, write_atomic
from site_builder.errors import InvalidMarketplace, UsageError
from site_builder.lint.wording import PLACEHOLDER_MARKS
from site_builder.model import Problem
from site_builder.sources import DATA_DIR
from site_builder.validate import check_draft

SCHEMA_HINT = "../../../schema/opportunity.schema.json"
DESCRIPTION_PLACEHOLDER = {
    "en": f"{PLACEHOLDER_MARKS['en']} explain the background and the problem.",
    "fr": f"{PLACEHOLDER_MARKS['fr']} expliquer le contexte et le problème.",
}
# Rules a fresh scaffold breaks on purpose, in the fields it fills for the buyer to rewrite (the description's
# placeholder, the teaser copied from the title): `create` lets them pass there, and only there (a title the
# buyer typed as `TBD` is refused).
DRAFT_RULES = frozenset({"placeholder", "teaser-is-title"})
DRAFT_FIELDS = frozenset({"description.en", "description.fr", "teaser.en", "teaser.fr"})
DEPARTMENT_CODE = re.compile(r"^[a-z][a-z0-9]{1,15}$")
QA_CRITERIA = {
    "en": [
        "The pull request passes the repository's automated tests and adds tests for the change.",
        "No new security issue: no secrets in code, dependencies pinned, input validated.",
        "User interface changes meet WCAG 2.1 AA.",
    ],
    "fr": [
        "La demande de tirage réussit les tests automatisés du dépôt et ajoute des tests pour la modification.",
        "Aucun nouveau problème de sécurité : aucun secret dans le code, dépendances figées, entrées validées.",
        "Les changements à l'interface respectent les WCAG 2.1 AA.",
    ],
}


@dataclass(frozen=True)
class Draft:
    """What a buyer answers; everything else gets a safe default they can edit."""

    department: str
    title_en: str
    title_fr: str
    value: float
    repository: str
    closing: str
    start: str
    delivery: str
    contact_name: str
    contact_email: str
    project: str
    skills: tuple[str, ...]
    licence: str = "MIT"
    posted: str = ""


def next_id(root: Path, department: str, year: int) -> str:
    """The next free `<department>-<year>-<number>`, counting every department's folders (ids are global)."""
    pattern = re.compile(rf"^{re.escape(department)}-{year}-([0-9]{{3,}})$")
    used = [int(m.group(1)) for folder in (root / DATA_DIR).glob("*/*") if (m := pattern.match(folder.name))]
    return opportunity_id(department, year, max(used, default=0) + 1)


def opportunity_id(department: str, year: int, number: int) -> str:
    """The number has at least three digits (001 ... 999, then 1000 ...), as the schema's id pattern says."""
    return f"{department}-{year}-{number:03d}"


def opportunity_data(ident: str, draft: Draft) -> dict[str, Any]:
    return {
        "id": ident,
        "status": "open",
        "department": draft.department,
        "title": {"en": draft.title_en, "fr": draft.title_fr},
        "teaser": {"en": draft.title_en, "fr": draft.title_fr},
        "description": dict(DESCRIPTION_PLACEHOLDER),
        "skills": list(draft.skills),
        "value": draft.value,
        "repository": draft.repository,
        "licence": draft.licence,
        "remote": True,
        "classification": "unclassified",
        "posted": posted_day(draft.posted).isoformat(),
        "closing": draft.closing,
        "start": draft.start,
        "delivery": draft.delivery,
        "acceptance_criteria": QA_CRITERIA,
        "evaluation_criteria": {
            "en": ["Has a public GitHub account with at least one merged pull request in a public repository."],
            "fr": [
                "Possède un compte GitHub public avec au moins une demande de tirage fusionnée dans un dépôt public."
            ],
        },
        "contact": {"name": draft.contact_name, "email": draft.contact_email},
        "project": {"name": draft.project},
    }


def posted_day(text: str, today: date | None = None) -> date:
    """The posting day `--posted` gives (YYYY-MM-DD), or `today` (default: the machine's today); UsageError."""
    try:
        return date.fromisoformat(text) if text else today or date.today()
    except ValueError as error:
        raise UsageError(f"new: --posted must be a date as YYYY-MM-DD, not {text!r}") from error


def drafted(root: Path, draft: Draft) -> tuple[Path, str, list[Problem]]:
    """Where the new opportunity would be written, its text, and the problems `check_draft` finds in it over
    the working tree (but for what a fresh scaffold leaves for the buyer to write); nothing is written."""
    ident = next_id(root, draft.department, posted_day(draft.posted).year)
    target = root / DATA_DIR / draft.department / ident / "opportunity.yaml"
    text = checked_yaml(target, opportunity_data(ident, draft), SCHEMA_HINT)
    found = check_draft(root, {target.relative_to(root).as_posix(): text})
    return target, text, [p for p in found if p.rule not in DRAFT_RULES or p.path not in DRAFT_FIELDS]


def create(root: Path, draft: Draft) -> Path:
    """Validate the new opportunity in memory, over the working tree, then write it in one step; on any
    problem raise, and the checkout is as it was."""
    if not DEPARTMENT_CODE.match(draft.department):
        raise UsageError(
            f"new: {draft.department!r} is not a department code: use its short lower-case code, such as esdc"
        )
    target, text, problems = drafted(root, draft)
    if problems:
        raise InvalidMarketplace(problems)
    target.parent.mkdir(parents=True, exist_ok=False)
    write_atomic(target, text)
    return target

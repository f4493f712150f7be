"""The "New opportunity" issue form and its parser, from one table.

GitHub renders each answer of an issue form as `### <label>` followed by the answer (`_No response_` when
an optional field is left empty, `- [X] text` for ticked boxes, selected options joined by `, `). `FIELDS`
is the one table of labels: `form_yaml` writes .github/ISSUE_TEMPLATE/new-opportunity.yml from it (a test
checks the committed file is exactly that) and `parse_body` reads answers back by the same labels.

    python -m site_builder.github_sync.issue_form > .github/ISSUE_TEMPLATE/new-opportunity.yml
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from site_builder import schemas
from site_builder.load import load_bytes
from site_builder.model import Problem, Settings
from site_builder.reading import find_root, read_settings

LABEL = "opportunity-request"
NO_RESPONSE = "_No response_"
SEPARATOR = " — "


@dataclass(frozen=True)
class Field:
    """One question of the form. `kind` says how its answer is read: text, lines (one item per line),
    choice (one option's code), choices (several codes), checks (boxes that must all be ticked)."""

    id: str
    label: str
    kind: str = "text"
    required: bool = True
    description: str = ""
    placeholder: str = ""
    element: str = "input"
    checks: tuple[str, ...] = field(default=())

    @property
    def path(self) -> str:
        """Where the answer lands in opportunity.yaml, to name the field in the validator's messages."""
        return _PATHS.get(self.id, "")


FIELDS: tuple[Field, ...] = (
    Field("department", "Department / Ministère", "choice", element="dropdown"),
    Field("title_en", "Title in English / Titre en anglais", placeholder="Fix keyboard focus in the date picker"),
    Field("title_fr", "Title in French / Titre en français", placeholder="Corriger le focus clavier du sélecteur"),
    Field("teaser_en", "Teaser in English (one or two sentences) / Résumé en anglais", element="input"),
    Field("teaser_fr", "Teaser in French / Résumé en français", element="input"),
    Field(
        "description_en",
        "Description in English / Description en anglais",
        description="Background and the problem to solve, in plain language (Markdown). / Contexte et problème.",
        element="textarea",
    ),
    Field("description_fr", "Description in French / Description en français", element="textarea"),
    Field("skills", "Skills / Compétences", "choices", element="dropdown"),
    Field(
        "value",
        "Value in CAD, taxes included / Valeur en dollars canadiens, taxes incluses",
        placeholder="4500",
        description="A fixed price, at most the marketplace's threshold. / Un prix fixe, au plus le seuil.",
    ),
    Field(
        "repository",
        "Repository where the work happens / Dépôt où se fait le travail",
        placeholder="https://github.com/owner/name",
    ),
    Field("issue", "Issue describing the work (optional) / Billet décrivant le travail", required=False),
    Field("licence", "Licence / Licence", "choice", element="dropdown"),
    Field(
        "closing",
        "Closing date and time / Date et heure de clôture",
        placeholder="2026-12-04 14:00",
        description="In the marketplace's time zone (or with an offset, 2026-12-04T14:00:00-05:00). / "
        "Dans le fuseau horaire du marché.",
    ),
    Field("start", "Start date / Date de début", placeholder="2026-12-08"),
    Field("delivery", "Delivery date / Date de livraison", placeholder="2026-12-19"),
    Field(
        "acceptance_en",
        "Acceptance criteria in English (one per line) / Critères d'acceptation en anglais",
        "lines",
        element="textarea",
    ),
    Field(
        "acceptance_fr",
        "Acceptance criteria in French (one per line) / Critères d'acceptation en français",
        "lines",
        element="textarea",
    ),
    Field(
        "evaluation_en",
        "Evaluation criteria in English, pass/fail (one per line) / Critères d'évaluation en anglais",
        "lines",
        element="textarea",
    ),
    Field(
        "evaluation_fr",
        "Evaluation criteria in French (one per line) / Critères d'évaluation en français",
        "lines",
        element="textarea",
    ),
    Field("contact_name", "Contact name / Nom de la personne-ressource"),
    Field("contact_email", "Contact email / Courriel de la personne-ressource", placeholder="jane.doe@canada.ca"),
    Field("project_name", "Project name / Nom du projet"),
    Field("project_url", "Project web address (optional) / Adresse web du projet", required=False),
    Field(
        "approvals",
        "Approvals / Approbations",
        "checks",
        element="checkboxes",
        checks=(
            "My manager approved the spending. / Mon gestionnaire a approuvé la dépense.",
            "Finance committed the funds. / Les finances ont engagé les fonds.",
            "Both languages say the same thing. / Les deux langues disent la même chose.",
        ),
    ),
)
_PATHS = {
    "department": "department",
    "title_en": "title.en",
    "title_fr": "title.fr",
    "teaser_en": "teaser.en",
    "teaser_fr": "teaser.fr",
    "description_en": "description.en",
    "description_fr": "description.fr",
    "skills": "skills",
    "value": "value",
    "repository": "repository",
    "issue": "issue",
    "licence": "licence",
    "closing": "closing",
    "start": "start",
    "delivery": "delivery",
    "acceptance_en": "acceptance_criteria.en",
    "acceptance_fr": "acceptance_criteria.fr",
    "evaluation_en": "evaluation_criteria.en",
    "evaluation_fr": "evaluation_criteria.fr",
    "contact_name": "contact.name",
    "contact_email": "contact.email",
    "project_name": "project.name",
    "project_url": "project.url",
}
BY_LABEL = {f.label: f for f in FIELDS}


def label_for(path: str) -> str | None:
    """The form label of the answer behind a data path such as `acceptance_criteria.fr[1]`."""
    matches = [f for f in FIELDS if f.path and (path == f.path or path.startswith((f.path + ".", f.path + "[")))]
    return max(matches, key=lambda f: len(f.path)).label if matches else None


def licences() -> list[str]:
    """The licences the schema accepts, in its order."""
    return list(schemas.schema_documents()["opportunity.schema.json"]["properties"]["licence"]["enum"])


def options(fid: str, settings: Settings) -> list[str]:
    """The dropdown options of a field: `code — name`, so the answer names the code."""
    if fid == "department":
        return [f"{code}{SEPARATOR}{d['name']['en']} / {d['name']['fr']}" for code, d in settings.departments.items()]
    if fid == "skills":
        return [f"{code}{SEPARATOR}{label['en']} / {label['fr']}" for code, label in settings.skills.items()]
    if fid == "licence":
        return licences()
    return []


def form_yaml(settings: Settings) -> str:
    """The issue form, built from `FIELDS` and the marketplace's departments, skills and licences."""
    body: list[dict[str, Any]] = [
        {
            "type": "markdown",
            "attributes": {
                "value": "Describe the work in both languages. A bot checks the answers and opens a pull request "
                "with the opportunity, or tells you here what to fix.\n\n"
                "Décrivez le travail dans les deux langues. Un robot vérifie les réponses et ouvre une demande "
                "de tirage avec l'occasion, ou vous indique ici quoi corriger."
            },
        }
    ]
    for f in FIELDS:
        attributes: dict[str, Any] = {"label": f.label}
        if f.description:
            attributes["description"] = f.description
        if f.placeholder:
            attributes["placeholder"] = f.placeholder
        if f.element == "dropdown":
            attributes["options"] = options(f.id, settings)
            attributes["multiple"] = f.kind == "choices"
            if f.id == "licence":
                attributes["default"] = licences().index("MIT")
        if f.element == "checkboxes":
            attributes["options"] = [{"label": text, "required": True} for text in f.checks]
        element: dict[str, Any] = {"type": f.element, "id": f.id, "attributes": attributes}
        if f.element != "checkboxes":
            element["validations"] = {"required": f.required}
        body.append(element)
    form = {
        "name": "New opportunity / Nouvelle occasion",
        "description": "Post open-source work of $10,000 or less. / Publier un travail de 10 000 $ ou moins.",
        "title": "New opportunity: ",
        "labels": [LABEL],
        "body": body,
    }
    header = "# Generated from site_builder/github_sync/issue_form.py (FIELDS): edit there, then regenerate.\n"
    return header + yaml.safe_dump(form, sort_keys=False, allow_unicode=True, width=100)


# ---------------------------------------------------------------- reading the answers


@dataclass(frozen=True)
class Answer:
    """A parsed answer, or a problem with it, named by the form's label so the buyer finds the field."""

    values: dict[str, Any]
    problems: list[tuple[str, str]]


_HEADING = re.compile(r"^### (.+?)[ \t]*$", re.MULTILINE)


def sections(body: str) -> dict[str, str]:
    """`### <label>` sections of a rendered issue form, label -> raw answer (see `read_sections`)."""
    return read_sections(body)[0]


def read_sections(body: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The answers by label, and a problem for each answer that holds a line `### <a label of the form>`.

    GitHub renders the questions in the form's order, so each question's heading is the first line with its
    label after the previous question's. Any other line spelling a label lies inside an answer: it is
    refused there, or a description holding `### Department / Ministère` would answer another question.
    """
    text = body.replace("\r\n", "\n")
    headings = [(m.start(), m.end(), m.group(1).strip()) for m in _HEADING.finditer(text)]
    chosen: list[tuple[int, int, str]] = []
    position = 0
    for f in FIELDS:
        found = next((h for h in headings if h[0] >= position and h[2] == f.label), None)
        if found:
            chosen.append(found)
            position = found[1]
    answers = {
        label: text[end : (chosen[i + 1][0] if i + 1 < len(chosen) else len(text))].strip()
        for i, (_, end, label) in enumerate(chosen)
    }
    problems = []
    for start, _, label in headings:
        if label in BY_LABEL and (start, _, label) not in chosen:
            holder = max((h for h in chosen if h[0] < start), default=None, key=lambda h: h[0])
            where = holder[2] if holder else label
            message = f"contains the line `### {label}`, a question of the form: reword or remove that line"
            problems.append((where, message))
    return answers, problems


def parse_body(body: str, settings: Settings) -> Answer:
    raw, problems = read_sections(body or "")
    values: dict[str, Any] = {}
    for f in FIELDS:
        text = raw.get(f.label, "")
        if text in ("", NO_RESPONSE):
            if f.required:
                problems.append((f.label, "is empty: answer it"))
            continue
        try:
            values[f.id] = _read(f, text, settings)
        except ValueError as error:
            problems.append((f.label, str(error)))
            continue
        unstorable = storable_problem(values[f.id])
        if unstorable:
            problems.append((f.label, unstorable))
            values.pop(f.id)
    return Answer(values, problems)


def storable_problem(value: Any) -> str | None:
    """Why a marketplace file could not hold `value` (the strict loader's own words), or None."""
    if isinstance(value, list):
        return next((found for item in value if (found := storable_problem(item))), None)
    if not isinstance(value, str):
        return None
    loaded = load_bytes(("answer: " + json.dumps(value, ensure_ascii=False)).encode("utf-8"), "answer")
    return loaded.message if isinstance(loaded, Problem) else None


def _read(f: Field, text: str, settings: Settings) -> Any:
    if f.kind == "lines":
        items = [re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line).strip() for line in text.splitlines()]
        return [item for item in items if item]
    if f.kind == "choice":
        code = text.split(SEPARATOR)[0].strip()
        known = list(settings.departments) if f.id == "department" else licences()
        if code not in known:
            raise ValueError(f"{code!r} is not one of the choices")
        return code
    if f.kind == "choices":
        codes = [part.split(SEPARATOR)[0].strip() for part in re.split(r",\s*(?=[a-z0-9-]+" + SEPARATOR + ")", text)]
        unknown = [code for code in codes if code not in settings.skills]
        if unknown:
            raise ValueError(f"{', '.join(unknown)} is not one of the choices")
        return codes
    if f.kind == "checks":
        unticked = [line for line in text.splitlines() if line.startswith("- [ ]")]
        if unticked:
            raise ValueError("tick every box before the opportunity can be posted")
        return True
    return text.strip()


def number(text: str) -> int | float:
    cleaned = re.sub(r"[\s$,\u00a0]|CAD|CA", "", text)
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{text!r} is not an amount: write a number such as 4500") from None
    if not math.isfinite(value):  # `nan`, `inf`, `1e999`: float() reads them, no file can hold them
        raise ValueError(f"{text!r} is not an amount: write a number such as 4500")
    return int(value) if value.is_integer() else value


def closing(text: str, zone: str) -> str:
    """`2026-12-04 14:00` (in the marketplace's zone) or a full ISO time with offset -> ISO with offset."""
    try:
        moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1) if "T" not in text else text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date and time: write it as 2026-12-04 14:00") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.isoformat(timespec="seconds")


def calendar_date(text: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise ValueError(f"{text!r} is not a date: write it as YYYY-MM-DD") from None


def main() -> None:
    """Print the form for the marketplace in the current directory."""
    sys.stdout.write(form_yaml(read_settings(find_root(Path.cwd()))))


if __name__ == "__main__":
    main()

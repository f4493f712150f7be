"""Intake's first half: an issue's event and answers -> a validated opportunity, or what to fix, by label.

Nothing here talks to GitHub, and nothing is written: the opportunity is built with `site_builder.scaffold`
and validated in memory, as if it were in the checkout (`validate.check_draft`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from site_builder.dump import checked_yaml
from site_builder.errors import GitHubError
from site_builder.github_sync import issue_form
from site_builder.locale import local_day
from site_builder.model import Problem, Settings
from site_builder.reading import read_settings
from site_builder.scaffold import SCHEMA_HINT, Draft, opportunity_data
from site_builder.sources import DATA_DIR
from site_builder.validate import check_draft

ACTIONS = ("opened", "edited", "reopened")


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    body: str
    author: str
    created: str
    repository: str


def read_event(path: Path) -> tuple[Issue | None, str]:
    """The issue of an `issues` event, or None with the reason it is not one to act on."""
    try:
        event = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise GitHubError(f"cannot read the event file {path}: {error}") from None
    issue = event.get("issue") if isinstance(event, dict) else None
    if not isinstance(issue, dict) or "pull_request" in issue:
        return None, "the event is not about an issue"
    if event.get("action") not in ACTIONS:
        return None, f"nothing to do when an issue is {event.get('action')}"
    labels = {label.get("name") for label in issue.get("labels") or [] if isinstance(label, dict)}
    if issue_form.LABEL not in labels:
        return None, f"issue #{issue.get('number')} does not carry the {issue_form.LABEL} label"
    repository = (event.get("repository") or {}).get("full_name", "")
    return (
        Issue(
            int(issue["number"]),
            str(issue.get("title") or ""),
            str(issue.get("body") or ""),
            str((issue.get("user") or {}).get("login") or ""),
            str(issue.get("created_at") or ""),
            repository,
        ),
        "",
    )


@dataclass(frozen=True)
class Outcome:
    """Either the opportunity's path and text (valid), or what to fix, by form label."""

    path: str | None
    text: str | None
    problems: list[tuple[str, str]]
    title: str = ""


def _convert(values: dict[str, Any], settings: Settings, problems: list[tuple[str, str]]) -> dict[str, Any]:
    converters: dict[str, Callable[[str], Any]] = {
        "value": issue_form.number,
        "closing": lambda text: issue_form.closing(text, settings.time_zone),
        "start": issue_form.calendar_date,
        "delivery": issue_form.calendar_date,
    }
    out = dict(values)
    for name, convert in converters.items():
        if name in values:
            try:
                out[name] = convert(values[name])
            except ValueError as error:
                problems.append((next(f.label for f in issue_form.FIELDS if f.id == name), str(error)))
                out.pop(name)
    return out


def opportunity_from(values: dict[str, Any], ident: str, posted: str) -> dict[str, Any]:
    draft = Draft(
        department=values["department"],
        title_en=values["title_en"],
        title_fr=values["title_fr"],
        value=values["value"],
        repository=values["repository"],
        closing=values["closing"],
        start=values["start"],
        delivery=values["delivery"],
        contact_name=values["contact_name"],
        contact_email=values["contact_email"],
        project=values["project_name"],
        skills=tuple(values["skills"]),
        licence=values["licence"],
        posted=posted,
    )
    data = opportunity_data(ident, draft)
    data["teaser"] = {"en": values["teaser_en"], "fr": values["teaser_fr"]}
    data["description"] = {"en": values["description_en"], "fr": values["description_fr"]}
    data["acceptance_criteria"] = {"en": values["acceptance_en"], "fr": values["acceptance_fr"]}
    data["evaluation_criteria"] = {"en": values["evaluation_en"], "fr": values["evaluation_fr"]}
    if values.get("issue"):
        data["issue"] = values["issue"]
    if values.get("project_url"):
        data["project"]["url"] = values["project_url"]
    return data


def check(root: Path, issue: Issue, ident_for: Callable[[str, int], str]) -> Outcome:
    """Parse and validate the issue's answers as an opportunity, in memory over the checkout."""
    settings = read_settings(root)
    answer = issue_form.parse_body(issue.body, settings)
    problems = list(answer.problems)
    values = _convert(answer.values, settings, problems)
    if problems:
        return Outcome(None, None, problems)
    posted = _posted(issue.created, settings.time_zone)
    ident = ident_for(values["department"], int(posted[:4]))
    folder = root / DATA_DIR / values["department"] / ident
    if folder.exists():
        raise GitHubError(f"{folder.relative_to(root)} exists already in the checkout: is its pull request merged?")
    name = (folder / "opportunity.yaml").relative_to(root).as_posix()
    text = checked_yaml(name, opportunity_from(values, ident, posted), SCHEMA_HINT)
    found = check_draft(root, {name: text})
    if found:
        return Outcome(None, None, [_labelled(problem) for problem in found])
    return Outcome(name, text, [], values["title_en"])


def _posted(created: str, zone: str) -> str:
    try:
        moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        raise GitHubError(f"the issue's created_at {created!r} is not a time") from None
    return local_day(moment, zone).isoformat()


def _labelled(problem: Problem) -> tuple[str, str]:
    return (issue_form.label_for(problem.path) or "Opportunity / Occasion", problem.message)

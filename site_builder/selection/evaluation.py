"""The evaluation: who qualified (derived, never typed) and whether it covers exactly whom and what it must.

evaluation.yaml gives, for every on-time applicant, a `pass` or `fail` on each of the opportunity's evaluation
criteria (numbered from 1 in the opportunity's order), each with a reason in both languages. An applicant
qualifies when every result is `pass`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# Who must be evaluated is counted where an application is defined; re-exported for the selection's callers.
from site_builder.archive.applications import on_time_applicants as on_time_applicants
from site_builder.model import Document, Problem


def qualified(evaluation: dict[str, Any]) -> list[str]:
    """The logins that passed every criterion, in the file's order."""
    return [
        applicant["login"]
        for applicant in evaluation["applicants"]
        if all(result["result"] == "pass" for result in applicant["criteria"])
    ]


def check_evaluation(
    document: Document,
    opportunity: str,
    on_time: Iterable[str],
    criteria_count: int,
    unreadable: Iterable[str] = (),
) -> list[Problem]:
    """Problems with an evaluation that passed its schema: another opportunity, an applicant missing, repeated
    or not on time, a criterion missing, repeated or unknown, a `pass` for an applicant whose sealed application
    could not be opened (`unreadable`: `archive.sealed.unreadable_applicants`). Sorted by position."""
    data = document.data
    problems = []
    if data["opportunity"] != opportunity:
        problems.append(document.problem(("opportunity",), f"`opportunity` must be {opportunity}, the folder's"))
    expected = {login.lower(): login for login in on_time}
    closed = {login.lower() for login in unreadable}
    seen: dict[str, int] = {}
    for index, applicant in enumerate(data["applicants"]):
        login = applicant["login"]
        where = ("applicants", index, "login")
        if login.lower() in seen:
            first = document.position(("applicants", seen[login.lower()], "login"))[0]
            problems.append(document.problem(where, f"{login} is evaluated twice (first on line {first}): keep one"))
            continue
        seen[login.lower()] = index
        if login.lower() not in expected:
            problems.append(
                document.problem(where, f"{login} has no on-time application: evaluate only on-time applicants")
            )
        problems += _check_criteria(document, index, criteria_count)
        if login.lower() in closed:
            problems += _check_unreadable(document, index)
    missing = [login for key, login in expected.items() if key not in seen]
    if missing:
        problems.append(
            document.problem(
                ("applicants",),
                f"misses the on-time applicant(s) {', '.join(missing)}: evaluate every one of them",
                key=True,
            )
        )
    return sorted(problems)


def _check_unreadable(document: Document, index: int) -> list[Problem]:
    """An applicant whose only on-time application is sealed and was not opened meets no criterion: nobody, the
    buyer included, can read what they sent (bids.yaml's `sealed.problem` says why)."""
    applicant = document.data["applicants"][index]
    return [
        document.problem(
            ("applicants", index, "criteria", position, "result"),
            f"{applicant['login']}'s sealed application could not be opened (bids.yaml, `sealed.problem`): nobody can "
            "read it, so it meets no criterion: write `fail`, with that reason",
        )
        for position, result in enumerate(applicant["criteria"])
        if result["result"] == "pass"
    ]


def _check_criteria(document: Document, index: int, count: int) -> list[Problem]:
    applicant = document.data["applicants"][index]
    problems = []
    given: set[int] = set()
    for position, result in enumerate(applicant["criteria"]):
        number = result["criterion"]
        where = ("applicants", index, "criteria", position, "criterion")
        if number > count:
            problems.append(
                document.problem(where, f"criterion {number} does not exist: the opportunity has {count} criteria")
            )
        elif number in given:
            problems.append(document.problem(where, f"criterion {number} is given twice for {applicant['login']}"))
        given.add(number)
    missing = [str(number) for number in range(1, count + 1) if number not in given]
    if missing:
        problems.append(
            document.problem(
                ("applicants", index, "criteria"),
                f"{applicant['login']} has no result for criterion {', '.join(missing)}: "
                f"give pass or fail on each of the opportunity's {count} criteria",
                key=True,
            )
        )
    return problems

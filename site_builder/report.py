"""One table of reporters: problems -> text for people, workflow annotations for GitHub, or JSON.

Errors make a marketplace invalid; warnings (from the opportunity linter) are advice shown beside them.
A report holding only errors reads exactly as it did before warnings existed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Protocol

from site_builder.model import Problem

ALL_VALID = "All marketplace files are valid."


def all_valid(given: Sequence[str] = (), noun: str = "paths") -> str:
    """What a report without problems says was checked: the whole marketplace, the one path given, or the
    number of `noun` (paths, folders, files) given."""
    if not given:
        return ALL_VALID
    if len(given) == 1:
        return f"{given[0]} is valid."
    return f"The {len(given)} {noun} given are valid."


def as_text(problems: Sequence[Problem], *, checked: str = ALL_VALID) -> str:
    """Each problem's `file:line:col: message` and a count; without problems, `checked` (`all_valid`)."""
    if not problems:
        return checked + "\n"
    lines = [problem.format() for problem in problems]
    lines.append(_summary(problems))
    return "\n".join(lines) + "\n"


def as_text_with_fixes(problems: Sequence[Problem], *, checked: str = ALL_VALID) -> str:
    """The text report with each problem's one-line fix under it: what `devex lint` shows a buyer."""
    if not problems:
        return as_text(problems, checked=checked)
    lines = []
    for problem in problems:
        lines.append(problem.format())
        if problem.fix:
            lines.append(f"    fix: {problem.fix}")
    lines.append(_summary(problems))
    return "\n".join(lines) + "\n"


def _summary(problems: Sequence[Problem]) -> str:
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    if not errors:
        files = len({p.file for p in warnings})
        return f"{len(warnings)} warning(s) in {files} file(s); no errors."
    line = f"{len(errors)} problem(s) in {len({p.file for p in errors})} file(s)."
    if warnings:
        line = f"{line[:-1]}, and {len(warnings)} warning(s)."
    return line


def as_github(problems: Sequence[Problem], *, checked: str = ALL_VALID) -> str:
    """GitHub workflow commands, so each problem shows on its line of the pull request's diff, then the text
    report's last line."""
    title = _property("devex validate")
    lines = [
        f"::{p.severity} file={_property(p.file)},line={p.line},col={p.col},title={title}::{_data(_annotation(p))}"
        for p in problems
    ]
    return "\n".join([*lines, as_text(problems, checked=checked).rstrip("\n").splitlines()[-1]]) + "\n"


def _annotation(problem: Problem) -> str:
    return f"{problem.message} (fix: {problem.fix})" if problem.fix else problem.message


def as_json(problems: Sequence[Problem], *, checked: str = ALL_VALID) -> str:
    """`problems` holds the errors; `warnings`, present only when there are some, the linter's advice. The
    shape is a contract: `valid` says it all, so `checked` (what the text formats name) is not written."""
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    report: dict[str, object] = {"valid": not errors, "problems": [_row(p) for p in errors]}
    if warnings:
        report["warnings"] = [_row(p) for p in warnings]
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _row(p: Problem) -> dict[str, object]:
    row: dict[str, object] = {
        "file": p.file,
        "line": p.line,
        "col": p.col,
        "path": p.path,
        "rule": p.rule,
        "message": p.message,
    }
    if p.fix:
        row["fix"] = p.fix
    return row


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class Reporter(Protocol):
    def __call__(self, problems: Sequence[Problem], *, checked: str = ALL_VALID) -> str: ...


REPORTERS: dict[str, Reporter] = {"text": as_text, "github": as_github, "json": as_json}

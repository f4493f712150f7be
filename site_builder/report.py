"""One table of reporters: problems -> text for people, workflow annotations for GitHub, or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from site_builder.model import Problem


def as_text(problems: Sequence[Problem]) -> str:
    if not problems:
        return "All marketplace files are valid.\n"
    lines = [problem.format() for problem in problems]
    files = len({problem.file for problem in problems})
    lines.append(f"{len(problems)} problem(s) in {files} file(s).")
    return "\n".join(lines) + "\n"


def as_github(problems: Sequence[Problem]) -> str:
    """GitHub workflow commands, so each problem shows on its line of the pull request's diff."""
    title = _property("devex validate")
    lines = [
        f"::error file={_property(p.file)},line={p.line},col={p.col},title={title}::{_data(p.message)}"
        for p in problems
    ]
    return "\n".join([*lines, as_text(problems).rstrip("\n").splitlines()[-1]]) + "\n"


def as_json(problems: Sequence[Problem]) -> str:
    rows = [
        {"file": p.file, "line": p.line, "col": p.col, "path": p.path, "rule": p.rule, "message": p.message}
        for p in problems
    ]
    return json.dumps({"valid": not problems, "problems": rows}, indent=2, ensure_ascii=False) + "\n"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


REPORTERS: dict[str, Callable[[Sequence[Problem]], str]] = {"text": as_text, "github": as_github, "json": as_json}

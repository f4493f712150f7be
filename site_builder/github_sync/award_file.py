"""The field automation adds to an award.yaml the buyer wrote: the supplier's `answer`. Only its lines are
added, so the buyer's comments and layout stay; the new text must read back as the old data plus exactly that
field, or the whole file is written again from its data (same data, the schema hint kept, comments lost)
rather than guessed at. Nothing is written here: the caller checks the folder with the new text
(`validate.check_draft`) and only then replaces the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from site_builder.award_draft import SCHEMA_HINT
from site_builder.dump import checked_yaml, dump_yaml
from site_builder.errors import RefusedWrite
from site_builder.load import load_bytes
from site_builder.model import Problem


def _data(path: Path | str, text: str) -> dict[str, Any]:
    loaded = load_bytes(text.encode("utf-8"), str(path))
    if isinstance(loaded, Problem):
        raise RefusedWrite(f"refusing to edit {path}: it is not valid YAML now ({loaded.format()})")
    return loaded.data


def _reads_as(path: Path | str, text: str, expected: dict[str, Any]) -> bool:
    loaded = load_bytes(text.encode("utf-8"), str(path))
    return not isinstance(loaded, Problem) and loaded.data == expected


def with_answer(path: Path | str, text: str, answer: dict[str, str]) -> str:
    """award.yaml's text with `answer` added at the end; RefusedWrite if it has one already."""
    data = _data(path, text)
    if "answer" in data:
        raise RefusedWrite(f"refusing to edit {path}: it records an answer already")
    expected = {**data, "answer": answer}
    added = text.rstrip("\n") + "\n" + dump_yaml({"answer": answer})
    return added if _reads_as(path, added, expected) else checked_yaml(path, expected, SCHEMA_HINT)

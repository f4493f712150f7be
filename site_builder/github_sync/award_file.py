"""The two fields automation adds to an award.yaml the buyer wrote: the supplier's `answer`, and the `link` of
the cure notice it posted. Only those lines are added, so the buyer's comments and layout stay; the new text
must read back as the old data plus exactly that field, or the whole file is written again from its data
(same data, the schema hint kept, comments lost) rather than guessed at. Nothing is written here: the caller
checks the folder with the new text (`validate.check_draft`) and only then replaces the file.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from site_builder.award_draft import SCHEMA_HINT
from site_builder.dump import checked_yaml, dump_yaml
from site_builder.errors import RefusedWrite
from site_builder.load import load_bytes
from site_builder.model import Problem

_CURE_NOTICE = re.compile(r"^cure_notice:[ \t]*(?:#[^\n]*)?$", re.MULTILINE)
_CHILD = re.compile(r"^([ \t]+)(?!#)\S", re.MULTILINE)


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


def with_cure_link(path: Path | str, text: str, link: str) -> str:
    """award.yaml's text with `link` added to the current contract's `cure_notice`; RefusedWrite if it has no
    cure notice or one with a link already."""
    data = _data(path, text)
    notice = data.get("cure_notice")
    if not isinstance(notice, dict) or "link" in notice:
        raise RefusedWrite(f"refusing to edit {path}: no cure notice without a link to record")
    expected = copy.deepcopy(data)
    expected["cure_notice"]["link"] = link
    found = _CURE_NOTICE.search(text)
    child = _CHILD.search(text, found.end()) if found else None
    if found and child:
        line = f"\n{child.group(1)}link: {json.dumps(link)}"
        added = text[: found.end()] + line + text[found.end() :]
        if _reads_as(path, added, expected):
            return added
    return checked_yaml(path, expected, SCHEMA_HINT)

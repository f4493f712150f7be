"""Walks over an opportunity's written text: every string, and every `{en, fr}` pair, with its JSON path."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from site_builder.model import Document, JSONPath, Opportunity, format_path

LANGUAGES = ("en", "fr")


def documents(opp: Opportunity) -> list[Document]:
    """The files a buyer writes: opportunity.yaml and award.yaml (bids.yaml is written by automation)."""
    return [doc for doc in (opp.document, opp.award_document) if doc is not None]


def strings(data: Any, keep: Callable[[str], bool] | None = None) -> list[tuple[JSONPath, str]]:
    """Every string value in `data` (or only those `keep` accepts), depth first in file order, with its path.

    This runs on every file of every build: a recursive walk that fills one list (the loader bounds the depth
    of the data), which builds the path of a string only when it is kept."""
    found: list[tuple[JSONPath, str]] = []
    if isinstance(data, str):
        if keep is None or keep(data):
            found.append(((), data))
    else:
        _strings(data, (), keep, found)
    return found


def _strings(value: Any, path: JSONPath, keep: Callable[[str], bool] | None, found: list[tuple[JSONPath, str]]) -> None:
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(item, str):
            if keep is None or keep(item):
                found.append(((*path, key), item))
        elif isinstance(item, dict | list):
            _strings(item, (*path, key), keep, found)


def pairs(data: Any) -> list[tuple[JSONPath, Any, Any]]:
    """Every bilingual value (`{en: ..., fr: ...}`, texts or lists) in `data`, with its path, in file order."""
    found: list[tuple[JSONPath, Any, Any]] = []
    _pairs(data, (), found)
    return found


_LANGUAGE_KEYS = frozenset(LANGUAGES)


def _pairs(value: Any, path: JSONPath, found: list[tuple[JSONPath, Any, Any]]) -> None:
    if isinstance(value, dict):
        if value.keys() == _LANGUAGE_KEYS:
            found.append((path, value["en"], value["fr"]))
            return
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        if isinstance(item, dict | list):
            _pairs(item, (*path, key), found)


def field_name(path: JSONPath) -> str:
    """`('acceptance_criteria', 'en', 0)` -> `acceptance_criteria.en[0]`, as a buyer finds it in the file."""
    return f"`{format_path(path)}`"


def normalized(text: str) -> str:
    """Case and spacing set aside, so a copy that differs only in a capital or a line break still counts."""
    return " ".join(text.split()).casefold()


def position_in(doc: Document, path: JSONPath, text: str, offset: int) -> tuple[int, int]:
    """The mark's own line: a value read from a block (`|`, its text ends with a line break) starts on the line
    after its indicator, one line per line of text (exact for a literal block), indented two columns past its
    key; any other value is reported where it starts."""
    line, col = doc.position(path)
    before = text[:offset]
    if not text.endswith("\n"):
        return line, col
    _, key_col = doc.position(path, key=True)
    last = before.rsplit("\n", 1)[-1]
    return line + 1 + before.count("\n"), key_col + 2 + len(last)

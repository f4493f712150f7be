"""Walks over an opportunity's written text: every string, and every `{en, fr}` pair, with its JSON path."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from site_builder.model import Document, JSONPath, Opportunity, format_path

LANGUAGES = ("en", "fr")


def documents(opp: Opportunity) -> list[Document]:
    """The files a buyer writes: opportunity.yaml and award.yaml (bids.yaml is written by automation)."""
    return [doc for doc in (opp.document, opp.award_document) if doc is not None]


def strings(data: Any) -> Iterator[tuple[JSONPath, str]]:
    """Every string value in `data`, depth first in file order, with its path (a loop, not recursion: this
    runs on every file of every build)."""
    stack: list[tuple[JSONPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        else:
            stack.extend(reversed(_children(path, value)))


def pairs(data: Any) -> Iterator[tuple[JSONPath, Any, Any]]:
    """Every bilingual value (`{en: ..., fr: ...}`, texts or lists) in `data`, with its path."""
    stack: list[tuple[JSONPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict) and value.keys() == _LANGUAGE_KEYS:
            yield path, value["en"], value["fr"]
        elif not isinstance(value, str):
            stack.extend(reversed(_children(path, value)))


_LANGUAGE_KEYS = frozenset(LANGUAGES)


def _children(path: JSONPath, value: Any) -> list[tuple[JSONPath, Any]]:
    if isinstance(value, dict):
        return [((*path, key), child) for key, child in value.items()]
    if isinstance(value, list):
        return [((*path, index), child) for index, child in enumerate(value)]
    return []


def field_name(path: JSONPath) -> str:
    """`('acceptance_criteria', 'en', 0)` -> `acceptance_criteria.en[0]`, as a buyer finds it in the file."""
    return f"`{format_path(path)}`"


def normalized(text: str) -> str:
    """Case and spacing set aside, so a copy that differs only in a capital or a line break still counts."""
    return " ".join(text.split()).casefold()

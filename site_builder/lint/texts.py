"""Walks over an opportunity's written text: every string, and every `{en, fr}` pair, with its JSON path."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from site_builder.model import Document, JSONPath, Opportunity, format_path

LANGUAGES = ("en", "fr")


def documents(opp: Opportunity) -> list[Document]:
    """The files a buyer writes: opportunity.yaml and award.yaml (bids.yaml is written by automation)."""
    return [doc for doc in (opp.document, opp.award_document) if doc is not None]


def strings(data: Any, path: JSONPath = ()) -> Iterator[tuple[JSONPath, str]]:
    """Every string value in `data`, depth first, with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*path, index))


def pairs(data: Any, path: JSONPath = ()) -> Iterator[tuple[JSONPath, Any, Any]]:
    """Every bilingual value (`{en: ..., fr: ...}`, texts or lists) in `data`, with its path."""
    if isinstance(data, dict):
        if set(data) == set(LANGUAGES):
            yield path, data["en"], data["fr"]
            return
        for key, value in data.items():
            yield from pairs(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from pairs(value, (*path, index))


def field_name(path: JSONPath) -> str:
    """`('acceptance_criteria', 'en', 0)` -> `acceptance_criteria.en[0]`, as a buyer finds it in the file."""
    return f"`{format_path(path)}`"


def normalized(text: str) -> str:
    """Case and spacing set aside, so a copy that differs only in a capital or a line break still counts."""
    return " ".join(text.split()).casefold()

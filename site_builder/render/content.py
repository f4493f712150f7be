"""Content in one language: `{en, fr}` texts picked strictly. A text missing in the language being built
stops the build with its file and line, because English and French must be published together."""

from __future__ import annotations

import re
from typing import Any

from site_builder.errors import InvalidMarketplace
from site_builder.model import Document, JSONPath, format_path

LANGUAGE_NAMES = {"en": "English", "fr": "français"}
CONTROL_CHARACTERS = r"\x00-\x08\x0b-\x1f\x7f"  # C0 controls but tab and line feed, and DEL
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")


def clean(text: str) -> str:
    """Control characters have no place on a page (and could forge Markdown's internal placeholders)."""
    return _CONTROL.sub("", text)


def text_in(document: Document, path: JSONPath, lang: str) -> str:
    """The `lang` side of the `{en, fr}` text at `path`, or InvalidMarketplace naming its file and line."""
    value: Any = document.data
    for part in path:
        value = value[part]
    if not isinstance(value, dict) or not isinstance(value.get(lang), str) or not value[lang].strip():
        raise InvalidMarketplace([_missing(document, path, lang)])
    return clean(value[lang])


def items_in(document: Document, path: JSONPath, lang: str) -> list[str]:
    """The `lang` list of a bilingual list, every item translated."""
    value: Any = document.data
    for part in path:
        value = value[part]
    items = value.get(lang) if isinstance(value, dict) else None
    if not isinstance(items, list) or not items or any(not isinstance(i, str) or not i.strip() for i in items):
        raise InvalidMarketplace([_missing(document, path, lang)])
    return [clean(item) for item in items]


def _missing(document: Document, path: JSONPath, lang: str):
    language = LANGUAGE_NAMES[lang]
    return document.problem(
        (*path, lang),
        f"`{format_path(path)}` has no {language} text: every published text needs English and French "
        "before the site can be built",
        rule="translation",
    )

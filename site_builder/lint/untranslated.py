"""Error: a French text that is a copy of the English one (or the reverse): both languages must be written.

English and French are published together; a copy means one language gets no text at all. Texts of fewer
than three words (names, acronyms, version numbers) may rightly be the same in both languages.
"""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.lint import wording
from site_builder.lint.texts import documents, field_name, normalized, pairs
from site_builder.model import ERROR, JSONPath, Opportunity, Problem, Settings

RULE = "untranslated"
SEVERITY = ERROR
FIX = "write the text in the other language (or ask for a translation) instead of copying it"


def check(opp: Opportunity, settings: Settings) -> Iterator[Problem]:
    for doc in documents(opp):
        for path, en, fr in pairs(doc.data):
            for item_path, en_text, fr_text in _items(path, en, fr):
                if _is_copy(en_text, fr_text):
                    french, english = _in(item_path, "fr"), _in(item_path, "en")
                    message = f"{field_name(french)} is a copy of {field_name(english)}: both languages must be written"
                    yield doc.problem(french, message, rule=RULE, severity=SEVERITY, fix=FIX)


def _items(path: JSONPath, en: object, fr: object) -> Iterator[tuple[JSONPath, str, str]]:
    """A text as one item; a list item by item, as `(path, index)` for the message."""
    if isinstance(en, str) and isinstance(fr, str):
        yield path, en, fr
    elif isinstance(en, list) and isinstance(fr, list):
        for index, (en_item, fr_item) in enumerate(zip(en, fr, strict=False)):
            yield (*path, index), en_item, fr_item


def _in(item_path: JSONPath, lang: str) -> JSONPath:
    """Where one language's text sits: `(field, lang)` for a text, `(field, lang, index)` for a list item."""
    if item_path and isinstance(item_path[-1], int):
        return (*item_path[:-1], lang, item_path[-1])
    return (*item_path, lang)


def _is_copy(en: str, fr: str) -> bool:
    if en.lstrip()[:1].casefold()[:1] != fr.lstrip()[:1].casefold()[:1]:
        return False  # the first letters of the normalized texts differ: most pairs end here, cheaply
    return normalized(en) == normalized(fr) and len(wording.words(en)) >= wording.MIN_WORDS_TO_TRANSLATE

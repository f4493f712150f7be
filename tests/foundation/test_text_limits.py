"""The quick test of text_limits (`within_bounds`) never passes over a text that breaks a bound, and the
document check finds what checking every text in full finds, in the same order."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder import text_limits
from site_builder.model import Document, JSONPath

# Characters that make Markdown containers, markers and line breaks of every kind, so the examples reach
# the bounds and the quick test's edge cases (a line cut by \r, \x85 or \u2028, openers after tabs).
_ALPHABET = st.sampled_from([*"> -+*1.)9 \t\n\rab<!-devEX", "\x85", "\u2028", "\x0b", "\x1c", "<!--", "devex"])
_PIECES = st.lists(_ALPHABET, max_size=12).map("".join)
_TEXTS = st.one_of(
    st.lists(_ALPHABET, max_size=40).map("".join),
    st.builds(
        lambda before, unit, count, after: before + unit * count + after,
        _PIECES,
        st.sampled_from(["> ", ">", "- ", "  - ", "1. x\n", "- a\n", "x", "\t* "]),
        st.integers(0, 2100),
        _PIECES,
    ),
)
_PATHS = st.sampled_from([("description", "en"), ("title", "fr"), ("addenda", 0, "text", "en"), ("contact",)])


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, path=_PATHS)
def test_a_text_within_bounds_has_no_problem(text: str, path: JSONPath) -> None:
    if text_limits.within_bounds(text):
        assert text_limits.text_problems(path, text) == []


def _every_text(value: Any, path: JSONPath) -> list[tuple[JSONPath, str]]:
    """The straightforward walk: every text with its path, depth first in file order."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _every_text(item, (*path, key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _every_text(item, (*path, index))]
    return []


_DATA = st.recursive(
    st.one_of(_TEXTS, st.integers(), st.none(), st.booleans()),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(["description", "en", "fr", "addenda", "text", "title"]), children, max_size=4),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(st.sampled_from(["description", "addenda", "title", "teaser"]), _DATA, max_size=4))
def test_the_document_check_finds_what_checking_every_text_finds(data: dict[str, Any]) -> None:
    document = Document("opportunities/x/x-1/opportunity.yaml", data)
    expected = [
        document.problem(path, message, rule="text")
        for path, text in _every_text(data, ())
        for message in text_limits.text_problems(path, text)
    ]
    assert text_limits.check_document(document) == expected

"""Bounds on the text buyers write, so no merged file can stall the build or speak for the automation.

- Marker-like text (`<!-- devex:`) is refused in every field: the automation recognises its own posts by
  such markers (github_sync/markers.py), and every field may be copied to GitHub.
- Markdown structure is bounded: container nesting (blockquotes and lists) at most MAX_DEPTH levels and
  MAX_LIST_ITEMS list items per text. Deep nesting made cmark's output, nh3 and Material's search indexer
  quadratic: `"Intro.\\n\\n" + ">" * 16000` took 244 s to build. Within these bounds the cost per character
  is flat (bench/hostile_text.py, figures in docs/dev/benchmarks.md).
- Size per text: MAX_MARKDOWN_CHARS for the long Markdown fields, MAX_TEXT_CHARS for every other.

Pure: a document in, problems with the field's line and column out (the text's own line in the message).
Every text of every file is checked on every validation, so a text that cannot break any bound (short, no
`<!--`, no line starting with a container opener) is passed over after a few scans in C; only the others
are measured, and only their paths are built.
"""

from __future__ import annotations

import re
from typing import Any

from site_builder.model import Document, JSONPath, Opportunity, Problem

MAX_DEPTH = 8
MAX_LIST_ITEMS = 200
MAX_MARKDOWN_CHARS = 20_000
MAX_TEXT_CHARS = 2_000
MARKDOWN_FIELDS = (("description",), ("addenda", "*", "text"), ("selection", "rationale"), ("terminated", "reason"))

MARKER_LIKE = re.compile(r"<!--\s*devex", re.IGNORECASE)
# One container opener at the start of a line: a blockquote `>`, or a list bullet or number with a space.
_OPENER = re.compile(r"[ ]{0,3}(?:>|(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t]|$))[ \t]?")
_ITEM = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)
# A line (as str.splitlines cuts them) that may open a container, as `_OPENER` reads its first one after the
# indentation: a text with no such line nests nothing and has no list item. Two patterns, the first line and
# the lines after a break, because each then starts with a literal or a character set that re scans for fast.
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_OPENS = rf"[ \t]*(?:>|(?:[-+*]|[0-9]{{1,9}}[.)])(?=[ \t{_BREAKS}]|$))"
_FIRST_LINE_OPENS = re.compile(_OPENS)
_LATER_LINE_OPENS = re.compile(f"[{_BREAKS}]{_OPENS}")
_MARKER_START = "<!--"


def check_opportunity(opp: Opportunity) -> list[Problem]:
    problems = check_document(opp.document)
    if opp.award_document is not None:
        problems += check_document(opp.award_document)
    return problems


def check_document(document: Document) -> list[Problem]:
    """Every bound broken by a text of `document`, in file order."""
    suspects: list[tuple[JSONPath, str]] = []
    _suspects(document.data, (), suspects)
    problems = []
    for path, text in suspects:
        for message in text_problems(path, text):
            problems.append(document.problem(path, message, rule="text"))
    return problems


def within_bounds(text: str) -> bool:
    """True when `text` surely breaks no bound: `text_problems` would find nothing (a quick test, no more)."""
    return (
        len(text) <= MAX_TEXT_CHARS
        and _MARKER_START not in text
        and _FIRST_LINE_OPENS.match(text) is None
        and _LATER_LINE_OPENS.search(text) is None
    )


def text_problems(path: JSONPath, text: str) -> list[str]:
    """What is wrong with one text at `path`, as messages (empty when it is within bounds)."""
    messages = []
    marker = MARKER_LIKE.search(text)
    if marker:
        messages.append(
            f"contains `{text[marker.start() : marker.end()]}` (line {_line_of(text, marker.start())} of the text): "
            "that is how the automation marks its own posts on GitHub, so no field may hold it; reword it"
        )
    limit = MAX_MARKDOWN_CHARS if _is_markdown(path) else MAX_TEXT_CHARS
    if len(text) > limit:
        messages.append(f"is {len(text):,} characters long: at most {limit:,}; shorten it or link to a document")
    depth, line = nesting(text)
    if depth > MAX_DEPTH:
        messages.append(
            f"nests blockquotes or lists {depth} levels deep (line {line} of the text): at most {MAX_DEPTH}"
        )
    items = len(_ITEM.findall(text))
    if items > MAX_LIST_ITEMS:
        messages.append(f"has {items} list items: at most {MAX_LIST_ITEMS}; group them or link to a document")
    return messages


def nesting(text: str) -> tuple[int, int]:
    """The deepest container nesting of any line (blockquote markers, list markers and list indentation),
    and the 1-based line where it occurs. An over-estimate at worst, in time linear in the text."""
    deepest, where = 0, 1
    for number, line in enumerate(text.splitlines(), start=1):
        depth = _line_depth(line.expandtabs(4))
        if depth > deepest:
            deepest, where = depth, number
    return deepest, where


def _line_depth(line: str) -> int:
    indent = len(line) - len(line.lstrip(" "))
    position, openers = indent, 0
    while True:
        found = _OPENER.match(line, position)
        if not found or found.end() == position:
            break
        openers += 1
        position = found.end()
    return openers + (indent // 2 if openers else 0)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _is_markdown(path: JSONPath) -> bool:
    names = tuple("*" if isinstance(part, int) else part for part in path if part not in ("en", "fr"))
    return names in MARKDOWN_FIELDS


def _suspects(value: Any, path: JSONPath, found: list[tuple[JSONPath, str]]) -> None:
    """The texts under `value` that may break a bound, with their paths, depth first in file order. Paths
    are built only for containers and suspects: most values are short texts that pass at once. (Recursion is
    bounded: the loader refuses data nested more than load.MAX_DEPTH levels.)"""
    if isinstance(value, str):
        if not within_bounds(value):
            found.append((path, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                if not within_bounds(item):
                    found.append(((*path, key), item))
            elif isinstance(item, dict | list):
                _suspects(item, (*path, key), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                if not within_bounds(item):
                    found.append(((*path, index), item))
            elif isinstance(item, dict | list):
                _suspects(item, (*path, index), found)

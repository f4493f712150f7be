"""Markdown building blocks of the pages written in Markdown (open data, statistics): safe text, tables, figures."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def text(value: str) -> str:
    """Text from the files shown verbatim: HTML characters escaped, Markdown syntax neutralised."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape(value, quote=False)).replace("\n", " ")


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool] = ()) -> str:
    """A Markdown table; `numeric` columns are right-aligned so figures line up. Cells are Markdown already:
    text from the files goes through `text` first, which escapes `|` too."""
    aligns = [("---:" if index < len(numeric) and numeric[index] else "---") for index in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(aligns) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def figure(svg: str) -> str:
    """An SVG chart as a raw HTML block: no blank line inside, so Markdown leaves it untouched."""
    return f'<figure class="devex-chart">\n{svg}\n</figure>'

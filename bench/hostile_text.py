"""How rendering cost grows with hostile Markdown: `python -m bench.hostile_text [max-chars]`.

The site's cost per description is cmark-gfm + nh3 (`render_markdown`) and Material's search indexer
(`material.plugins.search.plugin.Parser`) over the result. Deep nesting made both quadratic:
`"Intro.\\n\\n" + ">" * 16000` took 244 s to build. The validator now bounds nesting depth, list items and
size (site_builder/text_limits.py); this script times each pathological shape the validator still accepts,
at doubling sizes up to the field limit, and prints microseconds per character: flat figures mean linear.
Shapes beyond the limits are timed too (marked "refused"), to show what the limits prevent.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from material.plugins.search.plugin import Parser

from site_builder import text_limits
from site_builder.render.sanitize import render_markdown


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


SHAPES: dict[str, Callable[[int], str]] = {
    "blockquotes at the depth limit": lambda n: _repeat("> " * text_limits.MAX_DEPTH + "quoted\n", n),
    "lists at the depth limit": lambda n: _repeat(
        "".join("  " * level + "- item\n" for level in range(text_limits.MAX_DEPTH)), n
    ),
    "list items at the item limit": lambda n: (
        _repeat("- a\n", min(n, 4 * text_limits.MAX_LIST_ITEMS)) + "x" * max(0, n - 4 * text_limits.MAX_LIST_ITEMS)
    ),
    "emphasis and brackets": lambda n: _repeat("*_[`(<", n),
    "links": lambda n: _repeat("[a](https://example.org/a) ", n),
    "table cells": lambda n: "| a | b |\n|---|---|\n" + _repeat("| x | y |\n", n),
    "one long line": lambda n: "word " * (n // 5),
}
# What the limits refuse, timed at a tenth of the sizes: the cost per character grows with the size.
REFUSED: dict[str, Callable[[int], str]] = {
    "deep blockquote (refused)": lambda n: "Intro.\n\n" + ">" * n,
    "deep list (refused)": lambda n: "".join("  " * level + "- x\n" for level in range(n // 40)),
}


def cost(text: str) -> float:
    """Seconds to render `text` and index it for search, best of three."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        html = render_markdown(text)
        parser = Parser()
        parser.feed(f"<h1>t</h1>{html}")
        parser.close()
        best = min(best, time.perf_counter() - started)
    return best


def table(shapes: dict[str, Callable[[int], str]], sizes: list[int]) -> None:
    print(f"{'shape':<32}" + "".join(f"{size:>12}" for size in sizes) + "   (µs per character)", flush=True)
    for name, make in shapes.items():
        figures = []
        for size in sizes:
            text = make(size)
            figures.append(cost(text) / max(len(text), 1) * 1e6)
        print(f"{name:<32}" + "".join(f"{figure:>12.2f}" for figure in figures), flush=True)


def main(limit: int) -> None:
    table(SHAPES, [limit // 8, limit // 4, limit // 2, limit])
    table(REFUSED, [limit // 80, limit // 40, limit // 20, limit // 10])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else text_limits.MAX_MARKDOWN_CHARS)

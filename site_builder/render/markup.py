"""The few building blocks every generated page is made of: front matter, raw HTML blocks, links.

Text from the YAML only ever reaches a page escaped (or sanitized, for Markdown fields) inside a raw HTML
block that starts a line, so MkDocs' Markdown never interprets it: a title like `[x](javascript:...)` stays text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from site_builder.render.sanitize import escape


def front_matter(
    title: str, *, search: bool = True, hide: Iterable[str] = (), feed: tuple[str, str] | None = None
) -> str:
    """YAML front matter. The title is HTML-escaped because Material writes `page.meta.title` into the page
    as it is; JSON quoting makes it a valid YAML string whatever it holds. `feed` (href, title) becomes the
    page's `link rel="alternate"` to its Atom feed (overrides/main.html escapes it)."""
    lines = ["---", f"title: {json.dumps(escape(title), ensure_ascii=False)}"]
    if feed:
        href, feed_title = feed
        lines.append(f"devex_feed: {json.dumps({'href': href, 'title': feed_title}, ensure_ascii=False)}")
    if not search:
        lines.append("search:\n  exclude: true")
    hidden = list(hide)
    if hidden:
        lines.append("hide:\n" + "".join(f"  - {name}\n" for name in hidden).rstrip("\n"))
    return "\n".join([*lines, "---", ""])


def block(html: str) -> str:
    """A raw HTML block: alone on its lines, separated by blank lines, so Markdown leaves it whole."""
    return "\n" + html.strip("\n") + "\n\n"


def link(url: str, text: str, *, external: bool = False, attrs: str = "") -> str:
    rel = ' rel="nofollow noopener ugc"' if external else ""
    extra = f" {attrs}" if attrs else ""
    return f'<a href="{escape(url)}"{rel}{extra}>{escape(text)}</a>'


def heading(level: int, text: str, *, ident: str = "") -> str:
    anchor = f' id="{escape(ident)}"' if ident else ""
    return f"<h{level}{anchor}>{escape(text)}</h{level}>"

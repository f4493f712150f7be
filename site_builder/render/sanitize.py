"""Markdown written by many hands, made safe: render it as GitHub does (cmark-gfm, the C library behind
GitHub's own Markdown, in its safe mode), then keep only an allow-list of tags, attributes and URL schemes
(nh3, the Rust `ammonia` sanitizer). Every link gets rel="nofollow noopener ugc"; headings are shifted under
the page's own so the outline stays valid."""

from __future__ import annotations

import html
import re
from functools import cache

import cmarkgfm
import nh3

from site_builder.render.content import CONTROL_CHARACTERS, clean

TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "dl",
        "dt",
        "em",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
# No <img>: pictures from other hosts would track readers of a government site; link to them instead.
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"https", "http", "mailto"})
LINK_REL = "nofollow noopener ugc"


_HEADING = re.compile(r"<(/?)h([1-6])>")
HEADING_SHIFT = 2  # a description's `# Title` sits under the page's <h2> sections: it becomes <h3>


def _shift(match: re.Match[str]) -> str:
    return f"<{match.group(1)}h{min(6, int(match.group(2)) + HEADING_SHIFT)}>"


@cache
def _cleaner() -> nh3.Cleaner:
    # Relative URLs are denied: a description is shown on pages at several depths, so they could only break.
    return nh3.Cleaner(
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        url_relative="deny",
        link_rel=LINK_REL,
        strip_comments=True,
    )


def sanitize(fragment: str) -> str:
    """Keep only the allow-list: no script, style, iframe, form, event handler or dangerous URL survives."""
    return _cleaner().clean(fragment)


def render_markdown(text: str) -> str:
    """A description (or addendum, or criterion) as safe HTML."""
    rendered = cmarkgfm.github_flavored_markdown_to_html(clean(text))
    return sanitize(_HEADING.sub(_shift, rendered))


def render_inline(text: str) -> str:
    """One line of Markdown (a checklist item) as safe inline HTML, without its paragraph."""
    rendered = render_markdown(text).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


# What `escape` changes: HTML's special characters and the control characters `clean` removes.
_NEEDS_ESCAPING = re.compile(f"[{CONTROL_CHARACTERS}&<>\"']")


def escape(text: str) -> str:
    """Plain text for an HTML element or attribute, without control characters. Most texts (labels, names,
    dates) have nothing to change: one scan tells, and they are returned as they are."""
    if _NEEDS_ESCAPING.search(text) is None:
        return text
    return html.escape(clean(text), quote=True)

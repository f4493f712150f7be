"""Parts of Material's page chrome rendered once and reused on every page where they come out the same.

The sidebar navigation is the same, byte for byte, on every page of one language that the navigation does not
list and that sits in the same folder: the thousand opportunity pages of a language share one folder, their
links to the listed pages are the same relative paths, and none of them is the active entry. The `__config`
script and the script tags depend only on the language and the page's depth (`base_url`). Rendering each of
them once per folder or depth, instead of once per page, saves a tenth of the site's build time at 1,000
opportunities (docs/dev/site.md, "Build time"); tests/site/test_shared_chrome.py checks the reused HTML
against a fresh rendering of every page.

The templates ask for a part with `{% call devex_shared("nav", "folder") %}...{% endcall %}`: the body is the
template's own markup, rendered the first time only; anything it cannot prove shared is rendered every time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from site_builder import paths

SCOPES = ("folder", "depth")


class SharedChrome:
    """The parts rendered in one build, by name and scope. `listed` holds each language's navigation URLs."""

    def __init__(self) -> None:
        self.made: dict[tuple[str, ...], Any] = {}
        self.listed: dict[str, frozenset[str]] = {}

    def start(self, listed: dict[str, frozenset[str]]) -> None:
        """A new build: forget every part (the navigation or the theme may have changed)."""
        self.made = {}
        self.listed = listed

    def key(self, context: Context, name: str, scope: str) -> tuple[str, ...] | None:
        """Where the part `name` is the same as on other pages, or None when this page's must be its own."""
        if scope not in SCOPES:
            raise ValueError(f"devex_shared: scope must be one of {SCOPES}, not {scope!r}")
        page = context.get("page")
        file = getattr(page, "file", None)
        if file is None or page.url is None:
            return None  # a page without a source (404.html): rendered as Material does
        lang = paths.language_of(file.src_uri)
        listed = self.listed.get(lang)
        if listed is None:
            return None
        if scope == "depth":
            return (name, lang, str(context.get("base_url")))
        url = page.url
        if url in listed or any(entry.startswith(url) for entry in listed):
            return None  # listed (an active entry), or a listed page below it (its links differ from a sibling's)
        return (name, lang, url.rstrip("/").rpartition("/")[0])

    def helper(self) -> Callable[..., Any]:
        """The template global `devex_shared(name, scope)`, used with `{% call %}`."""

        @pass_context
        def devex_shared(context: Context, name: str, scope: str, caller: Callable[[], Any]) -> Any:
            key = self.key(context, name, scope)
            if key is None:
                return caller()
            if key not in self.made:
                self.made[key] = caller()
            return self.made[key]

        return devex_shared

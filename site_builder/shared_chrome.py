"""Parts of Material's page chrome rendered once and reused on every page where they come out the same.

The `__config` script and the script tags depend only on the page's language and depth (`base_url`).
Rendering each once per language and depth, instead of once per page, saves build time at 1,000
opportunities (docs/dev/site.md, "Build time"); tests/site/test_shared_chrome.py checks the reused HTML
against a fresh rendering of every page. (The header, menu and footer are the Government of Canada's, with a
breadcrumb trail and a date of their own on each page: site_builder/site/chrome.py renders them per page.)

The templates ask for a part with `{% call devex_shared("config") %}...{% endcall %}`: the body is the
template's own markup, rendered the first time only; a page it cannot place is rendered every time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from site_builder import paths


class SharedChrome:
    """The parts rendered in one build, by name, language and depth."""

    def __init__(self) -> None:
        self.made: dict[tuple[str, ...], Any] = {}

    def start(self) -> None:
        """A new build: forget every part (the theme or the configuration may have changed)."""
        self.made = {}

    def key(self, context: Context, name: str) -> tuple[str, ...] | None:
        """Where the part `name` is the same as on other pages, or None when this page's must be its own."""
        page = context.get("page")
        file = getattr(page, "file", None)
        if file is None or page.url is None:
            return None  # a page without a source (404.html): rendered as Material does
        return (name, paths.language_of(file.src_uri), str(context.get("base_url")))

    def helper(self) -> Callable[..., Any]:
        """The template global `devex_shared(name)`, used with `{% call %}`."""

        @pass_context
        def devex_shared(context: Context, name: str, caller: Callable[[], Any]) -> Any:
            key = self.key(context, name)
            if key is None:
                return caller()
            if key not in self.made:
                self.made[key] = caller()
            return self.made[key]

        return devex_shared

"""The Government of Canada's mandatory page elements, as values for the templates (overrides/partials/gc-*.html):
the signature linking to Canada.ca, the language toggle, the site's menu, the breadcrumb trail, "Date modified",
the footer's links and the Canada wordmark. Everything is rendered into the HTML, so a page without JavaScript
has all of it; the templates only print what this module decides (tests/site/test_gc_chrome.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkDocsPage

from site_builder import paths
from site_builder.i18n import LANGUAGES, t
from site_builder.model import Marketplace
from site_builder.pages import Page
from site_builder.site.modified import Modified

GCDS = "assets/gcds"
CANADA_CA = {"en": "https://www.canada.ca/en.html", "fr": "https://www.canada.ca/fr.html"}
GC_TERMS = {
    "en": "https://www.canada.ca/en/transparency/terms.html",
    "fr": "https://www.canada.ca/fr/transparence/avis.html",
}
GC_PRIVACY = {
    "en": "https://www.canada.ca/en/transparency/privacy.html",
    "fr": "https://www.canada.ca/fr/transparence/confidentialite.html",
}
SITE_PAGES = ("terms", "privacy", "contact")
"""The guides the footer links to (docs/guides/): the marketplace's terms, its privacy notice, how to reach us."""


def signature(lang: str) -> str:
    return f"{GCDS}/images/sig-blk-{lang}.svg"


def wordmark(lang: str) -> str:
    return f"{GCDS}/images/wmms-spl-{lang}.svg"


@dataclass
class Chrome:
    """One build's knowledge for the chrome: every page's title by URL (for breadcrumbs) and the data each
    generated page is made from (for its date modified)."""

    modified: Modified
    titles: dict[str, str] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    default_source: Path = Path()

    @classmethod
    def of(cls, marketplace: Marketplace, pages: Iterable[Page], modified: Modified) -> Chrome:
        root = marketplace.root
        chrome = cls(modified, default_source=root / "opportunities")
        for page in pages:
            chrome.titles[paths.url_of(page.src_uri)] = page.title
        for opp in marketplace.opportunities:
            for lang in LANGUAGES:
                chrome.sources[paths.opportunity(lang, opp.id)] = root / opp.folder
        for lang in LANGUAGES:
            chrome.sources[paths.guide(lang, paths.FILE_FORMAT_GUIDE)] = root / "schema"
        return chrome

    def learn_titles(self, nav: Navigation) -> None:
        """The hand-written pages' titles, known once MkDocs has read the navigation."""
        for page in nav.pages:
            if page.title:
                self.titles.setdefault(page.url, page.title)

    def source_of(self, page: MkDocsPage) -> Path:
        """The file or folder whose last commit dates the page."""
        src_uri = page.file.src_uri
        if src_uri in self.sources:
            return self.sources[src_uri]
        if page.file.abs_src_path and not page.file.generated_by:
            return Path(page.file.abs_src_path)
        return self.default_source

    def context(self, page: MkDocsPage, nav: Navigation, site_name: str) -> dict[str, Any]:
        """What overrides/partials/gc-header.html, gc-footer.html and main.html print for `page`."""
        src_uri = page.file.src_uri
        lang = paths.language_of(src_uri)
        up = paths.to_root(src_uri)
        return {
            **labels(lang, up),
            "home": paths.href(src_uri, paths.home(lang)),
            "site_name": site_name,
            "menu": menu(nav, page.url, up),
            "crumbs": crumbs(src_uri, page.url, site_name, self.titles),
            "modified": self.modified.of(self.source_of(page)),
            "site_links": [
                (t(f"gc.{name}", lang), paths.href(src_uri, paths.guide(lang, name))) for name in SITE_PAGES
            ],
        }

    def not_found_context(self, nav: Navigation, site_names: dict[str, str], base: str) -> dict[str, Any]:
        """The 404 page's, which answers for any missing address at any depth: links from the site's root path
        (`base`, MkDocs' `base_url` for it), English chrome, and both languages' texts."""
        up = base.rstrip("/") + "/"
        context = labels("en", up)
        halves = []
        for level, lang in enumerate(LANGUAGES, start=1):
            home = up + paths.url_of(paths.home(lang))
            halves.append(
                {
                    "lang": lang,
                    "level": level,
                    "title": t("gc.not_found_title", lang),
                    "code": t("gc.not_found_code", lang),
                    "text": t("gc.not_found_text", lang),
                    "home": home,
                    "home_label": t("gc.not_found_home", lang),
                    "search": home + "#devex-search-query",
                    "search_label": t("gc.not_found_search", lang),
                }
            )
        return {
            **context,
            "home": up,
            "site_name": site_names["en"],
            "menu": menu(nav, "404.html", up),
            "crumbs": [("Canada.ca", CANADA_CA["en"])],
            "modified": self.modified.of(self.default_source),
            "site_links": [(t(f"gc.{name}", "en"), up + paths.url_of(paths.guide("en", name))) for name in SITE_PAGES],
            "not_found": halves,
        }


def labels(lang: str, up: str) -> dict[str, Any]:
    """The chrome's fixed texts and files in `lang`, for a page `up` from the site's root."""
    return {
        "lang": lang,
        "canada": CANADA_CA[lang],
        "signature": up + signature(lang),
        "signature_alt": t("gc.signature", lang),
        "wordmark": up + wordmark(lang),
        "wordmark_alt": t("gc.wordmark", lang),
        "fonts": up + GCDS + "/fonts/",
        "skip": t("gc.skip", lang),
        "lang_heading": t("lang.heading", lang),
        "lang_short": t("lang.short", lang),
        "menu_label": t("gc.menu", lang),
        "crumbs_label": t("gc.breadcrumbs", lang),
        "modified_label": t("gc.modified", lang),
        "about": t("gc.about", lang),
        "gc_heading": t("gc.gc_heading", lang),
        "gc_links": [
            (t("gc.canada_ca", lang), CANADA_CA[lang]),
            (t("gc.gc_terms", lang), GC_TERMS[lang]),
            (t("gc.gc_privacy", lang), GC_PRIVACY[lang]),
        ],
    }


def menu(nav: Navigation, url: str, up: str) -> list[dict[str, Any]]:
    """The site's main menu: each top-level entry of the language's navigation (a section by its first page, the
    guides' index), marked current when the page is that entry or below it (an opportunity is below the home)."""
    items = []
    for entry in nav.items:
        target = entry.children[0] if isinstance(entry, Section) else entry
        if not isinstance(target, MkDocsPage) or target.url is None:
            continue
        base = target.url
        if base in ("", paths.FRENCH_PREFIX):
            here = url == base or url.startswith((base + "page/", base + "opportunities/"))
        else:
            here = url.startswith(base)
        current = "page" if url == base else ("true" if here else "")
        items.append({"label": entry.title, "href": (up + base) or "./", "current": current})
    return items


def crumbs(src_uri: str, url: str, site_name: str, titles: dict[str, str]) -> list[tuple[str, str]]:
    """The trail above the title, as the GC Design System's breadcrumbs: Canada.ca, the marketplace's home, then
    every folder above the page that is itself a page (`departments/`, `guides/`). Never the page itself."""
    lang = paths.language_of(src_uri)
    up = paths.to_root(src_uri)
    trail = [("Canada.ca", CANADA_CA[lang])]
    home = paths.url_of(paths.home(lang))
    if url == home:
        return trail
    trail.append((site_name, (up + home) or "./"))
    parts = url.strip("/").split("/")
    for depth in range(1, len(parts)):
        above = "/".join(parts[:depth]) + "/"
        if above != home and above in titles:
            trail.append((titles[above], up + above))
    return trail

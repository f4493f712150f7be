"""The site's navigation, one per language, bounded: it names the listings and guides, never an opportunity,
so every page's sidebar stays the same size however many opportunities there are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from site_builder import paths
from site_builder.i18n import t
from site_builder.pages import Page

GUIDES = (  # (label, guide name for paths.guide), the file format reference last
    ("nav.suppliers", "suppliers"),
    ("nav.buyers", "buyers"),
    ("nav.selection", paths.METHOD_GUIDE),
    ("nav.terms", "terms"),
    ("nav.follow", paths.FOLLOW_GUIDE),  # generated (render/follow.py): it lists every topic's feed
    ("nav.format", paths.FILE_FORMAT_GUIDE),  # generated (render/reference.py) from the schemas
    ("nav.privacy", "privacy"),
    ("nav.contact", "contact"),
)
GUIDES_INDEX = "index"
"""guides/index.md: the list of guides (render/guides_index.py), first in the section, where the menu leads."""


def top_level(src_uri: str) -> bool:
    """`statistics.md`, `fr/data/index.md`: a page right under the language's root."""
    english = paths.counterpart(src_uri) if paths.language_of(src_uri) == "fr" else src_uri
    parts = english.split("/")
    return len(parts) == 1 or (len(parts) == 2 and parts[1] == "index.md")


def navigation(lang: str, extra: Sequence[Page] = ()) -> list[dict[str, Any]]:
    """Entries in MkDocs' `nav` form: `{title: src_uri}` or `{section: [entries]}`. `extra` pages (statistics
    and open data, from the exporters) are listed when they are top-level pages of this language."""
    entries: list[dict[str, Any]] = [
        {t("nav.home", lang): paths.home(lang)},
        {t("nav.archive", lang): paths.listing(lang, "archive")},
        {t("nav.departments", lang): paths.listing(lang, "departments")},
        {t("nav.skills", lang): paths.listing(lang, "skills")},
    ]
    for page in sorted(extra, key=lambda p: p.src_uri):
        if page.lang == lang and page.src_uri.endswith(".md") and top_level(page.src_uri):
            entries.append({page.title: page.src_uri})
    guides = [{t("nav.guides", lang): paths.guide(lang, GUIDES_INDEX)}]
    guides += [{t(key, lang): paths.guide(lang, name)} for key, name in GUIDES]
    entries.append({t("nav.guides", lang): guides})
    return entries

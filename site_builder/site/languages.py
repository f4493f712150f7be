"""The site in its two languages: MkDocs is given one navigation holding a section per language, which is
split into a navigation per language; each page then shows its own language's navigation, configuration,
link to its counterpart and search labels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section

from site_builder import paths
from site_builder.i18n import LABELS, LANGUAGES, t
from site_builder.model import Settings
from site_builder.pages import Page
from site_builder.render import navigation
from site_builder.site.chrome import Chrome
from site_builder.site.theme import config_in

SEARCH_LABELS = tuple(key.removeprefix("search.") for key in LABELS if key.startswith("search."))
"""The search form's texts (overrides/partials/devex-search.html, assets/javascripts/search.js): every `search.`
label of i18n, so a new one needs no change here."""


def nav_config(about: Sequence[Page], files: Files) -> list[dict[str, Any]]:
    """The `nav` of mkdocs.yml: a section per language, its generated pages titled with their short labels."""
    entries = [{lang: navigation.navigation(lang, about)} for lang in LANGUAGES]
    _title_nav_pages(entries, files)
    return entries


def _title_nav_pages(entries: list[Any], files: Files) -> None:
    """Generated pages exist before the navigation is made, so MkDocs keeps their own (long) titles:
    give those in the navigation their short navigation label instead."""
    for entry in entries:
        for title, target in entry.items():
            if isinstance(target, list):
                _title_nav_pages(target, files)
            elif (file := files.get_file_from_path(target)) is not None and file.page is not None:
                file.page.title = title


def split(
    nav: Navigation, files: Files, config: Any, settings: Settings
) -> tuple[dict[str, Navigation], dict[str, Any]]:
    """Split the two-language navigation into one per language, each with the configuration its pages render with."""
    navs: dict[str, Navigation] = {}
    configs: dict[str, Any] = {}
    for section in nav.items:
        assert isinstance(section, Section)
        lang = section.title
        for child in section.children:
            child.parent = None
        pages = [page for page in nav.pages if paths.language_of(page.file.src_uri) == lang]
        navs[lang] = Navigation(section.children, pages)
        navs[lang].homepage = files.get_file_from_path(paths.home(lang)).page
        configs[lang] = config_in(config, lang, settings)
    return navs, configs


def page_context(context: Any, page: Any, navs: dict[str, Navigation], configs: dict[str, Any], chrome: Chrome) -> Any:
    """The template context of `page`, in its own language, with its Government of Canada header and footer."""
    src_uri = page.file.src_uri
    lang = paths.language_of(src_uri)
    other = "en" if lang == "fr" else "fr"
    context["nav"] = navs[lang]
    context["config"] = configs[lang]
    context["devex_alternate"] = {
        "href": paths.href(src_uri, paths.counterpart(src_uri)),
        "lang": other,
        "label": t("lang.switch", lang),
        "title": t("lang.switch_title", lang),
    }
    context["devex_search"] = search_labels(lang)
    context["devex_gc"] = chrome.context(page, navs[lang], configs[lang]["site_name"])
    return context


def not_found_context(context: Any, navs: dict[str, Navigation], configs: dict[str, Any], chrome: Chrome) -> Any:
    """The 404 page's context: both languages' texts, the English chrome and search."""
    names = {lang: configs[lang]["site_name"] for lang in configs}
    context["devex_search"] = search_labels("en")
    context["devex_alternate"] = None
    context["devex_gc"] = chrome.not_found_context(navs["en"], names, context["base_url"])
    return context


def search_labels(lang: str) -> dict[str, str]:
    return {key: LABELS[f"search.{key}"][lang] for key in SEARCH_LABELS}  # {count} stays

"""Everything the site shows, in both languages: pages and the filters' indexes, from the marketplace alone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from site_builder import collector
from site_builder.i18n import LANGUAGES
from site_builder.lifecycle.relaunch import NO_RELAUNCH, relaunches
from site_builder.model import Marketplace
from site_builder.pages import Asset, BuildContext, Page, SearchDocument
from site_builder.render import (
    data_page,
    filters,
    follow,
    guides_index,
    listings,
    opportunity,
    reference,
    search_page,
    statistics,
    views,
)
from site_builder.render.cards import Deck


def about_pages(marketplace: Marketplace, context: BuildContext) -> list[Page]:
    """The open-data and statistics pages, English then French: the top-level pages the navigation and the
    home page link to besides the listings."""
    with collector.paused():
        found = data_page.pages(marketplace, context) + statistics.pages(marketplace, context)
    return sorted(found, key=lambda page: (page.lang != "en", page.src_uri))


def site(
    marketplace: Marketplace,
    context: BuildContext,
    schemas: dict[str, dict[str, Any]],
    page_size: int = listings.PAGE_SIZE,
    more: Sequence[Page] | None = None,
) -> list[Page | Asset | SearchDocument]:
    """Every generated page and file, and every opportunity's search document; raises InvalidMarketplace if any
    text to show lacks a translation. `page_size` is the number of cards per page of every listing; `more` are
    the `about_pages` (made here unless the caller made them already for its navigation)."""
    settings = marketplace.settings
    relaunched = relaunches(marketplace)
    more = about_pages(marketplace, context) if more is None else more
    out: list[Page | Asset | SearchDocument] = list(more)
    for lang in LANGUAGES:
        deck = Deck.of(views.cards(marketplace, context.now, lang))
        out += listings.home(deck, lang, settings, page_size)
        out += listings.archive(deck, lang, page_size)
        out += listings.departments(deck, lang, settings, page_size)
        out += listings.skills(deck, lang, settings, page_size)
        for opp in marketplace.opportunities:
            out += opportunity.page_and_search(opp, settings, context.now, lang, relaunched.get(opp.id, NO_RELAUNCH))
        out.append(reference.page(schemas, lang))
        out.append(follow.page(settings, lang))
        out.append(guides_index.page(lang))
        out.append(search_page.page(lang))  # where the search form leads without JavaScript
        out.append(filters.index_asset(deck.cards, lang))
    return out

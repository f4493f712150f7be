"""Everything the site shows, in both languages: pages and the filters' indexes, from the marketplace alone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from site_builder.i18n import LANGUAGES
from site_builder.model import Marketplace
from site_builder.pages import Asset, BuildContext, Page
from site_builder.render import filters, listings, opportunity, reference, views
from site_builder.render.cards import Deck
from site_builder.render.navigation import top_level


def site(
    marketplace: Marketplace,
    context: BuildContext,
    schemas: dict[str, dict[str, Any]],
    page_size: int = listings.PAGE_SIZE,
    more: Sequence[Page] = (),
) -> list[Page | Asset]:
    """Every generated page and file; raises InvalidMarketplace if any text to show lacks a translation.
    `page_size` is the number of cards per page of every listing; `more` are pages made elsewhere (the
    statistics and open data pages) that the home page links to."""
    settings = marketplace.settings
    out: list[Page | Asset] = []
    for lang in LANGUAGES:
        deck = Deck.of(views.cards(marketplace, context.now, lang))
        linked = [page for page in more if page.lang == lang and top_level(page.src_uri)]
        out += listings.home(deck, lang, settings, page_size, linked)
        out += listings.archive(deck, lang, page_size)
        out += listings.departments(deck, lang, settings, page_size)
        out += listings.skills(deck, lang, settings, page_size)
        out += [opportunity.page(opp, settings, context.now, lang) for opp in marketplace.opportunities]
        out.append(reference.page(schemas, lang))
        out.append(filters.index_asset(deck.cards, lang))
    return out

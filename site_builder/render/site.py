"""Everything the site shows, in both languages: pages and the filters' indexes, from the marketplace alone."""

from __future__ import annotations

from typing import Any

from site_builder.i18n import LANGUAGES
from site_builder.model import Marketplace
from site_builder.pages import Asset, BuildContext, Page
from site_builder.render import filters, listings, opportunity, reference, views


def site(marketplace: Marketplace, context: BuildContext, schemas: dict[str, dict[str, Any]]) -> list[Page | Asset]:
    """Every generated page and file; raises InvalidMarketplace if any text to show lacks a translation."""
    settings = marketplace.settings
    out: list[Page | Asset] = []
    for lang in LANGUAGES:
        items = views.cards(marketplace, context.now, lang)
        out += listings.home(items, lang, settings)
        out += listings.archive(items, lang)
        out += listings.departments(items, lang, settings)
        out += listings.skills(items, lang, settings)
        out += [opportunity.page(opp, settings, context.now, lang) for opp in marketplace.opportunities]
        out.append(reference.page(schemas, lang))
        out.append(filters.index_asset(items, lang))
    return out

"""Page models: what a card or a listing shows of an opportunity, in one language, at the build's clock.
Plain values, no markup, so the same model feeds the HTML cards and the filters' JSON index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from site_builder import lifecycle, paths
from site_builder.clock import closing_time
from site_builder.i18n import t
from site_builder.locale import department_name, money, skill_name, zone_time
from site_builder.model import Marketplace, Opportunity, Settings
from site_builder.render.content import text_in


@dataclass(frozen=True)
class Card:
    """One opportunity as a listing shows it."""

    ident: str
    lang: str
    src_uri: str
    title: str
    teaser: str
    value: float
    value_text: str
    status: str
    status_label: str
    department: str
    department_name: str
    skills: tuple[tuple[str, str], ...]
    closing: datetime
    closes: str
    """When an open opportunity closes, in the marketplace's zone (render/countdown.py); empty otherwise."""


def card(opp: Opportunity, settings: Settings, now: datetime, lang: str) -> Card:
    status = lifecycle.effective_status(opp.data, now)
    closing = closing_time(opp.data)
    doc = opp.document
    return Card(
        ident=opp.id,
        lang=lang,
        src_uri=paths.opportunity(lang, opp.id),
        title=text_in(doc, ("title",), lang),
        teaser=text_in(doc, ("teaser",), lang),
        value=opp.data["value"],
        value_text=money(opp.data["value"], lang),
        status=status,
        status_label=t(f"status.{status}", lang),
        department=opp.department,
        department_name=department_name(settings, opp.department, lang),
        skills=tuple((code, skill_name(settings, code, lang)) for code in opp.data["skills"]),
        closing=closing,
        closes=zone_time(closing, settings.time_zone, lang) if status == "open" else "",
    )


def cards(marketplace: Marketplace, now: datetime, lang: str) -> list[Card]:
    """Every opportunity, open ones first closing soonest, then the rest most recently closed first."""
    made = [card(opp, marketplace.settings, now, lang) for opp in marketplace.opportunities]
    return sorted(made, key=_order)


def _order(item: Card) -> tuple:
    if item.status == "open":
        return (0, item.closing.timestamp(), item.ident)
    return (1, -item.closing.timestamp(), item.ident)

"""/opportunities.ics: every closing time as an iCalendar (RFC 5545) event, to subscribe to in a calendar.

Closing times are in the marketplace's zone with its VTIMEZONE (only the years the data spans, so the file
stays short and the same for the same data). UIDs are `<id>-closing@<site host>`; DTSTAMP is the date the
notice last changed (posting or latest addendum) and SEQUENCE counts the addenda, so a calendar updates an
event whose closing time moved; a cancelled opportunity's event says STATUS:CANCELLED.
"""

from __future__ import annotations

from datetime import UTC, date
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from site_builder.export.common import marketplace_name, opportunity_url, site_url
from site_builder.export.facts import last_notice
from site_builder.export.formats import money
from site_builder.lifecycle import closing_time
from site_builder.model import Marketplace, Opportunity
from site_builder.pages import Asset, BuildContext

PATH = "opportunities.ics"
PRODUCT = "-//GC Developers Exchange//Marketplace//EN"


def calendar(marketplace: Marketplace, context: BuildContext) -> Calendar:
    base = site_url(marketplace, context)
    zone = marketplace.settings.time_zone
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{marketplace_name(marketplace, 'en')} / {marketplace_name(marketplace, 'fr')}")
    cal.add("x-wr-timezone", zone)
    for opp in marketplace.opportunities:
        cal.add_component(_event(opp, base, zone))
    first, last = _years(marketplace)
    cal.add_missing_timezones(first_date=first, last_date=last)
    return cal


def _years(marketplace: Marketplace) -> tuple[date, date]:
    """The span of years the closing times fall in, for the VTIMEZONE's rules."""
    years = [closing_time(opp.data).year for opp in marketplace.opportunities] or [2026]
    return date(min(years), 1, 1), date(max(years) + 1, 1, 1)


def _event(opp: Opportunity, base: str, zone: str) -> Event:
    data = opp.data
    host = urlsplit(base).hostname or "gc-devex"
    event = Event()
    event.add("uid", f"{opp.id}-closing@{host}")
    event.add("dtstamp", last_notice(opp, zone).astimezone(UTC))
    event.add("sequence", len(data.get("addenda", [])))
    event.add("dtstart", closing_time(data).astimezone(ZoneInfo(zone)))
    event.add("summary", f"Closing / Clôture : {data['title']['en']} / {data['title']['fr']}")
    value = f"{money(data['value'], 'en')} / {money(data['value'], 'fr')}"
    urls = [opportunity_url(base, lang, opp.id) for lang in ("en", "fr")]
    event.add("description", f"{data['teaser']['en']}\n{data['teaser']['fr']}\n{value}\n{urls[0]}\n{urls[1]}")
    event.add("url", urls[0])
    event.add("categories", [opp.department])
    event.add("status", "CANCELLED" if opp.status == "cancelled" and opp.award is None else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def asset(marketplace: Marketplace, context: BuildContext) -> Asset:
    return Asset(PATH, calendar(marketplace, context).to_ical())

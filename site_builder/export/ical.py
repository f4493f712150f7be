"""/opportunities.ics: every closing time as an iCalendar (RFC 5545) event, to subscribe to in a calendar.

Closing times are in the marketplace's zone with its VTIMEZONE (only the years the data spans, so the file
stays short and the same for the same data). UIDs are `<id>-closing@<site host>`; DTSTAMP is the date the
notice last changed (posting, latest addendum or cancellation) and SEQUENCE counts those changes (the addenda,
plus one for a cancellation), so a calendar updates an event whose closing time moved or that was called off. A
cancelled opportunity's event gives the reason in both languages in its description, and says STATUS:CANCELLED
unless the opportunity was cancelled after an award (its closing did take place).

The calendar's own properties and the VTIMEZONE (the part with real rules: transitions computed from the
zone database) come from the icalendar library. The events, thousands of identical shapes, are written
as text by `ical_text` in the library's property order, escaping and folding: building an icalendar
object per property made the calendar the slowest export (the tests read the file back with icalendar).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone

from site_builder import paths
from site_builder.export.common import site_url
from site_builder.export.facts import ProcessFacts, process_facts
from site_builder.export.ical_text import CRLF, content_line, local_time, text, utc_time
from site_builder.locale import marketplace_name, money
from site_builder.model import Marketplace, Opportunity
from site_builder.pages import Asset, BuildContext
from site_builder.paths import opportunity_url

PRODUCT = "-//GC Developers Exchange//Marketplace//EN"


def header(marketplace: Marketplace, closings: list[date]) -> Calendar:
    """The calendar's properties and its VTIMEZONE, without events."""
    zone = marketplace.settings.time_zone
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    names = [marketplace_name(marketplace.settings, lang) for lang in ("en", "fr")]
    cal.add("x-wr-calname", " / ".join(names))
    cal.add("x-wr-timezone", zone)
    if closings:  # a VTIMEZONE only when an event refers to it
        first, last = _years(closings)
        cal.add_component(Timezone.from_tzid(zone, first_date=first, last_date=last))
    return cal


def _years(closings: list[date]) -> tuple[date, date]:
    """The span of years the closing times fall in, for the VTIMEZONE's rules."""
    years = [day.year for day in closings]
    return date(min(years), 1, 1), date(max(years) + 1, 1, 1)


def calendar_bytes(marketplace: Marketplace, facts: dict[str, ProcessFacts], base: str) -> bytes:
    zone = ZoneInfo(marketplace.settings.time_zone)
    host = urlsplit(base).hostname or "gc-devex"
    closings = [facts[opp.id].closing.astimezone(zone) for opp in marketplace.opportunities]
    calendar = header(marketplace, [moment.date() for moment in closings]).to_ical()
    end = b"END:VCALENDAR" + CRLF
    assert calendar.endswith(end)
    pairs = zip(marketplace.opportunities, closings, strict=True)
    events = [_event(opp, facts[opp.id], closing, base, host) for opp, closing in pairs]
    return b"".join([calendar[: -len(end)], *events, end])


def _event(opp: Opportunity, facts: ProcessFacts, closing: datetime, base: str, host: str) -> bytes:
    """One VEVENT, its properties in the order icalendar writes them (its canonical order, then alphabetical)."""
    data = opp.data
    value = f"{money(data['value'], 'en')} / {money(data['value'], 'fr')}"
    urls = [opportunity_url(base, lang, opp.id) for lang in ("en", "fr")]
    description = f"{data['teaser']['en']}\n{data['teaser']['fr']}\n{value}\n{urls[0]}\n{urls[1]}"
    cancellation = data.get("cancellation")
    if cancellation:
        reason = cancellation["reason"]
        description = f"Cancelled: {reason['en']}\nAnnulée : {reason['fr']}\n{description}"
    status = "CANCELLED" if opp.status == "cancelled" and opp.award is None else "CONFIRMED"
    lines = (
        b"BEGIN:VEVENT",
        content_line("SUMMARY:" + text(f"Closing / Clôture : {data['title']['en']} / {data['title']['fr']}")),
        content_line(f"DTSTART;TZID={closing.tzinfo}:{local_time(closing)}"),
        content_line(f"DTSTAMP:{utc_time(facts.last_notice.astimezone(UTC))}"),
        content_line("UID:" + text(f"{opp.id}-closing@{host}")),
        content_line(f"SEQUENCE:{len(data.get('addenda', [])) + bool(cancellation)}"),
        content_line("CATEGORIES:" + text(opp.department)),
        content_line("DESCRIPTION:" + text(description)),
        content_line(f"STATUS:{status}"),
        b"TRANSP:TRANSPARENT",
        content_line("URL:" + urls[0]),
        b"END:VEVENT",
        b"",
    )
    return CRLF.join(lines)


def asset(marketplace: Marketplace, context: BuildContext, facts: dict[str, ProcessFacts] | None = None) -> Asset:
    facts = facts if facts is not None else process_facts(marketplace)
    return Asset(paths.CALENDAR, calendar_bytes(marketplace, facts, site_url(marketplace, context)))

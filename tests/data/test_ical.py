"""/opportunities.ics: RFC 5545 text that icalendar reads back, with the America/Toronto VTIMEZONE, stable
UIDs and DTSTAMP taken from the data, never the clock."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar

from site_builder.clock import closing_time
from site_builder.export.facts import last_notice

PATH = "opportunities.ics"


def parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def test_every_closing_time_is_an_event_in_the_marketplaces_zone(every):
    calendar = parse(every.files[PATH])
    zone = every.marketplace.settings.time_zone
    timezones = [component for component in calendar.walk("VTIMEZONE")]
    assert [str(tz["TZID"]) for tz in timezones] == [zone]
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert len(events) == len(every.marketplace.opportunities)
    for opp in every.marketplace.opportunities:
        event = events[f"{opp.id}-closing@gc-devex.github.io"]
        start = event.decoded("DTSTART")
        assert start == closing_time(opp.data) and str(start.tzinfo) == zone
        assert event["DTSTART"].params["TZID"] == zone
        assert event.decoded("DTSTAMP") == last_notice(opp, zone)
        # every change of the notice counts: each addendum, and the cancellation
        assert int(event["SEQUENCE"]) == len(opp.data.get("addenda", [])) + ("cancellation" in opp.data)


def test_rfc5545_shape(every):
    content = every.files[PATH]
    lines = content.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert all(len(line) <= 75 for line in lines), "content lines are folded at 75 octets"
    calendar = parse(content)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]).startswith("-//")
    for event in calendar.walk("VEVENT"):
        assert event.decoded("DTSTAMP").utcoffset().total_seconds() == 0  # RFC 5545: DTSTAMP in UTC


def test_statuses_and_text(small):
    events = {str(event["UID"]).split("-closing")[0]: event for event in parse(small.files[PATH]).walk("VEVENT")}
    assert str(events["esdc-2026-004"]["STATUS"]) == "CANCELLED"
    assert str(events["tbs-2026-001"]["STATUS"]) == "CONFIRMED"
    moved = events["esdc-2027-001"]
    assert moved.decoded("DTSTAMP") == datetime.fromisoformat("2027-02-10T00:00:00-05:00")
    assert "Corriger le problème" in str(moved["SUMMARY"]) and "Fix issue" in str(moved["SUMMARY"])
    assert str(moved["URL"]) == "https://gc-devex.github.io/marketplace/opportunities/esdc-2027-001/"


def test_a_cancelled_opportunitys_event_gives_the_reason_in_both_languages(small):
    events = {str(event["UID"]).split("-closing")[0]: event for event in parse(small.files[PATH]).walk("VEVENT")}
    before_closing = events["esdc-2026-004"]
    description = str(before_closing["DESCRIPTION"])
    assert description.startswith(
        "Cancelled: The team fixed it while upgrading the toolkit.\n"
        "Annulée : L'équipe l'a corrigé en mettant à niveau l'outil.\n"
    )
    assert before_closing.decoded("DTSTAMP") == datetime.fromisoformat("2026-08-25T00:00:00-04:00")
    assert int(before_closing["SEQUENCE"]) == 2  # its addendum, then the cancellation
    after_award = events["ssc-2026-002"]  # the closing took place: the event stands, with the reason
    assert str(after_award["STATUS"]) == "CONFIRMED"
    assert str(after_award["DESCRIPTION"]).startswith("Cancelled: The contract was terminated;")
    assert "Cancelled" not in str(events["tbs-2026-001"]["DESCRIPTION"])


def test_the_time_zone_covers_the_years_of_the_data(small):
    timezone = parse(small.files[PATH]).walk("VTIMEZONE")[0]
    starts = [component.decoded("DTSTART").year for component in timezone.subcomponents]
    years = {closing_time(opp.data).year for opp in small.marketplace.opportunities}
    assert min(starts) <= min(years) and max(starts) >= max(years) - 1

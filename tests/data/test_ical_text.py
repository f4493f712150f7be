"""The events of /opportunities.ics are written as text (site_builder/export/ical_text.py), not through
icalendar's objects: they must be the bytes icalendar itself writes for the same property, for any text."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Event, vText
from icalendar.parser import Contentline

from site_builder.export.ical_text import content_line, local_time, text, utc_time

# Text that stresses the escapes and the folding: escapes, multi-byte characters, line breaks.
TRICKY = st.text(alphabet=st.sampled_from([*'ab ,;:\\^"\n\rN', "é", "\u202f", "€", "𝄞", "\u00a0"]))


@given(TRICKY)
def test_text_is_escaped_as_icalendar_escapes_it(value):
    assert text(value) == vText(value).to_ical().decode("utf-8")


@given(st.text(min_size=0, max_size=400), st.sampled_from(["SUMMARY:", "DESCRIPTION:", "X:"]))
def test_lines_are_folded_as_icalendar_folds_them(value, name):
    line = name + text(value)
    assert content_line(line) == Contentline(line).to_ical()


@given(TRICKY.map(lambda value: value * 9))
def test_long_lines_of_escapes_and_wide_characters_fold_the_same(value):
    line = "DESCRIPTION:" + text(value)
    folded = content_line(line)
    assert folded == Contentline(line).to_ical()
    assert all(len(physical) <= 75 for physical in folded.split(b"\r\n"))


def test_date_times_are_written_as_icalendar_writes_them():
    zone = ZoneInfo("America/Toronto")
    closing = datetime(2026, 12, 4, 14, 0, 0, 123456, tzinfo=zone)
    event = Event()
    event.add("dtstart", closing)
    event.add("dtstamp", datetime(2026, 11, 20, 5, tzinfo=UTC))
    written = event.to_ical().decode().split("\r\n")
    assert f"DTSTART;TZID=America/Toronto:{local_time(closing)}" in written
    assert f"DTSTAMP:{utc_time(datetime(2026, 11, 20, 5, tzinfo=UTC))}" in written

"""RFC 5545 content lines written as text: TEXT escaping, date-times, and folding at 75 octets.

The same rules, in the same order, as the icalendar library applies when it writes a property (so the
bytes match what it would write); kept here because writing thousands of events through its objects cost
more than every other export together. Lines are bytes: folding counts octets of UTF-8, not characters.
"""

from __future__ import annotations

from datetime import datetime

CRLF = b"\r\n"
FOLD = b"\r\n "
LINE_OCTETS = 74  # RFC 5545: at most 75 octets; like icalendar, fold before the 75th
ESCAPES_KEPT_WHOLE = b"\\^"  # never end a folded line on the first character of an escape


def text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as `\\n`."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def local_time(moment: datetime) -> str:
    """A DATE-TIME in its own zone's wall clock (written with a TZID parameter)."""
    return f"{moment.year:04}{moment.month:02}{moment.day:02}T{moment.hour:02}{moment.minute:02}{moment.second:02}"


def utc_time(moment: datetime) -> str:
    """A DATE-TIME in UTC (`...Z`); `moment` must already be in UTC."""
    return local_time(moment) + "Z"


def content_line(line: str) -> bytes:
    """The line in UTF-8, folded (CRLF and a space) so no physical line exceeds 75 octets."""
    octets = line.encode("utf-8")
    if len(octets) <= LINE_OCTETS:
        return octets
    return fold(octets)


def fold(octets: bytes) -> bytes:
    """Cut at most LINE_OCTETS octets at a time, never inside a UTF-8 character nor right after a backslash
    (so an escape such as `\\,` stays on one line)."""
    chunks, start, size = [], 0, len(octets)
    while size - start > LINE_OCTETS:
        end = start + LINE_OCTETS
        while octets[end] & 0xC0 == 0x80:  # a continuation byte: the character started earlier
            end -= 1
        if octets[end - 1] in ESCAPES_KEPT_WHOLE and end - 1 > start:
            end -= 1
        chunks.append(octets[start:end])
        start = end
    chunks.append(octets[start:])
    return FOLD.join(chunks)

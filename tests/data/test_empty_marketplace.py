"""A marketplace with no opportunity yet (a fresh repository) still publishes valid, empty files."""

from __future__ import annotations

import csv
import io
import json
import shutil

from icalendar import Calendar
from lxml import etree
from open_data_support import build
from test_feeds import rfc4287_problems

from site_builder.export.disclosure import COLUMNS


def test_empty_marketplace(repo_root, tmp_path):
    (tmp_path / "opportunities").mkdir()
    shutil.copyfile(repo_root / "opportunities" / "marketplace.yaml", tmp_path / "opportunities" / "marketplace.yaml")
    built = build(tmp_path)
    assert json.loads(built.files["data/opportunities.json"])["opportunities"] == []
    assert "data/ocds.json" not in built.files  # OCDS needs at least one release
    assert "ocds.json" not in built.pages["data.md"].markdown and "ocds.json" not in built.pages["fr/data.md"].markdown
    header = next(csv.reader(io.StringIO(built.files["data/proactive-disclosure.csv"][3:].decode())))
    assert header == list(COLUMNS)
    for path in ("feed.xml", "fr/feed.xml"):
        assert rfc4287_problems(built.files[path]) == []
        assert (
            etree.fromstring(built.files[path])
            .find("{http://www.w3.org/2005/Atom}updated")
            .text.startswith("2026-11-24")
        )
    assert Calendar.from_ical(built.files["opportunities.ics"]).walk("VEVENT") == []
    assert "<svg" in built.pages["statistics.md"].markdown and "—" in built.pages["statistics.md"].markdown

"""Every export of the small marketplace (tests/data/open_data_market.py) and the pages that present them,
compared with a golden file kept in tests/data/golden/, as ocdskit tests its commands: a change to any
output shows up here as a readable diff, to be reviewed like code. JSON is kept indented with sorted keys so
its diff is readable (test_determinism checks the published bytes are its canonical compact form); the
other files are kept byte for byte (the CSV's byte-order mark and CRLF lines included).

After a change meant to alter an output: `DEVEX_UPDATE_GOLDEN=1 pytest tests/data/test_golden.py`, then
read `git diff tests/data/golden/` before committing it."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
FILES = (
    "data/ocds.json",
    "data/opportunities.json",
    "data/proactive-disclosure.csv",
    "feed.xml",
    "fr/feed.xml",
    "opportunities.ics",
    "feeds/sitemap.xml",
    "fr/feeds/sitemap.xml",
    "feeds/all.xml",  # the main feed again, for the home page's link (export/feeds.py)
    "fr/feeds/all.xml",
    # one feed per skill and department and language (export/feeds.py): the fixture's own, as written once
    *sorted(path.name.replace("__", "/") for path in GOLDEN.glob("*feeds__*-*.xml")),
)
PAGES = ("data.md", "fr/data.md", "statistics.md", "fr/statistics.md")


def kept_form(name: str, content: bytes) -> bytes:
    """The form a golden file keeps: indented JSON, anything else as it is."""
    if not name.endswith(".json"):
        return content
    return (json.dumps(json.loads(content), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def compare(name: str, actual: bytes) -> None:
    golden = GOLDEN / name.replace("/", "__")
    if os.environ.get("DEVEX_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(actual)
    expected = golden.read_bytes()
    if actual == expected:
        return
    diff = difflib.unified_diff(
        expected.decode("utf-8").splitlines(keepends=True),
        actual.decode("utf-8").splitlines(keepends=True),
        f"golden/{golden.name}",
        f"{name} as built now",
    )
    shown = "".join(line if line.endswith("\n") else line + "\n" for line in diff)
    pytest.fail(f"{name} differs from its golden file:\n{shown[:6000]}", pytrace=False)


@pytest.mark.parametrize("name", FILES)
def test_each_export_matches_its_golden_file(small, name):
    compare(name, kept_form(name, small.files[name]))


@pytest.mark.parametrize("name", PAGES)
def test_each_data_page_matches_its_golden_file(small, name):
    compare(name, small.pages[name].markdown.encode("utf-8"))


def test_every_export_has_a_golden_file(small):
    """A new export gets a golden file too (the JSON Schemas are checked against schema/ in test_schemas)."""
    exported = {name for name in small.files if not name.startswith("schema/")}
    assert exported == set(FILES)

"""Every page and file address comes from site_builder/paths.py (issue 19): a page that links to a file takes the
address from there, not from the module that writes the file, so moving a file is a change to one module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from site_builder import paths

PACKAGE = Path(__file__).resolve().parents[2] / "site_builder"
# pages that need an export's behaviour, not only its address: whether OCDS is published, the licence, the facts
NEEDS_EXPORT = {"data_page.py", "figures.py"}


def imported(source: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (PACKAGE / "render").glob("*.py") if p.name not in NEEDS_EXPORT)
)
def test_render_takes_addresses_from_paths_not_from_the_exports(name):
    assert not {m for m in imported(PACKAGE / "render" / name) if m.startswith("site_builder.export")}


def test_no_github_address_is_spelled_outside_paths():
    modules = [*(PACKAGE / "render").glob("*.py"), *(PACKAGE / "export").glob("*.py")]
    modules.append(PACKAGE / "github_sync" / "messages.py")
    assert [m.name for m in modules if "https://github.com/" in m.read_text("utf-8")] == []


def test_the_addresses_are_those_published():
    """The files' and pages' addresses as the site has always published them (bookmarks and feed readers)."""
    assert [paths.feed(lang) for lang in ("en", "fr")] == ["feed.xml", "fr/feed.xml"]
    assert paths.feeds_sitemap("fr") == "fr/feeds/sitemap.xml"
    assert (paths.CALENDAR, paths.OCDS, paths.OPPORTUNITIES_JSON, paths.DISCLOSURE_CSV) == (
        "opportunities.ics",
        "data/ocds.json",
        "data/opportunities.json",
        "data/proactive-disclosure.csv",
    )
    assert paths.OPPORTUNITIES_SCHEMA == "schema/opportunities-data.schema.json"
    assert (paths.data_page("fr"), paths.statistics_page("en")) == ("fr/data.md", "statistics.md")
    assert paths.guide("fr", paths.METHOD_GUIDE) == "fr/guides/selection.md"
    assert paths.card_index("fr") == "assets/devex/opportunities.fr.json"
    assert paths.github_profile("alice-dev") == "https://github.com/alice-dev"
    assert paths.github_discussions("gc-devex/marketplace") == "https://github.com/gc-devex/marketplace/discussions"

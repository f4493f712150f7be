"""A real `mkdocs build` of the repository's sample puts every open-data file at its fixed address, byte for
byte what `site_builder.export` makes, and the data pages link to files that exist."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest

from site_builder.export import assets
from site_builder.pages import BuildContext
from site_builder.validate import load_marketplace

NOW = "2026-11-25T10:00:00-05:00"
FIXED = (
    "data/opportunities.json",
    "data/ocds.json",
    "data/proactive-disclosure.csv",
    "feed.xml",
    "fr/feed.xml",
    "opportunities.ics",
    "schema/opportunities-data.schema.json",
)


@pytest.fixture(scope="module")
def site(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    environment = {**os.environ, "DEVEX_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    command = [str(mkdocs), "build", "--strict", "-f", str(repo_root / "mkdocs.yml"), "-d", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=repo_root)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def last_commit(root: Path) -> datetime:
    done = subprocess.run(
        ["git", "-C", str(root), "log", "-1", "--format=%cI"], capture_output=True, text=True, check=True
    )
    return datetime.fromisoformat(done.stdout.strip())


def test_every_file_is_at_its_fixed_address(site, repo_root):
    marketplace = load_marketplace(repo_root)
    context = BuildContext(datetime.fromisoformat(NOW), last_commit(repo_root), marketplace.settings.site_url)
    expected = {asset.path: asset.content for asset in assets(marketplace, context)}
    assert set(FIXED) <= set(expected)
    for path, content in expected.items():
        assert (site / path).read_bytes() == content, path


@pytest.mark.parametrize(
    ("page", "lang"), [("data", "en"), ("fr/data", "fr"), ("statistics", "en"), ("fr/statistics", "fr")]
)
def test_data_pages_are_built_in_their_language_and_their_links_resolve(site, page, lang):
    html = (site / page / "index.html").read_text("utf-8")
    assert f'<html lang="{lang}"' in html
    base = f"https://site.example/{page}/"
    for href in re.findall(r'href="([^"#:]+\.(?:json|csv|xml|ics))"', html):
        target = urljoin(base, href).removeprefix("https://site.example/")
        assert (site / target).is_file(), f"{page} links to missing {target}"


def test_statistics_charts_survive_markdown_intact(site):
    html = (site / "statistics" / "index.html").read_text("utf-8")
    charts = re.findall(r'<figure class="devex-chart">\s*(<svg.*?</svg>)\s*</figure>', html, re.S)
    assert len(charts) == 5  # status, departments, suppliers, posting to payment, each step
    for svg in charts:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg

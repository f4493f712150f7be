"""What search engines read of the built sample site: each page's canonical URL, and its languages as absolute
`hreflang` alternates built from site_url, in sitemap.xml (overrides/sitemap.xml) rather than in the page's
head, where Material's script would fetch a `sitemap.xml` beside each alternate (overrides/base.html)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lxml import etree, html

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _site_url(repo: Path) -> str:
    return yaml.safe_load((repo / "mkdocs.yml").read_text("utf-8"))["site_url"]


def _pages(site: Path) -> dict[str, Path]:
    """Every page of the built site by its URL path (`fr/skills/`), the 404 page apart."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix()
        found["" if url == "." else url + "/"] = path
    return found


@pytest.fixture(scope="module")
def sitemap(sample_site) -> dict[str, dict[str, str]]:
    """Each <loc> of sitemap.xml with its alternates by language."""
    tree = etree.parse(str(sample_site.site / "sitemap.xml"))
    found = {}
    for url in tree.getroot().iter(f"{SITEMAP}url"):
        links = [link for link in url.iter(f"{XHTML}link") if link.get("rel") == "alternate"]
        found[url.findtext(f"{SITEMAP}loc")] = {link.get("hreflang"): link.get("href") for link in links}
    return found


def test_every_page_has_its_absolute_canonical_url_and_no_alternate_in_its_head(sample_site, repo_root) -> None:
    base = _site_url(repo_root)
    for url, path in _pages(sample_site.site).items():
        head = html.parse(str(path)).getroot().head
        assert [link.get("href") for link in head.iterfind("link[@rel='canonical']")] == [base + url], url
        assert head.findall("link[@rel='alternate'][@hreflang]") == [], f"{url}: Material would fetch its sitemap"


def test_the_sitemap_names_every_page_with_its_two_languages_as_absolute_urls(
    sample_site, repo_root, sitemap: dict[str, dict[str, str]]
) -> None:
    base = _site_url(repo_root)
    pages = _pages(sample_site.site)
    assert set(sitemap) == {base + url for url in pages}
    for loc, alternates in sitemap.items():
        url = loc.removeprefix(base)
        english = url.removeprefix("fr/")
        assert alternates == {"en": base + english, "fr": base + "fr/" + english, "x-default": base + english}, loc
        assert {href.removeprefix(base) for href in alternates.values()} <= set(pages), f"{loc}: a missing page"

"""No broken internal link anywhere in the built site: every href and src that stays on the site leads to a
file that was built, and every #fragment to an element with that id."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
BASE = "http://site.invalid/"


class References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        name = LINKING.get(tag)
        if name and values.get(name):
            self.urls.append(values[name] or "")


def _parse(file: Path) -> References:
    parsed = References()
    parsed.feed(file.read_text("utf-8"))
    return parsed


def _target(site: Path, url: str) -> Path:
    relative = unquote(urlsplit(url).path)[len(urlsplit(BASE).path) :]
    target = site / relative
    return target / "index.html" if relative == "" or relative.endswith("/") or target.is_dir() else target


def broken_links(site: Path, mount: str = "/") -> list[str]:
    """Every internal reference of every HTML page of `site` that leads nowhere, as 'page -> url'."""
    broken = []
    pages: dict[Path, References] = {}
    for file in sorted(site.rglob("*.html")):
        page_url = urljoin(BASE, file.relative_to(site).as_posix())
        for url in _parse(file).urls:
            if re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.IGNORECASE):
                continue  # another site, mailto: and the like
            if url.startswith(mount) and mount != "/":
                url = "/" + url[len(mount) :]
            absolute = urljoin(page_url, url)
            target = _target(site, absolute)
            if not target.is_file():
                broken.append(f"{file.relative_to(site)} -> {url}")
                continue
            fragment = urlsplit(absolute).fragment
            if fragment and target.suffix == ".html":
                if target not in pages:
                    pages[target] = _parse(target)
                if fragment not in pages[target].ids:
                    broken.append(f"{file.relative_to(site)} -> {url} (no #{fragment})")
    return broken


def test_no_broken_internal_links_in_the_site_with_pagers(paged_site, tools, repo_root: Path) -> None:
    assert broken_links(paged_site.site, tools.site_path(repo_root)) == []


def test_no_broken_internal_links_in_the_sample_site(sample_site, tools, repo_root: Path) -> None:
    assert broken_links(sample_site.site, tools.site_path(repo_root)) == []


def test_the_checker_finds_a_broken_link_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here"><a href="../b/">b</a> <a href="#gone">x</a></p>')
    (tmp_path / "index.html").write_text('<a href="a/#here">ok</a> <a href="https://x.example/">out</a>')
    assert broken_links(tmp_path) == ["a/index.html -> ../b/", "a/index.html -> #gone (no #gone)"]

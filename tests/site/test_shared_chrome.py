"""The chrome rendered once and reused (site_builder/shared_chrome.py) is what each page would have rendered
itself: the sample site, with every listing paged so that pages sit in many folders and depths, is built
twice, reusing and rendering every part afresh, and every file must come out the same."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from site_builder.cli.build import build_site
from site_builder.shared_chrome import SharedChrome


def built_files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file() and "pagefind" not in path.parts
    }


def test_reused_chrome_is_byte_for_byte_what_every_page_renders(
    repo_root: Path, tools, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVEX_NOW", tools.NOW)
    config = tools.site_config(repo_root, tmp_path / "mkdocs.yml", page_size=2)
    build_site(config, site_dir=tmp_path / "reused")
    asked: list[tuple[str, ...] | None] = []
    original = SharedChrome.key

    def fresh(self, context, name: str) -> None:
        asked.append(original(self, context, name))
        return None  # every part rendered by every page

    monkeypatch.setattr(SharedChrome, "key", fresh)
    build_site(config, site_dir=tmp_path / "fresh")
    reused, rendered = built_files(tmp_path / "reused"), built_files(tmp_path / "fresh")
    assert sorted(reused) == sorted(rendered)
    different = [name for name in rendered if reused[name] != rendered[name]]
    assert different == []
    shared = [key for key in asked if key is not None]
    # The parts were shared at all (most pages), at several depths of both languages.
    assert len(shared) > len(asked) / 2
    assert {key[0] for key in shared} == {"config", "scripts"}
    assert {key[1] for key in shared} == {"en", "fr"}
    assert len({key[2] for key in shared}) >= 3


def page(url: str, src_uri: str) -> SimpleNamespace:
    return SimpleNamespace(url=url, file=SimpleNamespace(src_uri=src_uri))


def test_a_part_is_shared_by_language_and_depth_and_never_on_the_404_page() -> None:
    chrome = SharedChrome()
    chrome.start()
    french = {"page": page("fr/skills/python/", "fr/skills/python.md"), "base_url": "../.."}
    assert chrome.key(french, "config") == ("config", "fr", "../..")
    english = {"page": page("opportunities/esdc-2026-001/", "opportunities/esdc-2026-001.md"), "base_url": "../.."}
    assert chrome.key(english, "scripts") == ("scripts", "en", "../..")
    assert chrome.key({"page": None}, "config") is None  # 404.html has no page

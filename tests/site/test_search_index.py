"""site_builder/search_index.py with Pagefind's real program: the index it writes, a clear error when the
program is missing or fails, and `devex serve` keeping the index when no searched text changed."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest

from site_builder import search_index
from site_builder.mkdocs_plugin import DevexPlugin
from site_builder.pages import SearchDocument
from site_builder.site.build import Build


def document(src_uri: str, lang: str, title: str, text: str) -> SearchDocument:
    html = f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body><h1>{title}</h1>'
    return SearchDocument(src_uri, lang, html + f"<p>{text}</p></body></html>")


DOCUMENTS = [
    document("opportunities/tbs-2026-001.md", "en", "Fix the date picker", "Keyboard focus returns to the field."),
    document("fr/opportunities/tbs-2026-001.md", "fr", "Corriger le calendrier", "Le focus revient au champ."),
]


def entry(site: Path) -> dict:
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))


def test_each_document_is_indexed_in_its_language_and_the_staging_folder_is_gone(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "pagefind").mkdir()
    (site / "pagefind" / "stale.js").write_text("from an earlier build", "utf-8")
    search_index.index_documents(DOCUMENTS, site)
    assert {lang: index["page_count"] for lang, index in entry(site)["languages"].items()} == {"en": 1, "fr": 1}
    assert not (site / "pagefind" / "stale.js").exists()  # the index is replaced, never mixed with an old one
    assert sorted(path.name for path in site.iterdir()) == ["pagefind"]


def test_no_document_gives_an_empty_index_the_search_script_can_still_load(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    search_index.index_documents([], site)
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_a_missing_program_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nowhere" / "pagefind"))
    (tmp_path / "site").mkdir()
    with pytest.raises(search_index.SearchIndexError, match=r"Pagefind could not run .*nowhere/pagefind"):
        search_index.index_documents(DOCUMENTS, tmp_path / "site")


def test_a_site_folder_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    with pytest.raises(search_index.SearchIndexError, match=r"could not write the search index into .*absent"):
        search_index.index_documents(DOCUMENTS, tmp_path / "absent")


def test_a_failing_program_says_what_it_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "pagefind"
    program.write_text("#!/bin/sh\necho 'Error: the site folder holds no HTML' >&2\nexit 1\n", "utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))
    (tmp_path / "site").mkdir()
    with pytest.raises(search_index.SearchIndexError, match="Error: the site folder holds no HTML"):
        search_index.index_documents(DOCUMENTS, tmp_path / "site")
    assert [path.name for path in (tmp_path / "site").iterdir()] == []  # the staging folder is removed even then


def post_build(plugin: DevexPlugin, documents: list[SearchDocument], site: Path) -> None:
    """What MkDocs does after writing the pages: the plugin's last hook, with this build's search documents;
    then until `devex serve`'s index, written in the background, is written."""
    plugin.build = Build(marketplace=None, context=None, about=[], searched=documents)  # type: ignore[arg-type]
    plugin.on_post_build(config=SimpleNamespace(site_dir=str(site)))
    plugin.search.wait()


def indexed_twice(site: Path, command: str, dirty: bool) -> tuple[DevexPlugin, bool]:
    """Two builds of the same documents by one plugin: whether the second wrote the index again."""
    site.mkdir()
    plugin = DevexPlugin()
    plugin.on_startup(command=command, dirty=dirty)
    post_build(plugin, DOCUMENTS, site)
    marker = site / "pagefind" / "pagefind-entry.json"
    os.utime(marker, ns=(10**9, 10**9))  # so that a rewrite shows
    post_build(plugin, list(DOCUMENTS), site)
    return plugin, marker.stat().st_mtime_ns != 10**9


@pytest.mark.parametrize(
    ("command", "dirty", "again"), [("serve", True, False), ("serve", False, True), ("build", False, True)]
)
def test_only_a_dirty_serve_keeps_the_index_of_unchanged_texts(
    tmp_path: Path, command: str, dirty: bool, again: bool
) -> None:
    assert indexed_twice(tmp_path / "site", command, dirty)[1] is again


def test_serve_indexes_again_when_a_searched_text_changed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    plugin, _ = indexed_twice(site, "serve", True)
    before = entry(site)["languages"]
    edited = [DOCUMENTS[0], document("fr/opportunities/tbs-2026-001.md", "fr", "Réparer le calendrier", "Autre.")]
    post_build(plugin, edited, site)
    after = entry(site)["languages"]
    assert after["fr"]["hash"] != before["fr"]["hash"] and after["en"]["hash"] == before["en"]["hash"]


def test_serve_logs_a_failing_index_goes_on_and_tries_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """In `devex serve` the index is written after the page is shown: a failure cannot stop the build any
    more, so it is logged, the last good index stays, and the next rebuild tries again."""
    site = tmp_path / "site"
    plugin, _ = indexed_twice(site, "serve", True)
    good = entry(site)
    program = tmp_path / "pagefind"
    program.write_text("#!/bin/sh\necho 'Error: out of disk' >&2\nexit 1\n", "utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))
    edited = [DOCUMENTS[0], document("fr/opportunities/tbs-2026-001.md", "fr", "Réparer le calendrier", "Autre.")]
    post_build(plugin, edited, site)  # no exception
    assert "the search index was not updated" in caplog.text and "Error: out of disk" in caplog.text
    assert entry(site) == good and len(list(site.iterdir())) == 1  # the last good index, nothing half-written
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    post_build(plugin, edited, site)  # the same texts as the failed attempt: indexed this time
    assert entry(site)["languages"]["fr"]["hash"] != good["languages"]["fr"]["hash"]
    plugin.on_shutdown()
    assert plugin.search.indexer is None

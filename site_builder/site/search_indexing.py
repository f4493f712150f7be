"""When the site's search index is written (search_index.py writes it): after every build, at once, so a
failure stops `devex build`; under `devex serve`'s dirty rebuilds in one background thread instead, so the
edited page reloads first and its search follows (Pagefind takes about 1.2 ms an opportunity, 2.3 s at
1,000), and not at all when the rebuild changed no searched text.

Besides the opportunities' search documents (render/opportunity.py), the guides are indexed, in both languages:
their text is Markdown that MkDocs renders, so their documents are made here, from the pages just written (the
article only, without the navigation), with their headings' ids, from which Pagefind makes one sub-result per
section: a hit links to its section."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_builder import paths, search_index
from site_builder.i18n import LANGUAGES
from site_builder.pages import SearchDocument
from site_builder.render import search_meta
from site_builder.render.navigation import GUIDES

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
"""The text of a page Material wrote: what a guide's search document holds."""


def guide_documents(site_dir: Path) -> list[SearchDocument]:
    """The search documents of the guides (those the navigation lists under "Guides", the terms among them) in
    both languages, from their pages in `site_dir`; a guide not written (yet) is left out, never an error."""
    documents = []
    for lang in LANGUAGES:
        for _, name in GUIDES:
            src_uri = paths.guide(lang, name)
            try:
                built = (site_dir / paths.url_of(src_uri) / "index.html").read_text("utf-8")
            except OSError:
                continue
            if found := _ARTICLE.search(built):
                head = f'<!doctype html><html lang="{lang}"><head></head><body>{search_meta.guide()}'
                documents.append(SearchDocument(src_uri, lang, f"{head}{found.group(1)}</body></html>"))
    return documents


class SearchIndexing:
    """The search index of one `devex build`, or of every rebuild of one `devex serve`. `background` is set
    for `devex serve`'s dirty rebuilds; `digest` is what the last index written (or being written) was made of."""

    def __init__(self) -> None:
        self.background = False
        self.digest = ""
        self.indexer: ThreadPoolExecutor | None = None  # `devex serve` writes its search index in this thread
        self.indexing: Future[None] | None = None

    def update(self, searched: Sequence[SearchDocument], site_dir: Path) -> None:
        """Index this build's search documents and its guides into `site_dir`, unless `devex serve` already has
        their index."""
        searched = [*searched, *guide_documents(site_dir)]
        digest = search_index.digest(searched)
        unchanged = self.background and digest == self.digest
        if unchanged and (site_dir / search_index.FOLDER / "pagefind-entry.json").is_file():
            return  # `devex serve` after an edit that changed no searched text: the index is still right
        if self.background:
            self.start(searched, site_dir, digest)
            return
        try:
            search_index.index_documents(searched, site_dir)
        except search_index.SearchIndexError as error:
            self.digest = ""
            raise PluginError(str(error)) from None
        self.digest = digest

    def start(self, searched: Sequence[SearchDocument], site_dir: Path, digest: str) -> None:
        """Write the index in the background thread, once the one being written, if any, is (one Pagefind at a
        time writes into the folder)."""
        self.wait()
        self.digest = digest
        if self.indexer is None:
            self.indexer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="devex-search")
        self.indexing = self.indexer.submit(self._write_in_background, searched, site_dir)

    def _write_in_background(self, searched: Sequence[SearchDocument], site_dir: Path) -> None:
        """A preview's search index, written while the preview is shown: a failure is logged (the preview goes
        on, the index of the last good build stays) and the next rebuild tries again."""
        try:
            search_index.index_documents(searched, site_dir)
        except search_index.SearchIndexError as error:
            self.digest = ""
            log.error("the search index was not updated: %s", error)

    def wait(self) -> None:
        """Until the preview's search index being written, if any, is written."""
        if self.indexing is not None:
            self.indexing.result()
            self.indexing = None

    def shutdown(self) -> None:
        """Wait for the index being written, then end the background thread (`devex serve` stops)."""
        self.wait()
        if self.indexer is not None:
            self.indexer.shutdown()
            self.indexer = None

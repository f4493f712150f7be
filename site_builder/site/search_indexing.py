"""When the site's search index is written (search_index.py writes it): after every build, at once, so a
failure stops `devex build`; under `devex serve`'s dirty rebuilds in one background thread instead, so the
edited page reloads first and its search follows (Pagefind takes about 1.2 ms an opportunity, 2.3 s at
1,000), and not at all when the rebuild changed no searched text."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_builder import search_index
from site_builder.pages import SearchDocument

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class SearchIndexing:
    """The search index of one `devex build`, or of every rebuild of one `devex serve`. `background` is set
    for `devex serve`'s dirty rebuilds; `digest` is what the last index written (or being written) was made of."""

    def __init__(self) -> None:
        self.background = False
        self.digest = ""
        self.indexer: ThreadPoolExecutor | None = None  # `devex serve` writes its search index in this thread
        self.indexing: Future[None] | None = None

    def update(self, searched: Sequence[SearchDocument], site_dir: Path) -> None:
        """Index this build's search documents into `site_dir`, unless `devex serve` already has their index."""
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

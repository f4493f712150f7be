"""The site's search index: Pagefind, run once over the pages MkDocs has written. Pagefind splits the index by
each page's `<html lang>` (one index per language, so a French search never returns an English page) and into
chunks, so a visitor downloads only the parts a query needs, and nothing before searching. Only the parts of a
page marked `data-pagefind-body` (an opportunity's title, teaser, facts, description and criteria) are indexed:
never the navigation chrome, nor the listings that only repeat the opportunities' cards."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

PAGES = "{opportunities,fr/opportunities}/*/index.html"
"""The pages Pagefind reads (paths.opportunity's, both languages): the others carry no data-pagefind-body, and
reading them cost a fifth of the indexing (1,000 opportunities: 4.7 s of CPU for every page, 3.7 s for these)."""
FOLDER = "pagefind"
"""Where the index and its script are written, below the site's root (the search script loads them from there)."""


class SearchIndexError(Exception):
    """Pagefind could not index the built site (its binary missing or failing)."""


def index_site(site_dir: Path) -> int:
    """Index every HTML page of `site_dir` into `site_dir/pagefind/`; returns how many pages were indexed."""
    try:
        # In a thread of its own: the caller may already run an event loop (a test driving a browser, a
        # notebook), in which asyncio.run cannot start another.
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, _index(site_dir.resolve())).result()
    except (OSError, AssertionError) as error:
        raise SearchIndexError(f"Pagefind could not index {site_dir}: {error}") from error


async def _index(site_dir: Path) -> int:
    config = IndexConfig(output_path=str(site_dir / FOLDER))
    async with PagefindIndex(config) as index:
        indexed = await index.add_directory(str(site_dir), glob=PAGES)
    return int(indexed.get("page_count", 0))

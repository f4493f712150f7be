"""The site's search index: Pagefind, run once over the pages MkDocs has written. Pagefind splits the index by
each page's `<html lang>` (one index per language, so a French search never returns an English page) and into
chunks, so a visitor downloads only the parts a query needs, and nothing before searching. Only the parts of a
page marked `data-pagefind-body` (an opportunity's title, teaser, facts, description and criteria) are indexed:
never the navigation chrome, nor the listings that only repeat the opportunities' cards."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

FOLDER = "pagefind"
"""Where the index and its script are written, below the site's root (the search script loads them from there)."""


class SearchIndexError(Exception):
    """Pagefind could not index the built site (its binary missing or failing)."""


def index_site(site_dir: Path) -> int:
    """Index every HTML page of `site_dir` into `site_dir/pagefind/`; returns how many pages were indexed."""
    try:
        return asyncio.run(_index(site_dir.resolve()))
    except (OSError, AssertionError) as error:
        raise SearchIndexError(f"Pagefind could not index {site_dir}: {error}") from error


async def _index(site_dir: Path) -> int:
    config = IndexConfig(output_path=str(site_dir / FOLDER))
    async with PagefindIndex(config) as index:
        indexed = await index.add_directory(str(site_dir))
    return int(indexed.get("page_count", 0))

"""What the publishing stages produce, independent of MkDocs: Markdown pages and plain files.

Renderers and exporters return these values; only the thin MkDocs adapter turns them into files of
a site, so the same pages could be handed to another generator (Zensical) unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Page:
    """A generated Markdown page. `src_uri` is relative to the docs folder: English pages at the top
    (`opportunities/esdc-2026-001.md`), French ones under `fr/` (`fr/opportunities/esdc-2026-001.md`)."""

    src_uri: str
    lang: str
    title: str
    markdown: str


@dataclass(frozen=True)
class Asset:
    """A generated file copied as-is into the built site, at `path` (`data/ocds.json`, `feed.xml`)."""

    path: str
    content: bytes


@dataclass(frozen=True)
class SearchDocument:
    """What the site's search indexes for one page: a small HTML document holding only what a supplier searches
    for (site_builder/search_index.py), in the page's language, for the page built from `src_uri`."""

    src_uri: str
    lang: str
    html: str


@dataclass(frozen=True)
class BuildContext:
    """The clock and addresses of one build, decided once by the caller and passed to every stage.

    `now` decides which opportunities show as closed; `published` is the time of the last commit, the only
    timestamp allowed inside published data (so the same repository gives byte-identical files)."""

    now: datetime
    published: datetime
    site_url: str

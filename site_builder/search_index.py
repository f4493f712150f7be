"""The site's search index: Pagefind, run over each opportunity's search document (render/opportunity.py), not
over the built pages. A search document holds only what a supplier searches by (title, teaser, department,
skills, project, description, criteria) in its page's language, written where its page is in a temporary
folder, so Pagefind gives each result its page's address. Pagefind splits the index by `<html lang>` (one
index per language, so a French search never returns an English page) and into chunks, so a visitor
downloads only the parts a query needs, and nothing before searching.

Pagefind's command line is used, not its Python API: the API talks to the same program through a service
protocol that cost 15-20% more CPU for the same pages (docs/dev/site.md, "Search")."""

from __future__ import annotations

import asyncio
import hashlib
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import get_executable

from site_builder import paths
from site_builder.pages import SearchDocument

FOLDER = "pagefind"
"""Where the index and its script are written, below the site's root (the search script loads them from there)."""


class SearchIndexError(Exception):
    """Pagefind could not index the site (its program missing or failing)."""


def digest(documents: Sequence[SearchDocument]) -> str:
    """One digest of everything search indexes: equal digests, equal indexes (`devex serve` skips re-indexing)."""
    hashed = hashlib.blake2b(digest_size=16)
    for document in documents:
        for part in (document.src_uri, document.html):
            raw = part.encode("utf-8")
            hashed.update(len(raw).to_bytes(8, "big") + raw)
    return hashed.hexdigest()


def index_documents(documents: Sequence[SearchDocument], site_dir: Path) -> None:
    """Index `documents` into `site_dir/pagefind/`, replacing what was there only once the new index is whole
    (a failure leaves the previous index as it was)."""
    program = get_executable()
    if program is None:
        raise SearchIndexError("Pagefind's program is not installed: run scripts/setup (it installs pagefind[bin])")
    output = site_dir.resolve() / FOLDER
    # Beside the site, on the same file system: the documents are written and read once, and the new index
    # is moved into place with a rename.
    try:
        with tempfile.TemporaryDirectory(prefix=".search-", dir=site_dir) as staging:
            folder, made = Path(staging) / "documents", Path(staging) / FOLDER
            if documents:
                _run(program, write_documents(documents, folder), made)
            else:
                _write_empty(made)
            if output.exists():
                output.rename(Path(staging) / "previous")  # deleted with the staging folder
            made.rename(output)
    except OSError as error:  # a full disk, a folder made read-only: said, never a traceback
        raise SearchIndexError(f"could not write the search index into {site_dir}: {error}") from error


def write_documents(documents: Sequence[SearchDocument], folder: Path) -> Path:
    """Each document where its page is (`opportunities/<id>/index.html`), so a result has its page's address."""
    for document in documents:
        target = folder / paths.url_of(document.src_uri) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document.html, "utf-8")
    return folder


def _run(program: Path, folder: Path, output: Path) -> None:
    command = [str(program), "--site", str(folder), "--output-path", str(output), "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchIndexError(f"Pagefind could not run ({program}): {error}") from error
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip() or f"exit code {done.returncode}"
        raise SearchIndexError(f"Pagefind could not index the search documents: {said}")


def _write_empty(output: Path) -> None:
    """An index of nothing, so that the search script loads and finds nothing: Pagefind's command line refuses
    a folder without pages, its Python API writes one. In a thread of its own: the caller may already run an
    event loop (a test driving a browser), in which asyncio.run cannot start another."""

    async def write() -> None:
        async with PagefindIndex(IndexConfig(output_path=str(output))):
            pass

    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, write()).result()
    except (OSError, AssertionError) as error:
        raise SearchIndexError(f"Pagefind could not write an empty index: {error}") from error

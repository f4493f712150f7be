"""Search in the browser: `python -m bench.search 1000 10000 [--out bench/out/site] [--query python] [--json FILE]`.

For each count N: a synthetic marketplace (bench.generate, kept in --out as bench.site keeps it) is built by
`devex build` (Pagefind indexes it in the plugin's on_post_build), served on 127.0.0.1, and visited in Debian's
chromium, in a fresh browser context per language (an empty cache, as a first visit):
- bytes of the search index (anything under pagefind/) a home page downloads before any search: must be 0;
- the first search (the query typed, then Enter): bytes under pagefind/ it transfers (limit 300 KiB) and the
  time from Enter to the results shown (limit 1 s), and whether every result is a page in the visitor's language;
- the build's wall and CPU time, and the CPU time of Pagefind's indexing, two ways: its command line over the
  search documents written to a folder (what the plugin does) and its Python API's `add_directory` over them.
Figures and the commands go in docs/dev/site.md ("Search").
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import json
import os
import shutil
import sys
import threading
import time
from pathlib import Path

from bench.site import NOW, REPO, default_site_root, timed

CHROMIUM = "/usr/bin/chromium"
FIELD = "#devex-search-query"
DONE = "() => { const s = document.querySelector('.devex-search__status').textContent; return s && !s.endsWith('…'); }"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def visit(browser, base: str, lang: str, query: str) -> dict[str, object]:
    """One first visit to the home page of `lang`, then one search: bytes and time, as described above."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    index_bytes: list[int] = []
    page.on("requestfinished", lambda request: _count(request, index_bytes))
    prefix = "fr/" if lang == "fr" else ""
    page.goto(base + prefix)
    page.wait_for_load_state("networkidle")
    before = sum(index_bytes)
    page.fill(FIELD, query)
    start = time.perf_counter()
    page.press(FIELD, "Enter")
    page.wait_for_function(DONE)
    seconds = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    hrefs = page.eval_on_selector_all(".devex-search__link", "links => links.map(a => a.href)")
    in_language = all(href.removeprefix(base).startswith("fr/") == (lang == "fr") for href in hrefs)
    figure = {
        "lang": lang,
        "index_bytes_before_search": before,
        "first_search_bytes": sum(index_bytes) - before,
        "first_results_seconds": round(seconds, 3),
        "results_shown": len(hrefs),
        "status": page.inner_text(".devex-search__status"),
        "all_in_language": in_language,
    }
    context.close()
    return figure


def _count(request, into: list[int]) -> None:
    if "/pagefind/" in request.url:
        sizes = request.sizes()
        into.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])


def indexing_seconds(market: Path, work: Path) -> dict[str, float]:
    """CPU seconds of Pagefind over the marketplace's search documents (render.site) written to a folder, two
    ways: its command line (search_index.index_documents, what the plugin does) and its Python API's
    `add_directory` (the same program as a service, over a pipe). Each runs in a child process, which first
    makes the documents (the same work for both); the difference is the cost of the way. (The API's
    `add_html_file`, documents sent from memory, waits 0.1 s per answer in the Python wrapper's polling loop:
    hours at 10,000, not measured.)"""
    figures: dict[str, float] = {}
    for way in ("command_line", "python_api"):
        command = [sys.executable, "-m", "bench.search", "--index-only", way, str(market), str(work / way)]
        _, cpu = timed(command, {**os.environ, "DEVEX_NOW": NOW}, work / way)
        figures[f"{way}_cpu_seconds"] = round(cpu, 2)
    return figures


def index_only(way: str, market: Path, out: Path) -> None:
    """The child process of `indexing_seconds`: make the search documents (untimed work included, alike for
    both ways), then index them one way."""
    from datetime import datetime

    from site_builder import render, schemas, search_index
    from site_builder.pages import BuildContext, SearchDocument
    from site_builder.validate import load_marketplace

    marketplace = load_marketplace(market)
    now = datetime.fromisoformat(NOW)
    made = render.site(marketplace, BuildContext(now, now, marketplace.settings.site_url), schemas.schema_documents())
    documents = [item for item in made if isinstance(item, SearchDocument)]
    out.mkdir(parents=True, exist_ok=True)
    if way == "command_line":
        search_index.index_documents(documents, out)
        return
    from pagefind.index import IndexConfig, PagefindIndex

    folder = search_index.write_documents(documents, out / "documents")  # what the command line reads

    async def api() -> None:
        async with PagefindIndex(IndexConfig(output_path=str(out / "pagefind"))) as index:
            await index.add_directory(str(folder))

    asyncio.run(api())


def run(count: int, out: Path, query: str) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    from bench.generate import generate

    market = out / str(count) / "market"
    if not (market / "opportunities").is_dir():
        shutil.rmtree(out / str(count), ignore_errors=True)
        generate(market, count)
    site = default_site_root() / f"search-{count}" / "site"
    env = {**os.environ, "DEVEX_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    devex = [str(REPO / ".venv/bin/devex"), "build", "-q", "--root", str(market), "--site-dir", str(site)]
    wall, cpu = timed(devex, env, site)
    index_size = sum(path.stat().st_size for path in (site / "pagefind").rglob("*") if path.is_file())
    figure: dict[str, object] = {
        "count": count,
        "build_wall": round(wall, 1),
        "build_cpu": round(cpu, 1),
        "pagefind_folder_bytes": index_size,
        "indexing": indexing_seconds(market, site.parent / "indexing"),
    }
    server, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            figure["visits"] = [visit(browser, base, lang, query) for lang in ("en", "fr")]
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    shutil.rmtree(site.parent, ignore_errors=True)
    return figure


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--index-only"]:
        index_only(argv[1], Path(argv[2]), Path(argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="+", type=int)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "site")
    parser.add_argument("--query", default="python")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    figures = []
    for count in args.counts:
        figure = run(count, args.out, args.query)
        figures.append(figure)
        print(json.dumps(figure, ensure_ascii=False), flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

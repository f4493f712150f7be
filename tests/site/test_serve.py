"""`devex serve` on a copy of the sample marketplace: editing an opportunity's YAML rebuilds its page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.site.test_search import search

OPP = "opportunities/esdc/esdc-2026-001/opportunity.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(url: str, text: str, process: subprocess.Popen, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else "devex serve stopped"
        if text in fetch(url):
            return
        time.sleep(0.2)
    raise AssertionError(f"{url} did not show {text!r} within {limit} s")


@contextmanager
def preview(repo_root: Path, tools, tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen]]:
    """`devex serve` of a copy of the sample marketplace, once the opportunity's page is served: the copy's
    root, the site's base URL and the process."""
    root = tools.copy_marketplace(repo_root, tmp_path / "market")
    config = tools.site_config(repo_root, tmp_path / "mkdocs.yml")
    text = config.read_text("utf-8").replace(f"root: {repo_root}", f"root: {root}")
    config.write_text(text, "utf-8")
    port = free_port()
    command = [sys.executable, "-m", "site_builder", "serve", "-q", "--config-file", str(config)]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "DEVEX_NOW": tools.NOW, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(command, cwd=repo_root, env=env, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}{tools.site_path(repo_root)}"
    try:
        wait_for(base + "opportunities/esdc-2026-001/", "Fix keyboard focus", process)
        yield root, base, process
    finally:
        process.terminate()
        process.wait(30)


def retitle(root: Path) -> None:
    target = root / OPP
    target.write_text(target.read_text("utf-8").replace("en: Fix keyboard focus", "en: Repair keyboard focus"), "utf-8")


def test_editing_an_opportunity_rebuilds_its_page(repo_root: Path, tools, tmp_path: Path) -> None:
    with preview(repo_root, tools, tmp_path) as (root, base, process):
        retitle(root)
        wait_for(base + "opportunities/esdc-2026-001/", "Repair keyboard focus", process)
        assert "Repair keyboard focus" in fetch(base)  # the home page's card too
        assert "Corriger le focus clavier" in fetch(base + "fr/opportunities/esdc-2026-001/")


def test_the_preview_search_finds_the_new_title_once_indexed(repo_root: Path, tools, tmp_path: Path, page) -> None:
    """The search index of a preview is written after the page reloads (site_builder/site/search_indexing.py):
    the new word is found in chromium a moment later, and the old index answered meanwhile."""
    with preview(repo_root, tools, tmp_path) as (root, base, process):
        assert "esdc-2026-001" not in " ".join(search_for(page, base, "repair"))
        retitle(root)
        wait_for(base + "opportunities/esdc-2026-001/", "Repair keyboard focus", process)
        deadline = time.monotonic() + 60
        while "esdc-2026-001" not in " ".join(search_while_reloading(page, base, "repair")):
            assert time.monotonic() < deadline, "the preview's search never found the new title"
            time.sleep(0.5)


def search_while_reloading(page, base: str, query: str) -> list[str]:
    """`search_for`, or nothing found when the preview's live reload replaced the page meanwhile."""
    from playwright.sync_api import Error

    try:
        return search_for(page, base, query)
    except Error as error:  # "Execution context was destroyed": the page reloaded under the search
        if "context was destroyed" not in str(error) and "navigat" not in str(error):
            raise
        return []


def search_for(page, base: str, query: str) -> list[str]:
    """The result links a visitor gets for `query` from the English home page, loaded afresh."""
    page.goto(base)
    return search(page, query)

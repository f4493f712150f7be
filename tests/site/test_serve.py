"""`devex serve` on a copy of the sample marketplace, a real process on 127.0.0.1 driven by an HTTP client and by
chromium: it prints the address it serves; editing an opportunity's YAML rebuilds its page; a build that fails
shows its problems in place of every page and recovers when the file is fixed; an opportunity set aside is named
on every page; MkDocs' warning about dirty builds is not printed (site_builder/site/preview.py, rebuilds.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from site_builder.site.preview import Outcome, Preview, failure_page, set_aside_notice, with_notice
from site_builder.site.rebuilds import Rebuilds
from tests.site.test_search import search

OPP = "opportunities/esdc/esdc-2026-001/opportunity.yaml"
SETTINGS = "opportunities/marketplace.yaml"
ERROR_LIMIT = 60.0
"""Seconds a test waits for the page to show a save's outcome: a bound, not a measure of speed (about a second
here for the sample; speed is bench/'s). What is checked is that the page changes after the save; that no request
is left waiting for a build that succeeds is checked by each request's own 5 s timeout (`answer`), which a page
held by MkDocs would exceed."""


@dataclass
class Served:
    """A running `devex serve`: the marketplace copy it watches, the address it printed, what it printed."""

    root: Path
    base: str
    process: subprocess.Popen
    output: list[str] = field(default_factory=list)

    def printed(self) -> str:
        return "".join(self.output)


def fetch(url: str) -> str:
    return answer(url)[1]


def answer(url: str) -> tuple[int, str]:
    """The status and text of a GET (an error status's page too); (0, "") when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return 0, ""


def wait_for(url: str, text: str, served: Served, limit: float = 120) -> float:
    """Seconds until `url` shows `text`; fails after `limit`."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        assert served.process.poll() is None, f"devex serve stopped:\n{served.printed()}"
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.05)
    raise AssertionError(f"{url} did not show {text!r} within {limit} s; devex serve printed:\n{served.printed()}")


@contextmanager
def preview(repo_root: Path, tools, tmp_path: Path, *, quiet: bool = True) -> Iterator[Served]:
    """`devex serve` of a copy of the sample marketplace on a port the system chooses, once it has printed the
    address it serves."""
    root = tools.copy_marketplace(repo_root, tmp_path / "market")
    config = tools.site_config(repo_root, tmp_path / "mkdocs.yml")
    text = config.read_text("utf-8").replace(f"root: {repo_root}", f"root: {root}")
    config.write_text(text, "utf-8")
    command = [sys.executable, "-m", "site_builder", "serve", "--config-file", str(config)]
    command += ["--dev-addr", "127.0.0.1:0", *(["-q"] if quiet else [])]
    env = {**os.environ, "DEVEX_NOW": tools.NOW, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(command, cwd=repo_root, env=env, stderr=subprocess.PIPE, text=True)
    served = Served(root, "", process)
    assert process.stderr is not None
    reader = threading.Thread(target=keep_reading, args=(process, served.output), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 120
        while not (found := re.search(r"the site is served at (\S+)", served.printed())):
            assert process.poll() is None and time.monotonic() < deadline, f"no address printed:\n{served.printed()}"
            time.sleep(0.05)
        served.base = found[1]
        yield served
    finally:
        process.terminate()
        process.wait(30)
        reader.join(10)


def keep_reading(process: subprocess.Popen, output: list[str]) -> None:
    """Read what the process prints as it prints it (a full pipe would stop it)."""
    for line in process.stderr:  # type: ignore[union-attr]
        output.append(line)


def edit(root: Path, name: str, old: str, new: str) -> None:
    target = root / name
    text = target.read_text("utf-8")
    assert old in text, f"{old!r} is not in {name}"
    target.write_text(text.replace(old, new, 1), "utf-8")


def line_of(root: Path, name: str, text: str) -> int:
    return next(number for number, line in enumerate((root / name).read_text("utf-8").splitlines(), 1) if text in line)


def retitle(root: Path) -> None:
    edit(root, OPP, "en: Fix keyboard focus", "en: Repair keyboard focus")


def test_it_prints_the_address_it_really_serves(repo_root: Path, tools, tmp_path: Path) -> None:
    """The path of site_url and the port the system gave (asked for port 0): that address serves the home page."""
    with preview(repo_root, tools, tmp_path) as served:
        assert re.fullmatch(rf"http://127\.0\.0\.1:[1-9][0-9]*{re.escape(tools.site_path(repo_root))}", served.base)
        status, home = answer(served.base)
        assert status == 200
        assert "Fix keyboard focus" in home  # the home page's card


def test_editing_an_opportunity_rebuilds_its_page(repo_root: Path, tools, tmp_path: Path) -> None:
    with preview(repo_root, tools, tmp_path) as served:
        base = served.base
        retitle(served.root)
        wait_for(base + "opportunities/esdc-2026-001/", "Repair keyboard focus", served)
        assert "Repair keyboard focus" in fetch(base)  # the home page's card too
        assert "Corriger le focus clavier" in fetch(base + "fr/opportunities/esdc-2026-001/")


def test_a_save_made_as_the_address_is_announced_is_seen(repo_root: Path, tools, tmp_path: Path, monkeypatch) -> None:
    """The files are watched before the address is announced: a save made at that very moment (here, by the
    announcement itself) rebuilds the page. MkDocs starts watching only in `serve`, after, and such a save was
    missed: the preview kept the old page until the next one (once in ten runs of this file, once in CI)."""
    root = tools.copy_marketplace(repo_root, tmp_path / "market")
    config = tools.site_config(repo_root, tmp_path / "mkdocs.yml")
    config.write_text(config.read_text("utf-8").replace(f"root: {repo_root}", f"root: {root}"), "utf-8")
    monkeypatch.setenv("DEVEX_NOW", tools.NOW)
    monkeypatch.chdir(repo_root)
    preview_ = Preview(str(config), dev_addr="127.0.0.1:0", dirty=True)
    announced: list[str] = []

    def announce(url: str) -> None:
        retitle(root)
        announced.append(url)

    serving = threading.Thread(target=preview_.run, args=(announce,), daemon=True)
    serving.start()
    try:
        deadline = time.monotonic() + 120
        while not announced:
            assert serving.is_alive() and time.monotonic() < deadline, "no address announced"
            time.sleep(0.05)
        page = announced[0] + "opportunities/esdc-2026-001/"
        start = time.monotonic()
        while "Repair keyboard focus" not in fetch(page):
            assert time.monotonic() - start < ERROR_LIMIT, "the save made as the address was announced was missed"
            time.sleep(0.05)
    finally:
        if preview_.server is not None:
            preview_.server.shutdown()
        serving.join(30)
    assert not serving.is_alive()


def test_no_warning_about_dirty_builds(repo_root: Path, tools, tmp_path: Path) -> None:
    """MkDocs warns on every dirty build that navigation and links may be stale; the devex plugin keeps its
    rebuilds exact (rebuilds.py), so `devex serve` does not print it, at start or on a rebuild."""
    with preview(repo_root, tools, tmp_path, quiet=False) as served:
        retitle(served.root)
        wait_for(served.base + "opportunities/esdc-2026-001/", "Repair keyboard focus", served)
        assert "Building documentation" in served.printed()
        assert "'dirty' build" not in served.printed() and "inaccurate navigation" not in served.printed()


def test_a_settings_change_rewrites_every_page(repo_root: Path, tools, tmp_path: Path) -> None:
    """A guide's page did not change, but the site name at its top did: the rebuild writes it again, where a
    plain dirty rebuild would keep the old name on it."""
    with preview(repo_root, tools, tmp_path) as served:
        guide = served.base + "guides/buyers/"
        assert "GC Developers Exchange" in fetch(guide)
        edit(served.root, SETTINGS, "en: GC Developers Exchange", "en: GC Dev Marketplace")
        wait_for(guide, "GC Dev Marketplace", served)
        assert "GC Developers Exchange" not in fetch(guide)


def test_a_broken_settings_file_shows_its_problems_on_every_page_then_recovers(
    repo_root: Path, tools, tmp_path: Path
) -> None:
    """Invalid settings stop the whole build: every page answers the problem with its file and line at once (no
    request left waiting for a build that succeeds), and the site is back when the file is fixed."""
    with preview(repo_root, tools, tmp_path) as served:
        page = served.base + "opportunities/esdc-2026-001/"
        assert answer(page)[0] == 200
        line = line_of(served.root, SETTINGS, "threshold:") + 1  # the flow sequence left open ends there
        edit(served.root, SETTINGS, "threshold: 10000", "threshold: [10000")
        problem = f"{SETTINGS}:{line}:"
        took = wait_for(page, problem, served, limit=ERROR_LIMIT)
        for url in (page, served.base, served.base + "fr/guides/buyers/", served.base + "no/such/page/"):
            status, text = answer(url)
            assert status == 500, url
            assert "The site could not be built" in text and problem in text and "is not valid YAML" in text
            assert "livereload(" in text, "the error page must reload itself once the build succeeds"
        edit(served.root, SETTINGS, "threshold: [10000", "threshold: 10000")
        wait_for(page, "Fix keyboard focus", served, limit=ERROR_LIMIT)
        assert answer(page)[0] == 200
        print(f"error page {took:.2f} s after the save")


def test_an_opportunity_set_aside_is_named_on_every_page(repo_root: Path, tools, tmp_path: Path) -> None:
    """A broken opportunity is set aside and the others are published (`devex build` exits 3): the preview names
    its problem on every page, its own page is gone, and everything is back once it is fixed."""
    with preview(repo_root, tools, tmp_path) as served:
        page = served.base + "opportunities/esdc-2026-001/"
        line = line_of(served.root, OPP, "value: 4500") + 1
        edit(served.root, OPP, "value: 4500", "value: [4500")
        problem = f"{OPP}:{line}:"
        wait_for(served.base, problem, served, limit=ERROR_LIMIT)
        status, home = answer(served.base)
        assert status == 200 and 'id="devex-set-aside"' in home and "opportunities/esdc/esdc-2026-001" in home
        assert "Fix keyboard focus" not in home  # its card is gone
        assert home.index('id="devex-set-aside"') < home.index('class="gc-header')  # first in the page
        status, gone = answer(page)
        assert status == 404 and problem in gone and "livereload(" in gone  # reloads when the page is back
        edit(served.root, OPP, "value: [4500", "value: 4500")
        wait_for(page, "Fix keyboard focus", served, limit=ERROR_LIMIT)
        assert 'id="devex-set-aside"' not in fetch(served.base)


def test_in_chromium_the_open_page_shows_the_error_then_itself_again(
    repo_root: Path, tools, tmp_path: Path, page
) -> None:
    """The page a buyer has open reloads by itself: to the problems when a save breaks the build, back to the
    page when the file is fixed."""
    from playwright.sync_api import expect

    with preview(repo_root, tools, tmp_path) as served:
        page.goto(served.base + "opportunities/esdc-2026-001/")
        expect(page.locator("h1")).to_contain_text("Fix keyboard focus")
        line = line_of(served.root, SETTINGS, "threshold:") + 1
        edit(served.root, SETTINGS, "threshold: 10000", "threshold: [10000")
        saved = time.monotonic()
        problems = page.locator("#devex-build-problems")
        expect(problems).to_contain_text(f"{SETTINGS}:{line}:", timeout=ERROR_LIMIT * 1000)
        took = time.monotonic() - saved
        expect(page.locator("h1")).to_have_text("The site could not be built")
        edit(served.root, SETTINGS, "threshold: [10000", "threshold: 10000")
        expect(page.locator("h1")).to_contain_text("Fix keyboard focus", timeout=ERROR_LIMIT * 1000)
        assert page.url == served.base + "opportunities/esdc-2026-001/"
        print(f"error shown in chromium {took:.2f} s after the save")


def test_the_preview_search_finds_the_new_title_once_indexed(repo_root: Path, tools, tmp_path: Path, page) -> None:
    """The search index of a preview is written after the page reloads (site_builder/site/search_indexing.py):
    the new word is found in chromium a moment later, and the old index answered meanwhile."""
    with preview(repo_root, tools, tmp_path) as served:
        base = served.base
        assert "esdc-2026-001" not in " ".join(search_for(page, base, "repair"))
        retitle(served.root)
        wait_for(base + "opportunities/esdc-2026-001/", "Repair keyboard focus", served)
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


# --------------------------------------------------------------------------- the pages the preview makes


def test_the_failure_page_escapes_every_problem() -> None:
    page = failure_page(['a.yaml:1:2: `x` is "<script>alert(1)</script>" & more']).decode("utf-8")
    assert "<script>" not in page
    assert "a.yaml:1:2: `x` is &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; more" in page


def test_the_set_aside_notice_is_escaped_and_first_in_the_body() -> None:
    outcome = Outcome(set_aside=("opportunities/a/<b>",), set_aside_problems=("opportunities/a/<b>/x.yaml:1:1: <i>",))
    notice = set_aside_notice(outcome)
    assert (
        b"<b>" not in notice and b"<i>" not in notice and b"opportunities/a/&lt;b&gt;/x.yaml:1:1: &lt;i&gt;" in notice
    )
    page = with_notice(b'<html><body dir="ltr"><header>h</header></body></html>', notice)
    assert page.startswith(b'<html><body dir="ltr"><div id="devex-set-aside"')
    assert page.endswith(b"</div><header>h</header></body></html>")


class _Config(dict):
    """What `Rebuilds` reads of MkDocs' configuration."""

    def __init__(self, tmp_path: Path, nav: list) -> None:
        super().__init__(nav=nav)
        self.config_file_path = str(tmp_path / "mkdocs.yml")
        self.theme = SimpleNamespace(custom_dir=str(tmp_path / "overrides"))
        self.site_dir = str(tmp_path / "site")


def test_rebuilds_are_whole_when_what_every_page_shows_changed_and_drop_what_is_gone(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text("a", "utf-8")
    gone, kept = (tmp_path / "site" / "opportunities" / name / "index.html" for name in ("x-1", "x-2"))
    for page in (gone, kept):
        page.parent.mkdir(parents=True)
        page.write_text("old", "utf-8")
    files = [
        SimpleNamespace(src_uri=f"opportunities/{n}/index.md", dest_uri=f"opportunities/{n}/index.html")
        for n in ("x-1", "x-2")
    ]
    config, settings = _Config(tmp_path, [{"en": ["index.md"]}]), {"name": {"en": "A"}}
    rebuilds = Rebuilds()
    assert not rebuilds.whole(config, files, settings)  # the first build writes everything anyway
    assert not rebuilds.whole(config, files, settings)
    assert not rebuilds.whole(config, files[1:], settings)  # an opportunity gone: only its pages removed
    assert not gone.exists() and not gone.parent.exists() and kept.is_file()
    assert rebuilds.whole(config, files, {"name": {"en": "B"}})  # the settings
    assert rebuilds.whole(_Config(tmp_path, [{"en": ["other.md"]}]), files, {"name": {"en": "B"}})  # navigation
    (tmp_path / "overrides" / "main.html").write_text("b", "utf-8")
    assert rebuilds.whole(config, files, settings)  # a template
    assert not rebuilds.whole(config, files, settings)
    rebuilds.failed()
    assert rebuilds.whole(config, files, settings)  # after a build that failed while writing

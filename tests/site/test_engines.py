"""Independent engines on the built sample site, both languages, each run once: the W3C Nu HTML checker on every
page, pa11y with HTML_CodeSniffer (WCAG2AA) on every page template, Lighthouse on the two home pages, an
opportunity page and the statistics. Each also checks a deliberately broken copy of the home page carrying the
defects these engines found before (docs/dev/site.md), so a checker that silently checks nothing cannot pass
for a clean site. The engines are the npm packages pinned in tests/engines/ with Debian's Java and chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.prerequisites import program

REPO = Path(__file__).resolve().parents[2]
ENGINES = REPO / "tests" / "engines"
INSTALL = "run `scripts/setup --with-engines` (or `make test`, which runs it)"

# Every page template; each is checked in English (/) and in French (fr/).
TEMPLATES = [
    "",  # home, with the filters
    "page/2/",  # a further page of a listing (on the site with 4 cards a page)
    "archive/",
    "departments/",
    "departments/esdc/",
    "skills/",
    "skills/python/",
    "opportunities/esdc-2026-001/",  # open, discussion not yet opened
    "opportunities/esdc-2026-002/",  # open, with its discussion
    "opportunities/tbs-2026-011/",  # closed
    "opportunities/ssc-2026-006/",  # awarded
    "opportunities/tbs-2026-004/",  # completed: award, delivered work, payment
    "opportunities/esdc-2024-031/",  # completed after a public draw: criteria met, the draw's digests in <details>
    "opportunities/esdc-2025-021/",  # cancelled after a terminated contract
    "opportunities/esdc-2025-018/",  # a contract terminated after a cure notice, then the next in the draw order
    "opportunities/tbs-2026-011/",  # the evaluation's tables, the draw waiting for its round
    "opportunities/tbs-2026-007/",  # unsuccessful
    "guides/buyers/",
    "guides/suppliers/",
    "guides/terms/",
    "guides/selection/",
    "guides/follow/",
    "guides/file-format/",
    "statistics/",
    "data/",
]
PAGES = [lang + path for lang in ("", "fr/") for path in TEMPLATES] + ["404.html"]
LIGHTHOUSE_PAGES = ["", "fr/", "opportunities/esdc-2026-002/", "statistics/", "skills/python/"]  # a feed link
JUDGED = ("accessibility", "best-practices", "seo")  # performance's timings depend on the machine: CLS only

# The control: the English home page with the defects found before the fixes, each applied exactly once.
BROKEN = "broken.html"
DEFECTS = [
    ('id="__drawer">', 'id="__drawer" autocomplete="off">'),  # Nu: `autocomplete` on a checkbox
    ('<label class="md-overlay" for="__drawer"></label>', '<input type="checkbox" id="__toc">'),  # pa11y: no label
    ('<button class="devex-search__submit" type="submit">', '<button class="devex-search__submit" type="button">'),
    # pa11y: a form without a submit button (H32.2); Lighthouse accessibility: a search field without a name
    ('<label class="devex-search__label" for="devex-search-query">', '<label class="devex-search__label">'),
    (' placeholder="Search"', ""),
    (
        "</head>",
        # Lighthouse SEO: a relative hreflang; best practices: Material then asks for fr/sitemap.xml, a 404;
        # the layout shift: the filters' place no longer held.
        '<link rel="alternate" href="fr/" hreflang="fr">'
        "<style>@media (scripting: enabled) { .md-typeset .devex-filters[hidden] { display: none !important; } }"
        "</style></head>",
    ),
    # ... with the fields shown on a phone as they were before they folded into a summary, so revealing the
    # form moves the cards as far as it did then (folded, it moves them by one line: a shift of 0.04)
    ('<details class="devex-filters__panel">', '<details class="devex-filters__panel" open>'),
    # ... and, because when the filters are revealed depends on how busy the machine is (the script may run
    # before the first paint: no shift to see), a notice put above everything half a second after the page has
    # loaded, with no place kept for it: a shift Lighthouse sees on any machine.
    (
        "</body>",
        '<script>addEventListener("load", () => setTimeout(() => { const notice = document.createElement("p");'
        ' notice.textContent = "Notice"; notice.style.cssText = "height: 240px; margin: 0";'
        " document.body.prepend(notice); }, 500));</script></body>",
    ),
]


def _broken_copy(home: str) -> str:
    for theirs, ours in DEFECTS:
        assert home.count(theirs) == 1, f"the control's defect no longer applies: {theirs!r} is not in the page once"
        home = home.replace(theirs, ours)
    return home


def _with_control(site: Path, target: Path) -> Path:
    """A copy of a built site with the broken copy of its home page beside it, at the root."""
    shutil.copytree(site, target)
    (target / BROKEN).write_text(_broken_copy((target / "index.html").read_text("utf-8")), "utf-8")
    return target


@pytest.fixture(scope="module")
def sites(sample_site, paged_site, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample site as built, and with 4 cards a page (so that listings have a pager), each with the control."""
    folder = tmp_path_factory.mktemp("engines")
    return {
        "sample": _with_control(sample_site.site, folder / "sample"),
        "paged": _with_control(paged_site.site, folder / "paged"),
    }


def _installed(relative: str) -> Path:
    path = ENGINES / "node_modules" / relative
    if not path.exists():
        pytest.fail(f"tests/engines/node_modules/{relative} is missing: {INSTALL}", pytrace=False)
    return path


def _run(command: list[object]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CHROME_PATH": str(program("chromium", INSTALL))}
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=900, env=env)


def _node(script: str, base: str, pages: list[str]) -> dict[str, Any]:
    """Run one of the engines' scripts in tests/engines/ over the pages; their verdicts by page path."""
    done = _run([program("node", INSTALL), ENGINES / script, *(base + page for page in pages)])
    if done.returncode != 0:
        pytest.fail(f"{script} failed ({done.returncode}):\n{done.stderr[-4000:]}", pytrace=False)
    verdicts = json.loads(done.stdout)
    return {url.removeprefix(base): verdict for url, verdict in verdicts.items()}


def test_the_nu_html_checker_finds_no_error_on_any_page_but_the_broken_copy(sites: dict[str, Path]) -> None:
    vnu = _installed("vnu-jar/build/dist/vnu.jar")
    options = ["--errors-only", "--format", "json", "--stdout", "--exit-zero-always", "--skip-non-html"]
    done = _run([program("java", INSTALL), "-jar", vnu, *options, *sites.values()])
    if done.returncode != 0:
        pytest.fail(f"the Nu checker failed ({done.returncode}):\n{done.stderr[-4000:]}", pytrace=False)
    messages = json.loads(done.stdout)["messages"]
    checked = sum(1 for folder in sites.values() for _ in folder.rglob("*.html"))
    by_file: dict[str, list[str]] = {}
    for message in messages:
        name = message.get("url", "?").removeprefix("file:")
        by_file.setdefault(name, []).append(f"{message.get('lastLine')}: {message['message']}")

    broken = {name: found for name, found in by_file.items() if name.endswith("/" + BROKEN)}
    others = {name: found for name, found in by_file.items() if name not in broken}
    assert others == {}, f"{len(others)} of {checked} pages have errors"
    assert len(broken) == 2 and all(any("autocomplete" in m for m in found) for found in broken.values()), broken


def test_pa11y_finds_no_error_on_any_page_template_but_the_broken_copy(
    sites: dict[str, Path], serve: Callable[[Path], str]
) -> None:
    _installed("pa11y/package.json")
    verdicts = _node("pa11y.mjs", serve(sites["paged"]), [*PAGES, BROKEN])
    assert set(verdicts) == {*PAGES, BROKEN}

    errors = {
        page: [f"{issue['code']} at {issue['selector']}: {issue['context'][:120]}" for issue in issues]
        for page, issues in verdicts.items()
        if issues and page != BROKEN
    }
    assert errors == {}
    codes = " ".join(issue["code"] for issue in verdicts[BROKEN])
    assert "H32.2" in codes and ".F68" in codes, verdicts[BROKEN]  # no submit button; an unlabelled checkbox


def test_lighthouse_scores_100_with_no_layout_shift_but_on_the_broken_copy(
    sites: dict[str, Path], serve: Callable[[Path], str]
) -> None:
    _installed("lighthouse/package.json")
    verdicts = _node("lighthouse.mjs", serve(sites["sample"]), [*LIGHTHOUSE_PAGES, BROKEN])
    assert set(verdicts) == {*LIGHTHOUSE_PAGES, BROKEN}

    for page in LIGHTHOUSE_PAGES:
        verdict = verdicts[page]
        scores = {name: verdict["scores"][name] for name in JUDGED}
        assert scores == dict.fromkeys(JUDGED, 100), (page, verdict["failed"])
        assert verdict["cls"] < 0.1, f"{page or 'home'}: cumulative layout shift {verdict['cls']}"

    broken = verdicts[BROKEN]
    failed = {audit["id"] for audit in broken["failed"]}
    assert {"label", "errors-in-console", "hreflang"} <= failed, broken
    assert all(broken["scores"][name] < 100 for name in JUDGED), broken
    assert broken["cls"] >= 0.1, broken

"""The built site in a real browser (Debian's chromium through Playwright), served on 127.0.0.1: filters by
keyboard and without JavaScript, the language toggle, the apply link and the application template's copy button,
the mobile width, and axe-core on every page template in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder import lifecycle
from site_builder.archive.applications import APPLICATION_LINE
from site_builder.i18n import LABELS
from site_builder.model import Marketplace
from site_builder.render import application
from site_builder.validate import load_marketplace

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TEMPLATES = [
    "",  # home, with the filters
    "page/2/",  # a further page of a listing
    "archive/",
    "departments/",
    "departments/esdc/",
    "skills/",
    "skills/python/",
    "opportunities/esdc-2026-001/",  # open, discussion not yet opened
    "opportunities/esdc-2026-002/",  # open, with its discussion
    "opportunities/tbs-2026-004/",  # completed: award, delivered work, payment
    "opportunities/esdc-2025-021/",  # cancelled after a terminated contract
    "opportunities/esdc-2025-018/",  # a contract terminated after a cure notice, then the next in the draw order
    "opportunities/tbs-2026-011/",  # the evaluation's tables, the draw waiting for its round
    "opportunities/tbs-2026-007/",  # unsuccessful
    "guides/buyers/",
    "guides/suppliers/",
    "guides/terms/",
    "guides/selection/",
    "guides/follow/",  # generated: every feed, the calendar, the Discussions
    "guides/file-format/",
]


@pytest.fixture(scope="module")
def sample(repo_root: Path) -> Marketplace:
    return load_marketplace(repo_root)


def tab_to(page, element_id: str, limit: int = 80) -> None:
    """Press Tab until the element has the keyboard focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def shown_ids(page) -> list[str]:
    hrefs = page.eval_on_selector_all("#devex-results .devex-card__title a", "links => links.map(a => a.href)")
    return [href.rstrip("/").rsplit("/", 1)[1] for href in hrefs]


def expected(sample: Marketplace, tools, *, skill=None, department=None, status=None, low=None) -> set[str]:
    found = set()
    for opp in sample.opportunities:
        data = opp.data
        if skill and skill not in data["skills"]:
            continue
        if department and opp.department != department:
            continue
        if status and lifecycle.effective_status(data, tools.now()) != status:
            continue
        if low is not None and data["value"] < low:
            continue
        found.add(opp.id)
    return found


def test_filters_work_with_the_keyboard(page, served, sample, tools) -> None:
    page.goto(served)
    page.wait_for_selector("#devex-filters", state="visible")
    assert page.is_visible("#devex-list") and page.is_hidden("#devex-results")

    tab_to(page, "devex-filter-skill")
    page.keyboard.type("Python")  # type-ahead selects the option, as in any select
    page.wait_for_selector("#devex-results .devex-card")
    assert set(shown_ids(page)) == expected(sample, tools, skill="python")
    assert page.is_hidden("#devex-list") and page.is_hidden("#devex-pager")

    tab_to(page, "devex-filter-min")
    page.keyboard.type("5000")
    page.wait_for_function("document.querySelectorAll('#devex-results .devex-card').length < 6")
    assert set(shown_ids(page)) == expected(sample, tools, skill="python", low=5000)

    tab_to(page, "devex-filter-department")
    page.keyboard.type("Treasury")
    page.wait_for_timeout(100)
    assert set(shown_ids(page)) == expected(sample, tools, skill="python", low=5000, department="tbs")
    assert "match" in page.inner_text("#devex-results .devex-results__count")

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    tab_to(page, "devex-filter-status")
    page.keyboard.type("Completed")
    page.wait_for_timeout(100)
    wanted = expected(sample, tools, skill="python", low=5000, department="tbs", status="completed")
    assert set(shown_ids(page)) == wanted
    if not wanted:
        assert page.inner_text("#devex-results") == "No opportunity matches these filters."

    page.focus("#devex-filters button[type=submit]")
    page.keyboard.press("Enter")  # "Show results" takes the focus to them
    page.wait_for_function("document.activeElement && document.activeElement.id === 'devex-results'")

    page.focus("#devex-filters button[type=reset]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#devex-results", state="hidden")
    assert page.is_visible("#devex-list") and page.is_visible("#devex-pager")


def test_status_filter_uses_the_status_at_build_time(page, served, sample, tools) -> None:
    page.goto(served + "fr/")
    page.wait_for_selector("#devex-filters", state="visible")
    page.select_option("#devex-filter-status", "open")
    page.wait_for_selector("#devex-results .devex-card")
    assert set(shown_ids(page)) == expected(sample, tools, status="open")
    assert page.inner_text("#devex-results .devex-results__count").endswith("correspondent.")


def test_without_javascript_the_listing_is_a_plain_paginated_list(browser, served) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served)
    assert page.is_hidden("#devex-filters")
    # Out of the layout, not only invisible: its place is held only for the script that reveals it.
    assert page.eval_on_selector("#devex-filters", "form => getComputedStyle(form).display") == "none"
    assert page.locator("#devex-list .devex-card").count() == 4
    page.click("#devex-pager a[rel=next]")
    page.wait_for_url(served + "page/2/")
    assert page.locator("#devex-list .devex-card").count() == 4
    page.click("nav.gc-menu >> text=Departments")
    page.wait_for_url(served + "departments/")
    context.close()


def test_the_language_toggle_leads_to_the_same_page(page, served) -> None:
    page.goto(served + "opportunities/tbs-2026-004/")
    page.wait_for_load_state("networkidle")  # Material's script has read its sitemaps and could re-route
    assert page.get_attribute("html", "lang") == "en"
    page.click("a.devex-language__link")
    page.wait_for_url(served + "fr/opportunities/tbs-2026-004/")
    assert page.get_attribute("html", "lang") == "fr"
    assert page.inner_text("a.devex-language__link") == "English"
    page.wait_for_load_state("networkidle")
    page.click("a.devex-language__link")
    page.wait_for_url(served + "opportunities/tbs-2026-004/")
    assert page.get_attribute("html", "lang") == "en"


def test_the_apply_link_opens_the_opportunitys_discussion(page, served, sample) -> None:
    opp = sample.by_id()["esdc-2026-002"]
    labels = (
        ("", "Apply in the discussion", "Ask a question"),
        ("fr/", "Postuler dans la discussion", "Poser une question"),
    )
    for prefix, apply, ask in labels:
        page.goto(f"{served}{prefix}opportunities/{opp.id}/")
        for selector, label in (("a.devex-apply", apply), ("a.devex-ask", ask)):
            link = page.locator(selector)
            assert link.inner_text() == label
            assert link.get_attribute("href") == opp.data["discussion"]
            assert set(link.get_attribute("rel").split()) >= {"nofollow", "noopener", "ugc"}


@pytest.mark.parametrize(
    "path", ["", "opportunities/tbs-2026-004/", "fr/guides/file-format/", "fr/skills/", "opportunities/tbs-2026-011/"]
)
def test_no_horizontal_scroll_at_375_pixels(browser, served, path: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(served + path)
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{path}: {width[0]} px wide in a 375 px window"
    context.close()


def test_no_page_asks_the_server_for_a_missing_file(page, served) -> None:
    """Every page template in both languages and the 404 page, once their scripts have run (Material's fetches
    a sitemap.xml beside every `link rel="alternate"` of a page, for instance): no request answered 4xx/5xx."""
    missing: list[str] = []
    page.on("response", lambda answer: answer.status >= 400 and missing.append(f"{answer.status} {answer.url}"))
    for path in [lang + path for lang in ("", "fr/") for path in TEMPLATES] + ["404.html"]:
        page.goto(served + path)
        page.wait_for_load_state("networkidle")
    assert missing == []


@pytest.mark.parametrize(
    ("prefix", "verdicts"), [("", ("qualified", "not qualified")), ("fr/", ("qualifié", "non qualifié"))]
)
def test_each_applicants_evaluation_is_a_table_named_by_its_caption(page, served, sample, prefix, verdicts) -> None:
    """A screen reader lists the tables by name (the applicant and the verdict), and reads each result with
    its criterion (a row header) and its column header."""
    opp = sample.by_id()["tbs-2026-011"]
    page.goto(f"{served}{prefix}opportunities/{opp.id}/")
    applicants = opp.evaluation_document.data["applicants"]
    for applicant in applicants:
        passed = all(entry["result"] == "pass" for entry in applicant["criteria"])
        name = f"@{applicant['login']}: {verdicts[0] if passed else verdicts[1]}"
        table = page.get_by_role("table", name=name, exact=True)
        assert table.count() == 1, name
        assert table.get_by_role("rowheader").count() == len(applicant["criteria"])
        assert table.get_by_role("columnheader").count() == 3
    assert page.get_by_role("table").count() == len(applicants)


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    return [
        f"{violation['id']}: {node['target']} {node.get('failureSummary', '')}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("lang", ["", "fr/"])
@pytest.mark.parametrize("path", TEMPLATES)
def test_every_page_template_passes_axe(page, served, lang: str, path: str) -> None:
    page.goto(served + lang + path)
    assert _violations(page) == []


@pytest.mark.parametrize("path", ["statistics/", "data/", "fr/statistics/", "fr/data/", "404.html"])
def test_the_other_pages_pass_axe(page, served, paged_site, path: str) -> None:
    if not (paged_site.site / path).exists():
        pytest.skip(f"{path} is not built yet")
    page.goto(served + path)
    assert _violations(page) == []


def test_filtered_results_pass_axe(page, served) -> None:
    page.goto(served)
    page.wait_for_selector("#devex-filters", state="visible")
    page.select_option("#devex-filter-skill", "python")
    page.wait_for_selector("#devex-results .devex-card")
    assert _violations(page) == []


# --- the application template of an open opportunity (render/application.py, assets/javascripts/copy.js)

COPY_TEXTS = [
    ("", "en", "Template copied. Paste it into a new comment in the discussion."),
    ("fr/", "fr", "Modèle copié. Collez-le dans un nouveau commentaire de la discussion."),
]


def _clipboard_context(browser, **options):
    """A context whose pages may read and write the clipboard; nothing may leave 127.0.0.1."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], **options)
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1:") else route.abort()
    )
    return context


def _status(page) -> str:
    return page.text_content(".devex-copy__status")


@pytest.mark.parametrize(("prefix", "lang", "copied"), COPY_TEXTS)
def test_the_application_template_is_copied_with_the_keyboard(browser, served, sample, prefix, lang, copied) -> None:
    """Tab to *Copy the template*, press Enter: the clipboard holds the template, and the polite live region beside
    the button says so in the page's language (a second press, with Space, says it again)."""
    opp = sample.by_id()["esdc-2026-002"]
    wanted = application.template(opp, lang)
    assert wanted.startswith(APPLICATION_LINE + "\n")
    context = _clipboard_context(browser)
    page = context.new_page()
    page.goto(f"{served}{prefix}opportunities/{opp.id}/")
    page.wait_for_selector("#devex-copy-template", state="visible")
    assert page.text_content("#devex-application-template") == wanted
    status = page.locator(".devex-copy__status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert _status(page) == ""

    tab_to(page, "devex-copy-template")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.devex-copy__status').textContent !== ''")
    assert _status(page) == copied
    assert page.evaluate("navigator.clipboard.readText()") == wanted
    assert page.locator(".devex-copy[data-source='devex-application-template']").aria_snapshot() == (
        f'- button "{LABELS["opp.copy"][lang]}"\n- status: {copied}'
    )  # a live region named by its text, as a screen reader gets it

    page.evaluate("navigator.clipboard.writeText('something else')")
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('.devex-copy__status').textContent === ''")
    page.wait_for_function(f"document.querySelector('.devex-copy__status').textContent === {copied!r}")
    assert page.evaluate("navigator.clipboard.readText()") == wanted
    assert page.evaluate("document.activeElement.id") == "devex-copy-template"  # the focus stays on the button
    context.close()


def test_without_the_clipboard_api_the_template_is_selected_and_copied(browser, served, sample) -> None:
    """The fallback: with no navigator.clipboard, the button selects the template's text and copies the selection."""
    opp = sample.by_id()["esdc-2026-001"]  # open, its discussion not yet opened: the template is there all the same
    context = _clipboard_context(browser)
    page = context.new_page()
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})")
    page.goto(f"{served}fr/opportunities/{opp.id}/")
    assert page.evaluate("navigator.clipboard") is None
    page.focus("#devex-copy-template")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.devex-copy__status').textContent !== ''")
    assert _status(page) == COPY_TEXTS[1][2]
    assert page.evaluate("window.getSelection().toString()") == application.template(opp, "fr")
    reader = context.new_page()  # a page with the clipboard API reads what the fallback copied
    reader.goto(served)
    assert reader.evaluate("navigator.clipboard.readText()") == application.template(opp, "fr")
    context.close()


def test_without_javascript_the_template_is_readable_and_selectable(browser, served, sample) -> None:
    opp = sample.by_id()["esdc-2026-002"]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served}opportunities/{opp.id}/")
    assert page.is_visible("#devex-application-template")
    assert page.text_content("#devex-application-template") == application.template(opp, "en")
    # the button is out of the layout: it could do nothing without scripting
    copy_place = ".devex-copy[data-source='devex-application-template']"
    assert page.eval_on_selector(copy_place, "place => getComputedStyle(place).display") == "none"
    assert page.is_hidden("#devex-copy-template")
    page.locator("#devex-application-template").select_text()
    assert page.evaluate("window.getSelection().toString()") == application.template(opp, "en")
    context.close()


@pytest.mark.parametrize("prefix", ["", "fr/"])
def test_a_closed_opportunity_has_no_application_template(page, served, prefix) -> None:
    for opp_id in ("tbs-2026-004", "tbs-2026-007", "esdc-2025-021", "tbs-2026-011"):
        page.goto(f"{served}{prefix}opportunities/{opp_id}/")
        assert page.locator("#devex-application-template").count() == 0
        assert page.locator("#devex-copy-template").count() == 0


def test_the_template_with_its_announcement_passes_axe(browser, served) -> None:
    context = _clipboard_context(browser, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(served + "fr/opportunities/esdc-2026-002/")
    page.click("#devex-copy-template")
    page.wait_for_function("document.querySelector('.devex-copy__status').textContent !== ''")
    assert _violations(page) == []
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1]
    context.close()

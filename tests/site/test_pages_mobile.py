"""The listing, statistics and reference pages on a 375 px phone, in both languages, in Debian's chromium: the
statistics tables scroll inside named, focusable regions that show they scroll; the home page's filters leave
the first card on the first screen; field names of the file format reference break only between their parts;
the home page names its feed."""

from __future__ import annotations

import pytest

PHONE = {"width": 375, "height": 667}
WIDE = {"width": 1280, "height": 900}
LANGS = ["", "fr/"]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def _page_width(page) -> tuple[int, int]:
    return tuple(page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]"))


# --- statistics tables ------------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", LANGS)
def test_every_statistics_table_is_a_named_focusable_scroll_region(phone, served, prefix) -> None:
    phone.goto(f"{served}{prefix}statistics/")
    wide, window = _page_width(phone)
    assert wide <= window, f"the page is {wide} px wide in a {window} px window"
    tables = phone.locator("article table")
    assert tables.count() >= 7
    for index in range(tables.count()):
        region = tables.nth(index).locator("xpath=ancestor::div[@role='region'][1]")
        assert region.count() == 1, f"table {index} is not inside a region"
        assert region.get_attribute("tabindex") == "0"
        assert (region.get_attribute("aria-label") or "").strip()
    overflowing = phone.evaluate(
        """() => [...document.querySelectorAll("article div[role=region]")]
            .filter(region => region.scrollWidth > region.clientWidth + 1).length"""
    )
    assert overflowing >= 1, "some table is wider than a phone: this test would check nothing"


@pytest.mark.parametrize("prefix", LANGS)
def test_a_table_that_scrolls_scrolls_by_itself_and_shows_it(phone, served, prefix) -> None:
    """The region is the one thing that scrolls (not the table inside it, nor the page), the keyboard scrolls
    it once focused, and a shadow stands at each edge that hides columns, gone once that edge is reached."""
    phone.goto(f"{served}{prefix}statistics/")
    widest = phone.evaluate(
        """() => { const all = [...document.querySelectorAll("article div[role=region]")];
            const overflow = all.map(r => r.scrollWidth - r.clientWidth);
            return overflow.indexOf(Math.max(...overflow)); }"""
    )
    region = phone.locator("article div[role=region]").nth(widest)
    sizes = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert sizes[0] > sizes[1], "no table is wider than a phone: this test would check nothing"
    assert region.evaluate("r => getComputedStyle(r).overflowX") == "auto"
    table_scrolls = region.evaluate("r => { const t = r.querySelector('table'); return t.scrollWidth > t.clientWidth }")
    assert not table_scrolls, "the table inside must not be a second scroller"
    before = region.screenshot()
    region.focus()
    phone.keyboard.press("ArrowRight")
    phone.keyboard.press("End")
    phone.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle())
    images = region.evaluate("r => getComputedStyle(r).backgroundImage")
    attachments = region.evaluate("r => getComputedStyle(r).backgroundAttachment")
    assert images.count("gradient") >= 4 and "local" in attachments and "scroll" in attachments
    assert region.screenshot() != before


@pytest.mark.parametrize("prefix", LANGS)
def test_the_statistics_page_at_1280_pixels_scrolls_nothing_sideways(browser, served, prefix) -> None:
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(f"{served}{prefix}statistics/")
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll("article div[role=region]")]
            .filter(region => region.scrollWidth > region.clientWidth + 1).length"""
    )
    assert overflowing == 0
    context.close()


# --- the home page's filters -------------------------------------------------------------------------------


def _first_card_top(page) -> float:
    """From the top of the page, wherever it is scrolled."""
    return page.evaluate("document.querySelector('#devex-list .devex-card').getBoundingClientRect().top + scrollY")


@pytest.mark.parametrize("prefix", LANGS)
@pytest.mark.parametrize("scripting", [True, False])
def test_the_first_card_starts_on_the_first_screen_of_a_phone(browser, served, prefix, scripting) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=scripting)
    page = context.new_page()
    page.goto(served + prefix)
    if scripting:
        page.wait_for_selector("#devex-filters", state="visible")
    top = _first_card_top(page)
    assert top < PHONE["height"] - 48, f"the first card starts {top:.0f} px down a {PHONE['height']} px screen"
    context.close()


@pytest.mark.parametrize("prefix", LANGS)
def test_on_a_phone_the_filters_open_from_a_summary_that_counts_the_active_ones(phone, served, prefix) -> None:
    phone.goto(served + prefix)
    phone.wait_for_selector("#devex-filters", state="visible")
    summary = phone.locator("#devex-filters summary")
    assert summary.is_visible() and phone.locator("#devex-filter-skill").is_hidden()
    before = _first_card_top(phone)
    summary.focus()
    phone.keyboard.press("Enter")
    assert phone.locator("#devex-filter-skill").is_visible()
    phone.select_option("#devex-filter-status", "open")
    phone.fill("#devex-filter-min", "1000")
    phone.wait_for_selector("#devex-results .devex-card")
    assert ("2 active" if prefix == "" else "2 actifs") in summary.inner_text()
    phone.click("#devex-filters button[type=reset]")
    phone.wait_for_selector("#devex-results", state="hidden")
    assert "2" not in summary.inner_text()
    summary.click()
    assert phone.locator("#devex-filter-skill").is_hidden() and _first_card_top(phone) == pytest.approx(before)


@pytest.mark.parametrize("prefix", LANGS)
def test_on_a_wide_screen_the_filters_are_open_without_a_click(browser, served, prefix) -> None:
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(served + prefix)
    page.wait_for_selector("#devex-filters", state="visible")
    for name in ("skill", "department", "status", "min", "max"):
        assert page.locator(f"#devex-filter-{name}").is_visible()
    assert page.locator("#devex-filters summary").is_hidden()
    assert page.locator("#devex-filters .devex-filters__title").is_visible()
    page.focus("#devex-filter-skill")
    assert page.evaluate("document.activeElement.id") == "devex-filter-skill"
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_revealing_the_filters_shifts_nothing(browser, served, width) -> None:
    """The form holds its place (closed on a phone, open on a wide screen) from the first paint."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.add_init_script(
        """window.__shift = 0;
        new PerformanceObserver(list => list.getEntries().forEach(
            e => { if (!e.hadRecentInput) window.__shift += e.value; }
        )).observe({type: "layout-shift", buffered: true});"""
    )
    page.goto(served)
    page.wait_for_selector("#devex-filters", state="visible")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__shift") < 0.01
    context.close()


# --- the file format reference -----------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", LANGS)
def test_field_names_break_only_between_parts_and_fit_a_phone(phone, served, prefix) -> None:
    phone.goto(f"{served}{prefix}guides/file-format/")
    wide, window = _page_width(phone)
    assert wide <= window, f"the page is {wide} px wide in a {window} px window"
    found = phone.evaluate(
        """() => [...document.querySelectorAll("code.devex-field")].map(code => {
            const cell = code.closest("td").getBoundingClientRect();
            const box = code.getBoundingClientRect();
            const parts = [...code.querySelectorAll(".devex-field__part")];
            return {
                name: code.textContent,
                inside: box.left >= cell.left - 0.5 && box.right <= cell.right + 0.5,
                broken: parts.filter(part => part.getClientRects().length > 1).map(part => part.textContent),
            };
        })"""
    )
    assert len(found) > 100
    assert [field["name"] for field in found if not field["inside"]] == []
    assert [(field["name"], field["broken"]) for field in found if field["broken"]] == []


# --- the home page's feed ----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", LANGS)
def test_the_home_page_names_the_main_feed(page, served, paged_site, prefix) -> None:
    """Feed readers find the main feed from the home page, and the script that fetches a sitemap beside every
    `link rel="alternate"` asks for no missing file and not for the whole site's sitemap."""
    asked: list[str] = []
    page.on("response", lambda answer: asked.append(f"{answer.status} {answer.url}"))
    page.goto(served + prefix)
    page.wait_for_load_state("networkidle")
    links = page.locator('head link[rel=alternate][type="application/atom+xml"]')
    assert links.count() == 1
    href = links.get_attribute("href")
    target = page.evaluate("href => new URL(href, location.href).pathname", href)
    main_feed = (paged_site.site / f"{prefix}feed.xml").read_bytes()
    assert (paged_site.site / target.lstrip("/")).read_bytes() == main_feed
    assert [line for line in asked if not line.startswith("2")] == []
    assert not [line for line in asked if line.endswith(f"{served}sitemap.xml")], "the whole site's sitemap"

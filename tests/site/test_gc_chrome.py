"""The Government of Canada's mandatory elements on every page template, in both languages, with JavaScript on
and off (issue #23): the signature linking to Canada.ca in the page's language, the language toggle to the same
page, the menu, the breadcrumb trail, "Date modified", the footer's terms, privacy and contact, and the Canada
wordmark; the docs sidebars gone; nothing fetched from another host; the bilingual 404 page with search."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from site_builder.site import chrome

from .test_browser import TEMPLATES

PAGES = [*TEMPLATES, "statistics/", "data/", "guides/", "guides/privacy/", "guides/contact/", "search/"]
LANGS = {"": "en", "fr/": "fr"}
COUNTERPART_PREFIX = {"": "fr/", "fr/": ""}


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def any_page(request: pytest.FixtureRequest, browser: object) -> Iterator[object]:
    """A browser page at 1280 px, with scripting on or off; every request outside 127.0.0.1 is recorded and
    refused."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1280, "height": 900}, java_script_enabled=request.param
    )
    outside: list[str] = []

    def local_only(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith("http://127.0.0.1:"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", local_only)
    opened = context.new_page()
    opened.outside = outside  # type: ignore[attr-defined]
    yield opened
    context.close()


def _visible(page: object, selector: str) -> object:
    found = page.locator(selector)  # type: ignore[attr-defined]
    assert found.count() >= 1, f"no {selector}"
    assert found.first.is_visible(), f"{selector} is not visible"
    return found.first


@pytest.mark.parametrize("prefix", list(LANGS))
@pytest.mark.parametrize("path", PAGES)
def test_every_page_template_carries_the_mandatory_elements(any_page, served: str, prefix: str, path: str) -> None:
    page, lang = any_page, LANGS[prefix]
    response = page.goto(served + prefix + path)
    assert response.status == 200
    assert page.get_attribute("html", "lang") == lang

    signature = _visible(page, "header .gc-signature")
    assert signature.get_attribute("href") == chrome.CANADA_CA[lang]
    image = signature.locator("img")
    assert image.get_attribute("alt") == ("Government of Canada" if lang == "en" else "Gouvernement du Canada")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the signature did not load"

    toggle = _visible(page, "header .gc-lang__link")
    other = "fr" if lang == "en" else "en"
    assert toggle.get_attribute("lang") == other
    box = toggle.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, f"the language toggle's target is {box}"
    toggle.click()
    page.wait_for_load_state()
    assert page.url == served + COUNTERPART_PREFIX[prefix] + path, "the toggle leads to the same page"
    page.go_back()

    menu = page.locator("nav.gc-menu a")
    assert menu.count() == 7
    assert all(menu.nth(i).is_visible() for i in range(7))
    crumbs = page.locator("nav.gc-breadcrumbs a")
    assert crumbs.first.inner_text() == "Canada.ca"
    assert crumbs.first.get_attribute("href") == chrome.CANADA_CA[lang]
    if path:  # below the home page, the trail leads back to it
        assert crumbs.count() >= 2 and crumbs.nth(1).get_attribute("href").endswith(("./", "/", ""))

    modified = _visible(page, "main .gc-date-modified")
    label = "Date modified:" if lang == "en" else "Date de modification :"
    assert re.fullmatch(re.escape(label) + r"\s*\d{4}-\d{2}-\d{2}", modified.inner_text().strip())

    footer_links = page.locator("footer.gc-footer a")
    texts = [footer_links.nth(i).inner_text() for i in range(footer_links.count())]
    wanted = (
        ["Terms of the work", "Privacy", "Contact us", "Canada.ca", "Terms and conditions"]
        if lang == "en"
        else ["Conditions des travaux", "Confidentialité", "Contactez-nous", "Canada.ca", "Avis"]
    )
    assert all(text in texts for text in wanted), texts
    wordmark = _visible(page, "footer .gc-wordmark")
    assert wordmark.evaluate("img => img.complete && img.naturalWidth > 0"), "the wordmark did not load"

    assert page.locator(".md-sidebar").count() == 0, "the docs' navigation or table of contents is back"
    title = page.locator("h1").first
    assert title.evaluate("h => getComputedStyle(h).color") == "rgb(51, 51, 51)"
    assert page.outside == [], f"requests left the site: {page.outside}"


@pytest.mark.parametrize("prefix", list(LANGS))
def test_the_footer_pages_exist_in_both_languages(page, served: str, prefix: str) -> None:
    page.goto(served + prefix)
    for link in page.locator("footer.gc-footer__site a, footer .gc-footer__site a").all():
        href = link.get_attribute("href")
        assert page.request.get(served + prefix + href).status == 200, href


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_404_page_speaks_both_languages_and_offers_search(browser, served: str, javascript: bool) -> None:
    context = browser.new_context(java_script_enabled=javascript)  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        response = page.goto(served + "marketplace/no/such/page/")
        assert response.status == 404
        english = page.locator('section[lang="en"]')
        french = page.locator('section[lang="fr"]')
        assert "We couldn't find that Web page" in english.inner_text()
        assert "Nous ne pouvons trouver cette page Web" in french.inner_text()
        assert "Error 404" in english.inner_text() and "Erreur 404" in french.inner_text()
        # Each half leads home and to the search of its language; the header has the menu and the signature.
        for half, home in ((english, "/marketplace/"), (french, "/marketplace/fr/")):
            hrefs = [link.get_attribute("href") for link in half.locator("a").all()]
            assert hrefs == [home, home + "#devex-search-query"]
            assert page.request.get(served + hrefs[0].removeprefix("/")).status == 200
        assert page.locator("header .gc-signature img").evaluate("img => img.naturalWidth > 0")
        assert page.locator("nav.gc-menu a").count() == 7
        assert page.locator("#devex-search-query").count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("prefix", list(LANGS))
def test_on_a_phone_the_header_is_whole_and_the_menu_folds(browser, served: str, prefix: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 667})  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(served + prefix + "opportunities/esdc-2026-002/")
        name = page.locator(".gc-site-name")
        assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the site's name is cut"
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        toggle = page.locator(".gc-lang__link")
        assert toggle.inner_text().strip() == ("FR" if prefix == "" else "EN")
        box = toggle.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
        # The menu is folded behind its button, and opens with the keyboard.
        links = page.locator("nav.gc-menu a")
        assert not links.first.is_visible()
        page.locator(".gc-menu__button").focus()
        page.keyboard.press("Enter")
        assert links.first.is_visible() and links.count() == 7
    finally:
        context.close()


def test_without_javascript_a_phone_opens_the_menu_all_the_same(browser, served: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 667}, java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(served)
        links = page.locator("nav.gc-menu a")
        assert not links.first.is_visible()
        page.locator(".gc-menu__button").click()
        assert links.first.is_visible()
    finally:
        context.close()

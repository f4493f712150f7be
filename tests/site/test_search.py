"""The search in the header (Pagefind, site_builder/search_index.py, assets/javascripts/search.js) in Debian's
chromium against the built sample site: one index per language, nothing downloaded before a search, results
reached and opened with the keyboard only, axe clean with results shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_builder import lifecycle
from site_builder.clock import closing_time
from site_builder.i18n import t
from site_builder.locale import local_day, long_date, money
from site_builder.model import Marketplace
from site_builder.validate import load_marketplace

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FIELD = "#devex-search-query"
SHOWN = 8  # results search.js lists (docs/assets/javascripts/search.js)


@pytest.fixture(scope="module")
def sample(repo_root: Path) -> Marketplace:
    return load_marketplace(repo_root)


SEARCHED = ("title", "teaser", "description", "acceptance_criteria", "evaluation_criteria")
"""The bilingual fields a search document holds (render/opportunity.py), besides the names of the department,
skills and project and the identifier."""


def mentioning(sample: Marketplace, word: str, lang: str) -> set[str]:
    """The opportunities whose searched text in `lang` names `word`: what a search for it must find."""
    found = set()
    for opp in sample.opportunities:
        if word in searched_text(sample, opp, lang).lower():
            found.add(opp.id)
    return found


def searched_text(sample: Marketplace, opp, lang: str) -> str:
    settings = sample.settings
    names = [settings.departments[opp.department]["name"][lang], opp.data["project"]["name"], opp.id]
    names += [settings.skills[code][lang] for code in opp.data["skills"]]
    return json.dumps([names, [opp.data[field][lang] for field in SEARCHED]], ensure_ascii=False)


def search(page, query: str) -> list[str]:
    """Type a query as a visitor does and wait for its results: the links of the opportunities found, as the
    browser resolves them (guides are listed apart, under their own heading)."""
    page.click(FIELD)
    page.keyboard.type(query)
    page.wait_for_function(
        "q => document.querySelector('.devex-search__status').textContent && "
        "!document.querySelector('.devex-search__status').textContent.endsWith('…')",
        arg=query,
    )
    return page.eval_on_selector_all(OPPORTUNITY_LINKS, "links => links.map(a => a.href)")


OPPORTUNITY_LINKS = ".devex-search__group[data-kind='opportunity'] .devex-search__link"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_search_returns_only_pages_of_the_visitors_language(page, served, sample, lang: str) -> None:
    prefix = "fr/" if lang == "fr" else ""
    page.goto(served + prefix)
    hrefs = search(page, "python")
    assert hrefs, "no result for python"
    found = set()
    for href in hrefs:
        path = href.removeprefix(served)
        assert path.startswith("fr/") == (lang == "fr"), f"{href} is not a page in {lang}"
        assert path.removeprefix(prefix).startswith("opportunities/"), f"{href}: under Opportunities"
        found.add(path.rstrip("/").rsplit("/", 1)[1])
    assert found == mentioning(sample, "python", lang)
    for href in page.eval_on_selector_all(".devex-search__link", "links => links.map(a => a.href)"):
        assert href.removeprefix(served).startswith((prefix + "opportunities/", prefix + "guides/")), href
    page.goto(hrefs[0])
    assert page.get_attribute("html", "lang") == lang


def words_of(text: str) -> set[str]:
    plain = re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", text)
    return {word.lower() for word in re.findall(r"[^\W\d_]{4,}", plain)}


def field_texts(sample: Marketplace, opp, lang: str) -> list[str]:
    """Title, teaser, description, criteria, department: the searched texts an opportunity has its own
    words in (skills and project names recur in descriptions; tests/site/test_build.py checks them)."""
    texts = [opp.data[field][lang] for field in ("title", "teaser", "description")]
    texts += [" ".join(opp.data[field][lang]) for field in ("acceptance_criteria", "evaluation_criteria")]
    return [*texts, sample.settings.departments[opp.department]["name"][lang]]


def own_words(sample: Marketplace, texts: list[str], index: int, lang: str) -> list[str]:
    """The words of one text that the opportunity's other searched texts lack and that at most SHOWN
    opportunities name (search.js shows the first SHOWN results), rarest first."""
    own = words_of(texts[index]) - words_of(" ".join(texts[:index] + texts[index + 1 :]))
    counted = sorted((len(mentioning(sample, word, lang)), word) for word in own)
    return [word for count, word in counted if count <= SHOWN]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_searched_field_finds_its_opportunity(page, served, sample, lang) -> None:
    """A word found only in one field of an opportunity, searched for, leads to it (so each field is indexed),
    in the visitor's language. (What is left out, the contact for one, tests/site/test_build.py checks in the
    search documents: a search for a name proves little, as Pagefind's French stemmer cuts "Ouellet" to "ou".)"""
    opp = next(
        opp
        for opp in sample.opportunities
        if opp.data["status"] == "open"
        and all(own_words(sample, field_texts(sample, opp, lg), i, lg) for lg in ("en", "fr") for i in range(6))
    )
    texts = field_texts(sample, opp, lang)
    prefix = "fr/" if lang == "fr" else ""
    for index in range(len(texts)):
        query = own_words(sample, texts, index, lang)[0]
        page.goto(served + prefix)
        found = {href.rstrip("/").rsplit("/", 1)[1] for href in search(page, query)}
        assert opp.id in found, f"{query!r} found {found}"  # with others too: Pagefind matches word stems


def test_a_word_of_one_language_finds_nothing_in_the_other(page, served, sample) -> None:
    """An English-only word ("keyboard": "clavier" in French) finds its English pages, and nothing in French."""
    english = mentioning(sample, "keyboard", "en")
    assert english and not mentioning(sample, "keyboard", "fr")
    page.goto(served)
    assert {href.rstrip("/").rsplit("/", 1)[1] for href in search(page, "keyboard")} == english
    page.goto(served + "fr/")
    assert search(page, "keyboard") == []
    assert page.is_hidden(".devex-search__group[data-kind='opportunity']")
    # (the French buyers' guide quotes an English example with the word: found under Guides, not counted here)
    assert t("search.opportunity_one", "fr")[2:] not in page.inner_text(".devex-search__status")


def test_no_index_is_downloaded_before_a_search(page, served) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(served)
    page.wait_for_load_state("networkidle")
    page.focus(FIELD)
    page.wait_for_timeout(200)  # a focused field is not a search: still nothing
    assert [url for url in asked if "/pagefind/" in url] == []
    search(page, "python")
    fetched = [url.removeprefix(served) for url in asked if "/pagefind/" in url]
    assert "pagefind/pagefind.js" in fetched
    assert not any(".fr_" in url or "wasm.fr" in url for url in fetched), "an English page fetched the French index"


def test_keyboard_only_type_arrow_down_and_enter_opens_the_result(page, served) -> None:
    page.goto(served)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == FIELD[1:]:
            break
    else:
        raise AssertionError("Tab never reached the search field")
    page.keyboard.type("python")
    page.wait_for_selector(".devex-search__link")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.href")
    assert first == page.get_attribute(".devex-search__link", "href") or first.endswith(
        page.get_attribute(".devex-search__link", "href")
    )
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == FIELD[1:]
    assert page.is_hidden(".devex-search__panel")
    page.keyboard.press("Enter")  # Enter in the field searches and moves to the first result
    page.wait_for_function("document.activeElement.classList.contains('devex-search__link')")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert "/opportunities/" in page.url


def test_tab_from_the_field_reaches_the_results(page, served) -> None:
    page.goto(served + "fr/")
    search(page, "python")
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('devex-search__link')"):
            break
    else:
        raise AssertionError("Tab never reached a result")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)


@pytest.mark.parametrize("prefix", ["", "fr/"])
def test_results_shown_pass_axe(page, served, prefix: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(served + prefix + "skills/")
    search(page, "python")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    assert [violation["id"] for violation in results.response["violations"]] == []


def test_the_forms_labels_are_in_the_pages_language(page, served) -> None:
    page.goto(served + "fr/")
    assert page.inner_text("label[for='devex-search-query']") == "Rechercher des occasions et des guides"
    page.goto(served)
    assert page.inner_text("label[for='devex-search-query']") == "Search opportunities and guides"


# --- issue 23, part 3: what a result says, the guides, the phone, without JavaScript

QUERIES = {"en": "screen reader", "fr": "lecteur d'écran"}
"""Words that only closed, cancelled, awarded or completed opportunities of the sample hold."""
GUIDE_QUERIES = {"en": "debrief", "fr": "compte rendu"}
"""Words of the suppliers' guide's section on debriefs (docs/guides/suppliers.md, docs/fr/guides/suppliers.md)."""
DEBRIEF = {
    "en": "guides/suppliers/#if-you-are-not-selected-your-debrief",
    "fr": "fr/guides/suppliers/#si-vous-netes-pas-retenu-votre-compte-rendu",
}


def expected_closing(sample: Marketplace, opp, lang: str) -> str:
    """The closing date as the marketplace's zone has it, written in `lang` (locale.long_date)."""
    return long_date(local_day(closing_time(opp.data), sample.settings.time_zone), lang)


def results_of(page, group: str) -> list[dict]:
    """The results listed under one group heading: link, title, badge and the rest of the meta line."""
    return page.eval_on_selector_all(
        f".devex-search__group[data-kind='{group}'] .devex-search__link",
        """links => links.map(a => {
             const badge = a.querySelector('.devex-badge');
             return {href: a.href, title: a.querySelector('.devex-search__title').textContent,
                     badge: badge && badge.textContent, badgeClass: badge && badge.className,
                     meta: [...a.querySelectorAll('.devex-search__fact')].map(node => node.textContent)};
           })""",
    )


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_opportunity_result_shows_its_status_value_and_closing_date(
    browser, served, sample, tools, lang: str, width: int
) -> None:
    """Each result carries the badge its opportunity's page and card show (same words, same class), its value
    and its closing date in the page's language: a reader sees a closed opportunity is closed before opening it."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    prefix = "fr/" if lang == "fr" else ""
    page.goto(served + prefix)
    search(page, QUERIES[lang])
    found = results_of(page, "opportunity")
    assert found, f"no result for {QUERIES[lang]!r}"
    assert {row["href"].rstrip("/").rsplit("/", 1)[1] for row in found} == mentioning(sample, QUERIES[lang], lang)
    for row in found:
        opp = sample.by_id()[row["href"].rstrip("/").rsplit("/", 1)[1]]
        status = lifecycle.effective_status(opp.data, tools.now())
        assert status != "open"  # the sample's screen-reader work is all past: the point of the finding
        assert row["badge"] == t(f"status.{status}", lang)
        assert row["badgeClass"] == f"devex-badge devex-badge--{status}"
        assert row["meta"] == [
            money(opp.data["value"], lang),
            t("search.closing", lang, date=expected_closing(sample, opp, lang)),
        ]
        visible = page.eval_on_selector(
            f".devex-search__link[href$='{opp.id}/'] .devex-badge",
            "node => { const box = node.getBoundingClientRect(); return box.width > 0 && box.right <= innerWidth; }",
        )
        assert visible, f"{opp.id}: the badge is not on the screen at {width} px"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


def test_the_result_badge_is_the_cards_badge(page, served) -> None:
    """The badge of a result looks as a listing's card of the same status does: same class, same colours."""
    colours = "node => [node.className, getComputedStyle(node).color, getComputedStyle(node).backgroundColor]"
    page.goto(served + "archive/")
    search(page, QUERIES["en"])
    shown = page.eval_on_selector(".devex-search__link .devex-badge", colours)
    for number in range(1, 10):
        page.goto(served + ("archive/" if number == 1 else f"archive/page/{number}/"))
        if page.locator(f".devex-card .{shown[0].split()[-1]}").count():
            break
    assert page.eval_on_selector(f".devex-card .{shown[0].split()[-1]}", colours) == shown


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_guide_is_found_in_its_own_group_at_its_section(page, served, lang: str) -> None:
    """ "debrief" ("compte rendu") is in no opportunity but in a section of the suppliers' guide: it is found,
    under a "Guides" heading, and the link goes to that section."""
    prefix = "fr/" if lang == "fr" else ""
    page.goto(served + prefix)
    search(page, GUIDE_QUERIES[lang])
    guides = results_of(page, "guide")
    assert served + DEBRIEF[lang] in [row["href"] for row in guides]
    heading = page.locator(".devex-search__group[data-kind='guide'] h2")
    assert heading.inner_text() == t("search.guides", lang)
    if lang == "en":  # no opportunity says "debrief" (in French, "compte" finds accounts too)
        assert page.is_hidden(".devex-search__group[data-kind='opportunity']")
    status = page.inner_text(".devex-search__status")
    assert str(len(guides)) in status and t("search.guides", lang).lower()[:5] in status, status
    page.click(f".devex-search__link[href$='{DEBRIEF[lang].rsplit('/', 2)[1]}/#{DEBRIEF[lang].rsplit('#')[1]}']")
    page.wait_for_url(served + DEBRIEF[lang])
    assert page.get_attribute("html", "lang") == lang


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_opportunities_and_guides_each_have_a_heading_and_the_count_names_both(page, served, lang: str) -> None:
    """A word in both (guides and opportunities speak of accessibility): two groups, each under its heading,
    opportunities first, and the live region counts each."""
    query = {"en": "accessibility", "fr": "accessibilité"}[lang]
    page.goto(served + ("fr/" if lang == "fr" else ""))
    search(page, query)
    headings = page.eval_on_selector_all(
        ".devex-search__group:not([hidden]) h2", "nodes => nodes.map(node => node.textContent)"
    )
    assert headings == [t("search.opportunities", lang), t("search.guides", lang)]
    status = page.inner_text(".devex-search__status")
    assert re.fullmatch(r"\S+ \d+ \S+ \S+ \d+ guides?|\S+ : \d+ \S+ et \d+ guides?", status), status
    assert page.get_attribute(".devex-search__status", "role") == "status"


def placeholder_room(page) -> dict:
    """The placeholder's width in the field's font (a canvas measures it) against the width chromium lays its
    placeholder out in: the box of the field's own placeholder element (in the field's user-agent shadow tree,
    read through the DevTools protocol), which is narrower than the field's padding box when, for one, the
    search field's clear button keeps its place."""
    measured = page.eval_on_selector(
        FIELD,
        """field => {
             const style = getComputedStyle(field);
             const canvas = document.createElement('canvas').getContext('2d');
             canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
             return {text: canvas.measureText(field.placeholder).width, placeholder: field.placeholder,
                     right: field.getBoundingClientRect().right};
           }""",
    )
    session = page.context.new_cdp_session(page)
    root = session.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    field = next(node for node in nodes_of(root) if ("id", "devex-search-query") in attributes_of(node))
    shadow = field["shadowRoots"][0]
    placeholder = next(node for node in nodes_of(shadow) if ("id", "placeholder") in attributes_of(node))
    content = session.send("DOM.getBoxModel", {"nodeId": placeholder["nodeId"]})["model"]["content"]
    session.detach()
    return {**measured, "box": content[2] - content[0]}


def nodes_of(node: dict) -> list[dict]:
    found = [node]
    for child in node.get("children", []) + node.get("shadowRoots", []):
        found += nodes_of(child)
    return found


def attributes_of(node: dict) -> set[tuple[str, str]]:
    pairs = node.get("attributes", [])
    return set(zip(pairs[::2], pairs[1::2], strict=True))


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_placeholder_is_readable_in_full(browser, served, lang: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 700})
    page.goto(served + ("fr/" if lang == "fr" else ""))
    room = placeholder_room(page)
    assert room["placeholder"] == t("search.placeholder", lang)
    assert room["text"] <= room["box"], f"{room['placeholder']!r} is cut: {room['text']:.0f} px in {room['box']:.0f} px"
    assert room["right"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # the label and the button keep their names
    assert page.eval_on_selector(FIELD, "field => field.labels[0].textContent") == t("search.label", lang)
    assert page.inner_text(".devex-search__submit") == t("search.submit", lang)
    page.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_without_javascript_the_form_leads_to_the_search_page(browser, served, lang: str) -> None:
    """The form is there without scripting, and submitting it opens a page that says search needs JavaScript
    and links to the listings."""
    context = browser.new_context(java_script_enabled=False)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(served) else route.abort())
    page = context.new_page()
    prefix = "fr/" if lang == "fr" else ""
    page.goto(served + prefix + "skills/")
    assert page.is_visible(FIELD)
    page.fill(FIELD, "python")
    page.press(FIELD, "Enter")
    page.wait_for_url(served + prefix + "search/?q=python")
    assert page.get_attribute("html", "lang") == lang
    assert t("search.needs_script", lang) in page.inner_text("main")
    listed = page.eval_on_selector_all("main .devex-search-page a", "links => links.map(a => a.href)")
    for target in ("", "archive/", "departments/", "skills/"):
        assert served + prefix + target in listed
    context.close()


def test_with_javascript_the_search_page_searches_its_query(page, served) -> None:
    """The search page opened with ?q= (a bookmark, a form sent before the script ran) shows that search."""
    page.goto(served + "fr/search/?q=python")
    page.wait_for_selector(".devex-search__link")
    assert page.input_value(FIELD) == "python"
    assert page.is_hidden(".devex-search-page__off")


@pytest.mark.parametrize("prefix", ["", "fr/"])
def test_guide_and_opportunity_results_pass_axe(page, served, prefix: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(served + prefix)
    search(page, "accessibility" if not prefix else "accessibilité")
    results = Axe().run(page, options={"resultTypes": ["violations"]})  # every rule, best practices too
    assert [violation["id"] for violation in results.response["violations"]] == []


@pytest.mark.parametrize("prefix", ["", "fr/"])
def test_the_search_page_passes_axe(page, served, prefix: str) -> None:
    """The search page with its ?q= searched (axe needs scripting; without it, the Nu checker reads the page as
    it does every page of the site, and test_without_javascript_... reads what it says)."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(served + prefix + "search/?q=python")
    page.wait_for_selector(".devex-search__link")
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    assert [violation["id"] for violation in results.response["violations"]] == []

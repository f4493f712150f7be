"""The search in the header (Pagefind, site_builder/search_index.py, assets/javascripts/search.js) in Debian's
chromium against the built sample site: one index per language, nothing downloaded before a search, results
reached and opened with the keyboard only, axe clean with results shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

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
    """Type a query as a visitor does and wait for its results: their links, as the browser resolves them."""
    page.click(FIELD)
    page.keyboard.type(query)
    page.wait_for_function(
        "q => document.querySelector('.devex-search__status').textContent && "
        "!document.querySelector('.devex-search__status').textContent.endsWith('…')",
        arg=query,
    )
    return page.eval_on_selector_all(".devex-search__link", "links => links.map(a => a.href)")


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
        assert path.removeprefix(prefix).startswith("opportunities/"), f"{href}: only opportunities are indexed"
        found.add(path.rstrip("/").rsplit("/", 1)[1])
    assert found == mentioning(sample, "python", lang)
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
    assert page.inner_text(".devex-search__status") == "Aucune occasion ne correspond"


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
    assert page.inner_text("label[for='devex-search-query']") == "Rechercher des occasions"
    page.goto(served)
    assert page.inner_text("label[for='devex-search-query']") == "Search opportunities"

"""The records of an opportunity page read as records (issue 23): bordered evaluation tables whose results are
words with a mark, criteria that are lists (met, with the date, once the work was accepted; never empty boxes),
the draw said in one sentence before its digests, and one French word for an addendum on the page and in the feed.

The HTML is the sample site as `devex build` writes it (parsed with lxml); the browser test drives Debian's
chromium at 375 and 1280 px in both languages, with and without JavaScript."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree, html

from site_builder.model import Document, Marketplace, Opportunity
from site_builder.validate import load_marketplace
from tests.cldr import long_date, zone_time
from tests.site.test_browser import _violations

NOW = datetime.fromisoformat("2026-11-25T12:00:00-05:00")  # the clock of the built sample site (conftest.NOW)
DRAWN = "esdc-2024-031"  # completed, evaluated, drawn with a public beacon round
WAITING = "tbs-2026-011"  # closed, evaluated, its draw waiting for its round
COMPLETED_LEGACY = "tbs-2026-004"  # completed, awarded before the public draw
NOT_COMPLETED = ["esdc-2026-001", "tbs-2026-011", "ssc-2026-006", "esdc-2025-021"]  # open, closed, awarded, cancelled
PREFIXES = {"en": "", "fr": "fr/"}
CHECK, CROSS = "\u2713", "\u2717"
WORDS = {"en": {"pass": "Pass", "fail": "Fail"}, "fr": {"pass": "Réussi", "fail": "Échoué"}}
MET = {
    "en": "All acceptance criteria were met when the work was accepted on {date}.",
    "fr": "Tous les critères d'acceptation étaient remplis quand le travail a été accepté le {date}.",
}
CHECK_SUMMARY = {"en": "How to check this draw", "fr": "Comment vérifier ce tirage"}
DRAWN_SENTENCE = {
    "en": "@amina-yusuf was drawn first among 2 qualified applicants, using round 10024141 of the public drand "
    "randomness beacon, named in advance; anyone can check this draw.",
    "fr": "@amina-yusuf a été tiré au sort en premier parmi 2 candidats qualifiés, au moyen de la ronde 10024141 "
    "de la balise publique d'aléa drand, désignée à l'avance; chacun peut vérifier ce tirage.",
}


@pytest.fixture(scope="module")
def sample(repo_root: Path) -> Marketplace:
    return load_marketplace(repo_root)


def article(sample_site, lang: str, opp_id: str) -> html.HtmlElement:
    """The page's content, as served."""
    root = html.fromstring(sample_site.html(f"{PREFIXES[lang]}opportunities/{opp_id}/"))
    return root.xpath("//article")[0]


def section(content: html.HtmlElement, ident: str) -> list[html.HtmlElement]:
    """The elements after the `<h2 id=ident>`, up to the next `<h2>`."""
    heading = content.xpath(f'.//h2[@id="{ident}"]')[0]
    elements = []
    for sibling in heading.itersiblings():
        if sibling.tag == "h2":
            break
        elements.append(sibling)
    return elements


def text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


# --- the evaluation's tables


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_result_is_its_word_after_a_mark_hidden_from_screen_readers(sample_site, sample, lang) -> None:
    content = article(sample_site, lang, DRAWN)
    applicants = sample.by_id()[DRAWN].evaluation_document.data["applicants"]
    cells = content.xpath('.//table[contains(@class, "devex-evaluation")]/tbody/tr/td[1]')
    results = [entry["result"] for applicant in applicants for entry in applicant["criteria"]]
    assert {"pass", "fail"} <= set(results)
    assert len(cells) == len(results)
    for cell, result in zip(cells, results, strict=True):
        marks = cell.xpath('./span[@aria-hidden="true"]')
        assert [mark.text for mark in marks] == [CHECK if result == "pass" else CROSS]
        assert text(cell) == f"{marks[0].text} {WORDS[lang][result]}"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_evaluation_table_scrolls_inside_a_focusable_region_named_by_its_caption(sample_site, lang) -> None:
    tables = article(sample_site, lang, WAITING).xpath('.//table[contains(@class, "devex-evaluation")]')
    assert tables
    for table in tables:
        region = table.getparent()
        assert region.get("role") == "region" and region.get("tabindex") == "0"
        caption = table.xpath("./caption")[0]
        assert caption.get("id") and region.get("aria-labelledby") == caption.get("id")
        assert [text(th) for th in table.xpath("./thead/tr/th[@scope='col']")] != []


# --- the criteria


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("opp_id", [DRAWN, COMPLETED_LEGACY, *NOT_COMPLETED])
def test_no_criterion_is_shown_as_an_empty_box(sample_site, lang, opp_id) -> None:
    content = article(sample_site, lang, opp_id)
    assert content.xpath('.//*[contains(@class, "devex-checklist")]') == []
    assert content.xpath(".//input[@type='checkbox']") == []
    evaluation = [element for element in section(content, "evaluation") if element.tag in ("ol", "ul")]
    assert [element.tag for element in evaluation] == ["ol"]  # numbered as the evaluation numbers them
    assert evaluation[0].xpath(".//span[@aria-hidden]") == []


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("opp_id", [DRAWN, COMPLETED_LEGACY])
def test_completed_work_shows_every_acceptance_criterion_met_on_its_acceptance_date(
    sample_site, sample, lang, opp_id
) -> None:
    opp = sample.by_id()[opp_id]
    assert opp.data["status"] == "completed"
    elements = section(article(sample_site, lang, opp_id), "acceptance")
    sentence = MET[lang].format(date=long_date(opp.award["accepted"], lang))
    assert text(elements[0]) == f"{CHECK} {sentence}"
    assert [mark.text for mark in elements[0].xpath('./span[@aria-hidden="true"]')] == [CHECK]
    items = elements[1].xpath("./li")
    assert elements[1].tag == "ul" and len(items) == len(opp.data["acceptance_criteria"][lang])
    for item in items:
        assert [mark.text for mark in item.xpath('./span[@aria-hidden="true"]')] == [CHECK]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("opp_id", NOT_COMPLETED)
def test_work_not_accepted_lists_what_must_be_met_without_marks(sample_site, sample, lang, opp_id) -> None:
    opp = sample.by_id()[opp_id]
    elements = section(article(sample_site, lang, opp_id), "acceptance")
    assert [element.tag for element in elements] == ["ul"]
    assert len(elements[0].xpath("./li")) == len(opp.data["acceptance_criteria"][lang])
    assert elements[0].xpath(".//span[@aria-hidden]") == []
    assert MET[lang].split("{")[0] not in text(elements[0])


# --- the draw


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_draw_is_one_sentence_then_its_digests_behind_a_summary(sample_site, sample, lang) -> None:
    record = sample.by_id()[DRAWN].selection_document.data
    elements = section(article(sample_site, lang, DRAWN), "draw")
    assert elements[0].tag == "p" and text(elements[0]) == DRAWN_SENTENCE[lang]
    details = [element for element in elements if element.tag == "details"]
    assert len(details) == 1 and details[0].get("open") is None
    assert text(details[0].xpath("./summary")[0]) == CHECK_SUMMARY[lang]
    digests = ("commitment", "bids_digest", "evaluation_digest", "chain_hash", "signature", "randomness", "seed")
    for element in elements:
        shown = etree.tostring(element, encoding="unicode")
        for name in digests:
            assert (record[name] in shown) is (element is details[0]), (name, element.tag)
    assert "guides/selection/" in etree.tostring(details[0], encoding="unicode")
    order = [text(item) for element in elements if element is not details[0] for item in element.xpath(".//ol/li")]
    assert order == [f"@{login}" for login in record["order"]]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_draw_waiting_for_its_round_says_which_and_when_before_its_digests(sample_site, sample, lang) -> None:
    opp = sample.by_id()[WAITING]
    record = opp.selection_document.data
    due = zone_time("2026-11-24T16:56:09Z", sample.settings.time_zone, lang)  # genesis + (round - 1) * 3 s
    expected = {
        "en": f"The draw among 2 qualified applicants waits for round {record['round']} of the public drand "
        f"randomness beacon, named in advance and due {due}; anyone will be able to check it.",
        "fr": f"Le tirage parmi 2 candidats qualifiés attend la ronde {record['round']} de la balise publique "
        f"d'aléa drand, désignée à l'avance et prévue le {due}; chacun pourra le vérifier.",
    }
    elements = section(article(sample_site, lang, WAITING), "draw")
    assert text(elements[0]) == expected[lang]
    details = [element for element in elements if element.tag == "details"]
    assert len(details) == 1 and record["commitment"] in etree.tostring(details[0], encoding="unicode")
    assert record["commitment"] not in etree.tostring(elements[0], encoding="unicode")


def _one_qualified(opp: Opportunity) -> Opportunity:
    """The drawn opportunity as if only its winner had passed every criterion."""
    evaluation = opp.evaluation_document.data
    winner = opp.selection_document.data["order"][0]
    failed = {"criterion": 1, "result": "fail", "reason": {"en": "No.", "fr": "Non."}}
    applicants = [
        applicant if applicant["login"] == winner else {**applicant, "criteria": [failed]}
        for applicant in evaluation["applicants"]
    ]
    selection = {**opp.selection_document.data, "order": [winner]}
    return dataclasses.replace(
        opp,
        evaluation_document=Document(opp.evaluation_document.file, {**evaluation, "applicants": applicants}),
        selection_document=Document(opp.selection_document.file, selection),
    )


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "@amina-yusuf, the only qualified applicant, heads the order drawn using round 10024141 of the public "
         "drand randomness beacon, named in advance; anyone can check this draw."),
        ("fr", "@amina-yusuf, seul candidat qualifié, est en tête de l'ordre tiré au moyen de la ronde 10024141 de la "
         "balise publique d'aléa drand, désignée à l'avance; chacun peut vérifier ce tirage."),
    ],
)  # fmt: skip
def test_a_draw_with_one_qualified_applicant_says_so(sample, lang, sentence) -> None:
    from site_builder.render import opportunity

    opp = _one_qualified(sample.by_id()[DRAWN])
    page = opportunity.page(opp, sample.settings, NOW, lang)
    content = html.fromstring(f"<div>{page.markdown.split('---', 2)[2]}</div>")
    assert text(section(content, "draw")[0]) == sentence


# --- one word for an addendum


@pytest.mark.parametrize(
    ("lang", "word", "entry"), [("en", "Addendum of", "Addendum 1: "), ("fr", "Addenda du", "Addenda 1 : ")]
)
def test_the_page_and_the_feed_call_an_addendum_by_the_same_word(sample_site, sample, lang, word, entry) -> None:
    opp = sample.by_id()["esdc-2026-002"]
    headings = [text(h3) for h3 in article(sample_site, lang, opp.id).xpath('.//section[@class="devex-addendum"]/h3')]
    assert headings and all(heading.startswith(f"{word} ") for heading in headings)
    feed = etree.fromstring((sample_site.site / PREFIXES[lang] / "feed.xml").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [
        node.findtext(f"{atom}title")
        for node in feed.iter(f"{atom}entry")
        if node.findtext(f"{atom}id").endswith(f"/{opp.id}/#addendum-1")
    ]
    assert titles == [f"{entry}{opp.data['title'][lang]}"]
    if lang == "fr":
        words = " ".join(node.text or "" for node in feed.iter(f"{atom}title")).lower()
        assert "modification" not in words


# --- in chromium, at a phone's width and a desktop's, in both languages

SCREENS = [(lang, width) for lang in ("en", "fr") for width in (375, 1280)]


def _context(browser, width: int, javascript: bool = True):
    """A browser context of the given width whose requests never leave 127.0.0.1."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1:") else route.abort()
    )
    return context


def _luminance(css_colour: str) -> float:
    """WCAG's relative luminance of an `rgb(r, g, b)` computed colour."""
    channels = [int(part) / 255 for part in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


CELL_STYLE = """cell => {
  const style = getComputedStyle(cell);
  const sides = ["top", "right", "bottom", "left"];
  return {
    widths: sides.map(side => parseFloat(style.getPropertyValue(`border-${side}-width`))),
    styles: sides.map(side => style.getPropertyValue(`border-${side}-style`)),
    colour: style.borderLeftColor, align: style.textAlign, weight: parseInt(style.fontWeight, 10),
    background: style.backgroundColor,
  };
}"""


def _tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the element matching `selector` has the keyboard focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector({selector!r})"):
            return
    raise AssertionError(f"{selector} never took the focus")


@pytest.mark.parametrize(("lang", "width"), SCREENS)
def test_the_records_read_well_in_chromium(browser, served, sample, lang, width) -> None:
    """The completed, drawn opportunity: bordered tables with a clear header row and left-aligned text, inside
    labelled regions reached by keyboard; results as words after an aria-hidden mark; acceptance criteria met; the
    draw's sentence, then its digests behind a summary that opens by keyboard; no sideways page scroll; axe."""
    opp = sample.by_id()[DRAWN]
    context = _context(browser, width)
    page = context.new_page()
    page.goto(f"{served}{PREFIXES[lang]}opportunities/{opp.id}/")

    applicants = opp.evaluation_document.data["applicants"]
    for applicant in applicants:
        table = page.locator(f"#evaluation-{applicant['login']}")
        caption = table.locator("caption").inner_text()
        region = page.get_by_role("region", name=caption, exact=True)
        assert region.count() == 1 and region.locator("table").count() == 1
        inside = region.evaluate("r => [r.scrollWidth, r.clientWidth, r.getBoundingClientRect().right]")
        assert inside[2] <= width, f"the region ends at {inside[2]} px in a {width} px window"
        head = table.locator("thead th").first.evaluate(CELL_STYLE)
        for cell in table.locator("th, td").all():
            style = cell.evaluate(CELL_STYLE)
            assert min(style["widths"]) >= 1 and set(style["styles"]) == {"solid"}, style
            assert _contrast(style["colour"], "rgb(255, 255, 255)") >= 3, style  # WCAG 1.4.11, non-text contrast
            assert style["align"] in ("left", "start"), style
        body = table.locator("tbody td").first.evaluate(CELL_STYLE)
        assert head["weight"] >= 700 and head["background"] != body["background"]
        for row, entry in zip(table.locator("tbody tr").all(), applicant["criteria"], strict=True):
            result = row.locator("td").first
            mark = CHECK if entry["result"] == "pass" else CROSS
            assert result.inner_text() == f"{mark} {WORDS[lang][entry['result']]}"
            assert result.aria_snapshot() == f'- cell "{WORDS[lang][entry["result"]]}"'  # the mark is not read
    first_region = f"#evaluation-{applicants[0]['login']}"
    _tab_to(page, f"[role=region]:has({first_region})")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "the focused region shows no focus"

    met = page.locator("#acceptance + p")
    assert met.inner_text().startswith(f"{CHECK} {MET[lang].split('{')[0]}")
    for item in page.locator("#acceptance ~ ul").first.locator("li").all():
        assert item.inner_text().startswith(CHECK)
        box = item.evaluate("li => getComputedStyle(li, '::before').borderTopStyle")
        assert box in ("none", ""), "an empty box is drawn before a criterion met"

    record = opp.selection_document.data
    assert page.locator("#draw + p").inner_text() == DRAWN_SENTENCE[lang]
    summary = page.locator("#draw ~ details summary")
    assert summary.inner_text() == CHECK_SUMMARY[lang]
    digest = page.get_by_text(record["commitment"], exact=True)
    assert digest.is_hidden()
    _tab_to(page, "#draw ~ details summary")
    page.keyboard.press("Enter")
    digest.wait_for(state="visible")
    assert page.get_by_text(record["signature"], exact=True).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert _violations(page) == []
    context.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_without_javascript_the_draws_digests_open_from_their_summary(browser, served, sample, lang) -> None:
    record = sample.by_id()[DRAWN].selection_document.data
    context = _context(browser, 375, javascript=False)
    page = context.new_page()
    page.goto(f"{served}{PREFIXES[lang]}opportunities/{DRAWN}/")
    digest = page.get_by_text(record["evaluation_digest"], exact=True)
    assert digest.is_hidden()
    page.get_by_text(CHECK_SUMMARY[lang], exact=True).click()
    assert digest.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()

"""The pure page models, without MkDocs: formats, paths, translations, the format reference."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime
from html import escape as html_escape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder import paths, schemas
from site_builder.errors import InvalidMarketplace
from site_builder.i18n import LABELS, LANGUAGES
from site_builder.locale import long_date, money, time_left, zone_time
from site_builder.model import Document, Marketplace, Opportunity
from site_builder.pages import Asset, BuildContext, Page
from site_builder.render import reference, site
from site_builder.render.content import text_in
from site_builder.render.navigation import navigation
from site_builder.site.generated import html_only
from site_builder.validate import load_marketplace
from tests import cldr

NOW = datetime.fromisoformat("2026-11-25T12:00:00-05:00")


@pytest.fixture(scope="module")
def sample(repo_root: Path) -> Marketplace:
    return load_marketplace(repo_root)


def build(marketplace: Marketplace) -> list[Page | Asset]:
    return site(marketplace, BuildContext(NOW, NOW, "https://example.org/"), schemas.schema_documents())


@pytest.mark.parametrize(
    ("amount", "english", "french"),
    [(4500, "$4,500", "4\u00a0500\u00a0$"), (8500.5, "$8,500.50", "8\u00a0500,50\u00a0$"), (10, "$10", "10\u00a0$")],
)
def test_money_is_written_the_way_each_language_writes_it(amount: float, english: str, french: str) -> None:
    assert money(amount, "en") == english
    assert money(amount, "fr") == french


@given(cents=st.integers(0, 10**9), lang=st.sampled_from(LANGUAGES))
def test_money_agrees_with_cldr(cents: int, lang: str) -> None:
    amount = cents // 100 if cents % 100 == 0 else cents / 100
    assert money(amount, lang) == cldr.money(amount, lang)


@given(
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)),
    zone=st.sampled_from(["America/Toronto", "America/Vancouver", "America/Halifax", "America/Winnipeg"]),
    lang=st.sampled_from(LANGUAGES),
)
def test_closing_times_agree_with_cldr(moment: datetime, zone: str, lang: str) -> None:
    moment = moment.replace(second=0, microsecond=0)
    assert zone_time(moment, zone, lang) == cldr.zone_time(moment, zone, lang)
    assert long_date(moment.date(), lang) == cldr.long_date(moment.date(), lang)


def test_dates_in_both_languages() -> None:
    assert long_date("2026-12-04", "en") == "December 4, 2026"
    assert long_date("2026-12-04", "fr") == "4 décembre 2026"
    assert long_date("2026-12-01", "fr") == "1er décembre 2026"


def test_closing_time_is_shown_in_eastern_time_with_its_offset() -> None:
    winter = datetime.fromisoformat("2026-12-04T19:00:00+00:00")
    summer = datetime.fromisoformat("2026-06-04T18:30:00+00:00")
    assert zone_time(winter, "America/Toronto", "en") == "December 4, 2026, 2:00 p.m. EST (UTC\u221205:00)"
    assert zone_time(winter, "America/Toronto", "fr") == "4 décembre 2026 à 14 h 00 HNE (UTC\u221205:00)"
    assert zone_time(summer, "America/Toronto", "en") == "June 4, 2026, 2:30 p.m. EDT (UTC\u221204:00)"
    assert zone_time(summer, "America/Toronto", "fr") == "4 juin 2026 à 14 h 30 HAE (UTC\u221204:00)"


def test_time_left_rounds_up_and_says_closed_at_the_deadline() -> None:
    closing = datetime.fromisoformat("2026-12-04T14:00:00-05:00")
    assert time_left(closing, NOW, "en") == "10 days left"
    assert time_left(closing, closing.replace(hour=12), "fr") == "2 heures restantes"
    assert time_left(closing, closing.replace(hour=13, minute=30), "en") == "1 hour left"
    assert time_left(closing, closing, "en") == "Closed"


def test_links_between_pages_are_relative_and_the_toggle_swaps_the_prefix() -> None:
    assert paths.href("index.md", "opportunities/a-2026-001.md") == "opportunities/a-2026-001/"
    assert paths.href("fr/opportunities/a-2026-001.md", "fr/index.md") == "../../../fr/"
    assert paths.href("page/2.md", "page/2.md") == "./"
    assert paths.counterpart("fr/guides/buyers.md") == "guides/buyers.md"
    assert paths.counterpart("index.md") == "fr/index.md"
    assert paths.url_of("departments/esdc/index.md") == "departments/esdc/"


def test_every_label_exists_in_both_languages() -> None:
    for key, texts in LABELS.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key


def test_every_page_exists_in_both_languages_with_its_language(sample: Marketplace) -> None:
    pages = [item for item in build(sample) if isinstance(item, Page)]
    uris = {page.src_uri for page in pages}
    for page in pages:
        assert paths.counterpart(page.src_uri) in uris, page.src_uri
        assert page.lang == paths.language_of(page.src_uri)


def test_generated_pages_are_raw_html_blocks_only(sample: Marketplace) -> None:
    """The adapter's shortcut (no second Markdown pass) relies on this; tests/site/test_build checks that
    MkDocs' own Markdown gives the same HTML. The open-data and statistics pages are Markdown (tables, an
    admonition) and take MkDocs' usual path."""
    markdown_pages = {"data.md", "fr/data.md", "statistics.md", "fr/statistics.md"}
    for page in build(sample):
        if isinstance(page, Page) and page.src_uri not in markdown_pages:
            body = page.markdown.split("\n---\n", 1)[1]
            assert html_only(body), page.src_uri


def test_no_opportunity_appears_in_the_navigation(sample: Marketplace) -> None:
    extra = [Page("statistics.md", "en", "Statistics", "x"), Page("fr/data.md", "fr", "Données", "x")]
    english = str(navigation("en", extra))
    assert "opportunities/" not in english
    assert "statistics.md" in english and "fr/data.md" not in english
    assert "fr/data.md" in str(navigation("fr", extra))


def _with_french_title(marketplace: Marketplace, french: object) -> Marketplace:
    first = marketplace.opportunities[0]
    data = copy.deepcopy(first.data)
    data["title"]["fr"] = french
    document = Document(first.document.file, data, first.document.positions, first.document.key_positions)
    changed = Opportunity(first.folder, document, first.award_document, first.bids_document, texts=first.texts)
    return Marketplace(marketplace.root, marketplace.settings, (changed, *marketplace.opportunities[1:]))


@pytest.mark.parametrize("french", ["   ", None])
def test_a_missing_french_text_stops_the_build_with_its_file_and_line(sample: Marketplace, french: object) -> None:
    broken = _with_french_title(sample, french)
    with pytest.raises(InvalidMarketplace) as caught:
        build(broken)
    problem = caught.value.problems[0]
    opportunity = broken.opportunities[0]
    assert problem.file == opportunity.document.file
    assert problem.line == opportunity.document.position(("title", "fr"))[0]
    assert "`title` has no français text" in problem.message


def test_text_in_names_the_language_that_is_missing() -> None:
    document = Document("x.yaml", {"teaser": {"en": "Hello"}}, {("teaser",): (4, 3)})
    with pytest.raises(InvalidMarketplace) as caught:
        text_in(document, ("teaser",), "fr")
    assert caught.value.problems[0].format() == (
        "x.yaml:4:3: `teaser` has no français text: every published text needs English and French "
        "before the site can be built"
    )


def test_the_format_reference_takes_each_language_half_of_the_schema_descriptions() -> None:
    documents = schemas.schema_documents()
    names = re.compile(r"</?span[^>]*>|<wbr>")  # a field name's parts, with the breaks allowed between them
    english = names.sub("", reference.page(documents, "en").markdown)
    french = names.sub("", reference.page(documents, "fr").markdown)
    assert "Exact closing date and time with its UTC offset" in english
    assert "Date et heure exactes de clôture" in french
    assert "Date et heure exactes de clôture" not in english
    for field in ("acceptance_criteria", "supplier.github", "selection.method", "addenda[].date"):
        code = f'<code class="devex-field">{field}</code>'
        assert code in english and code in french


def test_a_schema_description_without_its_french_half_is_refused() -> None:
    documents = copy.deepcopy(schemas.schema_documents())
    documents["opportunity.schema.json"]["properties"]["value"]["description"] = "Fixed price in CAD."
    with pytest.raises(InvalidMarketplace) as caught:
        reference.page(documents, "fr")
    assert "schema/opportunity.schema.json `value`" in caught.value.problems[0].message


def _shown(opp: Opportunity, settings, lang: str) -> list[str]:
    """What an opportunity page must show, as it appears in the HTML: every field of opportunity.yaml and,
    once awarded, of award.yaml (texts in the page's language, links by their address). Amounts, dates and
    times as CLDR writes them (tests/cldr.py), texts escaped by the standard library, names read from the
    settings: none of it computed with the code under test. (Markdown goes through the sanitizer, whose own
    tests are test_injection.)"""
    from html import escape

    from site_builder import lifecycle
    from site_builder.i18n import t
    from site_builder.render.content import items_in
    from site_builder.render.sanitize import render_inline, render_markdown
    from tests.cldr import long_date, money, zone_time

    data, doc = opp.data, opp.document
    closing = data["closing"]
    shown = [escape(doc.data[name][lang]) for name in ("title", "teaser")]
    shown += [render_markdown(text_in(doc, ("description",), lang))]
    shown += [
        render_inline(item)
        for key in ("acceptance_criteria", "evaluation_criteria")
        for item in items_in(doc, (key,), lang)
    ]
    shown += [escape(money(data["value"], lang)), escape(t(f"status.{lifecycle.effective_status(data, NOW)}", lang))]
    shown += [f'datetime="{data["closing"]}"', escape(zone_time(closing, settings.time_zone, lang))]
    shown += [escape(settings.data["departments"][opp.department]["name"][lang])]
    shown += [escape(settings.data["skills"][code][lang]) for code in data["skills"]]
    shown += [escape(data["project"]["name"]), f'href="{data["repository"]}"', escape(data["licence"])]
    shown += [f'href="{data[key]}"' for key in ("issue", "discussion") if data.get(key)]
    shown += [escape(long_date(data[key], lang)) for key in ("posted", "start", "delivery")]
    shown += [escape(data["contact"]["name"]), f'href="mailto:{data["contact"]["email"]}"', opp.id]
    for index, addendum in enumerate(data.get("addenda") or []):
        shown += [
            escape(long_date(addendum["date"], lang)),
            render_markdown(text_in(doc, ("addenda", index, "text"), lang)),
        ]
    if data.get("cancellation"):
        shown += [escape(long_date(data["cancellation"]["date"], lang))]
        shown += [render_inline(text_in(doc, ("cancellation", "reason"), lang))]
    award = opp.award
    if award and opp.award_document:
        supplier = award["supplier"]
        shown += [escape(supplier["name"]), f'href="https://github.com/{supplier["github"]}"']
        shown += [escape(money(award["amount"], lang)), escape(long_date(award["awarded"], lang))]
        shown += [f'href="{award["work"]}"'] if award.get("work") else []
        shown += [escape(long_date(award[step], lang)) for step in ("delivered", "accepted", "paid") if award.get(step)]
        if award["selection"].get("rationale"):
            shown += [render_markdown(text_in(opp.award_document, ("selection", "rationale"), lang))]
        shown += _attempts_shown(opp.award_document, lang)
    shown += _selection_shown(opp, settings, lang)
    return shown


def _contract_ends(doc: Document, at: tuple, lang: str) -> list[str]:
    from html import escape

    from site_builder.render.sanitize import render_markdown
    from tests.cldr import long_date

    node = doc.data
    for part in at:
        node = node[part]
    shown = []
    if node.get("cure_notice"):
        notice = node["cure_notice"]
        shown += [escape(long_date(notice[key], lang)) for key in ("date", "deadline")]
        shown += [render_markdown(text_in(doc, (*at, "cure_notice", "text"), lang))]
        shown += [f'href="{notice["link"]}"'] if notice.get("link") else []
    if node.get("terminated"):
        shown += [escape(long_date(node["terminated"]["date"], lang))]
        shown += [render_markdown(text_in(doc, (*at, "terminated", "reason"), lang))]
    return shown


def _attempts_shown(doc: Document, lang: str) -> list[str]:
    """The current contract's cure notice and termination, then every earlier attempt, whole."""
    from html import escape

    from tests.cldr import long_date, money

    shown = _contract_ends(doc, (), lang)
    if doc.data.get("answer"):
        shown += [escape(long_date(doc.data["answer"]["date"], lang)), f'href="{doc.data["answer"]["link"]}"']
    for index, attempt in enumerate(doc.data.get("previous") or []):
        supplier = attempt["supplier"]
        shown += [escape(supplier["name"]), f'href="https://github.com/{supplier["github"]}"']
        shown += [escape(long_date(attempt["offered"], lang))]
        shown += [escape(long_date(attempt["declined"], lang))] if "declined" in attempt else []
        shown += [escape(long_date(attempt["answer_by"], lang))] if "answer_by" in attempt else []
        shown += [escape(money(attempt["amount"], lang))] if "amount" in attempt else []
        shown += [f'href="{attempt["link"]}"'] if attempt.get("link") else []
        shown += _contract_ends(doc, ("previous", index), lang)
    return shown


def _selection_shown(opp: Opportunity, settings, lang: str) -> list[str]:
    """The evaluation of every applicant on every criterion with its reason, and the draw's whole record."""
    from datetime import UTC, datetime
    from html import escape

    from site_builder.render.content import items_in
    from site_builder.render.sanitize import render_inline
    from tests.cldr import zone_time

    shown = []
    evaluation = opp.evaluation_document
    if evaluation is not None:
        criteria = items_in(opp.document, ("evaluation_criteria",), lang)
        for index, applicant in enumerate(evaluation.data["applicants"]):
            shown += [f"@{escape(applicant['login'])}"]
            for number, entry in enumerate(applicant["criteria"]):
                shown += [render_inline(criteria[entry["criterion"] - 1])]
                shown += [render_inline(text_in(evaluation, ("applicants", index, "criteria", number, "reason"), lang))]
    if opp.selection_document is not None:
        record = opp.selection_document.data
        beacon = settings.data["beacon"]
        produced = datetime.fromtimestamp(beacon["genesis"] + (record["round"] - 1) * beacon["period"], UTC)
        shown += [escape(zone_time(produced.isoformat(), settings.time_zone, lang)), str(record["round"])]
        shown += [escape(zone_time(record["committed_at"], settings.time_zone, lang))]
        keys = ("commitment", "bids_digest", "evaluation_digest", "chain_hash", "signature", "randomness", "seed")
        shown += [record[key] for key in keys if key in record]
        shown += [f"<li>@{escape(login)}</li>" for login in record.get("order", [])]
    return shown


def test_an_opportunity_page_shows_every_field_in_its_language(sample: Marketplace) -> None:
    from site_builder.render import opportunity

    awarded = 0
    for opp in sample.opportunities:
        awarded += opp.award is not None
        for lang in LANGUAGES:
            html = opportunity.page(opp, sample.settings, NOW, lang).markdown
            missing = [value for value in _shown(opp, sample.settings, lang) if value not in html]
            assert not missing, f"{opp.id} ({lang}) does not show {missing}"
    assert awarded >= 4, "the sample covers awarded, completed and terminated contracts"


def test_a_repository_other_than_the_project_gets_its_own_row(sample: Marketplace) -> None:
    from site_builder.render import opportunity

    opp = copy.deepcopy(sample.opportunities[0])
    opp.data["project"]["url"] = "https://example.org/project-home"
    html = opportunity.page(opp, sample.settings, NOW, "en").markdown
    assert 'href="https://example.org/project-home"' in html
    assert f'<dt>Repository</dt><dd><a href="{opp.data["repository"]}"' in html
    same = copy.deepcopy(sample.opportunities[0])
    same.data["project"]["url"] = same.data["repository"]
    assert "<dt>Repository</dt>" not in opportunity.page(same, sample.settings, NOW, "en").markdown


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(["", "a&b", "\x7f", "l'été"]))
def test_escape_is_html_escape_without_control_characters(text: str) -> None:
    """`escape` returns most texts untouched after one scan: it must agree with the full escape on every text."""
    import html

    from site_builder.render.content import clean
    from site_builder.render.sanitize import escape

    assert escape(text) == html.escape(clean(text), quote=True)


def _with_selection(opp: Opportunity, drawn: bool) -> Opportunity:
    """The opportunity with an evaluation of its on-time applicants and a selection record, committed (and drawn)."""
    import dataclasses
    import hashlib

    criteria = len(opp.data["evaluation_criteria"]["en"])
    logins = [bid["author"] for bid in opp.bids["bids"] if not bid["late"]]
    applicants = [
        {
            "login": login,
            "criteria": [
                {
                    "criterion": number,
                    "result": "fail" if (index, number) == (0, criteria) else "pass",
                    "reason": {"en": f"Reason {login} {number} <b>.", "fr": f"Motif {login} {number} l'été."},
                }
                for number in range(1, criteria + 1)
            ],
        }
        for index, login in enumerate(logins)
    ]
    digest = lambda text: hashlib.sha256(text.encode()).hexdigest()  # noqa: E731
    record = {
        "opportunity": opp.id,
        "chain_hash": digest("chain"),
        "bids_digest": digest("bids"),
        "evaluation_digest": digest("evaluation"),
        "round": 10024141,
        "committed_at": "2026-11-20T15:04:05Z",
        "commitment": digest("commitment"),
    }
    if drawn:
        record |= {"signature": "ab" * 48, "randomness": digest("r"), "seed": digest("s"), "order": logins[1:]}
    folder = opp.folder
    evaluation = Document(f"{folder}/evaluation.yaml", {"opportunity": opp.id, "applicants": applicants})
    selection = Document(f"{folder}/selection.yaml", record)
    return dataclasses.replace(opp, evaluation_document=evaluation, selection_document=selection)


@pytest.mark.parametrize("drawn", [False, True])
def test_the_evaluation_and_the_draw_are_shown_whole_in_both_languages(sample: Marketplace, drawn: bool) -> None:
    from site_builder.render import opportunity

    opp = _with_selection(next(o for o in sample.opportunities if o.bids and len(o.bids["bids"]) >= 3), drawn)
    for lang in LANGUAGES:
        html = opportunity.page(opp, sample.settings, NOW, lang).markdown
        missing = [value for value in _shown(opp, sample.settings, lang) if value not in html]
        assert not missing, f"{opp.id} ({lang}) does not show {missing}"
        first = opp.evaluation_document.data["applicants"][0]["login"]
        assert f'-caption">@{first}: {LABELS["sel.not_qualified"][lang]}</caption>' in html
        waiting = LABELS["sel.summary.waiting.many"][lang].split("{count}")[0]
        assert (waiting in html) is not drawn
        assert 'href="../../guides/selection/"' in html or "guides/selection" in html
        assert "<b>." not in html  # reasons are written by people: inline Markdown, sanitized


def test_every_attempt_of_the_sample_is_shown(sample: Marketplace) -> None:
    """The sample has a decline, and a termination after a cure notice followed by the next award."""
    from site_builder.render import opportunity

    outcomes = {a["outcome"] for o in sample.opportunities if o.award for a in o.award.get("previous", [])}
    assert outcomes == {"declined", "terminated"}
    terminated = next(o for o in sample.opportunities if o.award and o.award.get("previous", [{}])[0].get("terminated"))
    html = opportunity.page(terminated, sample.settings, NOW, "fr").markdown
    assert "Tentative 1 : contrat résilié le" in html and "Avis de redressement envoyé le" in html
    assert html.index("Tentative 1") > html.index(terminated.award["supplier"]["name"])


@pytest.mark.parametrize(
    ("lang", "notice"),
    [("en", "Cancelled on July 14, 2026"), ("fr", "Annulée le 14 juillet 2026")],
)
def test_a_cancelled_opportunity_says_when_and_why_under_its_status(
    sample: Marketplace, lang: str, notice: str
) -> None:
    from site_builder.render import opportunity

    opp = sample.by_id()["ssc-2026-005"]
    html = opportunity.page(opp, sample.settings, NOW, lang).markdown
    reason = opp.data["cancellation"]["reason"][lang]
    assert f'<p class="admonition-title">{notice}</p><p>{reason}</p>' in html
    assert html.index("devex-badge--cancelled") < html.index(notice) < html.index("devex-apply-row")
    still_open = opportunity.page(sample.by_id()["esdc-2026-001"], sample.settings, NOW, lang).markdown
    assert "devex-cancellation" not in still_open


def test_a_cancellation_reason_is_text_not_markup(sample: Marketplace) -> None:
    from site_builder.render import opportunity

    opp = copy.deepcopy(sample.by_id()["ssc-2026-005"])
    opp.data["cancellation"]["reason"]["en"] = "Fixed <script>alert(1)</script> [x](javascript:alert(1)) *now*"
    html = opportunity.page(opp, sample.settings, NOW, "en").markdown
    assert "<script>" not in html and "javascript:" not in html
    assert "<p>Fixed alert(1) " in html and "<em>now</em>" in html  # inline Markdown, sanitized


def _relaunched(sample: Marketplace, named: str) -> Marketplace:
    """The sample with its open ssc-2026-008 naming `named` in `replaces`."""
    import dataclasses

    later = sample.by_id()["ssc-2026-008"]
    document = Document(later.document.file, {**later.data, "replaces": named})
    changed = dataclasses.replace(later, document=document)
    return dataclasses.replace(
        sample, opportunities=tuple(changed if o.id == later.id else o for o in sample.opportunities)
    )


@pytest.mark.parametrize(
    ("lang", "replaces", "replaced_by"),
    [
        ("en", "This opportunity posts again the work of ", "The work of this opportunity was posted again as "),
        (
            "fr",
            "Cette occasion affiche de nouveau le travail de ",
            "Le travail de cette occasion a été affiché de nouveau : ",
        ),
    ],
)
def test_a_relaunch_and_the_opportunity_it_posts_again_link_to_each_other(
    sample: Marketplace, lang: str, replaces: str, replaced_by: str
) -> None:
    from site_builder.lifecycle.relaunch import relaunches
    from site_builder.render import opportunity

    marketplace = _relaunched(sample, "ssc-2026-005")
    linked = relaunches(marketplace)
    earlier, later = marketplace.by_id()["ssc-2026-005"], marketplace.by_id()["ssc-2026-008"]

    def to(other: Opportunity) -> str:
        """The link to the other's page, written out by hand: relative, titled in the page's language."""
        href = f"../../{'../fr/' if lang == 'fr' else ''}opportunities/{other.id}/"
        return f'<a href="{href}">{html_escape(other.data["title"][lang])} ({other.id})</a>'

    html = opportunity.page(later, sample.settings, NOW, lang, linked[later.id]).markdown
    assert f'<p class="devex-relaunch">{replaces}{to(earlier)}.</p>' in html
    html = opportunity.page(earlier, sample.settings, NOW, lang, linked[earlier.id]).markdown
    assert f'<p class="devex-relaunch">{replaced_by}{to(later)}.</p>' in html
    assert html.index("devex-cancellation") < html.index("devex-relaunch")
    assert set(linked) == {earlier.id, later.id}


def test_a_relaunch_naming_an_unknown_opportunity_links_nothing(sample: Marketplace) -> None:
    from site_builder.lifecycle.relaunch import relaunches
    from site_builder.render import opportunity

    for named in ("ssc-2020-999", "ssc-2026-008"):  # no such opportunity; itself
        marketplace = _relaunched(sample, named)
        assert relaunches(marketplace) == {}
        later = marketplace.by_id()["ssc-2026-008"]
        assert "devex-relaunch" not in opportunity.page(later, sample.settings, NOW, "en").markdown
    built = build(_relaunched(sample, "ssc-2020-999"))
    assert not any("devex-relaunch" in item.markdown for item in built if isinstance(item, Page))
    built = build(_relaunched(sample, "ssc-2026-005"))
    pages = {item.src_uri: item.markdown for item in built if isinstance(item, Page)}
    assert "devex-relaunch" in pages["fr/opportunities/ssc-2026-005.md"]
    assert "devex-relaunch" in pages["opportunities/ssc-2026-008.md"]


def _unanswered_then_accepted(sample: Marketplace) -> Opportunity:
    """ssc-2026-003 with its declined first offer left unanswered instead, and the supplier's answer accepting."""
    import dataclasses

    opp = sample.by_id()["ssc-2026-003"]
    first, *rest = opp.award["previous"]
    unanswered = {k: first[k] for k in ("supplier", "offered")} | {"outcome": "no-answer", "answer_by": "2026-03-11"}
    answer = {
        "kind": "accepted",
        "date": "2026-03-12",
        "link": "https://github.com/gc-devex/marketplace/discussions/19#c-1",
    }
    data = {**opp.award, "previous": [unanswered, *rest], "answer": answer}
    return dataclasses.replace(opp, award_document=Document(opp.award_document.file, data))


@pytest.mark.parametrize(
    ("lang", "attempt", "answer"),
    [
        ("en", "Attempt 1: no answer by March 11, 2026", "Accepted on March 12, 2026"),
        ("fr", "Tentative 1 : aucune réponse au plus tard le 11 mars 2026", "Acceptée le 12 mars 2026"),
    ],
)
def test_an_unanswered_offer_and_the_suppliers_answer_are_shown(
    sample: Marketplace, lang: str, attempt: str, answer: str
) -> None:
    from site_builder.render import opportunity

    opp = _unanswered_then_accepted(sample)
    html = opportunity.page(opp, sample.settings, NOW, lang).markdown
    missing = [value for value in _shown(opp, sample.settings, lang) if value not in html]
    assert not missing, missing
    assert f'<h4 id="attempt-1">{attempt}</h4>' in html
    section = html.split('id="attempt-1"')[1].split("</section>")[0]
    assert "<a " not in section.split("</dd>", 1)[1]  # after the supplier's profile: no comment to link to
    link = opp.award["answer"]["link"]
    label = {"en": "the supplier&#x27;s comment", "fr": "le commentaire du fournisseur"}[lang]
    assert f'{answer} (<a href="{link}" rel="nofollow noopener ugc">{label}</a>)' in html
    declined = copy.deepcopy(opp)
    declined.award["answer"]["kind"] = "declined"
    refused = {"en": "Declined on March 12, 2026", "fr": "Refusée le 12 mars 2026"}[lang]
    assert refused in opportunity.page(declined, sample.settings, NOW, lang).markdown


def _award_restating(opp: Opportunity, selection: dict) -> Opportunity:
    """The opportunity with award.yaml's own `selection` block replaced by `selection`."""
    import dataclasses

    data = {**opp.award, "selection": selection}
    return dataclasses.replace(opp, award_document=Document(opp.award_document.file, data))


@pytest.mark.parametrize(
    ("lang", "drawn", "only"),
    [
        ("en", "Random draw among 2 qualified applicants", "The only qualified applicant"),
        ("fr", "Tirage au sort parmi 2 candidats qualifiés", "Seul candidat qualifié"),
    ],
)
def test_a_public_draw_is_described_by_its_records_not_by_award_yaml(
    sample: Marketplace, lang: str, drawn: str, only: str
) -> None:
    """esdc-2024-031's evaluation qualified two applicants and its selection.yaml holds the draw: an award.yaml
    restating the selection as `sole-qualified` with one login must not make the page say so."""
    from site_builder.render import opportunity
    from site_builder.selection.records import selected

    opp = sample.by_id()["esdc-2024-031"]
    assert opp.selection_document is not None and len(opp.selection_document.data["order"]) == 2
    wrong = _award_restating(opp, {"method": "sole-qualified", "qualified": ["amina-yusuf"]})
    chosen = selected(wrong)
    assert (chosen.method, chosen.qualified) == ("random-draw", ("amina-yusuf", "olivier-roy"))
    assert chosen.order == tuple(opp.selection_document.data["order"])
    html = opportunity.page(wrong, sample.settings, NOW, lang).markdown
    assert f"<dd>{drawn}</dd>" in html
    assert only not in html
    for login in opp.selection_document.data["order"]:
        assert f"<li>@{login}</li>" in html  # the draw's order, from selection.yaml


def test_a_legacy_draw_is_described_by_award_yaml_its_only_record(sample: Marketplace) -> None:
    from site_builder.render import opportunity

    legacy = next(o for o in sample.opportunities if o.award and o.selection_document is None)
    said = legacy.award["selection"]
    count = len(said["qualified"])
    html = opportunity.page(legacy, sample.settings, NOW, "en").markdown
    expected = "The only qualified applicant" if said["method"] == "sole-qualified" else f"among {count} qualified"
    assert expected in html


@pytest.mark.parametrize(
    ("lang", "heading_text", "by_word"), [("en", "Corrections", "by"), ("fr", "Corrections", "par")]
)
def test_a_maintainers_correction_is_shown_as_made(
    sample: Marketplace, lang: str, heading_text: str, by_word: str
) -> None:
    """Issue 21: a corrected record never reads as if it had always been so: who, when, which files and why."""
    import dataclasses

    from site_builder.render import opportunity

    opp = sample.by_id()["ssc-2026-005"]
    entry = {
        "date": "2026-12-07",
        "by": "a-maintainer",
        "files": ["selection.yaml"],
        "reason": {"en": "Removed a commitment <b>dated</b> too early.", "fr": "Engagement trop hâtif retiré."},
    }
    corrections = Document(f"{opp.folder}/corrections.yaml", {"opportunity": opp.id, "corrections": [entry]})
    corrected = dataclasses.replace(opp, corrections_document=corrections)
    html = opportunity.page(corrected, sample.settings, NOW, lang).markdown
    assert f'id="corrections">{heading_text}</h2>' in html
    assert f'{by_word} <a href="https://github.com/a-maintainer"' in html and "<code>selection.yaml</code>" in html
    assert "<b>" not in html
    assert "corrections" not in opportunity.page(opp, sample.settings, NOW, lang).markdown.split("devex-apply-row")[1]


# --- how to apply (render/application.py): the application template on an open opportunity's page

_TEMPLATE = re.compile(
    r'<div class="devex-template" id="devex-application-template"><pre><code>(.*?)</code></pre></div>'
)
_APPLY_TEXTS = {
    "en": ("How to apply", "Apply in the discussion", "Ask a question", "Copy the template", "Evidence: "),
    "fr": ("Comment postuler", "Postuler dans la discussion", "Poser une question", "Copier le modèle", "Preuve : "),
}


def _template_shown(html: str) -> str | None:
    """The application template's text as a reader selects it (the `<pre>`'s text), or None."""
    from html import unescape

    found = _TEMPLATE.findall(html)
    assert len(found) <= 1
    return unescape(found[0]) if found else None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_open_opportunity_shows_the_application_template_in_its_language(sample: Marketplace, lang: str) -> None:
    """Issue 22: the application line first (the archive's own constant, so the archive's own rule reads the
    template as an application), then one prompt per evaluation criterion, numbered as the evaluation numbers
    them, in the page's language, and a line for the GitHub profile; the rule and the buttons beside it."""
    from site_builder import lifecycle
    from site_builder.archive.applications import APPLICATION_LINE, starts_as_application
    from site_builder.render import opportunity

    heading_text, apply, ask, copy_label, evidence = _APPLY_TEXTS[lang]
    opened = [opp for opp in sample.opportunities if lifecycle.effective_status(opp.data, NOW) == "open"]
    assert any(opp.data.get("discussion") for opp in opened) and any(not opp.data.get("discussion") for opp in opened)
    for opp in opened:
        html = opportunity.page(opp, sample.settings, NOW, lang).markdown
        text = _template_shown(html)
        assert text is not None, opp.id
        lines = text.split("\n")
        assert lines[0] == APPLICATION_LINE == "Application / Candidature"
        assert starts_as_application(text)
        criteria = opp.document.data["evaluation_criteria"][lang]
        numbered = [line for line in lines if re.match(r"\d+\. ", line)]
        assert numbered == [f"{number}. {' '.join(item.split())}" for number, item in enumerate(criteria, 1)]
        assert sum(line.startswith(f"   {evidence}") for line in lines) == len(criteria)
        assert "GitHub" in lines[-1] and lines[-1].startswith(("My GitHub", "Mon profil GitHub"))
        assert f'<h2 id="apply">{heading_text}</h2>' in html
        assert f"<code>{APPLICATION_LINE}</code>" in html  # the rule names the line
        assert f'datetime="{opp.data["closing"]}"' in html.split('id="apply"')[1].split("devex-template")[0]
        assert f">{copy_label}</button>" in html and 'role="status"' in html
        assert '<div class="devex-copy" data-source="devex-application-template"' in html
        assert " hidden>" in html.split('class="devex-copy"')[1].split("<button")[0]  # revealed by copy.js
        if opp.data.get("discussion"):
            href = f'href="{html_escape(opp.data["discussion"])}"'
            assert (
                f'{href} rel="nofollow noopener ugc" class="md-button md-button--primary devex-apply">{apply}<' in html
            )
            assert f'{href} rel="nofollow noopener ugc" class="md-button devex-ask">{ask}<' in html
        else:
            assert LABELS["opp.apply_pending"][lang] in html
        # the apply area comes before the facts, the template after the buttons
        assert html.index('id="apply"') < html.index("devex-apply-row") < html.index("devex-template")
        assert html.index("devex-template") < html.index('id="facts"')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_application_template_once_an_opportunity_is_not_open(sample: Marketplace, lang: str) -> None:
    from site_builder import lifecycle
    from site_builder.render import opportunity

    shut = [opp for opp in sample.opportunities if lifecycle.effective_status(opp.data, NOW) != "open"]
    statuses = {lifecycle.effective_status(opp.data, NOW) for opp in shut}
    assert {"closed", "awarded", "completed", "cancelled", "unsuccessful"} <= statuses
    for opp in shut:
        html = opportunity.page(opp, sample.settings, NOW, lang).markdown
        assert _template_shown(html) is None, opp.id
        assert "devex-copy" not in html and 'id="apply"' not in html
        assert LABELS["opp.copy"][lang] not in html and LABELS["opp.apply"][lang] not in html
        if opp.data.get("discussion"):
            assert f">{LABELS['opp.discussion'][lang]}</a>" in html
    # the same opportunity, once past its closing time: the template goes
    opp = sample.by_id()["esdc-2026-002"]
    after = datetime.fromisoformat(opp.data["closing"]).replace(year=2030)
    assert _template_shown(opportunity.page(opp, sample.settings, NOW, lang).markdown) is not None
    assert _template_shown(opportunity.page(opp, sample.settings, after, lang).markdown) is None


def test_the_application_template_is_text_not_markup(sample: Marketplace) -> None:
    """A criterion is the buyer's Markdown: in the template it is the text to paste into GitHub, escaped on the page,
    whitespace folded so each prompt is one line."""
    from site_builder.render import opportunity

    opp = copy.deepcopy(sample.by_id()["esdc-2026-002"])
    hostile = 'Knows <script>alert(1)</script> & "quotes" `code`\n  over two lines'
    opp.data["evaluation_criteria"]["fr"][0] = hostile
    html = opportunity.page(opp, sample.settings, NOW, "fr").markdown
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; `code` over two lines" in html
    text = _template_shown(html)
    assert text is not None and f"1. {' '.join(hostile.split())}" in text.split("\n")
    assert html_only(html.split("\n---\n", 1)[1])  # one raw HTML block: Markdown leaves the template whole


@pytest.mark.parametrize(("lang", "said"), [("en", "was edited by"), ("fr", "a été modifié par")])
def test_an_edit_by_someone_else_and_an_incomplete_history_are_shown(sample: Marketplace, lang: str, said: str) -> None:
    """Issue 22: the archive's flags reach the page, in both languages, with the editor named."""
    import dataclasses

    from site_builder.render import opportunity

    opp = next(o for o in sample.opportunities if o.bids and o.award)
    bids = copy.deepcopy(opp.bids)
    first = bids["bids"][0]
    first["edits"] = [{"by": "a-buyer", "at": first["created"]}]
    first["edited_by_others"] = True
    bids["bids"][-1]["history_incomplete"] = True
    flagged = dataclasses.replace(opp, bids_document=Document(opp.bids_document.file, bids))
    html = opportunity.page(flagged, sample.settings, NOW, lang).markdown
    assert 'id="archive-notices"' in html
    assert said in html and 'href="https://github.com/a-buyer"' in html
    assert "history" in html or "historique" in html
    assert 'id="archive-notices"' not in opportunity.page(opp, sample.settings, NOW, lang).markdown

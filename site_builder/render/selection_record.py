"""The selection as an opportunity page publishes it: the evaluation of every on-time applicant (one bordered table
each in a region that scrolls by itself on a phone: criterion, result as a marked word, reason: the debrief
unsuccessful suppliers ask for), then the draw's record: one sentence (who was drawn first, among how many, with
which beacon round named in advance, or what round it waits for) and the order, then, behind "How to check this
draw", the commitment, digests, round, signature, randomness and seed with a link to the method page that says how
to re-check them by hand."""

from __future__ import annotations

from site_builder import paths
from site_builder.i18n import t
from site_builder.locale import zone_time
from site_builder.model import Document, Opportunity, Settings
from site_builder.render.content import items_in, text_in
from site_builder.render.markup import block, heading, link
from site_builder.render.sanitize import escape, render_inline
from site_builder.selection.beacon import BeaconSettings, MissingBeaconSettings, beacon_settings, round_time
from site_builder.selection.evaluation import qualified

CHECK_MARK, CROSS_MARK = "\u2713", "\u2717"  # ✓ and ✗: text marks, never emoji, drawn in the text's own font


def marked(mark: str, text_html: str) -> str:
    """A mark before its words: the mark is for the eye only (aria-hidden), the words always say it, so neither the
    mark's shape nor its colour carries the meaning alone."""
    return f'<span class="devex-mark" aria-hidden="true">{mark}</span> {text_html}'


def evaluation_section(opp: Opportunity, lang: str) -> str:
    """One table per applicant, in the evaluation's order; empty before the evaluation is published."""
    doc = opp.evaluation_document
    if doc is None:
        return ""
    criteria = items_in(opp.document, ("evaluation_criteria",), lang)
    passed = {login.lower() for login in qualified(doc.data)}
    parts = [
        block(heading(2, t("sel.evaluation", lang), ident="evaluation-results")),
        block(f"<p>{escape(t('sel.evaluation_intro', lang))}</p>"),
    ]
    for index, applicant in enumerate(doc.data["applicants"]):
        verdict = t("sel.qualified" if applicant["login"].lower() in passed else "sel.not_qualified", lang)
        rows = "".join(_result_row(doc, criteria, index, number, lang) for number in range(len(applicant["criteria"])))
        parts.append(block(_scrolling_table(applicant["login"], f"@{applicant['login']}: {verdict}", rows, lang)))
    return "\n".join(parts)


def _result_row(doc: Document, criteria: list[str], applicant: int, number: int, lang: str) -> str:
    """A criterion (the row's header, numbered as the opportunity numbers it), its result as a marked word, and
    the buyer's reason (inline Markdown, sanitized)."""
    entry = doc.data["applicants"][applicant]["criteria"][number]
    criterion = entry["criterion"]
    text = criteria[criterion - 1] if 0 < criterion <= len(criteria) else str(criterion)
    reason = text_in(doc, ("applicants", applicant, "criteria", number, "reason"), lang)
    result = entry["result"]
    word = marked(CHECK_MARK if result == "pass" else CROSS_MARK, escape(t(f"sel.result.{result}", lang)))
    return (
        f'<tr><th scope="row">{criterion}. {render_inline(text)}</th>'
        f'<td class="devex-result devex-result--{escape(result)}">{word}</td>'
        f"<td>{render_inline(reason)}</td></tr>"
    )


def _scrolling_table(login: str, title: str, rows: str, lang: str) -> str:
    """The table inside a region named by its caption, focusable so a keyboard can scroll it when it is wider than a
    phone's screen: the table scrolls, never the page."""
    ident = f"evaluation-{escape(login.lower())}"
    head = "".join(
        f'<th scope="col">{escape(t(key, lang))}</th>' for key in ("sel.criterion", "sel.result", "sel.reason")
    )
    return (
        f'<div class="devex-table-scroll" role="region" aria-labelledby="{ident}-caption" tabindex="0">'
        f'<table class="devex-evaluation" id="{ident}">'
        f'<caption id="{ident}-caption">{escape(title)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def draw_section(opp: Opportunity, settings: Settings, here: str, lang: str) -> str:
    """The draw's public record, or what it waits for; empty before the evaluation. One sentence says who was drawn
    (or what the draw waits for), among how many, with which beacon round, and that anyone can check it; the drawn
    order follows; the digests a check needs come last, behind a summary (a `<details>`: no script needed)."""
    if opp.evaluation_document is None and opp.selection_document is None:
        return ""
    method = link(paths.href(here, paths.guide(lang, paths.METHOD_GUIDE)), t("sel.method_link", lang))
    parts = [block(heading(2, t("sel.draw", lang), ident="draw"))]
    record = opp.selection_document.data if opp.selection_document else None
    if record is None:
        parts.append(block(f"<p>{escape(t('sel.waiting_commitment', lang))} {method}</p>"))
        return "\n".join(parts)
    beacon = _beacon(settings)
    when = zone_time(round_time(record["round"], beacon), settings.time_zone, lang) if beacon else ""
    parts.append(block(f'<p class="devex-draw-summary">{escape(_in_one_sentence(opp, record, when, lang))}</p>'))
    order = "".join(f"<li>@{escape(login)}</li>" for login in record.get("order", ()))
    if order:
        parts.append(block(_facts([_row(t("sel.order", lang), f'<ol class="devex-order">{order}</ol>')])))
    digests = _facts(_digests(record, beacon, when, settings.time_zone, lang))
    summary = f"<summary>{escape(t('sel.check', lang))}</summary>"
    intro = f"<p>{escape(t('sel.check_intro', lang))} {method}</p>"
    parts.append(block(f'<details class="devex-draw-check">{summary}{intro}{digests}</details>'))
    return "\n".join(parts)


def _in_one_sentence(opp: Opportunity, record: dict, when: str, lang: str) -> str:
    """The draw in one sentence: who was drawn first (or that the round is awaited, and when), among how many
    qualified applicants, with which round of the public beacon, named in advance, and that anyone can check it."""
    count = len(qualified(opp.evaluation_document.data)) if opp.evaluation_document else len(record.get("order", ()))
    many = "none" if count == 0 else "one" if count == 1 else "many"
    if "signature" not in record:
        return t(f"sel.summary.waiting.{many}", lang, count=count, round=record["round"], time=when or record["round"])
    first = record["order"][0] if record["order"] else ""
    return t(f"sel.summary.drawn.{many}", lang, count=count, round=record["round"], login=first)


def _digests(record: dict, beacon: BeaconSettings | None, when: str, zone: str, lang: str) -> list[str]:
    """Every value of the record a check needs: the commitment and what it binds, the round named in advance (due
    `when`), and once drawn, the beacon's answer, its signature, the randomness and the seed."""
    number = str(record["round"])
    rows = [
        _row(t("sel.committed_at", lang), escape(zone_time(record["committed_at"], zone, lang))),
        _row(t("sel.commitment", lang), _code(record["commitment"])),
        _row(t("sel.bids_digest", lang), _code(record["bids_digest"])),
        _row(t("sel.evaluation_digest", lang), _code(record["evaluation_digest"])),
        _row(t("sel.round", lang), escape(t("sel.round_at", lang, round=number, time=when) if when else number)),
        _row(t("sel.chain", lang), _code(record["chain_hash"])),
    ]
    if "signature" in record:
        if beacon and beacon.urls:
            url = f"{beacon.urls[0]}/{record['chain_hash']}/public/{record['round']}"
            rows.append(_row(t("sel.beacon_answer", lang), link(url, url, external=True)))
        rows += [
            _row(t("sel.signature", lang), _code(record["signature"])),
            _row(t("sel.randomness", lang), _code(record["randomness"])),
            _row(t("sel.seed", lang), _code(record["seed"])),
        ]
    return rows


def _beacon(settings: Settings) -> BeaconSettings | None:
    try:
        return beacon_settings(settings)
    except MissingBeaconSettings:
        return None


def _row(label: str, value_html: str) -> str:
    return f"<dt>{escape(label)}</dt><dd>{value_html}</dd>"


def _facts(rows: list[str]) -> str:
    return f'<dl class="devex-facts devex-draw">{"".join(rows)}</dl>'


def _code(value: str) -> str:
    return f'<code class="devex-digest">{escape(value)}</code>'

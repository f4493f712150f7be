"""The page of one opportunity: every field, the closing time in the marketplace's zone with its offset, a status badge
(with the date and reason of a cancellation right under it, then the links between an opportunity and the one that
posts its work again), the way to ask or apply (render/application.py: while open, the rule, the sealed form and
the application template), dated addenda, the criteria as lists (the acceptance criteria marked met once the work
was accepted) and, after the award, who won, for how much, the supplier's answer to the offer and the work
delivered, with every earlier attempt (declined, left unanswered by its deadline, or terminated after a cure
notice); the evaluation and the draw come from render/selection_record.py, and once closed, before them, the
applications received (render/received.py). Beside each page, its search document: the title, teaser,
department, skills, project, description and criteria, the fields a supplier searches by."""

from __future__ import annotations

from datetime import datetime

from site_builder import lifecycle, paths
from site_builder.archive.applications import late_applicants, on_time_applicants
from site_builder.clock import closing_time
from site_builder.i18n import t
from site_builder.lifecycle.relaunch import NO_RELAUNCH, Relaunch
from site_builder.locale import department_name, long_date, money, skill_name, zone_time
from site_builder.model import Document, Opportunity, Settings
from site_builder.pages import Page, SearchDocument
from site_builder.render import application, received, search_meta
from site_builder.render.cards import badge
from site_builder.render.content import items_in, text_in
from site_builder.render.countdown import countdown
from site_builder.render.markup import block, front_matter, heading, link
from site_builder.render.sanitize import escape, render_inline, render_markdown
from site_builder.render.selection_record import CHECK_MARK, draw_section, evaluation_section, marked
from site_builder.selection.records import selected


def page(opp: Opportunity, settings: Settings, now: datetime, lang: str, relaunch: Relaunch = NO_RELAUNCH) -> Page:
    return page_and_search(opp, settings, now, lang, relaunch)[0]


def page_and_search(
    opp: Opportunity, settings: Settings, now: datetime, lang: str, relaunch: Relaunch = NO_RELAUNCH
) -> tuple[Page, SearchDocument]:
    """The page, and what search indexes of it: both from one rendering of the buyer's Markdown. `relaunch`
    (lifecycle.relaunch.relaunches) names the opportunity whose work this one posts again and those that post its
    work again: both pages link to each other."""
    here = paths.opportunity(lang, opp.id)
    title = text_in(opp.document, ("title",), lang)
    status = lifecycle.effective_status(opp.data, now)
    description = render_markdown(text_in(opp.document, ("description",), lang))
    acceptance = _criteria(items_in(opp.document, ("acceptance_criteria",), lang))
    evaluation = _criteria(items_in(opp.document, ("evaluation_criteria",), lang), numbered=True)
    sections = [
        front_matter(title),
        block(heading(1, title)),
        block(_summary(opp, status, settings, lang)),
        _cancellation(opp, lang),
        _relaunch(relaunch, here, lang),
        block(application.section(opp, settings, status, lang)),
        block(heading(2, t("opp.facts", lang), ident="facts")),
        block(_facts(opp, settings, here, lang)),
        block(heading(2, t("opp.description", lang), ident="description")),
        block(f'<div class="devex-text">{description}</div>'),
        _addenda(opp, lang),
        block(heading(2, t("opp.acceptance", lang), ident="acceptance")),
        block(_acceptance(opp, acceptance, lang)),
        block(heading(2, t("opp.evaluation", lang), ident="evaluation")),
        block(f"<p>{escape(t('opp.evaluation_note', lang))}</p>" + evaluation),
        received.section(opp, settings, status, lang),
        evaluation_section(opp, lang),
        draw_section(opp, settings, here, lang),
        _award(opp, settings, lang),
        _archive_notices(opp, lang),
        _corrections(opp, lang),
    ]
    page = Page(here, lang, title, "\n".join(part for part in sections if part))
    facts = search_meta.opportunity(opp, status, settings, lang)  # a result's status, value and closing date
    return page, _search_document(opp, settings, page, [facts, description, acceptance, evaluation])


def _search_document(opp: Opportunity, settings: Settings, page: Page, rendered: list[str]) -> SearchDocument:
    """For `page`: its title (Pagefind's result title, from the `<h1>`), teaser, topics, then the `rendered`
    description and criteria; its language in `<html lang>`, which picks the index."""
    lang, title = page.lang, page.title
    head = f'<!doctype html><html lang="{lang}"><head><title>{escape(title)}</title></head><body>'
    teaser = f"<p>{escape(text_in(opp.document, ('teaser',), lang))}</p><p>{escape(_topics(opp, settings, lang))}</p>"
    return SearchDocument(page.src_uri, lang, "".join([head, heading(1, title), teaser, *rendered, "</body></html>"]))


def _topics(opp: Opportunity, settings: Settings, lang: str) -> str:
    """The department, skills, project and identifier in one line: words a supplier may search by."""
    skills = ", ".join(skill_name(settings, code, lang) for code in opp.data["skills"])
    department = department_name(settings, opp.department, lang)
    return f"{department}. {skills}. {opp.data['project']['name']}. {opp.id}"


def _summary(opp: Opportunity, status: str, settings: Settings, lang: str) -> str:
    teaser = text_in(opp.document, ("teaser",), lang)
    left = ""
    if status == "open":
        closing = closing_time(opp.data)
        left = f" · {countdown(closing, zone_time(closing, settings.time_zone, lang), lang)}"
    value = f"<strong>{escape(money(opp.data['value'], lang))}</strong> {escape(t('opp.value_note', lang))}"
    return (
        f'<p class="devex-card__meta">{badge(status, lang)} {value} · {escape(t("opp.remote_unclassified", lang))}'
        f"{left}</p>\n"
        f'<p class="devex-lead">{escape(teaser)}</p>'
    )


def _cancellation(opp: Opportunity, lang: str) -> str:
    """Why and when the opportunity was cancelled, right under its status: the reason is a plain text in both
    languages (inline Markdown, sanitized, as the evaluation's reasons)."""
    cancellation = opp.data.get("cancellation")
    if not cancellation:
        return ""
    title = t("opp.cancelled", lang, date=long_date(cancellation["date"], lang))
    reason = render_inline(text_in(opp.document, ("cancellation", "reason"), lang))
    return block(
        '<div class="admonition warning devex-cancellation" id="cancellation">'
        f'<p class="admonition-title">{escape(title)}</p><p>{reason}</p></div>'
    )


def _archive_notices(opp: Opportunity, lang: str) -> str:
    """What the archive flags about its comments (issue 22): an edit by someone other than the comment's author
    (the marketplace's team can edit anyone's comment on GitHub), and a text at closing GitHub's history could
    not show. Shown to everyone, as the archive records them."""
    if not opp.bids:
        return ""
    items = []
    for bid in opp.bids["bids"]:
        author = link(paths.github_profile(bid["author"]), f"@{bid['author']}", external=True)
        comment = link(bid["url"], t("opp.comment", lang), external=True)
        if bid.get("edited_by_others"):
            others = sorted(
                {edit["by"] for edit in bid.get("edits", []) if edit["by"].lower() != bid["author"].lower()}
            )
            editors = ", ".join(link(paths.github_profile(login), f"@{login}", external=True) for login in others)
            items.append(t("opp.edited_by_others", lang, author=author, comment=comment, editors=editors))
        if bid.get("history_incomplete"):
            items.append(t("opp.history_incomplete", lang, author=author, comment=comment))
    if not items:
        return ""
    listed = "".join(f"<li>{item}</li>" for item in items)
    return block(heading(2, t("opp.archive_notices", lang), ident="archive-notices")) + block(f"<ul>{listed}</ul>")


def _corrections(opp: Opportunity, lang: str) -> str:
    """The maintainers' corrections of this opportunity's frozen records (corrections.yaml): who, when, which
    files and why, as made, so a corrected record never reads as if it had always been so."""
    if not opp.corrections_document:
        return ""
    items = []
    for index, entry in enumerate(opp.corrections):
        by = link(paths.github_profile(entry["by"]), f"@{entry['by']}", external=True)
        files = ", ".join(f"<code>{escape(name)}</code>" for name in entry["files"])
        line = t("opp.correction", lang, date=escape(long_date(entry["date"], lang)), by=by, files=files)
        reason = render_inline(text_in(opp.corrections_document, ("corrections", index, "reason"), lang))
        items.append(f"<li><p>{line}</p><p>{reason}</p></li>")
    note = f"<p>{escape(t('opp.corrections_note', lang))}</p>"
    return block(heading(2, t("opp.corrections", lang), ident="corrections")) + block(
        f"{note}<ul>{''.join(items)}</ul>"
    )


def _relaunch(relaunch: Relaunch, here: str, lang: str) -> str:
    """The earlier opportunity whose work this one posts again, and the later ones that post this one's again."""

    def to(other: Opportunity) -> str:
        label = f"{text_in(other.document, ('title',), lang)} ({other.id})"
        return link(paths.href(here, paths.opportunity(lang, other.id)), label)

    lines = []
    if relaunch.replaces is not None:
        lines.append(t("opp.replaces", lang, link=to(relaunch.replaces)))
    if relaunch.replaced_by:
        lines.append(t("opp.replaced_by", lang, links=", ".join(to(later) for later in relaunch.replaced_by)))
    return "".join(block(f'<p class="devex-relaunch">{line}</p>') for line in lines)


def _row(label: str, value_html: str) -> str:
    return f"<dt>{escape(label)}</dt><dd>{value_html}</dd>"


def _rows(rows: list[str]) -> str:
    """Facts as a description list: lighter than a table for the browser and the search indexer alike (every
    element costs Material's search indexer about 9 µs per page: a fact shown once is a fact indexed once)."""
    return f'<dl class="devex-facts">{"".join(rows)}</dl>'


def _facts(opp: Opportunity, settings: Settings, here: str, lang: str) -> str:
    data = opp.data
    closing = zone_time(closing_time(data), settings.time_zone, lang)
    department = link(
        paths.href(here, paths.listing(lang, f"departments/{opp.department}")),
        department_name(settings, opp.department, lang),
    )
    skills = ", ".join(
        link(paths.href(here, paths.listing(lang, f"skills/{code}")), skill_name(settings, code, lang))
        for code in data["skills"]
    )
    project_url = data["project"].get("url")
    project = escape(data["project"]["name"])
    if project_url:
        project = link(project_url, data["project"]["name"], external=True)
    contact = data["contact"]
    # Value, status and the remote, unclassified terms are in the summary line above: not repeated here.
    rows = [
        _row(t("opp.closing", lang), f'<time datetime="{escape(data["closing"])}">{escape(closing)}</time>'),
        _row(t("opp.department", lang), department),
        _row(t("opp.skills", lang), skills),
        _row(t("opp.project", lang), project),
    ]
    if data["repository"] != project_url:  # most projects are their repository: the project link says it
        rows.append(_row(t("opp.repository", lang), link(data["repository"], data["repository"], external=True)))
    if data.get("issue"):
        rows.append(_row(t("opp.issue", lang), link(data["issue"], data["issue"], external=True)))
    rows += [
        _row(t("opp.licence", lang), escape(data["licence"])),
        _row(t("opp.posted", lang), _date(data["posted"], lang)),
        _row(t("opp.start", lang), _date(data["start"], lang)),
        _row(t("opp.delivery", lang), _date(data["delivery"], lang)),
        _row(
            t("opp.contact", lang),
            f"{escape(contact['name'])}, {link('mailto:' + contact['email'], contact['email'])}",
        ),
        _row(t("opp.id", lang), f"<code>{escape(opp.id)}</code>"),
    ]
    return _rows(rows)


def _date(day: str, lang: str) -> str:
    return escape(long_date(day, lang))


def _criteria(items: list[str], *, numbered: bool = False) -> str:
    """Criteria as a plain list of what must be met: never empty boxes, which read as "not met". Evaluation criteria
    are numbered, as the evaluation's tables and the application template number them."""
    tag = "ol" if numbered else "ul"
    listed = "".join(f"<li>{render_inline(item)}</li>" for item in items)
    return f'<{tag} class="devex-criteria">{listed}</{tag}>'


def _accepted_on(opp: Opportunity) -> str | None:
    """The day the buyer accepted the work, for completed work only: `completed` is the status the validator allows
    only with award.yaml's `accepted` date (lifecycle/folder.py). An awarded contract, even delivered, and a
    terminated one are not accepted work."""
    if opp.data["status"] != "completed" or not opp.award:
        return None
    return opp.award.get("accepted")


def _acceptance(opp: Opportunity, criteria: str, lang: str) -> str:
    """The acceptance criteria: met, with the day, on completed work; otherwise the `criteria` still to meet."""
    accepted = _accepted_on(opp)
    if accepted is None:
        return criteria
    sentence = escape(t("opp.acceptance_met", lang, date=long_date(accepted, lang)))
    items = items_in(opp.document, ("acceptance_criteria",), lang)
    listed = "".join(f"<li>{marked(CHECK_MARK, render_inline(item))}</li>" for item in items)
    return (
        f'<p class="devex-met">{marked(CHECK_MARK, sentence)}</p>'
        f'<ul class="devex-criteria devex-criteria--met">{listed}</ul>'
    )


def _addenda(opp: Opportunity, lang: str) -> str:
    addenda = opp.data.get("addenda") or []
    if not addenda:
        return ""
    parts = [block(heading(2, t("opp.addenda", lang), ident="addenda"))]
    for index, addendum in enumerate(addenda):
        text = render_markdown(text_in(opp.document, ("addenda", index, "text"), lang))
        title = t("opp.addendum", lang, date=long_date(addendum["date"], lang))
        parts.append(
            block(f'<section class="devex-addendum">{heading(3, title)}<div class="devex-text">{text}</div></section>')
        )
    return "\n".join(parts)


def _split_justification(doc: Document, lang: str) -> str:
    """The recorded reason a contract-split warning was overridden: the linter accepts it only because it is shown."""
    justification = render_markdown(text_in(doc, ("split_justification",), lang))
    return "\n".join(
        [
            block(heading(3, t("award.split_justification", lang), ident="split-justification")),
            block(f'<div class="devex-text">{justification}</div>'),
        ]
    )


def _award(opp: Opportunity, settings: Settings, lang: str) -> str:
    award = opp.award
    if not award or not opp.award_document:
        return ""
    doc = opp.award_document
    supplier = award["supplier"]
    profile = link(paths.github_profile(supplier["github"]), f"@{supplier['github']}", external=True)
    selection = award["selection"]
    chosen = selected(opp)  # a public draw's method and qualified applicants come from its records
    assert chosen is not None
    method = t(f"award.method.{chosen.method}", lang, count=len(chosen.qualified))
    rows = [
        _row(t("award.supplier", lang), f"{escape(supplier['name'])} ({profile})"),
        _row(t("award.amount", lang), escape(money(award["amount"], lang))),
        _row(t("award.awarded", lang), _date(award["awarded"], lang)),
        _row(t("award.selection", lang), escape(method)),
    ]
    if award.get("answer"):
        rows.insert(3, _row(t("award.answer", lang), _answer(award, lang)))
    if opp.bids:
        # the people the selection evaluated and those turned away as late, as OCDS and the disclosure CSV count
        on_time, late = len(on_time_applicants(opp.bids)), len(late_applicants(opp.bids))
        rows.append(
            _row(t("award.applications", lang), escape(t("award.applications_count", lang, count=on_time, late=late)))
        )
    if award.get("work"):
        rows.append(_row(t("award.work", lang), link(award["work"], award["work"], external=True)))
    for step in ("delivered", "accepted", "paid"):
        if award.get(step):
            rows.append(_row(t(f"award.{step}", lang), _date(award[step], lang)))
    parts = [
        block(heading(2, t("award.title", lang), ident="award")),
        block(_rows(rows)),
    ]
    if selection.get("rationale"):
        rationale = render_markdown(text_in(doc, ("selection", "rationale"), lang))
        parts.append(block(heading(3, t("award.rationale", lang), ident="rationale")))
        parts.append(block(f'<div class="devex-text">{rationale}</div>'))
    if award.get("split_justification"):
        parts.append(_split_justification(doc, lang))
    parts += _cure_and_termination(doc, (), lang)
    parts += _previous(doc, lang)
    return "\n".join(parts)


def _cure_and_termination(doc: Document, at: tuple, lang: str) -> list[str]:
    """The cure notice (date, deadline, what to deliver) and the termination that followed it, as warnings."""
    node = doc.data
    for part in at:
        node = node[part]
    parts = []
    notice = node.get("cure_notice")
    if notice:
        text = render_markdown(text_in(doc, (*at, "cure_notice", "text"), lang))
        title = t(
            "award.cure_notice",
            lang,
            date=long_date(notice["date"], lang),
            deadline=long_date(notice["deadline"], lang),
        )
        posted = (
            f"<p>{link(notice['link'], t('award.cure_notice_link', lang), external=True)}</p>"
            if notice.get("link")
            else ""
        )
        parts.append(
            block(
                '<div class="admonition note devex-cure-notice">'
                f'<p class="admonition-title">{escape(title)}</p><div class="devex-text">{text}</div>{posted}</div>'
            )
        )
    if node.get("terminated"):
        reason = render_markdown(text_in(doc, (*at, "terminated", "reason"), lang))
        when = long_date(node["terminated"]["date"], lang)
        parts.append(
            block(
                '<div class="admonition warning">'
                f'<p class="admonition-title">{escape(t("award.terminated", lang, date=when))}</p>'
                f'<div class="devex-text">{reason}</div></div>'
            )
        )
    return parts


def _attempt_end(attempt: dict) -> str:
    """The day an earlier attempt ended: the decline, the offer's deadline passed without an answer, or the
    termination."""
    if attempt["outcome"] == "declined":
        return attempt["declined"]
    if attempt["outcome"] == "no-answer":
        return attempt["answer_by"]
    return attempt["terminated"]["date"]


def _answer(award: dict, lang: str) -> str:
    """The supplier's own answer to the offer, as automation recorded it: accepted or declined on a date, with
    their comment."""
    answer = award["answer"]
    said = t(f"award.answer.{answer['kind']}", lang, date=long_date(answer["date"], lang))
    return f"{escape(said)} ({link(answer['link'], t('award.answer_link', lang), external=True)})"


def _previous(doc: Document, lang: str) -> list[str]:
    """Every earlier offer of the work, oldest first: who, when, and why the next in the draw order got it."""
    attempts = doc.data.get("previous") or []
    if not attempts:
        return []
    parts = [
        block(heading(3, t("award.previous", lang), ident="previous-attempts")),
        block(f"<p>{escape(t('award.previous_intro', lang))}</p>"),
    ]
    for index, attempt in enumerate(attempts):
        supplier = attempt["supplier"]
        profile = link(paths.github_profile(supplier["github"]), f"@{supplier['github']}", external=True)
        outcome = attempt["outcome"]
        ended = _attempt_end(attempt)
        title = t(f"award.attempt.{outcome}", lang, number=index + 1, date=long_date(ended, lang))
        rows = [
            _row(t("award.supplier", lang), f"{escape(supplier['name'])} ({profile})"),
            _row(t("award.offered", lang), _date(attempt["offered"], lang)),
        ]
        if "amount" in attempt:
            rows.append(_row(t("award.amount", lang), escape(money(attempt["amount"], lang))))
        if attempt.get("link"):
            rows.append(
                _row(t(f"award.attempt_link.{outcome}", lang), link(attempt["link"], attempt["link"], external=True))
            )
        title_html = heading(4, title, ident=f"attempt-{index + 1}")
        parts.append(block(f'<section class="devex-attempt">{title_html}{_rows(rows)}</section>'))
        parts += _cure_and_termination(doc, ("previous", index), lang)
    return parts

"""What the automation says on GitHub, in English and French together, each text opening with its marker.

The texts are built from the opportunity's own data and the marketplace settings only, so the same
repository state always produces the same words (and a plan printed by `--dry-run` is what gets posted).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from site_builder.archive.applications import (
    APPLICATION_LINE,
    application_template,
    late_applicants,
    on_time_applicants,
)
from site_builder.business_days import add_business_days
from site_builder.canonical import sha256_hex
from site_builder.clock import closing_time, parse_utc, utc_text
from site_builder.errors import MissingBeaconSettings
from site_builder.github_sync.discussions import Comment
from site_builder.github_sync.markers import contract_mark, marker, same_actor
from site_builder.github_sync.receipts import Receipt, SealCheck, seal_check
from site_builder.i18n import t
from site_builder.locale import long_date, money, skill_name, zone_time
from site_builder.model import Opportunity, Settings
from site_builder.paths import METHOD_GUIDE, absolute, guide, opportunity_url
from site_builder.selection.beacon import beacon_settings, round_time
from site_builder.selection.evaluation import qualified

ELIGIBILITY = ("age", "account", "public_servant", "licence")
SUPPLIERS_GUIDE = "suppliers"  # says how to check a receipt (docs/guides/suppliers.md)


def local_closing(data: dict[str, Any], settings: Settings) -> dict[str, str]:
    """The closing time in the marketplace's zone, as the site writes it, in both languages."""
    return {lang: zone_time(data["closing"], settings.time_zone, lang) for lang in ("en", "fr")}


def discussion_title(opp: Opportunity) -> str:
    return f"{opp.id}: {opp.data['title']['en']} / {opp.data['title']['fr']}"


def discussion_body(opp: Opportunity, settings: Settings) -> str:
    """The bilingual body of an opportunity's discussion."""
    data, closes = opp.data, local_closing(opp.data, settings)
    parts = [marker("posted", opp.id), f"**{opp.id}** · [English](#english) · [Français](#français)"]
    for lang, heading in (("en", "English"), ("fr", "Français")):
        skills = ", ".join(skill_name(settings, code, lang) for code in data["skills"])
        eligibility = [t(f"message.eligibility.{item}", lang) for item in ELIGIBILITY]
        value = f"{money(data['value'], lang, code=True)} ({t('message.taxes', lang)})"
        parts += [
            f"## {heading}",
            f"### {data['title'][lang]}",
            data["teaser"][lang],
            "\n".join(
                [
                    f"- **{t('message.value', lang)}:** {value}",
                    f"- **{t('message.closes', lang)}:** {closes[lang]}",
                    f"- **{t('message.page', lang)}:** {opportunity_url(settings.site_url, lang, opp.id)}",
                    f"- **{t('opp.repository', lang)}:** {data['repository']}",
                    f"- **{t('opp.skills', lang)}:** {skills}",
                ]
            ),
            f"### {t('message.apply', lang)}",
            t("message.apply_text", lang),
            f"#### {t('message.template', lang)}",
            application_template_block(data, lang),
            f"### {t('message.eligibility', lang)}",
            "\n".join(f"- [ ] {line}" for line in eligibility + data["evaluation_criteria"][lang]),
        ]
    return "\n\n".join(parts) + "\n"


def application_template_block(data: dict[str, Any], lang: str) -> str:
    """The one application template (archive.applications, the page's too), as a fenced block to copy."""
    return "```text\n" + application_template(data["evaluation_criteria"][lang], lang) + "\n```"


def closing_comment(opp: Opportunity, settings: Settings, bids: dict[str, Any]) -> str:
    closes = local_closing(opp.data, settings)
    # the people to evaluate and those too late, counted as the opportunity page and the open data count them
    counts = {"on_time": len(on_time_applicants(bids)), "late": len(late_applicants(bids)), "digest": bids["digest"]}
    texts = []
    for lang in ("en", "fr"):
        notes = [f"- {note}" for note in archive_notes(bids, settings, lang)]
        texts.append("\n\n".join([t("message.closed", lang, **counts), *(["\n".join(notes)] if notes else [])]))
    return "\n\n".join([marker("closing", opp.id), heading("closed", closes["en"], closes["fr"]), *texts]) + "\n"


def archive_notes(bids: dict[str, Any], settings: Settings, lang: str) -> list[str]:
    """What the department must look at in an archive, in `lang`: comments edited by someone other than their
    author, and comments whose text at closing GitHub's history could not show."""
    notes = []
    for bid in bids["bids"]:
        if not (bid.get("edited_by_others") or bid.get("history_incomplete")):
            continue
        facts = {"url": bid["url"], "author": bid["author"]}
        if bid.get("edited_by_others"):
            others = [edit for edit in bid["edits"] if not same_actor(edit["by"], bid["author"])]
            edits = ", ".join(f"@{edit['by']} ({zone_time(edit['at'], settings.time_zone, lang)})" for edit in others)
            notes.append(t("message.closed.edited_by_others", lang, edits=edits, **facts))
        if bid.get("history_incomplete"):
            time = zone_time(bid.get("text_at") or bid["updated"], settings.time_zone, lang, seconds=True)
            notes.append(t("message.closed.history_incomplete", lang, time=time, **facts))
    return notes


def receipt_comment(opp: Opportunity, settings: Settings, receipt: Receipt, closing_passed: bool) -> str:
    """The receipt of one application's text: the applicant, GitHub's time for the comment (UTC and the
    marketplace's zone) and the sha256 of the text it names; `closing_passed`: the text as it stood at closing."""
    comment, text = receipt.comment, receipt.text
    received = utc_text(parse_utc(comment.created))
    closes = local_closing(opp.data, settings)
    sealing = None if closing_passed else _seal_check(opp, settings, text.body)
    texts = []
    for lang in ("en", "fr"):
        if closing_passed:
            which = t("message.receipt.at_closing", lang)
        elif text.at == comment.created:
            which = t("message.receipt.as_sent", lang)
        else:
            edited = utc_text(parse_utc(text.at))
            which = t("message.receipt.as_edited", lang, time=f"{edited} (UTC)")
        local = zone_time(received, settings.time_zone, lang, seconds=True)
        lines = [
            f"- **{t('message.receipt.received', lang)}:** {received} (UTC) · {local}",
            f"- **{t('message.receipt.text', lang)}:** {which}",
            f"- **{t('message.receipt.sha256', lang)}:** `{receipt.digest}`",
            *_sealing_lines(sealing, receipt.copy_of, lang),
        ]
        guide_url = absolute(settings.site_url, guide(lang, SUPPLIERS_GUIDE))
        texts.append(
            "\n\n".join(
                [
                    t("message.receipt", lang, login=comment.author, closes=closes[lang]),
                    "\n".join(lines),
                    t("message.receipt.after", lang, guide=guide_url),
                ]
            )
        )
    title = f"**{t('message.receipt.title', 'en')} / {t('message.receipt.title', 'fr')}** · @{comment.author}"
    return "\n\n".join([marker("receipt", receipt.mark), title, *texts]) + "\n"


def _seal_check(opp: Opportunity, settings: Settings, body: str) -> SealCheck | None:
    try:
        beacon = beacon_settings(settings)
    except MissingBeaconSettings:
        return None
    return seal_check(body, closing_time(opp.data), beacon)


def _sealing_lines(check: SealCheck | None, copy_of: Comment | None, lang: str) -> list[str]:
    """The receipt's word on a sealed text: sealed until closing; or a copy of `copy_of`'s, which opens as
    theirs, never as the poster's; or why it would not open then."""
    if check is None:
        return []
    label = t("message.receipt.sealed", lang)
    if copy_of is not None:
        posted = utc_text(parse_utc(copy_of.created))
        copied = t("message.receipt.seal_copied", lang, login=copy_of.author, time=f"{posted} (UTC)")
        return [f"- **{label}:** ⚠️ {copied}"]
    if check.problem is None:
        return [f"- **{label}:** {t('message.receipt.sealed_until', lang, round=check.due)}"]
    why = t(f"message.receipt.seal.{check.problem}", lang, round=check.round, due=check.due)
    return [f"- **{label}:** ⚠️ {t('message.receipt.seal_problem', lang, why=why)}"]


def howto_comment(opp: Opportunity, settings: Settings, login: str, mark: str) -> str:
    """The reply to a comment that almost applied: it does not count, and how to apply before closing."""
    closes = local_closing(opp.data, settings)
    texts = [t("message.howto", lang, login=login, line=APPLICATION_LINE, closes=closes[lang]) for lang in ("en", "fr")]
    title = f"**{t('message.howto.title', 'en')} / {t('message.howto.title', 'fr')}** · @{login}"
    return "\n\n".join([marker("howto", mark), title, *texts]) + "\n"


def selection_comment(opp: Opportunity, settings: Settings, record: dict[str, Any]) -> str:
    """The one announcement of the commitment: digests, the round named in advance, its time, how to re-check."""
    due = round_time(record["round"], beacon_settings(settings)).isoformat().replace("+00:00", "Z")
    texts = [
        t(
            "message.committed",
            lang,
            evaluation=record["evaluation_digest"],
            commitment=record["commitment"],
            bids=record["bids_digest"],
            round=record["round"],
            time=f"{zone_time(due, settings.time_zone, lang)} ({due})",
            method=absolute(settings.site_url, guide(lang, METHOD_GUIDE)),
        )
        for lang in ("en", "fr")
    ]
    return (
        "\n\n".join([marker("selection", opp.id), f"**{record['commitment'][:12]}** · round {record['round']}", *texts])
        + "\n"
    )


def award_comment(opp: Opportunity, award: dict[str, Any], settings: Settings) -> str:
    """The award's announcement, once per contract. Under the public draw it is also the offer: it tells the
    supplier how and by when to answer, and its marker names the contract (`contract_mark`)."""
    supplier = award["supplier"]
    method, draw = drawn(opp, award)
    # the offer's deadline, counted as the rules count `answer_by`: offer_days business days after `awarded`
    deadline = add_business_days(date.fromisoformat(award["awarded"]), settings.offer_days)
    texts = []
    for lang in ("en", "fr"):
        text = t(
            "message.awarded",
            lang,
            login=supplier["github"],
            name=supplier["name"],
            amount=money(award["amount"], lang, code=True),
            how=t(f"message.how.{method}", lang, **draw),
        )
        if awaits_answer(opp):
            said = long_date(deadline, lang)
            text += "\n\n" + t("message.offer", lang, login=supplier["github"], deadline=said, days=settings.offer_days)
        texts.append(text)
    dates = (long_date(award["awarded"], lang) for lang in ("en", "fr"))
    return "\n\n".join([marker("award", award_mark(opp, award)), heading("awarded", *dates), *texts]) + "\n"


def award_mark(opp: Opportunity, award: dict[str, Any]) -> str:
    """The id of an award announcement's marker: per contract under the public draw (a selection.yaml), the
    opportunity's id for a legacy award, as before."""
    return contract_mark(opp.id, award["supplier"]["github"]) if opp.selection_document else opp.id


def awaits_answer(opp: Opportunity) -> bool:
    """An awarded contract of the public draw whose supplier has not answered the offer yet (nor been
    terminated): automation waits for the answer in the discussion. Legacy awards need no answer."""
    award = opp.award
    return (
        opp.status == "awarded"
        and opp.selection_document is not None
        and award is not None
        and "answer" not in award
        and "terminated" not in award
    )


def drawn(opp: Opportunity, award: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The method and the draw as the records say, for the announcement. Under the public draw they come from
    selection.yaml (the order and seed) and evaluation.yaml (who qualified), never from award.yaml's own
    `selection`, which the buyer writes and could restate wrongly; a legacy award has only that."""
    if opp.selection_document is not None:
        record = opp.selection_document.data
        order = record.get("order") or []
        passed = qualified(opp.evaluation_document.data) if opp.evaluation_document else order
        method, count, seed = ("random-draw" if len(order) > 1 else "sole-qualified"), len(passed), record.get("seed")
    else:
        selection = award["selection"]
        method, count, seed = selection["method"], len(selection["qualified"]), selection.get("seed")
        order = selection.get("order", [])
    return method, {"count": count, "seed": seed or "", "order": ", ".join(f"@{who}" for who in order)}


def answer_comment(opp: Opportunity, award: dict[str, Any]) -> str:
    """The acknowledgement of the supplier's answer, once per contract, after it is in award.yaml."""
    login, answer = award["supplier"]["github"], award["answer"]
    texts = [
        t(
            f"message.answer.{answer['kind']}",
            lang,
            login=login,
            date=long_date(answer["date"], lang),
            link=answer["link"],
        )
        for lang in ("en", "fr")
    ]
    title = f"**{t('message.answer.title', 'en')} / {t('message.answer.title', 'fr')}**"
    return "\n\n".join([marker("answer", contract_mark(opp.id, login)), title, *texts]) + "\n"


def cure_mark(opp: Opportunity, award: dict[str, Any]) -> str:
    """The id of a cure notice's marker: the contract, and a digest of the notice as the buyer wrote it (date,
    deadline, text), so a notice is posted once, and a different notice is a different post."""
    notice = {key: value for key, value in award["cure_notice"].items() if key != "link"}
    return contract_mark(opp.id, award["supplier"]["github"], sha256_hex(notice)[:16])


def cure_comment(opp: Opportunity, award: dict[str, Any]) -> str:
    """The cure notice as posted to the supplier: what to deliver, by when, and what follows otherwise."""
    login, notice = award["supplier"]["github"], award["cure_notice"]
    texts = []
    for lang in ("en", "fr"):
        dated = {"date": long_date(notice["date"], lang), "deadline": long_date(notice["deadline"], lang)}
        quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in notice["text"][lang].splitlines())
        intro = t("message.cure", lang, login=login, opportunity=opp.id, **dated)
        texts.append("\n\n".join([intro, quoted, t("message.cure.after", lang)]))
    title = f"**{t('message.cure.title', 'en')} / {t('message.cure.title', 'fr')}**"
    deadlines = " / ".join(long_date(notice["deadline"], lang) for lang in ("en", "fr"))
    return "\n\n".join([marker("cure", cure_mark(opp, award)), f"{title} · {deadlines}", *texts]) + "\n"


def heading(status: str, *details: str) -> str:
    """`**Closed / Fermée** · <English> / <French>`: the status as the site names it, then its details."""
    title = f"**{t(f'status.{status}', 'en')} / {t(f'status.{status}', 'fr')}**"
    return " · ".join([title, " / ".join(details)]) if details else title


def ending_comment(opp: Opportunity, status: str) -> str:
    texts = [t(f"message.ending.{status}", lang) for lang in ("en", "fr")]
    return "\n\n".join([marker(status, opp.id), heading(status), *texts]) + "\n"

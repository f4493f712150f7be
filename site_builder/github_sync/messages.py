"""What the automation says on GitHub, in English and French together, each text opening with its marker.

The texts are built from the opportunity's own data and the marketplace settings only, so the same
repository state always produces the same words (and a plan printed by `--dry-run` is what gets posted).
"""

from __future__ import annotations

from typing import Any

from site_builder.archive.applications import APPLICATION_LINE, late_applicants, on_time_applicants
from site_builder.github_sync.markers import marker
from site_builder.i18n import t
from site_builder.locale import long_date, money, skill_name, zone_time
from site_builder.model import Opportunity, Settings
from site_builder.paths import METHOD_GUIDE, absolute, guide, opportunity_url
from site_builder.selection.beacon import beacon_settings, round_time

ELIGIBILITY = ("age", "account", "public_servant", "licence")


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
            application_template(data, lang),
            f"### {t('message.eligibility', lang)}",
            "\n".join(f"- [ ] {line}" for line in eligibility + data["evaluation_criteria"][lang]),
        ]
    return "\n\n".join(parts) + "\n"


def application_template(data: dict[str, Any], lang: str) -> str:
    """The application template, a fenced block to copy: the fixed first line, then a short checklist."""
    criteria = [f"   {number}. {text}: " for number, text in enumerate(data["evaluation_criteria"][lang], 1)]
    lines = [
        APPLICATION_LINE,
        "",
        f"- {t('message.template.who', lang)} ",
        f"- {t('message.template.criteria', lang)}",
        *criteria,
        f"- {t('message.template.work', lang)} ",
        f"- {t('message.template.eligible', lang)}",
    ]
    return "```text\n" + "\n".join(lines) + "\n```"


def closing_comment(opp: Opportunity, settings: Settings, bids: dict[str, Any]) -> str:
    closes = local_closing(opp.data, settings)
    # the people to evaluate and those too late, counted as the opportunity page and the open data count them
    counts = {"on_time": len(on_time_applicants(bids)), "late": len(late_applicants(bids)), "digest": bids["digest"]}
    texts = [t("message.closed", lang, **counts) for lang in ("en", "fr")]
    return "\n\n".join([marker("closing", opp.id), heading("closed", closes["en"], closes["fr"]), *texts]) + "\n"


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


def award_comment(opp: Opportunity, award: dict[str, Any]) -> str:
    supplier, selection = award["supplier"], award["selection"]
    draw = {
        "count": len(selection["qualified"]),
        "seed": selection.get("seed", ""),
        "order": ", ".join(f"@{who}" for who in selection.get("order", [])),
    }
    texts = [
        t(
            "message.awarded",
            lang,
            login=supplier["github"],
            name=supplier["name"],
            amount=money(award["amount"], lang, code=True),
            how=t(f"message.how.{selection['method']}", lang, **draw),
        )
        for lang in ("en", "fr")
    ]
    dates = (long_date(award["awarded"], lang) for lang in ("en", "fr"))
    return "\n\n".join([marker("award", opp.id), heading("awarded", *dates), *texts]) + "\n"


def heading(status: str, *details: str) -> str:
    """`**Closed / Fermée** · <English> / <French>`: the status as the site names it, then its details."""
    title = f"**{t(f'status.{status}', 'en')} / {t(f'status.{status}', 'fr')}**"
    return " · ".join([title, " / ".join(details)]) if details else title


def ending_comment(opp: Opportunity, status: str) -> str:
    texts = [t(f"message.ending.{status}", lang) for lang in ("en", "fr")]
    return "\n\n".join([marker(status, opp.id), heading(status), *texts]) + "\n"

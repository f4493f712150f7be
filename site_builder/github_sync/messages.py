"""What the automation says on GitHub, in English and French together, each text opening with its marker.

The texts are built from the opportunity's own data and the marketplace settings only, so the same
repository state always produces the same words (and a plan printed by `--dry-run` is what gets posted).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from site_builder.github_sync.markers import marker
from site_builder.i18n import FRENCH_ZONE_NAMES
from site_builder.lifecycle import closing_time
from site_builder.model import Opportunity, Settings


def local_closing(data: dict[str, Any], settings: Settings) -> dict[str, str]:
    """The closing time in the marketplace's zone with its offset: `2026-12-04 14:00 EST (UTC-05:00)`."""
    moment = closing_time(data).astimezone(ZoneInfo(settings.time_zone))
    return {"en": _clock(moment, "en"), "fr": _clock(moment, "fr")}


def _clock(moment: datetime, lang: str) -> str:
    offset = moment.strftime("%z")
    offset = f"UTC{offset[:3]}:{offset[3:]}"
    zone = moment.tzname() or ""
    if lang == "fr":
        return f"{moment:%Y-%m-%d} {moment:%H} h {moment:%M} {FRENCH_ZONE_NAMES.get(zone, zone)} ({offset})"
    return f"{moment:%Y-%m-%d %H:%M} {zone} ({offset})"


def money(amount: float, lang: str) -> str:
    whole = float(amount).is_integer()
    text = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    if lang == "fr":
        return text.replace(",", "\u00a0").replace(".", ",") + "\u00a0$\u00a0CA"
    return f"${text} CAD"


def page_url(opp: Opportunity, settings: Settings) -> str:
    return f"{settings.site_url}opportunities/{opp.id}/"


def discussion_title(opp: Opportunity) -> str:
    return f"{opp.id}: {opp.data['title']['en']} / {opp.data['title']['fr']}"


_APPLY = {
    "en": (
        "Apply by adding a comment to this discussion before the closing time: say who you are, how you meet "
        "each evaluation criterion, and link to your public work. One comment per applicant; it is archived "
        "word for word when the opportunity closes. Comments posted after the closing time are marked late, "
        "and edits made after it are marked as such. Ask questions here too: answers are public."
    ),
    "fr": (
        "Postulez en ajoutant un commentaire à cette discussion avant l'heure de clôture : présentez-vous, "
        "expliquez comment vous satisfaites à chaque critère d'évaluation et donnez un lien vers vos travaux "
        "publics. Un commentaire par candidat; il est archivé mot pour mot à la clôture. Les commentaires "
        "publiés après l'heure de clôture sont marqués en retard, et les modifications faites après elle sont "
        "signalées. Posez aussi vos questions ici : les réponses sont publiques."
    ),
}
_ELIGIBILITY = {
    "en": [
        "I am an adult and a Canadian citizen, a permanent resident, or I hold a work permit.",
        "I have a public GitHub account (this one).",
        "If I am a public servant, I have written sign-off and follow the conflict-of-interest rules.",
        "I license the work to the Crown under the opportunity's open-source licence.",
    ],
    "fr": [
        "Je suis majeur et citoyen canadien, résident permanent ou titulaire d'un permis de travail.",
        "J'ai un compte GitHub public (celui-ci).",
        "Si je suis fonctionnaire, j'ai une autorisation écrite et je respecte les règles sur les conflits d'intérêts.",
        "J'accorde à la Couronne une licence sur le travail selon la licence libre de l'occasion.",
    ],
}
_HEADINGS = {
    "en": {
        "value": "Value",
        "taxes": "taxes included",
        "closes": "Closes",
        "page": "Full description",
        "repository": "Repository",
        "skills": "Skills",
        "apply": "How to apply",
        "eligibility": "Eligibility checklist",
        "criteria": "Evaluation criteria (pass/fail)",
    },
    "fr": {
        "value": "Valeur",
        "taxes": "taxes incluses",
        "closes": "Clôture",
        "page": "Description complète",
        "repository": "Dépôt",
        "skills": "Compétences",
        "apply": "Comment postuler",
        "eligibility": "Liste de vérification de l'admissibilité",
        "criteria": "Critères d'évaluation (réussite ou échec)",
    },
}


def discussion_body(opp: Opportunity, settings: Settings) -> str:
    """The bilingual body of an opportunity's discussion."""
    data, closes = opp.data, local_closing(opp.data, settings)
    parts = [marker("posted", opp.id), f"**{opp.id}** · [English](#english) · [Français](#français)"]
    for lang, heading in (("en", "English"), ("fr", "Français")):
        words = _HEADINGS[lang]
        skills = ", ".join(settings.skills.get(code, {}).get(lang, code) for code in data["skills"])
        parts += [
            f"## {heading}",
            f"### {data['title'][lang]}",
            data["teaser"][lang],
            "\n".join(
                [
                    f"- **{words['value']}:** {money(data['value'], lang)} ({words['taxes']})",
                    f"- **{words['closes']}:** {closes[lang]}",
                    f"- **{words['page']}:** {page_url(opp, settings)}",
                    f"- **{words['repository']}:** {data['repository']}",
                    f"- **{words['skills']}:** {skills}",
                ]
            ),
            f"### {words['apply']}",
            _APPLY[lang],
            f"### {words['eligibility']}",
            "\n".join(f"- [ ] {line}" for line in _ELIGIBILITY[lang] + data["evaluation_criteria"][lang]),
        ]
    return "\n\n".join(parts) + "\n"


def closing_comment(opp: Opportunity, settings: Settings, bids: dict[str, Any]) -> str:
    closes = local_closing(opp.data, settings)
    on_time = sum(1 for bid in bids["bids"] if not bid["late"])
    late = len(bids["bids"]) - on_time
    return (
        "\n\n".join(
            [
                marker("closing", opp.id),
                f"**Closed / Fermée** · {closes['en']}",
                f"This opportunity is closed. {on_time} application(s) arrived on time and {late} late; every comment "
                f"is archived in `bids.yaml` (digest `{bids['digest']}`, the public seed of any random draw). "
                "The discussion is locked; the buyer now checks each application against the evaluation criteria.",
                f"Cette occasion est fermée. {on_time} candidature(s) reçue(s) à temps et {late} en retard; chaque "
                f"commentaire est archivé dans `bids.yaml` (empreinte `{bids['digest']}`, germe public de tout tirage "
                "au sort). La discussion est verrouillée; l'acheteur évalue maintenant chaque candidature selon les "
                "critères d'évaluation.",
            ]
        )
        + "\n"
    )


def award_comment(opp: Opportunity, award: dict[str, Any]) -> str:
    supplier, selection = award["supplier"], award["selection"]
    login, name = supplier["github"], supplier["name"]
    if selection["method"] == "random-draw":
        order = ", ".join(f"@{who}" for who in selection.get("order", []))
        how_en = f"chosen by a reproducible random draw among {len(selection['qualified'])} qualified applicants "
        how_en += f"(seed `{selection.get('seed', '')}`, order {order})"
        how_fr = f"choisi par un tirage au sort reproductible parmi {len(selection['qualified'])} candidats qualifiés "
        how_fr += f"(germe `{selection.get('seed', '')}`, ordre {order})"
    else:
        how_en, how_fr = "the only qualified applicant", "seul candidat qualifié"
    return (
        "\n\n".join(
            [
                marker("award", opp.id),
                f"**Awarded / Attribuée** · {award['awarded']}",
                f"Awarded to @{login} ({name}) for {money(award['amount'], 'en')}, {how_en}. "
                "Unsuccessful applicants may ask the contact for a debrief. Thank you to everyone who applied.",
                f"Attribuée à @{login} ({name}) pour {money(award['amount'], 'fr')}, {how_fr}. Les candidats non "
                "retenus peuvent demander un compte rendu à la personne-ressource. Merci à tous les candidats.",
            ]
        )
        + "\n"
    )


_ENDINGS = {
    "cancelled": (
        "**Cancelled / Annulée**",
        "This opportunity has been cancelled. No contract will be awarded for it. Thank you for your interest.",
        "Cette occasion a été annulée. Aucun contrat ne sera attribué. Merci de votre intérêt.",
    ),
    "unsuccessful": (
        "**Unsuccessful / Infructueuse**",
        "This opportunity ends without an award: no application met every evaluation criterion. "
        "Applicants may ask the contact for a debrief. Thank you to everyone who applied.",
        "Cette occasion se termine sans attribution : aucune candidature ne satisfaisait à tous les critères "
        "d'évaluation. Les candidats peuvent demander un compte rendu à la personne-ressource. Merci à tous.",
    ),
}


def ending_comment(opp: Opportunity, status: str) -> str:
    heading, english, french = _ENDINGS[status]
    return "\n\n".join([marker(status, opp.id), heading, english, french]) + "\n"

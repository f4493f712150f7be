"""Who applied: the one rule that tells an application apart from a question, an answer or a notice.

An application is a top-level comment (not a reply) whose text starts with the line APPLICATION_LINE,
written by someone outside the marketplace's team (GitHub's `authorAssociation` is not OWNER, MEMBER or
COLLABORATOR) and not by the automation. Questions and answers go in replies. The archive records per
comment its `association` and the `kind` this rule gives, and the validator re-derives the kind from the
archived text, so the archive proves who had to be evaluated.

The kind is decided on the text as it stood at closing (the archived text): an edit after closing never makes
a comment an on-time application. When GitHub's edit history cannot show that text, the archive keeps an
older one, or, if none is left from before closing, the oldest text known, and records when it was written
(`text_at`); an on-time comment whose archived text dates from after closing is never an application
(`text_written_after_closing`).

Archives written before the rule (no `kind` recorded) count every on-time author as an applicant, as the
draws of that time did, except a GitHub App (a login ending in `[bot]`), which cannot apply.

`on_time_applicants` and `late_applicants` are the only count of who applied: the evaluation, the opportunity
page, the closing comment, OCDS, the disclosure CSV and the JSON all take their numbers from them, so the
public record never states two numbers for one call.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from site_builder.archive import sealed as sealed_texts
from site_builder.i18n import t

APPLICATION_LINE = "Application / Candidature"
TEAM = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})
KINDS = ("application", "question", "team", "bot")


# How the application line is recognised. Rule 1 (archives written before issue 22 say nothing): the first
# non-blank line, `#`, `*` and `>` forgiven at its start and `*` at its end. Rule 2 (archives record
# `application_rule: 2`): the line the way people write it: any case, spacing and Unicode form, emphasis and
# code marks anywhere (`*`, `_`, `` ` ``, `~`), a heading, quote or list mark before it, punctuation after it
# (`.`, `:`, `!`, `;`, `,`), spaces or none around the slash, and the template copied with its code fence.
CURRENT_RULE = 2
_FENCE = re.compile(r"\s*(```|~~~)[\w+-]*\s*")
_MARKS = re.compile(r"[*_`~]")
_SLASH = re.compile(r"\s*/\s*")
_LINE = "application / candidature"
_WORDS = ("application", "candidature", "apply", "postule")


def application_template(criteria: list[str], lang: str) -> str:
    """The one application template, in `lang`, for the page's copy button and the Discussion alike: the
    application line first, one numbered prompt per evaluation criterion (folded onto one line, numbered as the
    evaluation numbers them, from 1), then a line for the supplier's GitHub profile and links."""
    evidence = t("opp.template.evidence", lang)
    prompts = [f"{number}. {' '.join(text.split())}\n   {evidence}" for number, text in enumerate(criteria, 1)]
    lines = [APPLICATION_LINE, "", t("opp.template.criteria", lang), *prompts, "", t("opp.template.profile", lang)]
    return "\n".join(lines)


def starts_as_application(body: str, rule: int = CURRENT_RULE) -> bool:
    """True when the text's first non-blank line is the application line, as `rule` recognises it."""
    line = _first_line(body, fence=rule >= 2)
    if line is None:
        return False
    if rule < 2:
        words = " ".join(line.strip().lstrip("#*> ").rstrip("*").split())
        return words.casefold() == APPLICATION_LINE.casefold()
    return _normalized(line) == _LINE


def looks_like_an_attempt(body: str) -> bool:
    """A first line that speaks of applying but is not the application line: the author probably meant to apply
    (`Application - Candidature`, `Candidature:`, `I apply`), so automation tells them how, before closing."""
    line = _first_line(body, fence=True)
    if line is None or starts_as_application(body):
        return False
    normalized = _normalized(line)
    return any(word in normalized for word in _WORDS)


def _first_line(body: str, *, fence: bool) -> str | None:
    """The first non-blank line; with `fence`, a code fence that opens the text is passed over."""
    lines = iter(body.lstrip("\ufeff").splitlines())
    for line in lines:
        if not line.strip():
            continue
        if fence and _FENCE.fullmatch(line):
            fence = False  # one opening fence only: the template copied whole
            continue
        return line
    return None


def _normalized(line: str) -> str:
    text = unicodedata.normalize("NFKC", line)
    text = _MARKS.sub("", text).strip().lstrip("#>+- \t")
    text = _SLASH.sub(" / ", " ".join(text.split()))
    return text.rstrip(".:!;, ").casefold()


def kind_of(
    body: str,
    reply_to: str | None,
    association: str | None,
    bot: bool,
    rule: int = CURRENT_RULE,
    written_after_closing: bool = False,
) -> str:
    """`bot` (the automation), `team` (the marketplace's own people), `application`, or `question`.

    `written_after_closing`: the text of a comment posted on time is known only as edited after closing (its
    text at closing is lost from GitHub's history), so it cannot be an on-time application."""
    if bot:
        return "bot"
    if association in TEAM:
        return "team"
    if reply_to is None and not written_after_closing and starts_as_application(body, rule):
        return "application"
    return "question"


def text_written_after_closing(entry: Mapping[str, Any], closing: datetime | None) -> bool:
    """An archived on-time entry whose text was written at or after `closing` (its `text_at`)."""
    if closing is None or entry.get("late") or "text_at" not in entry:
        return False
    return datetime.fromisoformat(str(entry["text_at"]).replace("Z", "+00:00")) >= closing


def kind_problem(entry: Mapping[str, Any], body: str, rule: int = 1, closing: datetime | None = None) -> str | None:
    """Why a recorded `kind` does not follow from the archived text and GitHub's facts under the archive's
    `rule` (its `application_rule`, 1 when it records none) and `closing` time, or None.

    `bot` is the automation's word about its own account (it is never an application, so claiming it hides
    nobody who wrote the application line: checked too)."""
    recorded = entry.get("kind")
    if recorded is None:
        return None
    bot = recorded == "bot"
    reads_as_application = starts_as_application(body, rule)
    if (
        bot
        and entry.get("reply_to") is None
        and reads_as_application
        and entry.get("association") not in TEAM
        and not text_written_after_closing(entry, closing)
    ):
        return "is marked `bot` but reads as an application: only the automation's own comments are `bot`"
    after = text_written_after_closing(entry, closing)
    expected = kind_of(body, entry.get("reply_to"), entry.get("association"), bot, rule, after)
    if recorded != expected:
        return f"`kind` is {recorded}, but the comment's text, reply and author make it {expected}"
    return None


def counts_as_application(entry: Mapping[str, Any]) -> bool:
    """An archived entry that must be evaluated if on time: an application, or any entry of an older archive
    but a GitHub App's (the exports never counted those as bidders, and no draw could pick one)."""
    if "kind" in entry:
        return entry["kind"] == "application"
    return not str(entry.get("author", "")).endswith("[bot]")


def on_time_applicants(bids: Mapping[str, Any]) -> list[str]:
    """Everyone who must be evaluated: the authors of on-time applications in bids.yaml, once each (GitHub logins
    are case-insensitive), as first spelled there, in the archive's order."""
    seen: dict[str, str] = {}
    for bid in bids["bids"]:
        if not bid["late"] and counts_as_application(bid):
            seen.setdefault(bid["author"].lower(), bid["author"])
    return list(seen.values())


def late_applicants(bids: Mapping[str, Any]) -> list[str]:
    """The authors of late applications who have no on-time one, once each, in the archive's order: the people
    turned away for lateness. Someone who applied on time and again after closing is evaluated, so is not here,
    and `on_time_applicants` plus these counts every person who applied once."""
    on_time = {login.lower() for login in on_time_applicants(bids)}
    seen: dict[str, str] = {}
    for bid in bids["bids"]:
        if bid["late"] and counts_as_application(bid) and bid["author"].lower() not in on_time:
            seen.setdefault(bid["author"].lower(), bid["author"])
    return list(seen.values())


@dataclass(frozen=True)
class Published:
    """What the page publishes of one archived application once the opportunity has closed (issue 25)."""

    text: str | None  # the comment's text, or a sealed one's plaintext; None when a sealed one did not open
    sealed: bool
    problem: str | None  # why a sealed one did not open: a code of archive.sealed.PROBLEMS


def published_text(entry: Mapping[str, Any], texts: Mapping[str, bytes]) -> Published:
    """The one place that says which archived text an application page shows, for `entry` of bids.yaml and the
    archive's files by name (`Opportunity.texts`): a public application's comment as archived (bids/NNNN.md), a
    sealed one's plaintext as sync opened it at closing (`sealed.file`, bids/NNNN.plaintext.md: never the
    ciphertext), or, when it could not be opened, no text and the reason (`sealed.problem`). The archive exists
    only from closing on, so before closing there is nothing to publish. Bytes that are not UTF-8 are shown with
    U+FFFD, as a browser would."""
    block = entry.get("sealed")
    raw = sealed_texts.application_text(entry, texts.__getitem__)
    text = None if raw is None else raw.decode("utf-8", "replace")
    return Published(text, block is not None, None if block is None else block.get("problem"))

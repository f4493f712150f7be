"""Receipts for applications, and a word to those who almost applied (issue 22).

- **Receipt**: every on-time application (a top-level comment the one rule reads as an application, posted
  before closing) gets one reply from the automation naming the applicant, the time GitHub gives the comment
  (`createdAt`) and the sha256 of its text's UTF-8 bytes. Its marker is keyed to the comment and that digest
  (`receipt_mark`), so a rerun adds nothing, and an application edited before closing gets a new receipt for
  its new text (the old one stays, true of the text it names). Before closing the text is the body GitHub
  returns at that moment; in the run that closes, the text as it stood at closing (`revisions.text_at`),
  which is what the archive keeps: the archive links the receipt whose digest is its own `sha256`.
- **Near miss**: a top-level comment by someone outside the team, before closing, whose first line speaks
  of applying without being the application line (`applications.looks_like_an_attempt`), gets one reply
  saying it is not counted and how to apply, unless its author already has an application the rule counts
  (their words then read as an addition to it, and telling them they did not apply would mislead them).
  Never after closing: it could no longer be acted on.

Pure: comments, the clock and the marker key in, what is owed out. Markers count only when the automation
signed them for this discussion (`markers.trusted`), so a forged one changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from site_builder.archive import body_bytes
from site_builder.archive import sealed as sealed_texts
from site_builder.archive.applications import TEAM, kind_of, looks_like_an_attempt, starts_as_application
from site_builder.github_sync.discussions import Comment
from site_builder.github_sync.markers import first_marker, same_actor
from site_builder.github_sync.revisions import Text, latest, sealed_since, text_at
from site_builder.sealing import NotSealed
from site_builder.selection.beacon import BeaconSettings, first_round_at_or_after

_SAFE = re.compile(r"[A-Za-z0-9_-]{1,100}")


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def comment_mark(comment_id: str) -> str:
    """A comment's id as a marker can carry it (a node id with characters a marker refuses is hashed)."""
    if _SAFE.fullmatch(comment_id):
        return comment_id
    return "h" + hashlib.sha256(comment_id.encode("utf-8")).hexdigest()[:32]


def digest(text: str) -> str:
    """sha256 of a text's UTF-8 bytes, exactly as the archive stores them (`archive.body_bytes`)."""
    return hashlib.sha256(body_bytes(text)).hexdigest()


def receipt_mark(comment_id: str, text_digest: str) -> str:
    """The receipt's marker id: the comment and the first 16 hex digits of its text's sha256."""
    return f"{comment_mark(comment_id)}.{text_digest[:16]}"


@dataclass(frozen=True)
class Receipt:
    """A receipt owed: the application, its text (as of `text.at`), that text's sha256, the marker id."""

    comment: Comment
    text: Text
    digest: str
    mark: str
    copy_of: Comment | None = None  # the application whose sealed text this one copies (`archive.sealed.copies`)


def signed(comments: Iterable[Comment], viewer: str, key: str, scope: str, kind: str) -> dict[str, Comment]:
    """The automation's comments signed (kind, id) for the discussion `scope`, by id (the first of each)."""
    found: dict[str, Comment] = {}
    for comment in comments:
        if not same_actor(comment.author, viewer):
            continue
        mark = first_marker(comment.body, key, scope)
        if mark and mark[0] == kind:
            found.setdefault(mark[1], comment)
    return found


def _candidates(comments: Iterable[Comment], viewer: str, closing: datetime) -> list[Comment]:
    """Top-level comments posted before closing by someone outside the team, not by the automation."""
    return [
        c
        for c in comments
        if c.reply_to is None
        and not same_actor(c.author, viewer)
        and c.association not in TEAM
        and _at(c.created) < closing
    ]


def receipt_text(comment: Comment, closing: datetime, now: datetime) -> Text:
    """The text a receipt names: as GitHub gives it now before closing, as it stood at closing after."""
    return latest(comment) if now < closing else text_at(comment, closing)


def is_application(comment: Comment, text: Text, closing: datetime) -> bool:
    after = _at(text.at) >= closing and _at(comment.created) < closing
    return kind_of(text.body, comment.reply_to, comment.association, False, written_after_closing=after) == (
        "application"
    )


def receipts_due(
    comments: tuple[Comment, ...], viewer: str, key: str, scope: str, closing: datetime, now: datetime
) -> list[Receipt]:
    """The receipts owed in a discussion (`scope`): one per on-time application's text not receipted yet."""
    posted = signed(comments, viewer, key, scope, "receipt")
    applications = [
        (comment, text)
        for comment in _candidates(comments, viewer, closing)
        if is_application(comment, text := receipt_text(comment, closing, now), closing)
    ]
    copied = sealed_texts.copies(
        [
            (comment.author, sealed_since(comment, text), text.body) if sealed_texts.is_sealed(text.body) else None
            for comment, text in applications
        ]
    )
    due: list[Receipt] = []
    for position, (comment, text) in enumerate(applications):
        text_digest = digest(text.body)
        mark = receipt_mark(comment.id, text_digest)
        if mark not in posted:
            first = copied.get(position)
            due.append(Receipt(comment, text, text_digest, mark, None if first is None else applications[first][0]))
    return due


def near_misses(
    comments: tuple[Comment, ...], viewer: str, key: str, scope: str, closing: datetime, now: datetime
) -> list[Comment]:
    """The comments owed the word on how to apply (before closing only), oldest first."""
    if now >= closing:
        return []
    told = signed(comments, viewer, key, scope, "howto")
    candidates = _candidates(comments, viewer, closing)
    applied = {c.author.lower() for c in candidates if starts_as_application(c.body)}
    return [
        c
        for c in candidates
        if looks_like_an_attempt(c.body) and c.author.lower() not in applied and comment_mark(c.id) not in told
    ]


def receipts_by_mark(comments: tuple[Comment, ...], viewer: str, key: str, scope: str) -> dict[str, str]:
    """The URL of every receipt the automation posted in the discussion `scope`, by its marker id."""
    return {mark: comment.url for mark, comment in signed(comments, viewer, key, scope, "receipt").items()}


@dataclass(frozen=True)
class SealCheck:
    """What a receipt says of a sealed text before closing: the round it is sealed to, and `problem` (a code of
    `archive.sealed.PROBLEMS`) when it would not open at closing as it stands, so its author can seal it again
    in time. Only the text's own author is told; nothing else depends on it."""

    round: int | None
    due: int
    problem: str | None


def seal_check(body: str, closing: datetime, beacon: BeaconSettings) -> SealCheck | None:
    """None for a public application; else whether the sealed text would open with the round due at closing."""
    if not sealed_texts.is_sealed(body):
        return None
    due = first_round_at_or_after(closing, beacon)
    try:
        found = sealed_texts.read(body)
    except NotSealed:
        return SealCheck(None, due, "not-sealed")
    assert found is not None
    return SealCheck(found.round, due, sealed_texts.sealed_elsewhere(found, beacon.chain_hash, due))

"""The bids snapshot: every comment of a discussion, as it stood at closing.

Pure: comments in, data out. The automation's own marked comments (its receipts and replies included) are
left out; everything else is kept, replies included (with the comment they answer), each with its text as
it stood at the closing instant (`revisions.text_at`: the latest revision written before closing, from
GitHub's edit history; a late comment as it is now), GitHub's `authorAssociation`, its `kind` (application,
question, team, bot: `archive.applications.kind_of`, decided on that text, so an edit after closing never
makes an on-time application) and flags for late and for edited after closing. `updated` is when the text
last changed (GitHub's `lastEditedAt`, or `created` if never edited).

Beside the digested fields, an entry may carry (never digested, so published seeds are unchanged):
`receipt`, the automation's receipt whose sha256 is the archived text's; for an edited comment `edits` (who
edited and when, oldest first), `text_at` (when the archived text was written), `edited_by_others` when
someone other than the author edited it, and `history_incomplete` when the history could not show the text
at closing. `site_builder.archive` stores it: bids.yaml as the index, each text in its own file.

Sealed applications (issue 25) are opened once the closing round's signature is fetched and verified (`unsealed`,
called by the Snapshot step): each gets `sealed` and its plaintext, the archive `sealing`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from site_builder.archive.applications import CURRENT_RULE, kind_of
from site_builder.archive.sealed import Beacon, copied, copies, is_sealed, open_application
from site_builder.clock import closing_time
from site_builder.github_sync.discussions import Comment
from site_builder.github_sync.markers import KINDS, markers_in, same_actor
from site_builder.github_sync.receipts import digest, receipt_mark
from site_builder.github_sync.revisions import latest, sealed_since, text_at


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def is_automation(comment: Comment, viewer: str) -> bool:
    return same_actor(comment.author, viewer) and any(kind in KINDS for kind, _ in markers_in(comment.body))


def bid(
    comment: Comment, closing: datetime, viewer: str = "", receipts: Mapping[str, str] | None = None
) -> dict[str, Any]:
    bot = bool(viewer) and same_actor(comment.author, viewer)
    late = _at(comment.created) >= closing
    text = latest(comment) if late else text_at(comment, closing)
    after = not late and _at(text.at) >= closing
    entry: dict[str, Any] = {
        "author": comment.author,
        "created": comment.created,
        "updated": comment.edited or comment.created,
        "url": comment.url,
        "comment": comment.id,
        "reply_to": comment.reply_to,
        "association": comment.association,
        "kind": kind_of(text.body, comment.reply_to, comment.association, bot, written_after_closing=after),
        "body": text.body,
        "late": late,
        "edited_after_closing": comment.edited is not None and _at(comment.edited) >= closing,
    }
    receipt = (receipts or {}).get(receipt_mark(comment.id, digest(text.body)))
    if receipt:
        entry["receipt"] = receipt
    if comment.edited is not None:
        entry["edits"] = [{"by": edit.by, "at": edit.at} for edit in text.edits]
        entry["text_at"] = text.at
    if entry["kind"] == "application" and is_sealed(text.body):
        entry["sealed_since"] = sealed_since(comment, text)
    if text.edited_by_others(comment.author):
        entry["edited_by_others"] = True
    if not (text.exact and text.complete):
        entry["history_incomplete"] = True
    return entry


def bids_snapshot(
    data: dict[str, Any],
    discussion_url: str,
    comments: Iterable[Comment],
    viewer: str,
    taken: datetime,
    receipts: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The archive of an opportunity (`data`) whose discussion holds `comments`, bodies included (with their
    edit histories, when edited); `receipts` maps the automation's receipt markers to their URLs."""
    closing = closing_time(data)
    ordered = sorted((c for c in comments if not is_automation(c, viewer)), key=lambda c: (_at(c.created), c.id))
    bids = [bid(comment, closing, viewer, receipts) for comment in ordered]
    return {
        "opportunity": data["id"],
        "discussion": discussion_url,
        "closing": data["closing"],
        "taken": taken.isoformat(timespec="seconds"),
        "application_rule": CURRENT_RULE,
        "bids": bids,
    }


def sealed_bids(snapshot: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The bids that are sealed applications (on time or late; readable or not: `archive.sealed.is_sealed`). A
    question or a team comment holding an armored text is archived as posted, never opened."""
    return [bid for bid in snapshot["bids"] if bid["kind"] == "application" and is_sealed(bid["body"])]


def unsealed(snapshot: dict[str, Any], beacon: Beacon) -> dict[str, Any]:
    """The snapshot with every sealed application opened with the closing round's verified signature (`beacon`):
    each carries `sealed` (and `plaintext` when opened, `archive.sealed.open_application`), and the snapshot
    `sealing`, the round, chain and signature they were opened with. One that does not open, or is a copy of
    another account's (`archive.sealed.copies`), is flagged for its applicant only; the others are opened all
    the same."""
    targets = {id(bid) for bid in sealed_bids(snapshot)}
    if not targets:
        return snapshot
    texts = [
        (bid["author"], bid["sealed_since"], bid["body"]) if id(bid) in targets else None for bid in snapshot["bids"]
    ]
    found = copies(texts)
    bids = []
    for position, bid in enumerate(snapshot["bids"]):
        if id(bid) in targets:
            first = found.get(position)
            if first is None:
                opened = open_application(bid["body"], beacon)
            else:  # another's sealed text: never opened as this account's
                opened = copied(bid["body"], snapshot["bids"][first], snapshot["bids"][first]["sealed_since"])
            since = {"since": bid["sealed_since"]} if "round" in opened.block else {}
            kept = {key: value for key, value in bid.items() if key != "sealed_since"}
            bid = {**kept, "sealed": {**opened.block, **since}, "plaintext": opened.plaintext}
        bids.append(bid)
    sealing = {"round": beacon.round, "chain_hash": beacon.chain_hash, "signature": beacon.signature}
    return {**snapshot, "sealing": sealing, "bids": bids}

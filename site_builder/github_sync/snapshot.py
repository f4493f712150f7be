"""The bids snapshot: every comment of a discussion, as it stood, frozen at closing.

Pure: comments in, data out. The automation's own marked comments are left out; everything else is kept,
replies included (with the comment they answer), each with its text, GitHub's `authorAssociation`, its
`kind` (application, question, team, bot: `archive.applications.kind_of`) and flags for late and for
edited after closing. `updated` is when the text last changed (GitHub's `lastEditedAt`, or `created` if never
edited). `site_builder.archive` stores it: bids.yaml as the index, each text in its own file.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from site_builder.archive.applications import CURRENT_RULE, kind_of
from site_builder.clock import closing_time
from site_builder.github_sync.discussions import Comment
from site_builder.github_sync.markers import KINDS, markers_in, same_actor


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def is_automation(comment: Comment, viewer: str) -> bool:
    return same_actor(comment.author, viewer) and any(kind in KINDS for kind, _ in markers_in(comment.body))


def bid(comment: Comment, closing: datetime, viewer: str = "") -> dict[str, Any]:
    bot = bool(viewer) and same_actor(comment.author, viewer)
    return {
        "author": comment.author,
        "created": comment.created,
        "updated": comment.edited or comment.created,
        "url": comment.url,
        "comment": comment.id,
        "reply_to": comment.reply_to,
        "association": comment.association,
        "kind": kind_of(comment.body, comment.reply_to, comment.association, bot),
        "body": comment.body,
        "late": _at(comment.created) >= closing,
        "edited_after_closing": comment.edited is not None and _at(comment.edited) >= closing,
    }


def bids_snapshot(
    data: dict[str, Any], discussion_url: str, comments: Iterable[Comment], viewer: str, taken: datetime
) -> dict[str, Any]:
    """The archive of an opportunity (`data`) whose discussion holds `comments`, bodies included."""
    closing = closing_time(data)
    ordered = sorted((c for c in comments if not is_automation(c, viewer)), key=lambda c: (_at(c.created), c.id))
    bids = [bid(comment, closing, viewer) for comment in ordered]
    return {
        "opportunity": data["id"],
        "discussion": discussion_url,
        "closing": data["closing"],
        "taken": taken.isoformat(timespec="seconds"),
        "application_rule": CURRENT_RULE,
        "bids": bids,
    }

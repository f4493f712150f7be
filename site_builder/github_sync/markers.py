"""Hidden markers: how a rerun recognises its own earlier work on GitHub without remembering anything.

Each post carries an HTML comment, invisible when rendered, such as `<!-- devex:posted esdc-2026-001 -->`.
A marker only counts when its author is the account running the automation: anyone can type the
comment, so a bidder cannot silence the closing notice or hijack the discussion by quoting it.
"""

from __future__ import annotations

import re

KINDS = ("posted", "closing", "award", "cancelled", "unsuccessful", "intake")
_MARKER = re.compile(r"<!-- devex:(?P<kind>[a-z]+) (?P<ident>[A-Za-z0-9_.-]+) -->")


def marker(kind: str, ident: str) -> str:
    assert kind in KINDS, kind
    return f"<!-- devex:{kind} {ident} -->"


def markers_in(body: str) -> set[tuple[str, str]]:
    """Every (kind, id) marked in a text."""
    return {(m.group("kind"), m.group("ident")) for m in _MARKER.finditer(body or "")}


def same_actor(author: str | None, viewer: str) -> bool:
    """GraphQL's `viewer` is `github-actions[bot]` while its posts show `github-actions`: compare without `[bot]`."""
    if not author:
        return False
    return author.lower().removesuffix("[bot]") == viewer.lower().removesuffix("[bot]")


def trusted(body: str, author: str | None, viewer: str, kind: str, ident: str) -> bool:
    """True when the text was written by the automation and carries the marker (kind, ident)."""
    return same_actor(author, viewer) and (kind, ident) in markers_in(body)

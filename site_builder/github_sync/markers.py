"""Hidden markers: how a rerun recognises its own earlier work on GitHub without remembering anything.

Each post opens with an HTML comment, invisible when rendered, such as
`<!-- devex:posted esdc-2026-001 3f9a... -->`. A marker counts only when all three hold:
- its author is the account running the automation;
- it is the first line of the text, where the automation puts it (buyers' text is copied further down,
  with every `<!--` in it escaped, and the validator refuses marker-like text in every field anyway);
- it carries the HMAC-SHA256 of (kind, id, scope) under DEVEX_MARKER_KEY, a secret of the sync
  environment only. Any workflow of a user with Write access can post as `github-actions[bot]`, so the
  author alone proves nothing; without the key nobody can mint a marker. The scope (the repository's id
  for a discussion or an issue, the discussion's or issue's own for a comment) keeps a marker copied
  elsewhere from counting.
"""

from __future__ import annotations

import hashlib
import hmac
import re

KINDS = (
    "posted",
    "closing",
    "selection",
    "award",
    "answer",
    "cure",
    "cancelled",
    "unsuccessful",
    "intake",
    "broken",  # the issue reporting a folder that does not validate on main (github_sync.broken)
    "repaired",  # the comment closing that issue once the folder validates again
    "receipt",  # the receipt of an application, a reply to it (github_sync.receipts)
    "howto",  # the reply to a comment that almost applied, saying how to apply (github_sync.receipts)
)
KEY_VARIABLE = "DEVEX_MARKER_KEY"
_MARKER = re.compile(r"<!-- devex:(?P<kind>[a-z]+) (?P<ident>[A-Za-z0-9_.-]+)(?: [0-9a-f]{64})? -->")
_FIRST_LINE = re.compile(r"<!-- devex:(?P<kind>[a-z]+) (?P<ident>[A-Za-z0-9_.-]+) (?P<signature>[0-9a-f]{64}) -->")


def marker(kind: str, ident: str) -> str:
    """The unsigned marker the message templates open with; `seal` signs it when the text is sent."""
    assert kind in KINDS, kind
    return f"<!-- devex:{kind} {ident} -->"


def contract_mark(ident: str, login: str, *more: str) -> str:
    """The id a marker carries for one contract of an opportunity: `<id>.<login in lower case>`, then `more`.
    The award's announcement and the supplier's answer are said once per contract, so when the work passes to
    the next in the draw order, that supplier's offer is announced and answered too."""
    return ".".join([ident, login.lower(), *more])


def signature(key: str, kind: str, ident: str, scope: str) -> str:
    message = f"devex-marker\n{kind}\n{ident}\n{scope}".encode()
    return hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest()


def escape_comments(text: str) -> str:
    """Copied text can never open an HTML comment (so never carry a hidden marker): `<!--` shows as typed."""
    return text.replace("<!--", "&lt;!--")


def seal(body: str, key: str, scope: str) -> str:
    """Sign the marker on the first line of `body` and escape every HTML comment after it."""
    first, newline, rest = body.partition("\n")
    found = re.fullmatch(r"<!-- devex:(?P<kind>[a-z]+) (?P<ident>[A-Za-z0-9_.-]+) -->", first)
    assert found and key, "seal needs a text opening with marker() and a key"
    kind, ident = found["kind"], found["ident"]
    return f"<!-- devex:{kind} {ident} {signature(key, kind, ident, scope)} -->" + newline + escape_comments(rest)


def first_marker(body: str, key: str, scope: str) -> tuple[str, str] | None:
    """(kind, id) of the validly signed marker on the first line of `body`, or None."""
    found = _FIRST_LINE.fullmatch((body or "").partition("\n")[0].rstrip("\r"))
    if not found or not key:
        return None
    expected = signature(key, found["kind"], found["ident"], scope)
    return (found["kind"], found["ident"]) if hmac.compare_digest(expected, found["signature"]) else None


def markers_in(body: str) -> set[tuple[str, str]]:
    """Every (kind, id) that looks like a marker anywhere in a text, signed or not (never a proof)."""
    return {(m.group("kind"), m.group("ident")) for m in _MARKER.finditer(body or "")}


def opens_with(body: str, tag: str) -> bool:
    """True when the first line of `body` is exactly `tag`, where the automation puts its marker."""
    return (body or "").partition("\n")[0].rstrip("\r") == tag


def same_actor(author: str | None, viewer: str) -> bool:
    """GraphQL's `viewer` is `github-actions[bot]` while its posts show `github-actions`: compare without `[bot]`."""
    if not author:
        return False
    return author.lower().removesuffix("[bot]") == viewer.lower().removesuffix("[bot]")


def trusted(body: str, author: str | None, viewer: str, kind: str, ident: str, key: str, scope: str) -> bool:
    """True when the automation wrote the text and its first line is the signed marker (kind, ident) for `scope`."""
    return same_actor(author, viewer) and first_marker(body, key, scope) == (kind, ident)

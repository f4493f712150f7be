"""Sealed applications in the archive (issue 25): finding the sealed text in a comment, opening it at closing,
and re-checking what the archive recorded.

**The comment.** A sealed application is a top-level comment whose first line is the application line (so the
one rule, `applications.kind_of`, still reads it as an application) followed by one ASCII-armored age file,
sealed with tlock to a beacon round (made by the Apply form, tlock-js in the browser). `armor_of` takes it out
of the comment's text, forgiving only what GitHub and pasting do to a text, never guessing:

- CRLF line ends and spaces or tabs at the end of a line;
- blank lines before and after the armor;
- one code fence (```` ``` ````, `~~~`, with or without a language word) around the armor, or around the
  application line and the armor together, closed after the armor by a fence of the same character.

Anything else beside the armor (a second armor, words before or after it, an unclosed fence, a quote mark) is
`NotSealed`, saying what: the text is archived as posted and flagged for that applicant only. A comment with no
line that is the armor's first or last line is a plain application (public, as before); one that has such a
line is sealed, readable or not. The armor itself is then read by `sealing.parse` as strictly as age reads it.

**At closing** (`open_application`): the text is opened with the signature of the first beacon round at or
after the closing time (sync fetches and verifies it). What the archive records for the entry, `sealed`:

    sealed: {round, chain_hash, file_key, file, size, sha256}  opened: the plaintext is `file`, bids/NNNN.plaintext.md
    sealed: {[round, chain_hash,] problem, detail}             not opened: PROBLEMS says why; the text stays as posted

**Copies** (`copies`): nobody can read a sealed text before closing, but anyone can copy it and post it as
their own; opened as theirs, it would give them another's answers. Two texts holding the same tlock stanza (the
random key encapsulation, however the armor was pasted) are the same sealing: the application that held it
first keeps it, and one by another account that held it after is flagged `copied`, naming the first, and never
opened as the copier's. Its own author posting it again is no copy. When a comment first held it is `sealed.since`,
read by sync from the comment's edit history (the oldest revision holding the same stanza: a supplier who tidies
the paste later keeps the time of posting; a copier who edits an older comment to hold it is dated by the edit),
else when the archived text was written (`text_at`, else `created`); ties go to the order of the comments. The
archive check re-derives the copies across the whole archive (`copy_problem`).

`file_key` is the age file key the round's signature released (public, as the plaintext is): with it, anyone
re-opens the text without the pairing (`open_with_key`, microseconds), and only the key that sealed the file
passes the header's MAC, so the validator re-checks every archived plaintext on every run. `devex verify`
re-does the pairing from the archived signature (`selection.unsealing`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from site_builder.clock import parse_utc
from site_builder.sealing import NotSealed, Sealed, SealedError, Tampered, WrongBeacon, open_with_key, parse, unlock

BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----"
END = "-----END AGE ENCRYPTED FILE-----"
# Why a sealed application was not opened, a code per reason (the page and the evaluation name it in words).
PROBLEMS = {
    "not-sealed": "the text is not an armored age file sealed with tlock as the Apply form writes it",
    "another-chain": "sealed to another beacon chain than the marketplace's",
    "another-round": "sealed to another round than the first at or after the closing time",
    "tampered": "the round's signature does not open it: altered after it was sealed",
    "copied": "the same sealed text as an application another account wrote before it: it opens as theirs",
}
PLAINTEXT_SUFFIX = ".plaintext.md"
_LINE_END = re.compile(r"\r?\n")
_OPENING_FENCE = re.compile(r"(`{3,}|~{3,})[\w+.-]*")
_CLOSING_FENCE = re.compile(r"(`{3,}|~{3,})")


@dataclass(frozen=True)
class Beacon:
    """The round every sealed application of an archive is opened with, and its chain's public key."""

    round: int
    chain_hash: str
    signature: str  # hex, verified by the caller (`selection.fetch`) or re-verified (`selection.unsealing`)
    public_key: str


@dataclass(frozen=True)
class Opened:
    """What the archive records of one sealed application: its `sealed` mapping, and the plaintext if opened."""

    block: dict[str, Any]
    plaintext: bytes | None


def is_sealed(body: str) -> bool:
    """Whether a comment's text holds a sealed application (readable or not): a line that is the armor's first or
    last line, quoted (`>`) or not. A text that only mentions them inside a sentence is a plain application."""
    return any(line.strip().lstrip("> \t") in (BEGIN, END) for line in _LINE_END.split(body))


def armor_of(body: str) -> str | None:
    """The armored age file a comment holds after its application line, its lines as age writes them (LF, no
    trailing spaces), or None for a plain application; NotSealed saying what else the text holds."""
    if not is_sealed(body):
        return None
    lines = [line.rstrip(" \t") for line in _LINE_END.split(body.removeprefix("\ufeff"))]
    position, fence = _after_application_line(lines)
    while position < len(lines) and not lines[position]:
        position += 1
    if fence is None and position < len(lines) and _OPENING_FENCE.fullmatch(lines[position]):
        fence = _OPENING_FENCE.fullmatch(lines[position]).group(1)  # type: ignore[union-attr]
        position += 1
        while position < len(lines) and not lines[position]:
            position += 1
    if position >= len(lines) or lines[position] != BEGIN:
        raise NotSealed(f"the armor's first line, {BEGIN}, must follow the application line, with nothing between")
    try:
        last = lines.index(END, position)
    except ValueError:
        raise NotSealed(f"the armor has no last line, {END}: is part of the text missing?") from None
    body_lines = lines[position + 1 : last]
    if any(not line for line in body_lines):
        raise NotSealed("the armor has a blank line inside it: it was cut or reflowed when pasted")
    rest = [line for line in lines[last + 1 :] if line]
    if fence is not None:
        if not rest or not _closes(rest[0], fence):
            raise NotSealed(f"the code fence {fence} opened before the armor is not closed right after it")
        rest = rest[1:]
    if rest:
        raise NotSealed(
            "the comment holds more than the application line and the armor: a sealed application holds "
            "nothing else (what is outside the armor would be public)"
        )
    return "\n".join([BEGIN, *body_lines, END]) + "\n"


def _after_application_line(lines: list[str]) -> tuple[int, str | None]:
    """The position after the first non-blank line (the application line, which the kind rule checks), and the
    fence opened just before it, if any."""
    fence = None
    for position, line in enumerate(lines):
        if not line.strip():
            continue
        opening = _OPENING_FENCE.fullmatch(line.strip())
        if fence is None and opening:
            fence = opening.group(1)
            continue
        return position + 1, fence
    return len(lines), fence


def _closes(line: str, fence: str) -> bool:
    closing = _CLOSING_FENCE.fullmatch(line)
    return closing is not None and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence)


def read(body: str) -> Sealed | None:
    """The sealed application a comment holds, parsed (`sealing.parse`), or None for a plain one; NotSealed."""
    armor = armor_of(body)
    return None if armor is None else parse(armor)


def sealed_elsewhere(sealed: Sealed, chain_hash: str, due: int) -> str | None:
    """`another-chain` or `another-round` (PROBLEMS) when a text is not sealed to round `due` of the chain
    `chain_hash`, the round due at closing; None when it is. Said before closing by the receipt
    (github_sync/receipts.py), recorded at closing by `open_application`."""
    if sealed.chain_hash != chain_hash:
        return "another-chain"
    return None if sealed.round == due else "another-round"


def open_application(body: str, beacon: Beacon) -> Opened:
    """A sealed application's text opened with the closing round's signature (`beacon`), or why not. Never
    raises for what a stranger wrote: every SealedError becomes the entry's `problem`."""
    try:
        sealed = read(body)
    except NotSealed as error:
        return Opened({"problem": "not-sealed", "detail": _detail(error)}, None)
    assert sealed is not None, "open_application is called for sealed texts only (is_sealed)"
    named = {"round": sealed.round, "chain_hash": sealed.chain_hash}
    elsewhere = sealed_elsewhere(sealed, beacon.chain_hash, beacon.round)
    if elsewhere == "another-chain":
        detail = f"sealed to chain {sealed.chain_hash}, not the marketplace's {beacon.chain_hash}"
        return Opened({**named, "problem": elsewhere, "detail": detail}, None)
    if elsewhere == "another-round":
        detail = f"sealed to round {sealed.round}, not round {beacon.round}, the first at or after the closing time"
        return Opened({**named, "problem": elsewhere, "detail": detail}, None)
    try:
        file_key = unlock(sealed, bytes.fromhex(beacon.signature), beacon.public_key, beacon.chain_hash)
        plaintext = open_with_key(sealed, file_key)
    except Tampered as error:
        return Opened({**named, "problem": "tampered", "detail": _detail(error)}, None)
    except WrongBeacon as error:  # the round and chain are the ones asked for: the signature given is wrong
        raise ValueError(f"the closing round's signature does not verify: {error}") from None
    digest = hashlib.sha256(plaintext).hexdigest()
    return Opened({**named, "file_key": file_key.hex(), "size": len(plaintext), "sha256": digest}, plaintext)


def _detail(error: SealedError | str) -> str:
    """An error's message as one printable line of at most 300 characters (it may quote the stranger's text)."""
    text = " ".join(str(error).split())
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text[:300]


Written = tuple[str, str, str]
"""A sealed application as `copies` reads it: its author, when its text was written (ISO 8601), its text."""


def written(entry: Mapping[str, Any], body: str) -> Written:
    """An archived entry as `copies` reads it, dated by when it first held its sealed text: `sealed.since`, else
    when its text was written."""
    return entry["author"], entry.get("sealed", {}).get("since") or entry.get("text_at", entry["created"]), body


def stanza(body: str) -> bytes | None:
    """The tlock stanza of the sealed text a comment holds (what makes two texts the same sealing), or None."""
    try:
        sealed = read(body)
    except NotSealed:
        return None
    return None if sealed is None else sealed.u + sealed.v + sealed.w


def copies(texts: Sequence[Written | None]) -> dict[int, int]:
    """The copies among the sealed applications `texts` (None for any other comment), by position: the position
    of the application holding the same tlock stanza written first, when another account wrote it (see above)."""
    dated = sorted(
        (parse_utc(at), position, author, body)
        for position, text in enumerate(texts)
        if text is not None
        for author, at, body in [text]
    )
    first_of: dict[bytes, tuple[int, str]] = {}
    found: dict[int, int] = {}
    for _, position, author, body in dated:
        key = stanza(body)
        if key is None:
            continue
        first, owner = first_of.setdefault(key, (position, author))
        if owner.lower() != author.lower():
            found[position] = first
    return found


def copied(body: str, first: Mapping[str, Any], when: str) -> Opened:
    """What the archive records of a copy (`copies`) of the application `first`, which held it at `when`: never
    opened, naming the first."""
    sealed = read(body)
    assert sealed is not None, "copies holds sealed texts only"
    detail = f"the same sealed text as the application @{first['author']} held at {when} ({first['url']})"
    block = {"round": sealed.round, "chain_hash": sealed.chain_hash, "problem": "copied", "detail": _detail(detail)}
    return Opened(block, None)


def copy_problem(entry: Mapping[str, Any], first: Mapping[str, Any] | None) -> str | None:
    """Why an archived sealed application's `sealed.problem` does not say what `copies` found (`first`: the
    application it copies, or None), or None."""
    said = entry["sealed"].get("problem") == "copied"
    if first is not None and not said:
        return (
            f"holds the same sealed text as {first['file']}, which @{first['author']} wrote before it: `sealed` must "
            "say `problem: copied`, and the text is not opened as this account's"
        )
    if first is None and said:
        return "says `problem: copied`, but no application another account wrote before it holds the same sealed text"
    return None


def plaintext_name(body_file: str) -> str:
    """`bids/0001.md` -> `bids/0001.plaintext.md`: the plaintext beside its ciphertext."""
    return body_file.removesuffix(".md") + PLAINTEXT_SUFFIX


def recheck(
    entry: Mapping[str, Any], body: str, plaintext: bytes | None, sealing: Mapping[str, Any] | None
) -> tuple[str, str] | None:
    """Why an archived entry's `sealed` (or its absence) does not follow from its text, the archive's `sealing`
    (round, chain_hash) and the archived plaintext: (the field of `sealed` at fault, the message), or None. Cheap:
    no pairing. What it cannot re-derive without the pairing, that a text flagged `tampered` does not open (and
    that the file key is the one the round's signature releases), `devex verify` checks (`selection.unsealing`)."""
    block = entry.get("sealed")
    sealed_text = entry.get("kind") == "application" and is_sealed(body)
    if block is None:
        message = "holds a sealed application but has no `sealed`: automation opens every one at closing"
        return ("", message) if sealed_text else None
    if not sealed_text:
        return "", "has `sealed`, but its text is no sealed application (an application holding an armored age file)"
    since = block.get("since")
    text_time = entry.get("text_at", entry["created"])
    if since is not None and (
        since not in [entry["created"], *(edit["at"] for edit in entry.get("edits", []))]
        or parse_utc(since) > parse_utc(text_time)
    ):
        return "since", "is not `created` or the time of one of `edits`, up to `text_at`: automation reads it"
    if sealing is None:
        return "", "has `sealed`, but the archive has no `sealing` (the round sealed applications are opened with)"
    try:
        sealed = read(body)
    except NotSealed as error:
        if block.get("problem") != "not-sealed":
            return (
                "problem",
                f"`sealed` must say `problem: not-sealed`: the text is no sealed application ({_detail(error)})",
            )
        return None
    assert sealed is not None
    where = f"round {sealed.round} of chain {sealed.chain_hash[:16]}..."
    if (block.get("round"), block.get("chain_hash")) != (sealed.round, sealed.chain_hash):
        return "round", f"`sealed` must name the round and chain the text is sealed to: {where}"
    expected = (
        "another-chain"
        if sealed.chain_hash != sealing["chain_hash"]
        else "another-round"
        if sealed.round != sealing["round"]
        else None
    )
    problem = block.get("problem")
    if problem == "copied":
        return None  # a copy is judged across the archive: `copy_problem`
    if expected is not None or problem in ("not-sealed", "another-chain", "another-round"):
        if problem != expected:
            said = f"`problem: {expected}`" if expected else "no such `problem`"
            return "problem", f"`sealed` must say {said}: the text is sealed to {where}"
        return None
    if problem == "tampered":
        return None  # only the pairing can tell: selection.unsealing
    return _plaintext_problem(block, sealed, plaintext)


def _plaintext_problem(block: Mapping[str, Any], sealed: Sealed, plaintext: bytes | None) -> tuple[str, str] | None:
    try:
        opened = open_with_key(sealed, bytes.fromhex(block["file_key"]))
    except Tampered:
        return "file_key", "does not open with `sealed.file_key` (the header's MAC or a payload tag fails): altered"
    if plaintext is None or opened != plaintext:
        return "file", f"opens to another text than {block['file']}: the plaintext is what the sealed text opens to"
    return None


def unreadable_applicants(bids: Mapping[str, Any]) -> list[str]:
    """The on-time applicants every on-time application of whom is sealed and was not opened (`sealed.problem`):
    received, counted and evaluated like everyone, but nobody can read what they sent, so they meet no criterion
    (`selection.evaluation.check_evaluation` refuses a `pass` for them). Once each, as first spelled."""
    applications: dict[str, list[Mapping[str, Any]]] = {}
    spelled: dict[str, str] = {}
    for bid in bids["bids"]:
        if not bid["late"] and bid.get("kind") == "application":
            applications.setdefault(bid["author"].lower(), []).append(bid)
            spelled.setdefault(bid["author"].lower(), bid["author"])
    return [
        spelled[login]
        for login, entries in applications.items()
        if all("problem" in entry.get("sealed", {}) for entry in entries)
    ]


def application_text(entry: Mapping[str, Any], read: Callable[[str], bytes]) -> bytes | None:
    """What the buyer evaluates of an archived entry: the plaintext of a sealed application (None when it could
    not be opened), else the comment's text. `read` gives a file's bytes by its name in the folder (`bids/...`)."""
    block = entry.get("sealed")
    if block is None:
        return read(entry["file"])
    return read(block["file"]) if "file" in block else None

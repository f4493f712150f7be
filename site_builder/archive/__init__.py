"""The bids archive: `bids.yaml`, a small strict-YAML index, beside `bids/NNNN.md`, each comment's text as sent.

Comment bodies are written by strangers and hold whatever GitHub accepts: bidi marks, control characters,
65,536 characters each. The strict YAML writer refuses some of that and the loader stops at 1 MiB, so a
body inside bids.yaml could stop the archive (and with it every later sync). Here a body is never parsed:
it is stored as its own file, byte for byte, and the index commits to it by size and sha256. The index
holds only what GitHub or the automation write (logins, times, URLs, node ids, flags), which the strict
loader always accepts. The validator checks every body against the index and allows exactly the listed
files in `bids/`, so the archive stays as tamper-evident as the single file was.

The bodies folder is filled under a hidden name and renamed into place, then the index is written: a run
killed in between leaves a `bids/` folder without index, which the validator refuses and the next sync
removes before writing the archive again (`discard_interrupted`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from site_builder.archive import sealed
from site_builder.archive.applications import kind_problem
from site_builder.canonical import sha256_hex
from site_builder.clock import closing_time
from site_builder.dump import checked_yaml, write_atomic
from site_builder.model import Document, Problem

BODIES = "bids"
INDEX = "bids.yaml"
SCHEMA_HINT = "../../../schema/bids.schema.json"
MAX_BODY_BYTES = 1024 * 1024  # GitHub's 65,536 characters are at most 256 KiB of UTF-8


def body_name(position: int) -> str:
    """The file of the `position`-th bid (1-based), relative to the opportunity folder."""
    return f"{BODIES}/{position:04d}.md"


def body_bytes(body: str) -> bytes:
    """The exact bytes stored; a lone surrogate (which JSON can carry) is kept rather than refused."""
    return body.encode("utf-8", "surrogatepass")


def split(snapshot: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
    """A snapshot whose bids carry their `body` -> (the index data, {file name: bytes}).

    Each bid's body is replaced by `file`, `size` and `sha256`. `digest`, the draw's public seed, is
    computed as it always was (`digest_of`), so the seeds and draws already published stay checkable.
    A sealed application's bid carries `sealed` (and `plaintext`, its bytes, when opened: `sealed.open_application`),
    and the snapshot `sealing`, the round they were opened with: the plaintext goes to its own file beside the
    ciphertext, `bids/NNNN.plaintext.md`, named in `sealed.file`.
    """
    entries: list[dict[str, Any]] = []
    files: dict[str, bytes] = {}
    for position, bid in enumerate(snapshot["bids"], start=1):
        raw = body_bytes(bid["body"])
        name = body_name(position)
        files[name] = raw
        entry = {key: value for key, value in bid.items() if key not in ("body", "plaintext", "sealed")}
        entry = {**entry, "file": name, "size": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
        if "sealed" in bid:
            entry["sealed"] = _sealed_entry(bid, name, files)
        entries.append(entry)
    header = {key: snapshot[key] for key in ("opportunity", "discussion", "closing", "taken")}
    rule = {"application_rule": snapshot["application_rule"]} if "application_rule" in snapshot else {}
    sealing = {"sealing": dict(snapshot["sealing"])} if "sealing" in snapshot else {}
    digest = digest_of(entries, files, snapshot.get("sealing"))
    return {**header, **rule, **sealing, "digest": digest, "bids": entries}, files


def _sealed_entry(bid: Mapping[str, Any], name: str, files: dict[str, bytes]) -> dict[str, Any]:
    """The entry's `sealed`, its plaintext (when opened) stored as `bids/NNNN.plaintext.md`."""
    block = bid["sealed"]
    head = {key: block[key] for key in ("round", "chain_hash", "file_key", "since") if key in block}
    if bid.get("plaintext") is None:
        return {**head, **block}
    plain = sealed.plaintext_name(name)
    files[plain] = bid["plaintext"]
    return {**head, "file": plain, "size": block["size"], "sha256": block["sha256"]}


DIGESTED = ("author", "created", "updated", "url", "body", "sha256", "late", "edited_after_closing")


def digest_of(
    entries: list[dict[str, Any]], files: Mapping[str, bytes], sealing: Mapping[str, Any] | None = None
) -> str:
    """sha256 of the canonical JSON of the bids with their texts, the fields the draw has always hashed.

    The comment ids, reply links and file names are left out: adding them would change every seed
    already published. A sealed application's entry adds `sealed` (its mapping without the file name: the round,
    the file key and the plaintext's size and sha256, or the problem) with the archive's `sealing` (the round's
    signature) inside it, so the digest covers the ciphertext, the signature and the plaintext; an archive with no
    sealed application hashes exactly what it always did.
    """
    hashed = []
    for entry in entries:
        bid = {key: entry[key] for key in DIGESTED if key != "body"}
        bid["body"] = files[entry["file"]].decode("utf-8", "surrogatepass")
        if "sealed" in entry:
            block = {key: value for key, value in entry["sealed"].items() if key != "file"}
            bid["sealed"] = {**block, "sealing": dict(sealing) if sealing else None}
        hashed.append(bid)
    return sha256_hex(hashed)


def write(folder: Path, index: dict[str, Any], files: Mapping[str, bytes]) -> None:
    """Store the bodies, then the index; the index text is checked before anything is written."""
    text = checked_yaml(folder / INDEX, index, SCHEMA_HINT)
    staging = folder / f".{BODIES}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name, raw in files.items():
        _write_synced(staging / Path(name).name, raw)
    target = folder / BODIES
    if target.exists():
        retired = folder / f".{BODIES}.{os.getpid()}.old"
        os.replace(target, retired)
        os.replace(staging, target)
        shutil.rmtree(retired)
    else:
        os.replace(staging, target)
    write_atomic(folder / INDEX, text)


def _write_synced(path: Path, raw: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(raw)
        stream.flush()
        os.fsync(stream.fileno())


def discard_interrupted(root: Path) -> list[str]:
    """Remove what an interrupted `write` left: staging folders, and a `bids/` folder with no index beside it.

    Neither is ever valid, and the discussion is locked before its archive is written, so the next
    snapshot writes the same texts again. Returns the folders removed, relative to `root`.
    """
    removed = []
    for folder in sorted((root / "opportunities").glob("*/*")):
        leftovers = list(folder.glob(f".{BODIES}.*"))
        if (folder / BODIES).is_dir() and not (folder / BODIES).is_symlink() and not (folder / INDEX).exists():
            leftovers.append(folder / BODIES)
        for leftover in leftovers:
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
            removed.append(leftover.relative_to(root).as_posix())
    return removed


def check(
    index: Document | None, bodies: Mapping[str, str], folder: str, read: Callable[[str], bytes | Problem]
) -> list[Problem]:
    """Every body listed by `index` is present with its size and sha256; nothing else is in `bids/`.

    `bodies` maps names relative to the folder (`bids/0001.md`) to repository paths; `read` gives a file's
    bytes (at most MAX_BODY_BYTES + 1) or a Problem.
    """
    if index is None:
        return [
            Problem(path, 1, 1, f"has no {INDEX} beside it in {folder}: only the automation archives bids", rule="file")
            for path in bodies.values()
        ]
    problems: list[Problem] = []
    texts: dict[str, bytes] = {}
    for position, entry in enumerate(index.data["bids"]):
        names = [entry["file"], *([entry["sealed"]["file"]] if "file" in entry.get("sealed", {}) else [])]
        if any(name in texts for name in names):
            problems.append(index.problem(("bids", position, "file"), f"{' or '.join(names)} is listed twice"))
            continue
        found = _checked_body(index, position, entry, bodies, read)
        if isinstance(found, Problem):
            problems.append(found)
        for name in names:
            texts[name] = found if isinstance(found, bytes) and name == names[0] else b""
    problems += _copy_problems(index, texts)
    for name in sorted(set(bodies) - set(texts)):
        message = f"is not listed in {folder}/{INDEX}: the archive holds exactly the texts its index names"
        problems.append(Problem(bodies[name], 1, 1, message, rule="file"))
    if not problems and digest_of(index.data["bids"], texts, index.data.get("sealing")) != index.data["digest"]:
        message = f"`digest` does not match the bids: {INDEX} is written by automation and must not be edited"
        problems.append(index.problem(("digest",), message))
    return problems


def _checked_body(
    index: Document,
    position: int,
    entry: dict[str, Any],
    bodies: Mapping[str, str],
    read: Callable[[str], bytes | Problem],
) -> bytes | Problem:
    """The bid's text, checked against its size and sha256, its kind, its history fields and, for a sealed
    application, its plaintext (`_sealed_problem`); or the first Problem."""
    raw = _listed_file(index, ("bids", position), entry, bodies, read)
    if isinstance(raw, Problem):
        return raw
    name = entry["file"]
    rule, closing = index.data.get("application_rule", 1), closing_time(index.data)
    body = raw.decode("utf-8", "surrogatepass")
    wrong = kind_problem(entry, body, rule, closing)
    if wrong:
        return index.problem(("bids", position, "kind"), f"{name} {wrong}")
    return (
        _history_problem(index, position, entry) or _sealed_problem(index, position, entry, body, bodies, read) or raw
    )


def _listed_file(
    index: Document,
    where: tuple[str | int, ...],
    entry: Mapping[str, Any],
    bodies: Mapping[str, str],
    read: Callable[[str], bytes | Problem],
) -> bytes | Problem:
    """The bytes of the file `entry` names (`file`, `size`, `sha256`), or a Problem: missing, unreadable, changed."""
    name, path = entry["file"], bodies.get(entry["file"])
    if path is None:
        return index.problem((*where, "file"), f"{name} is missing: the bid's text must be archived")
    raw = read(path)
    if isinstance(raw, Problem):
        return raw
    if len(raw) != entry["size"] or hashlib.sha256(raw).hexdigest() != entry["sha256"]:
        message = f"{name} does not match its size and sha256: the archive is written by automation, never edited"
        return index.problem((*where, "sha256"), message)
    return raw


def _sealed_problem(
    index: Document,
    position: int,
    entry: dict[str, Any],
    body: str,
    bodies: Mapping[str, str],
    read: Callable[[str], bytes | Problem],
) -> Problem | None:
    """A sealed application's `sealed` follows from its text and the archive's `sealing`, and its plaintext file is
    what the ciphertext opens to under the recorded file key (`sealed.recheck`); a text that holds one has it."""
    block = entry.get("sealed")
    plaintext = None
    if block is not None and "file" in block:
        found = _listed_file(index, ("bids", position, "sealed"), block, bodies, read)
        if isinstance(found, Problem):
            return found
        plaintext = found
    wrong = sealed.recheck(entry, body, plaintext, index.data.get("sealing"))
    if wrong:
        field, message = wrong
        where = ("bids", position, "sealed", field) if field else ("bids", position, "sealed" if block else "file")
        return index.problem(where, f"{entry['file']} {message}")
    return None


def _copy_problems(index: Document, texts: Mapping[str, bytes]) -> list[Problem]:
    """Each sealed application flagged `copied` exactly when it holds another account's earlier sealed text
    (`sealed.copies`, over every text of the archive that was read)."""
    entries = index.data["bids"]
    read = [
        sealed.written(entry, texts[entry["file"]].decode("utf-8", "surrogatepass"))
        if "sealed" in entry and texts.get(entry["file"])
        else None
        for entry in entries
    ]
    found = sealed.copies(read)
    problems = []
    for position, entry in enumerate(entries):
        if read[position] is None:
            continue  # not a sealed application, or its text has a problem of its own
        first = found.get(position)
        wrong = sealed.copy_problem(entry, None if first is None else entries[first])
        if wrong:
            problems.append(index.problem(("bids", position, "sealed", "problem"), f"{entry['file']} {wrong}"))
    return problems


def _history_problem(index: Document, position: int, entry: dict[str, Any]) -> Problem | None:
    """The fields automation derives from GitHub's edit history and receipts agree with each other: the text's
    time is the creation's or an edit's, `edited_by_others` says whether someone other than the author edited,
    and `receipt` is a comment of the archive's own discussion."""
    edits = entry.get("edits", [])
    author = _actor(entry["author"])
    if "text_at" in entry and entry["text_at"] not in [entry["created"], entry["updated"], *(e["at"] for e in edits)]:
        message = "`text_at` is not `created`, `updated` or the time of one of `edits`: automation writes them all"
        return index.problem(("bids", position, "text_at"), message)
    others = any(_actor(edit["by"]) != author for edit in edits)
    if entry.get("edited_by_others", False) != others:
        said = "someone other than" if others else "only"
        message = f"`edited_by_others` does not match `edits`, where {said} the author edited the comment"
        return index.problem(("bids", position, "edited_by_others"), message)
    receipt = entry.get("receipt")
    if receipt is not None and not str(receipt).startswith(f"{index.data['discussion']}#"):
        message = "`receipt` is not a comment of the archive's `discussion`: automation links its own receipt"
        return index.problem(("bids", position, "receipt"), message)
    return None


def _actor(login: str) -> str:
    """A login as GitHub compares it: any case, and an App's `[bot]` suffix left out (its posts omit it)."""
    return str(login).lower().removesuffix("[bot]")


def read_file(path: Path, name: str) -> bytes | Problem:
    """A body's bytes from disk, refusing a symbolic link, at most MAX_BODY_BYTES + 1 of them."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        return Problem(name, 1, 1, f"cannot be read: {error.strerror or error}", rule="file")
    with open(descriptor, "rb") as handle:
        raw = handle.read(MAX_BODY_BYTES + 1)
    return limited(raw, name)


def limited(raw: bytes, name: str) -> bytes | Problem:
    if len(raw) > MAX_BODY_BYTES:
        return Problem(name, 1, 1, f"is larger than {MAX_BODY_BYTES // 1024} KiB", rule="file")
    return raw

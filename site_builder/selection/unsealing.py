"""Sealed applications against the marketplace's beacon (issue 25).

The archive check (`archive.sealed.recheck`, on every read) proves each archived plaintext is what the sealed text
holds under its recorded file key, and each flag's reason where the text alone can tell (not sealed, another
chain, another round). What needs the marketplace's chain is here:

- `sealing_problems` (every validation, about a millisecond): bids.yaml's `sealing` is the marketplace's chain,
  the first round at or after the closing time, and its signature verifies against the chain's public key;
- `reopen` (`devex verify`, about 0.15 s of CPU per sealed application): every sealed application opened again
  from its archived text and the archived signature, the whole tlock decryption with the pairing, and compared
  with the archived plaintext; a text flagged `tampered` must indeed not open.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from site_builder.archive import sealed as archived
from site_builder.clock import closing_time
from site_builder.errors import BadBeacon, MissingBeaconSettings
from site_builder.model import Document, Opportunity, Problem, Settings
from site_builder.sealing import NotSealed, Tampered, WrongBeacon, decrypt
from site_builder.selection.beacon import BeaconSettings, beacon_settings, first_round_at_or_after, verify


def sealing_problems(opp: Opportunity, settings: Settings) -> list[Problem]:
    """bids.yaml's `sealing` names the marketplace's chain, the round the rules name for the closing time, and
    that round's signature (verified with blst). Nothing to check without sealed applications."""
    doc = opp.bids_document
    if doc is None or "sealing" not in doc.data:
        return []
    found = _sealing_problem(opp, doc, settings)
    return [found] if found else []


def _sealing_problem(opp: Opportunity, doc: Document, settings: Settings) -> Problem | None:
    sealing = doc.data["sealing"]
    try:
        beacon = beacon_settings(settings)
    except MissingBeaconSettings as error:
        return doc.problem(("sealing",), str(error))
    if sealing["chain_hash"] != beacon.chain_hash:
        return doc.problem(("sealing", "chain_hash"), f"names another chain than the marketplace's {beacon.chain_hash}")
    due = first_round_at_or_after(closing_time(opp.data), beacon)
    if sealing["round"] != due:
        message = f"round {sealing['round']} is not the first round at or after the closing time: that is round {due}"
        return doc.problem(("sealing", "round"), message)
    try:
        verify(sealing["round"], sealing["signature"], beacon.public_key)
    except BadBeacon as error:
        return doc.problem(("sealing", "signature"), f"{error}: sealed applications are opened with that round's own")
    return None


def reopen(
    opp: Opportunity, settings: Settings, read: Callable[[str], bytes | Problem]
) -> tuple[list[str], Problem | None]:
    """`devex verify`: every sealed application of the archive opened again from its text (`read` gives a file's
    bytes by its repository path) with the archived signature, compared with the archived plaintext. What held,
    and the first problem."""
    doc = opp.bids_document
    if doc is None or not any("sealed" in entry for entry in doc.data["bids"]):
        return [], None
    found = _sealing_problem(opp, doc, settings) if "sealing" in doc.data else None
    if found:
        return [], found
    beacon = beacon_settings(settings)
    opened = confirmed = 0
    for position, entry in enumerate(doc.data["bids"]):
        if "sealed" not in entry:
            continue
        outcome = _reopen_one(opp, doc, position, entry, beacon, read)
        if isinstance(outcome, Problem):
            return [], outcome
        opened += outcome == "opened"
        confirmed += outcome == "unreadable"
    sealing = doc.data.get("sealing", {})
    held = [
        f"bids.yaml: {opened} sealed application(s) opened again with round {sealing.get('round')}'s signature "
        f"to their archived plaintext; {confirmed} flagged unreadable, and unreadable indeed"
    ]
    return held, None


def _reopen_one(
    opp: Opportunity,
    doc: Document,
    position: int,
    entry: dict[str, Any],
    beacon: BeaconSettings,
    read: Callable[[str], bytes | Problem],
) -> str | Problem:
    block, where = entry["sealed"], ("bids", position, "sealed")
    raw = read(f"{opp.folder}/{entry['file']}")
    if isinstance(raw, Problem):
        return raw
    try:
        sealed = archived.read(raw.decode("utf-8", "surrogatepass"))
    except NotSealed as error:
        if block.get("problem") == "not-sealed":
            return "unreadable"
        return doc.problem(where, f"{entry['file']} is no sealed application: {error}")
    assert sealed is not None
    if block.get("problem") in ("another-chain", "another-round", "copied"):
        return "unreadable"  # the texts name them, re-derived by the archive check
    sealing = doc.data["sealing"]
    try:
        plaintext = decrypt(sealed, bytes.fromhex(sealing["signature"]), beacon.public_key, beacon.chain_hash)
    except WrongBeacon as error:
        return doc.problem(("sealing", "signature"), f"does not open {entry['file']}: {error}")
    except Tampered as error:
        if block.get("problem") == "tampered":
            return "unreadable"
        return doc.problem(where, f"{entry['file']} does not open with round {sealing['round']}'s signature: {error}")
    if block.get("problem") == "tampered":
        message = f"{entry['file']} is flagged `tampered`, yet round {sealing['round']}'s signature opens it"
        return doc.problem(("bids", position, "sealed", "problem"), message)
    archived_plaintext = read(f"{opp.folder}/{block['file']}")
    if isinstance(archived_plaintext, Problem):
        return archived_plaintext
    if archived_plaintext != plaintext:
        message = (
            f"{block['file']} is not what {entry['file']} opens to with round {sealing['round']}'s signature "
            f"({len(plaintext)} bytes, sha256 {_sha(plaintext)[:16]}...): the plaintext was altered"
        )
        return doc.problem(("bids", position, "sealed", "file"), message)
    return "opened"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

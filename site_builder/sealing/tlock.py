"""A sealed application: an age file with one tlock stanza, parsed, then opened with its round's signature."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_builder import bls
from site_builder.sealing import ibe
from site_builder.sealing.age import AgeFile, check_mac, open_payload, parse_age
from site_builder.sealing.armor import dearmor, is_armored
from site_builder.sealing.errors import NotSealed, Tampered, WrongBeacon

# GitHub keeps at most 65,536 characters in a comment: a sealed application is never larger.
MAX_SEALED_BYTES = 64 * 1024
ROUND = re.compile(r"[1-9][0-9]{0,19}")
CHAIN_HASH = re.compile(r"[0-9a-f]{64}")
V_BYTES = W_BYTES = 16  # age's file key is 16 bytes; tlock's V and W are that long


@dataclass(frozen=True)
class Sealed:
    """What `parse` read: the round and chain the text is sealed to, and everything `decrypt` checks."""

    round: int
    chain_hash: str
    u: bytes = field(repr=False)
    v: bytes = field(repr=False)
    w: bytes = field(repr=False)
    age_file: AgeFile = field(repr=False)


def parse(sealed: str | bytes) -> Sealed:
    """An armored (text or bytes) or binary age file sealed with tlock; NotSealed saying why not."""
    data = _as_bytes(sealed)
    if len(data) > MAX_SEALED_BYTES:
        raise NotSealed(f"{len(data)} bytes: more than the {MAX_SEALED_BYTES} a sealed application can have")
    if is_armored(data):
        data = dearmor(data)
    age_file = parse_age(data)
    return _tlock(age_file)


def decrypt(sealed: Sealed, signature: bytes, public_key_hex: str, chain_hash: str) -> bytes:
    """The plaintext, given the signature of the round `sealed` names, and the chain's public key and hash.

    WrongBeacon when the chain is not the one sealed to or the signature is not that round's on that key;
    Tampered when a check of the ciphertext fails (the tlock stanza, the header's MAC, a payload chunk)."""
    return open_with_key(sealed, unlock(sealed, signature, public_key_hex, chain_hash))


def unlock(sealed: Sealed, signature: bytes, public_key_hex: str, chain_hash: str) -> bytes:
    """The age file key the round's signature releases (the tlock stanza's check passed), before the MAC and the
    payload are checked with it; the errors of `decrypt`. The pairing makes this the costly half of `decrypt`."""
    if chain_hash.lower() != sealed.chain_hash:
        raise WrongBeacon(
            f"sealed to a round of chain {sealed.chain_hash[:16]}..., not of the chain given, {chain_hash[:16]}..."
        )
    _verify_round(sealed.round, signature, public_key_hex)
    return ibe.unlock(signature, sealed.u, sealed.v, sealed.w)


def open_with_key(sealed: Sealed, file_key: bytes) -> bytes:
    """The plaintext under an age file key: the header's MAC keyed from it, then every payload chunk's tag, must
    hold (Tampered if not). Cheap (no pairing), so an archive that records the file key beside the plaintext is
    re-checked on every validation; only the key that sealed the file passes the MAC."""
    if len(file_key) != V_BYTES:
        raise Tampered(f"an age file key has {V_BYTES} bytes, not {len(file_key)}")
    check_mac(sealed.age_file, file_key)
    return open_payload(file_key, sealed.age_file.payload)


def _as_bytes(sealed: str | bytes) -> bytes:
    if isinstance(sealed, bytes):
        return sealed
    if not isinstance(sealed, str):
        raise NotSealed(f"a sealed application is text or bytes, not {type(sealed).__name__}")
    if len(sealed) > MAX_SEALED_BYTES:  # before encoding a huge text
        raise NotSealed(f"{len(sealed)} characters: more than the {MAX_SEALED_BYTES} a sealed application can have")
    try:
        return sealed.encode("utf-8")
    except UnicodeEncodeError:
        raise NotSealed("the text holds characters that are not Unicode (lone surrogates)") from None


def _tlock(age_file: AgeFile) -> Sealed:
    """The one tlock stanza of an age file, its arguments and body checked."""
    if len(age_file.stanzas) != 1:
        raise NotSealed(
            f"the age header has {len(age_file.stanzas)} recipient stanzas: a sealed application has exactly one, tlock"
        )
    stanza = age_file.stanzas[0]
    if stanza.type != "tlock":
        raise NotSealed(f"encrypted with age to a {stanza.type!r} recipient, not sealed with tlock to a beacon round")
    if len(stanza.args) != 2 or not ROUND.fullmatch(stanza.args[0]) or not CHAIN_HASH.fullmatch(stanza.args[1]):
        raise NotSealed("the tlock stanza must read '-> tlock ROUND CHAIN_HASH' (a round from 1, 64 hex digits)")
    round_number = int(stanza.args[0])
    if round_number >= 2**64:
        raise NotSealed(f"round {round_number} is beyond drand's 64-bit rounds")
    body = stanza.body
    if len(body) != bls.G2_BYTES + V_BYTES + W_BYTES:
        raise NotSealed(f"the tlock stanza's body has {len(body)} bytes, not the {bls.G2_BYTES + 32} of U, V and W")
    u = body[: bls.G2_BYTES]
    try:
        bls.g2_point(u)
    except ValueError as error:
        raise NotSealed(f"the tlock stanza's U is not a point of G2 ({error})") from None
    v, w = body[bls.G2_BYTES : bls.G2_BYTES + V_BYTES], body[bls.G2_BYTES + V_BYTES :]
    return Sealed(round_number, stanza.args[1], u, v, w, age_file)


def _verify_round(round_number: int, signature: bytes, public_key_hex: str) -> None:
    """WrongBeacon unless `signature` is round `round_number`'s on the chain of `public_key_hex`:
    e(signature, G2) == e(H(sha256(round as 8 bytes big-endian)), public key), the draw's check (`bls`)."""
    try:
        point = bls.g1_point(bytes(signature))
    except (ValueError, TypeError) as error:
        raise WrongBeacon(f"the signature given is not a BLS12-381 G1 signature ({error})") from None
    try:
        key = bls.g2_point(bytes.fromhex(public_key_hex))
    except (ValueError, TypeError) as error:
        raise WrongBeacon(f"the public key given is not a BLS12-381 G2 key ({error})") from None
    if not bls.signs_round(point, key, round_number):
        raise WrongBeacon(
            f"the signature given is not round {round_number}'s on the public key given: another round's, or "
            "another chain's"
        )

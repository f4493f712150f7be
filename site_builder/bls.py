"""drand's `bls-unchained-g1-rfc9380` signatures (quicknet), the one check both the draw and sealed applications
make of a beacon round: round `r`'s signature is a BLS12-381 point of G1 over `sha256(r as big-endian uint64)`,
hashed to G1 with the RFC 9380 suite `DST`; the chain's public key is a point of G2; it holds when
`e(signature, G2 generator) == e(H(message), public key)`. Points are checked by blst (on the curve, in the
prime-order subgroup) and never the identity, which would make any message verify.

`selection.beacon` (the draw) and `sealing` (tlock) each turn a `ValueError` from here into their own error."""

from __future__ import annotations

import hashlib
from typing import Any

from pyblst import BlstP1Element, BlstP2Element, final_verify, miller_loop

DST = b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_"
G1_BYTES, G2_BYTES = 48, 96
# The standard generator of G2, compressed (the ZCash serialisation every BLS12-381 library shares).
G2_GENERATOR = bytes.fromhex(
    "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"
    "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"
)


class AtInfinity(ValueError):
    """The identity point: a valid encoding that proves nothing."""


def round_message(round_number: int) -> bytes:
    """What the chain signs for an unchained round: sha256 of the round as a big-endian uint64."""
    if not 0 <= round_number < 2**64:
        raise ValueError(f"round {round_number} is not a 64-bit unsigned number")
    return hashlib.sha256(round_number.to_bytes(8, "big")).digest()


def g1_point(raw: bytes) -> BlstP1Element:
    """A compressed G1 point, on the curve and in the subgroup (blst checks both); ValueError if not."""
    return _point(BlstP1Element, raw, G1_BYTES)


def g2_point(raw: bytes) -> BlstP2Element:
    """A compressed G2 point, on the curve and in the subgroup (blst checks both); ValueError if not."""
    return _point(BlstP2Element, raw, G2_BYTES)


def _point(kind: Any, raw: bytes, size: int) -> Any:
    if len(raw) != size:
        raise ValueError(f"{len(raw)} bytes, not the {size} of a compressed point")
    point = kind.uncompress(raw)
    if point == kind():
        raise AtInfinity("the point at infinity")
    return point


def signs_round(signature: BlstP1Element, public_key: BlstP2Element, round_number: int) -> bool:
    """Whether `signature` is round `round_number`'s on the chain whose key is `public_key` (points already
    checked by `g1_point` and `g2_point`)."""
    hashed = BlstP1Element.hash_to_group(round_message(round_number), DST)
    generator = BlstP2Element.uncompress(G2_GENERATOR)
    return final_verify(miller_loop(signature, generator), miller_loop(hashed, public_key))

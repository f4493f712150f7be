"""The public randomness beacon: the chain's facts, round <-> time arithmetic, and the BLS signature check.

The facts (chain hash, public key, period, genesis, scheme) live in `opportunities/marketplace.yaml` under
`beacon`; nothing here hard-codes a chain. The only scheme accepted is drand's `bls-unchained-g1-rfc9380`
(quicknet): the signature of round `r` is a BLS12-381 signature in G1 over `sha256(r as big-endian uint64)`,
hashed to G1 with the RFC 9380 suite below, and the public key is in G2. It holds when
`e(signature, G2 generator) == e(H(message), public key)`. The randomness of a round is `sha256(signature)`.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pyblst import BlstP1Element, BlstP2Element, final_verify, miller_loop

from site_builder.errors import BadBeacon, MissingBeaconSettings
from site_builder.model import Settings

SCHEME = "bls-unchained-g1-rfc9380"
DST = b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_"
G1_BYTES, G2_BYTES = 48, 96
# The standard generator of G2, compressed (the ZCash serialisation every BLS12-381 library shares).
G2_GENERATOR = bytes.fromhex(
    "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"
    "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"
)


@dataclass(frozen=True)
class BeaconSettings:
    """One drand chain, as the marketplace settings describe it."""

    urls: tuple[str, ...]
    chain_hash: str
    public_key: str
    period: int
    genesis: int
    scheme: str
    lead_seconds: int

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> BeaconSettings:
        """From the `beacon` mapping of marketplace.yaml (already checked by its schema)."""
        return cls(
            urls=tuple(url.rstrip("/") for url in data["urls"]),
            chain_hash=data["chain_hash"],
            public_key=data["public_key"],
            period=data["period"],
            genesis=data["genesis"],
            scheme=data["scheme"],
            lead_seconds=data["lead_seconds"],
        )


def beacon_settings(settings: Settings) -> BeaconSettings:
    """The marketplace's beacon, or MissingBeaconSettings saying where to add it."""
    data = settings.data.get("beacon")
    if not data:
        raise MissingBeaconSettings(
            "opportunities/marketplace.yaml has no `beacon` settings: add the drand chain that seeds every draw "
            "(docs/dev/selection.md)"
        )
    return BeaconSettings.from_data(data)


# ---------------------------------------------------------------- rounds and time


def round_time(round_number: int, beacon: BeaconSettings) -> datetime:
    """When round `round_number` is produced (round 1 at genesis, one round each period)."""
    if round_number < 1:
        raise ValueError(f"rounds start at 1, not {round_number}")
    return datetime.fromtimestamp(beacon.genesis + (round_number - 1) * beacon.period, UTC)


def round_at(moment: datetime, beacon: BeaconSettings) -> int:
    """The latest round produced at `moment` (0 before genesis)."""
    elapsed = moment.timestamp() - beacon.genesis
    return 0 if elapsed < 0 else math.floor(elapsed / beacon.period) + 1


def first_round_at_or_after(moment: datetime, beacon: BeaconSettings) -> int:
    """The first round produced at `moment` or later."""
    elapsed = math.ceil(moment.timestamp()) - beacon.genesis
    return 1 if elapsed <= 0 else -(-elapsed // beacon.period) + 1


# ---------------------------------------------------------------- signatures


def round_message(round_number: int) -> bytes:
    """What the chain signs for an unchained round: sha256 of the round as a big-endian uint64."""
    if not 0 <= round_number < 2**64:
        raise BadBeacon(f"round {round_number} is not a 64-bit unsigned number")
    return hashlib.sha256(round_number.to_bytes(8, "big")).digest()


def randomness(signature_hex: str) -> bytes:
    """The round's randomness: sha256 of the signature's bytes (the signature itself must be verified first)."""
    return hashlib.sha256(_hex(signature_hex, G1_BYTES, "signature")).digest()


def verify(round_number: int, signature_hex: str, public_key_hex: str) -> bytes:
    """The randomness of `round_number` once its signature verifies against the chain's key; BadBeacon if not."""
    signature = _point(BlstP1Element, _hex(signature_hex, G1_BYTES, "signature"), "signature")
    public_key = _point(BlstP2Element, _hex(public_key_hex, G2_BYTES, "public key"), "public key")
    hashed = BlstP1Element.hash_to_group(round_message(round_number), DST)
    generator = BlstP2Element.uncompress(G2_GENERATOR)
    if not final_verify(miller_loop(signature, generator), miller_loop(hashed, public_key)):
        raise BadBeacon(f"the signature of round {round_number} does not verify against the chain's public key")
    return randomness(signature_hex)


def _hex(text: str, size: int, what: str) -> bytes:
    if not isinstance(text, str):
        raise BadBeacon(f"the {what} must be hexadecimal text, not {type(text).__name__}")
    try:
        raw = bytes.fromhex(text)
    except ValueError:
        raise BadBeacon(f"the {what} is not hexadecimal: {text[:20]!r}...") from None
    if len(raw) != size:
        raise BadBeacon(f"the {what} has {len(raw)} bytes, not the {size} of a compressed point")
    return raw


def _point(kind: Any, raw: bytes, what: str) -> Any:
    """A compressed point, checked on the curve and in the prime-order subgroup by blst; never the identity,
    which would make any message verify."""
    try:
        point = kind.uncompress(raw)
    except ValueError as error:
        raise BadBeacon(f"the {what} is not a valid BLS12-381 point ({error})") from None
    if point == kind():
        raise BadBeacon(f"the {what} is the point at infinity, which proves nothing")
    return point

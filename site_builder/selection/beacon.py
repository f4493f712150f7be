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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from site_builder import bls
from site_builder.bls import G1_BYTES, G2_BYTES
from site_builder.errors import BadBeacon, MissingBeaconSettings
from site_builder.model import Settings

SCHEME = "bls-unchained-g1-rfc9380"


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
    try:
        return bls.round_message(round_number)
    except ValueError as error:
        raise BadBeacon(str(error)) from None


def randomness(signature_hex: str) -> bytes:
    """The round's randomness: sha256 of the signature's bytes (the signature itself must be verified first)."""
    return hashlib.sha256(_hex(signature_hex, G1_BYTES, "signature")).digest()


def verify(round_number: int, signature_hex: str, public_key_hex: str) -> bytes:
    """The randomness of `round_number` once its signature verifies against the chain's key; BadBeacon if not."""
    signature = _point(bls.g1_point, _hex(signature_hex, G1_BYTES, "signature"), "signature")
    public_key = _point(bls.g2_point, _hex(public_key_hex, G2_BYTES, "public key"), "public key")
    round_message(round_number)  # BadBeacon for a round beyond 64 bits
    if not bls.signs_round(signature, public_key, round_number):
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


def _point(parse: Callable[[bytes], Any], raw: bytes, what: str) -> Any:
    """A compressed point (`bls.g1_point` or `g2_point`): on the curve, in the subgroup, never the identity."""
    try:
        return parse(raw)
    except bls.AtInfinity:
        raise BadBeacon(f"the {what} is the point at infinity, which proves nothing") from None
    except ValueError as error:
        raise BadBeacon(f"the {what} is not a valid BLS12-381 point ({error})") from None

"""The commitment: the evaluation and the bids, fixed together with the beacon round that will seed the draw.

Anyone can recompute it by hand (docs/dev/selection.md):
  evaluation digest = sha256(canonical JSON of evaluation.yaml)
  commitment digest = sha256(field_1 || field_2 || ...), each field its UTF-8 bytes preceded by their length as
                      a 4-byte big-endian number, the fields being DOMAIN, the opportunity id, the bids digest
                      (hex), the evaluation digest (hex) and the round (decimal)
The length prefixes make the encoding unambiguous: no two different tuples give the same bytes.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from site_builder.canonical import sha256_hex
from site_builder.selection.beacon import BeaconSettings, first_round_at_or_after

DOMAIN = "gc-devex/selection/commitment/v1"


def evaluation_digest(evaluation: dict[str, Any]) -> str:
    """sha256 (hex) of the evaluation's canonical JSON: YAML comments and layout do not count, content does."""
    return sha256_hex(evaluation)


def encode_fields(*fields: str) -> bytes:
    """Each field's UTF-8 bytes after their length (4 bytes, big-endian): one reading only."""
    out = bytearray()
    for field in fields:
        raw = field.encode("utf-8")
        out += len(raw).to_bytes(4, "big") + raw
    return bytes(out)


def commitment_digest(opportunity: str, bids_digest: str, evaluation: str, round_number: int) -> str:
    """sha256 (hex) binding the opportunity, its bids, its evaluation and the beacon round named in advance."""
    return hashlib.sha256(encode_fields(DOMAIN, opportunity, bids_digest, evaluation, str(round_number))).hexdigest()


def choose_round(committed_at: datetime, beacon: BeaconSettings) -> int:
    """The round a commitment made at `committed_at` names: the first produced at least `lead_seconds` later, so
    nobody, buyer included, can know its value while the evaluation can still change. Always the earliest
    allowed, so nobody has a round to choose either."""
    if committed_at.tzinfo is None:
        raise ValueError("committed_at needs its UTC offset")
    return first_round_at_or_after(committed_at + timedelta(seconds=beacon.lead_seconds), beacon)

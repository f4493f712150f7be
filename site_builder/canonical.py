"""Canonical JSON, the one byte form of JSON-shaped data that every digest hashes and every export writes.

Sorted keys, no whitespace, UTF-8 (not \\u escapes), no NaN. A lone surrogate (JSON from GitHub can carry one
in a comment) is written as its bytes instead of stopping the run.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

# Without the circular-reference check: the data are trees (the loader refuses YAML anchors and aliases).
ENCODER = json.JSONEncoder(
    sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False
)


def canonical_text(value: Any) -> str:
    """The canonical JSON of `value`, as text."""
    return ENCODER.encode(value)


def canonical_json(value: Any) -> bytes:
    """The canonical JSON of `value`, as the bytes a digest hashes."""
    return ENCODER.encode(value).encode("utf-8", "surrogatepass")


def sha256_hex(value: Any) -> str:
    """sha256 (hex) of the canonical JSON of `value`."""
    return hashlib.sha256(canonical_json(value)).hexdigest()

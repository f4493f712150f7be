"""The reproducible random draw among qualified applicants.

Anyone can check a draw by hand: for each qualified GitHub login, take the sha256 of
`<seed>:<login in lower case>` (hex); the order is the logins sorted by that hash. The seed is public
data: the digest of the archived bids, which nobody could steer once the opportunity had closed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any


def draw_order(seed: str, qualified: Iterable[str]) -> list[str]:
    """The ranked order of a draw: winner first, then the runners-up in the order they are offered the work."""
    return sorted(set(qualified), key=lambda login: (_ticket(seed, login), login.lower()))


def _ticket(seed: str, login: str) -> str:
    return hashlib.sha256(f"{seed}:{login.lower()}".encode()).hexdigest()


def bids_digest(bids: list[dict[str, Any]]) -> str:
    """sha256 of the bids as canonical JSON (sorted keys, no spaces, UTF-8): the seed of the draw.

    A lone surrogate (JSON can carry one in a comment) is hashed as its bytes instead of stopping the run."""
    canonical = json.dumps(bids, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def body_digest(body: str) -> str:
    """sha256 of one bid's text, so an edit after the snapshot is visible."""
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()

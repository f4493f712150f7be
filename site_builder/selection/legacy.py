"""The legacy draw, kept checkable for awards of opportunities that closed before `public_draw_since`.

Anyone can check a draw by hand: for each qualified GitHub login, take the sha256 of
`<seed>:<login in lower case>` (hex); the order is the logins sorted by that hash. The seed is public
data: the digest of the archived bids, which nobody could steer once the opportunity had closed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def draw_order(seed: str, qualified: Iterable[str]) -> list[str]:
    """The ranked order of a draw: winner first, then the runners-up in the order they are offered the work."""
    return sorted(set(qualified), key=lambda login: (_ticket(seed, login), login.lower()))


def _ticket(seed: str, login: str) -> str:
    return hashlib.sha256(f"{seed}:{login.lower()}".encode()).hexdigest()

"""The seed of a draw and the ranked order of the qualified applicants.

  seed   = sha256(DOMAIN || commitment digest (32 bytes) || randomness (32 bytes))
  ticket = sha256(seed (32 bytes) || login in lower case, UTF-8)
  order  = the qualified logins sorted by ticket, lowest first: the winner, then the runners-up in the order
           they are offered the work
Every part before the login has a fixed length, so the bytes read one way only. Logins are unique (GitHub
logins ignore case), so two tickets never tie.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

DOMAIN = b"gc-devex/selection/seed/v1"


def seed(commitment_digest: str, randomness: bytes) -> str:
    """sha256 (hex) of the domain, the commitment and the beacon's randomness: known only once the round is."""
    commitment = bytes.fromhex(commitment_digest)
    if len(commitment) != 32 or len(randomness) != 32:
        raise ValueError("the commitment digest and the randomness are 32 bytes each")
    return hashlib.sha256(DOMAIN + commitment + randomness).hexdigest()


def ticket(seed_hex: str, login: str) -> str:
    """An applicant's ticket (hex): sha256 of the seed's bytes then the login in lower case."""
    return hashlib.sha256(bytes.fromhex(seed_hex) + login.lower().encode("utf-8")).hexdigest()


def ranked_order(seed_hex: str, qualified: Iterable[str]) -> list[str]:
    """The qualified logins, lowest ticket first; ValueError if a login appears twice (in any case)."""
    logins = list(qualified)
    if len({login.lower() for login in logins}) != len(logins):
        raise ValueError("a qualified applicant appears twice")
    return sorted(logins, key=lambda login: ticket(seed_hex, login))


SKIP_REASONS = ("declined", "no-answer", "terminated")


@dataclass(frozen=True)
class Skip:
    """Someone ahead in the order passed over, for a reason of a fixed kind: `declined` (with a link to their
    comment saying so), `no-answer` (no answer by the offer's deadline) or `terminated` (their contract on this
    opportunity was ended)."""

    login: str
    reason: str
    link: str | None = None

    def error(self) -> str | None:
        """Why this skip is not allowed, or None."""
        if self.reason not in SKIP_REASONS:
            kinds = ", ".join(SKIP_REASONS)
            return f"skipping {self.login} needs a reason of a fixed kind ({kinds}), not {self.reason!r}"
        if self.reason == "declined" and not self.link:
            return f"{self.login} declined: link to the comment where they said so"
        return None


def next_in_order(order: list[str], skips: Iterable[Skip]) -> str | None:
    """Who is offered the work: the first in the order not skipped (None when everyone was)."""
    skipped = {skip.login.lower() for skip in skips}
    return next((login for login in order if login.lower() not in skipped), None)


def out_of_order(order: list[str], attempts: list[Skip], current: str) -> list[tuple[int | None, str]]:
    """Each offer of the work that did not go to the next in the draw order, as (index of the attempt, or None
    for the current contract; message). `attempts` are the earlier offers, oldest first, each passed over for
    its reason; every offer must go to the first in `order` not yet passed over."""
    wrong: list[tuple[int | None, str]] = []
    offers: list[tuple[int | None, str]] = [(index, skip.login) for index, skip in enumerate(attempts)]
    for index, login in [*offers, (None, current)]:
        done = attempts if index is None else attempts[:index]
        expected = next_in_order(order, done)
        if expected is None or login.lower() != expected.lower():
            wanted = (
                f"{expected}, the first in the draw order not passed over"
                if expected
                else "nobody: everyone in it was passed over"
            )
            wrong.append((index, f"{login} was offered the work out of the draw order: the next was {wanted}"))
    return wrong


def attempt_skips(previous: list[dict]) -> list[Skip]:
    """The skips an award.yaml's `previous` attempts record: each earlier supplier, for its outcome."""
    return [Skip(entry["supplier"]["github"], entry["outcome"], entry.get("link")) for entry in previous]

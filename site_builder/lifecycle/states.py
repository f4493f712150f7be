"""Statuses and the transitions between them, and the status a moment shows.

Lifecycle:  open -> closed -> awarded -> completed
            open -> cancelled; closed -> unsuccessful | cancelled; awarded -> cancelled (after termination)
"""

from __future__ import annotations

from datetime import datetime

from site_builder.clock import closing_time

STATUSES = ("open", "closed", "awarded", "completed", "cancelled", "unsuccessful")
TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"closed", "cancelled"}),
    "closed": frozenset({"awarded", "unsuccessful", "cancelled"}),
    "awarded": frozenset({"completed", "cancelled"}),
    "completed": frozenset(),
    "cancelled": frozenset(),
    "unsuccessful": frozenset(),
}
WITH_AWARD = frozenset({"awarded", "completed"})


def can_transition(old: str, new: str) -> bool:
    """True when `old` may become `new` (staying put is always allowed)."""
    return old == new or new in TRANSITIONS.get(old, frozenset())


def effective_status(data: dict, now: datetime) -> str:
    """The status to show at `now`: an open opportunity past its closing time is closed, even before
    automation has written so."""
    if data["status"] == "open" and now >= closing_time(data):
        return "closed"
    return data["status"]


def is_past_closing(data: dict, now: datetime) -> bool:
    return now >= closing_time(data)

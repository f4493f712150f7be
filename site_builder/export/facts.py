"""Facts every export derives the same way from one opportunity folder: its dated events, its bids summary,
its supplier key, how it was selected (from the records), the opportunity whose work it posts again and those
that post its work again. One home, so the feeds, OCDS, the disclosure CSV, the statistics and the pages never
disagree.

`process_facts` derives them once per build for every opportunity (dates parsed once, events sorted once);
`site_builder.export.assets` hands the result to every export instead of each one deriving them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from site_builder.archive.applications import late_applicants, on_time_applicants
from site_builder.clock import closing_time
from site_builder.lifecycle.relaunch import NO_RELAUNCH, Relaunch, relaunches
from site_builder.locale import start_of_day
from site_builder.model import Marketplace, Opportunity
from site_builder.selection.records import selected

AWARD_STEPS = ("awarded", "delivered", "accepted", "paid")


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened to an opportunity on a date the files record (`index`: the addendum's number)."""

    kind: str
    moment: datetime
    index: int = 0


def bids_summary(opp: Opportunity) -> dict[str, Any] | None:
    """What the archived discussion says in numbers, without the text of any bid. `applicants` and
    `late_applicants` are the selection's own count (`archive.applications`), so the JSON, OCDS and the
    disclosure CSV state the number of people who were evaluated, not of people who commented."""
    bids = opp.bids
    if bids is None:
        return None
    entries = bids["bids"]
    on_time = [bid for bid in entries if not bid["late"]]
    return {
        "comments": len(entries),
        "on_time": len(on_time),
        "late": len(entries) - len(on_time),
        "edited_after_closing": sum(1 for bid in entries if bid["edited_after_closing"]),
        "applicants": len(on_time_applicants(bids)),
        "late_applicants": len(late_applicants(bids)),
        "digest": bids["digest"],
        "taken": bids["taken"],
    }


def number_of_applicants(opp: Opportunity) -> int:
    """The on-time applicants (`archive.applications.on_time_applicants`); without a snapshot, the qualified
    ones at least."""
    summary = bids_summary(opp)
    if summary is not None:
        return summary["applicants"]
    chosen = selected(opp)
    return len(chosen.qualified) if chosen else 0


def supplier_key(award: dict[str, Any]) -> str:
    """GitHub logins are case-insensitive: one supplier, one key."""
    return award["supplier"]["github"].lower()


def award_date(award: dict[str, Any], step: str) -> date | None:
    value = award.get(step)
    return date.fromisoformat(value) if value else None


def events(opp: Opportunity, zone: str) -> list[Event]:
    """The opportunity's dated events in the order they happened (ties keep the lifecycle order)."""
    data = opp.data
    found = [Event("posted", start_of_day(data["posted"], zone))]
    found += [
        Event("addendum", start_of_day(addendum["date"], zone), number)
        for number, addendum in enumerate(data.get("addenda", []), start=1)
    ]
    closing = closing_time(data)
    found.append(Event("closing", closing))
    award = opp.award
    if award:
        found += _attempt_events(award, zone)
        found += [Event(step, start_of_day(award[step], zone)) for step in AWARD_STEPS if step in award]
        if "cure_notice" in award:
            found.append(Event("cure_notice", start_of_day(award["cure_notice"]["date"], zone)))
        if "terminated" in award:
            found.append(Event("terminated", start_of_day(award["terminated"]["date"], zone)))
    if "cancellation" in data:
        cancelled = start_of_day(data["cancellation"]["date"], zone)
        if opp.bids is not None:  # cancelled once closed: never before the closing time, which has an hour
            cancelled = max(cancelled, closing)
        found.append(Event("cancelled", cancelled))
    return sorted(found, key=_chronological)


def _chronological(event: Event) -> tuple:
    """When it happened; on one day, in the lifecycle's order, each earlier attempt whole before the next one
    (an offer left unanswered until a deadline, then the offer to the next in order, the same day)."""
    rank = _RANK[event.kind]
    if event.kind in ATTEMPT_STEPS:
        return (event.moment, 1, event.index, rank)
    return (event.moment, 0 if rank < _RANK[ATTEMPT_STEPS[0]] else 2, 0, rank, event.index)


ATTEMPT_STEPS = ("attempt-offered", "attempt-declined", "attempt-no-answer", "attempt-cure", "attempt-terminated")
EVENT_ORDER = ("posted", "addendum", "closing", *ATTEMPT_STEPS, *AWARD_STEPS, "cure_notice", "terminated", "cancelled")
NOTICE_CHANGES = ("posted", "addendum", "cancelled")
_RANK = {kind: rank for rank, kind in enumerate(EVENT_ORDER)}


def _attempt_events(award: dict[str, Any], zone: str) -> list[Event]:
    """Each earlier attempt's offer, then its decline, the deadline its offer went unanswered by (`answer_by`), or
    its cure notice and termination (`index`: the attempt's number, from 1)."""
    found = []
    for number, attempt in enumerate(award.get("previous") or [], start=1):
        days = {
            "attempt-offered": attempt["offered"],
            "attempt-declined": attempt.get("declined"),
            "attempt-no-answer": attempt.get("answer_by") if attempt["outcome"] == "no-answer" else None,
            "attempt-cure": (attempt.get("cure_notice") or {}).get("date"),
            "attempt-terminated": (attempt.get("terminated") or {}).get("date"),
        }
        found += [Event(kind, start_of_day(day, zone), number) for kind, day in days.items() if day]
    return found


def last_notice(opp: Opportunity, zone: str) -> datetime:
    """When the posted notice last changed: the posting date, the latest addendum or the cancellation."""
    return _last_notice(events(opp, zone))


def _last_notice(found: list[Event]) -> datetime:
    return max(event.moment for event in found if event.kind in NOTICE_CHANGES)


@dataclass(frozen=True, slots=True)
class ProcessFacts:
    """What the exports need to know about one opportunity beyond its files, derived once per build."""

    events: tuple[Event, ...]
    closing: datetime
    last_notice: datetime
    bids: dict[str, Any] | None
    applicants: int
    relaunch: Relaunch = NO_RELAUNCH


def derive(opp: Opportunity, zone: str, relaunch: Relaunch = NO_RELAUNCH) -> ProcessFacts:
    found = events(opp, zone)
    summary = bids_summary(opp)
    applicants = summary["applicants"] if summary is not None else number_of_applicants(opp)
    closing = next(event.moment for event in found if event.kind == "closing")
    return ProcessFacts(tuple(found), closing, _last_notice(found), summary, applicants, relaunch)


def process_facts(marketplace: Marketplace) -> dict[str, ProcessFacts]:
    """Every opportunity's facts, by id."""
    zone = marketplace.settings.time_zone
    linked = relaunches(marketplace)
    return {opp.id: derive(opp, zone, linked.get(opp.id, NO_RELAUNCH)) for opp in marketplace.opportunities}

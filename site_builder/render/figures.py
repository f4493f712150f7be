"""The statistics as plain numbers, computed once from the marketplace (the page only formats them).

Statuses are those at `now` (an open opportunity past its closing time counts as closed). Cycle times are
in calendar days between the dates the files record, grouped by the calendar quarter in which each one
ended, so a trend shows whether the marketplace is getting faster: each step (posting to award, award to
delivery, delivery to payment), and the whole time from posting to payment, which is what the goal is for.
Cancellations are counted, and those that came after the evaluation was committed (the folder has
selection.yaml) are listed one by one: by then the evaluation was frozen and the draw's round named, so
such a cancellation could stop a draw whose result was not wanted, and it is the one an auditor looks at.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import median
from typing import Any

from site_builder.export.facts import award_date, supplier_key
from site_builder.lifecycle import STATUSES, effective_status
from site_builder.locale import local_day
from site_builder.model import Marketplace, Opportunity

STEPS = (("posted", "awarded"), ("awarded", "delivered"), ("delivered", "paid"))
WHOLE = ("posted", "paid")
CYCLES = (*STEPS, WHOLE)
GOAL_DAYS = 30
"""The goal for the whole time of a contract, posting to payment, in calendar days. No step has its own target:
the goal is only ever compared with the whole time (render/statistics.py)."""
RECENT_QUARTERS = 8
TOP_SUPPLIERS = 10


@dataclass
class Money:
    awarded: float = 0
    paid: float = 0
    contracts: int = 0


@dataclass
class Quarter:
    """What happened in one calendar quarter: awards, first-time winners and the cycle times that ended in it."""

    awards: int = 0
    first_time_winners: int = 0
    days: dict[str, list[int]] = field(default_factory=lambda: {f"{a}-{b}": [] for a, b in CYCLES})

    def median_days(self, cycle: str) -> float | None:
        values = self.days[cycle]
        return median(values) if values else None


@dataclass(frozen=True)
class LateCancellation:
    """An opportunity cancelled after its evaluation was committed: its id and title, the day of the commitment
    (in the marketplace's zone), the day of the cancellation, and whether the draw had been made by then."""

    ident: str
    title: dict[str, str]
    committed: date
    cancelled: str
    drawn: bool


@dataclass
class Figures:
    opportunities: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    total: Money = field(default_factory=Money)
    by_department: dict[str, Money] = field(default_factory=dict)
    by_supplier: dict[str, Money] = field(default_factory=dict)
    supplier_names: dict[str, str] = field(default_factory=dict)
    quarters: dict[str, Quarter] = field(default_factory=dict)
    cycle_days: dict[str, list[int]] = field(default_factory=dict)
    evaluated: int = 0
    failed: int = 0
    attempts: Counter[str] = field(default_factory=Counter)  # render/statistics.py's ATTEMPTS
    cancelled: int = 0
    cancelled_after_commitment: list[LateCancellation] = field(default_factory=list)

    @property
    def distinct_suppliers(self) -> int:
        return len(self.by_supplier)

    @property
    def failed_share(self) -> float | None:
        return self.failed / self.evaluated if self.evaluated else None

    def median_days(self, cycle: str) -> float | None:
        values = self.cycle_days.get(cycle, [])
        return median(values) if values else None

    def top_suppliers(self) -> list[tuple[str, Money]]:
        """The largest suppliers by amount awarded (ties by key), at most TOP_SUPPLIERS."""
        ranked = sorted(self.by_supplier.items(), key=lambda item: (-item[1].awarded, item[0]))
        return ranked[:TOP_SUPPLIERS]

    def recent_quarters(self) -> list[tuple[str, Quarter]]:
        return sorted(self.quarters.items())[-RECENT_QUARTERS:]


def quarter_of(day: date) -> str:
    """`2026-Q4`: calendar quarters sort as text."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def compute(marketplace: Marketplace, now: datetime) -> Figures:
    figures = Figures(opportunities=len(marketplace.opportunities))
    statuses = Counter(effective_status(opp.data, now) for opp in marketplace.opportunities)
    figures.by_status = {status: statuses.get(status, 0) for status in STATUSES}
    figures.cycle_days = {f"{a}-{b}": [] for a, b in CYCLES}
    awarded = [opp for opp in marketplace.opportunities if opp.award]
    awarded.sort(key=lambda opp: (opp.award["awarded"], opp.id))  # type: ignore[index]
    seen: set[str] = set()
    for opp in awarded:
        _count_award(figures, opp, seen)
        _count_attempts(figures.attempts, opp.award or {})
    figures.failed = statuses.get("unsuccessful", 0)
    figures.evaluated = len(awarded) + figures.failed
    _count_cancellations(figures, marketplace)
    return figures


def _count_cancellations(figures: Figures, marketplace: Marketplace) -> None:
    """Every cancelled opportunity, and those cancelled after the commitment, oldest cancellation first."""
    zone = marketplace.settings.time_zone
    cancelled = [opp for opp in marketplace.opportunities if opp.status == "cancelled"]
    figures.cancelled = len(cancelled)
    for opp in cancelled:
        record = opp.selection_document.data if opp.selection_document else None
        if record is None:
            continue
        committed = local_day(datetime.fromisoformat(record["committed_at"]), zone)
        day = (opp.data.get("cancellation") or {}).get("date", "")
        late = LateCancellation(opp.id, opp.data["title"], committed, day, "signature" in record)
        figures.cancelled_after_commitment.append(late)
    figures.cancelled_after_commitment.sort(key=lambda late: (late.cancelled, late.ident))


def _count_award(figures: Figures, opp: Opportunity, seen: set[str]) -> None:
    award: dict[str, Any] = opp.award or {}
    key = supplier_key(award)
    figures.supplier_names[key] = award["supplier"]["name"]  # awards come oldest first: the latest name wins
    paid = award["amount"] if "paid" in award else 0
    for money in (
        figures.total,
        figures.by_department.setdefault(opp.department, Money()),
        figures.by_supplier.setdefault(key, Money()),
    ):
        money.awarded += award["amount"]
        money.paid += paid
        money.contracts += 1
    quarter = figures.quarters.setdefault(quarter_of(date.fromisoformat(award["awarded"])), Quarter())
    quarter.awards += 1
    if key not in seen:
        quarter.first_time_winners += 1
        seen.add(key)
    _count_cycles(figures, opp, award)


def _count_attempts(counts: Counter, award: dict[str, Any]) -> None:
    """Every offer of the work on record, not only the one that stands: declines, offers left unanswered by their
    deadline, cure notices and terminations of earlier attempts count as much as the current contract's."""
    previous = award.get("previous") or []
    counts["offers"] += 1 + len(previous)
    counts["next_awards"] += 1 if previous else 0
    for attempt in [*previous, award]:
        counts["declined"] += 1 if attempt.get("outcome") == "declined" else 0
        counts["no_answer"] += 1 if attempt.get("outcome") == "no-answer" else 0
        counts["cure_notices"] += 1 if "cure_notice" in attempt else 0
        counts["terminated"] += 1 if "terminated" in attempt else 0


def _count_cycles(figures: Figures, opp: Opportunity, award: dict[str, Any]) -> None:
    dates = {"posted": date.fromisoformat(opp.data["posted"])}
    dates.update({step: day for step in ("awarded", "delivered", "paid") if (day := award_date(award, step))})
    for start, end in CYCLES:
        if start in dates and end in dates:
            cycle, days = f"{start}-{end}", (dates[end] - dates[start]).days
            figures.cycle_days[cycle].append(days)
            figures.quarters.setdefault(quarter_of(dates[end]), Quarter()).days[cycle].append(days)

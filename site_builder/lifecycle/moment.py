"""When a change is judged: CI's own clock and the marketplace's rules, never a date the change itself carries.

A department reviews its own pull requests, so every rule on what a change may do is judged at the moment CI
checks it (`devex validate --base`, at the current time; `--now` exists for tests only). `today` is that
moment's date in the marketplace's time zone, the day a buyer would write on an addendum or a notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from site_builder.locale import local_day
from site_builder.model import Settings

# A date a change writes for "today" (an addendum, a cancellation, a cure notice, an award) may be the day
# before CI's: a buyer in Newfoundland writes after midnight UTC-2:30, or CI runs the minute after midnight.
SLACK = timedelta(days=1)


@dataclass(frozen=True)
class Moment:
    """The clock a change is judged at, with the settings its rules read (the base commit's)."""

    now: datetime
    settings: Settings

    @property
    def today(self) -> date:
        return local_day(self.now, self.settings.time_zone)

    def is_today(self, day: str) -> bool:
        """`day` (ISO) is CI's today, or the day before: a date written for now, never backdated or ahead."""
        return self.today - SLACK <= date.fromisoformat(day) <= self.today

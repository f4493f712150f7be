"""Business days, Monday to Friday, as the rules count them: the posting window, the offer's deadline and the
cure period. Statutory holidays are not counted out (they differ by province), so a deadline may fall on one;
the rules only ever set a minimum, so a buyer can always give more days."""

from __future__ import annotations

from datetime import date, timedelta


def business_days(start: date, end: date) -> int:
    """Weekdays from `start` (included) to `end` (excluded); 0 when `end` is not after `start`."""
    return sum(1 for offset in range(max((end - start).days, 0)) if (start + timedelta(offset)).weekday() < 5)


def add_business_days(start: date, days: int) -> date:
    """The first weekday on which `days` business days have passed since `start` (counted as `business_days`
    counts them): the earliest closing, offer deadline or cure deadline the rules accept."""
    day = start
    while business_days(start, day) < days or day.weekday() >= 5:
        day += timedelta(1)
    return day

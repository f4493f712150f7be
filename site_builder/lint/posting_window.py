"""Warning: an open posting leaves suppliers fewer than `posting_days` business days (5 by default) to apply.

The pilots saw 75% of applications arrive in the last hours: a short window loses suppliers. Business days
are Monday to Friday, counted from the posting day up to (not including) the closing day, in the
marketplace's time zone. Statutory holidays are not counted out (they differ by province).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from zoneinfo import ZoneInfo

from site_builder.business_days import add_business_days, business_days
from site_builder.clock import closing_time
from site_builder.model import WARNING, Opportunity, Problem, Settings

RULE = "posting-window"
SEVERITY = WARNING
FIX = "move `closing` later, so the posting stays open at least the minimum number of business days"


def check(opp: Opportunity, settings: Settings) -> Iterator[Problem]:
    if opp.status != "open":
        return
    posted = date.fromisoformat(opp.data["posted"])
    closing = closing_time(opp.data).astimezone(ZoneInfo(settings.time_zone)).date()
    days, least = business_days(posted, closing), settings.posting_days
    if days < least:
        earliest = add_business_days(posted, least).isoformat()
        message = (
            f"the posting is open {days} business day(s), from {posted.isoformat()} to {closing.isoformat()}: "
            f"give suppliers at least {least}, closing on {earliest} or later"
        )
        yield opp.document.problem(("closing",), message, rule=RULE, severity=SEVERITY, fix=FIX)

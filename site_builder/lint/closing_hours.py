"""Warning: an open posting closes outside business hours in the marketplace's time zone.

Most applications arrive in the last hours: a closing at night or on a weekend leaves suppliers no one to
ask and the buyer no one to answer. Business hours are Monday to Friday, 09:00 to 17:00, in the time zone
of the marketplace settings (`time_zone`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time
from zoneinfo import ZoneInfo

from site_builder.clock import closing_time
from site_builder.model import WARNING, Opportunity, Problem, Settings

RULE = "closing-hours"
SEVERITY = WARNING
OPENS, CLOSES = time(9, 0), time(17, 0)
FIX = "set `closing` to a weekday between 09:00 and 17:00 in the marketplace's time zone, such as 14:00"


def check(opp: Opportunity, settings: Settings) -> Iterator[Problem]:
    if opp.status != "open":
        return
    local = closing_time(opp.data).astimezone(ZoneInfo(settings.time_zone))
    if local.weekday() < 5 and OPENS <= local.time().replace(tzinfo=None) <= CLOSES:
        return
    when = f"{local:%A} {local:%Y-%m-%d} at {local:%H:%M}"
    message = (
        f"closes on {when} in {settings.time_zone}, outside business hours "
        f"(Monday to Friday, {OPENS:%H:%M} to {CLOSES:%H:%M})"
    )
    yield opp.document.problem(("closing",), message, rule=RULE, severity=SEVERITY, fix=FIX)

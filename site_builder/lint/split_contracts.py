"""Error: one piece of work split into several contracts to stay under the threshold.

Awards by the same department to the same supplier for work in the same repository, within the window of
the marketplace settings (`split_window_days`, 30 days by default), are weighed together: when an award
brings their total over the threshold, that award is reported with every related award, unless its
award.yaml records why the contracts are separate (`split_justification`, in both languages, shown on the
opportunity's page). The first award of a run is never the one reported: it was within the rules alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from site_builder.model import ERROR, Opportunity, Problem, Settings

RULE = "contract-split"
SEVERITY = ERROR
JUSTIFICATION = "split_justification"
FIX = f"join the work into one procurement, or record why the contracts are separate in `{JUSTIFICATION}`"


def check(checked: list[Opportunity], peers: list[Opportunity], settings: Settings) -> Iterator[Problem]:
    """Awards are grouped by department, supplier and repository first, so the cost stays linear."""
    groups: dict[tuple[str, str, str], list[Opportunity]] = defaultdict(list)
    for opp in peers:
        if opp.award:
            groups[_key(opp)].append(opp)
    for opp in sorted(checked, key=lambda o: o.id):
        if not opp.award or not opp.award_document or JUSTIFICATION in opp.award:
            continue
        related = sorted((other for other in groups[_key(opp)] if _within(opp, other, settings)), key=_order)
        total = opp.award["amount"] + sum(other.award["amount"] for other in related)  # type: ignore[index]
        if related and total > settings.threshold:
            yield opp.award_document.problem(
                ("amount",), _message(opp, related, total, settings), rule=RULE, severity=SEVERITY, fix=FIX
            )


def _key(opp: Opportunity) -> tuple[str, str, str]:
    """Same department, same supplier (GitHub logins ignore case), same repository."""
    assert opp.award is not None
    return opp.department, opp.award["supplier"]["github"].casefold(), repository(opp)


def _order(opp: Opportunity) -> tuple[str, str]:
    return opp.award["awarded"], opp.id  # type: ignore[index]


def _within(opp: Opportunity, other: Opportunity, settings: Settings) -> bool:
    """`other` was awarded before `opp` (same day: by id), at most `split_window_days` before."""
    if _order(other) >= _order(opp):
        return False
    days = date.fromisoformat(opp.award["awarded"]) - date.fromisoformat(other.award["awarded"])  # type: ignore[index]
    return days.days <= settings.split_window_days


def repository(opp: Opportunity) -> str:
    """The repository of the work, spelled one way: no trailing slash or `.git`, case set aside."""
    return opp.data["repository"].rstrip("/").removesuffix(".git").casefold()


def _message(opp: Opportunity, related: list[Opportunity], total: float, settings: Settings) -> str:
    award = opp.award
    assert award is not None
    listed = "".join(
        f", {other.id} ({_cad(other.award['amount'])} on {other.award['awarded']})"  # type: ignore[index]
        for other in related
    )
    return (
        f"awards by {opp.department} to @{award['supplier']['github']} for {opp.data['repository']} within "
        f"{settings.split_window_days} days total {_cad(total)}, over the threshold of {_cad(settings.threshold)} "
        f"(one piece of work split into several contracts?): this award ({_cad(award['amount'])} on "
        f"{award['awarded']}){listed}"
    )


def _cad(amount: float) -> str:
    return f"{int(amount) if float(amount).is_integer() else amount} CAD"

"""Posting the same work again: a new opportunity for the work of an earlier one (the same issue link) names it.

A cancelled or unsuccessful opportunity can be posted again, but never silently: after a draw the buyer did not
like, a fresh posting would be a fresh draw. The new one says `replaces: <earlier id>`, both pages link to each
other, and the statistics can count relaunches. Work still open, closed or awarded is not posted twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.model import Marketplace, Opportunity, Problem

ENDED_WITHOUT_CONTRACT = ("cancelled", "unsuccessful")


def check_relaunch(new: Opportunity, others: list[Opportunity]) -> list[Problem]:
    """Rules on a new opportunity's `replaces` and `issue`, given the others that mention either."""
    doc, data = new.document, new.data
    others = [other for other in others if other.folder != new.folder]
    problems = []
    replaces = data.get("replaces")
    if replaces:
        earlier = next((other for other in others if other.id == replaces), None)
        if earlier is None:
            problems.append(doc.problem(("replaces",), f"`replaces` names {replaces}, which is not an opportunity"))
        elif earlier.status not in ENDED_WITHOUT_CONTRACT:
            message = (
                f"`replaces` names {replaces}, which is {earlier.status}: "
                "only cancelled or unsuccessful work is posted again"
            )
            problems.append(doc.problem(("replaces",), message))
        elif data.get("issue") != earlier.data.get("issue"):
            message = f"`replaces` names {replaces}, which is for other work (its issue is {earlier.data.get('issue')})"
            problems.append(doc.problem(("replaces",), message))
        twice = [other.id for other in others if other.data.get("replaces") == replaces]
        if twice:
            message = f"{replaces} was already posted again as {', '.join(sorted(twice))}: name the latest instead"
            problems.append(doc.problem(("replaces",), message))
    issue = data.get("issue")
    same = sorted((other for other in others if issue and other.data.get("issue") == issue), key=lambda o: o.id)
    live = [other.id for other in same if other.status not in (*ENDED_WITHOUT_CONTRACT, "completed")]
    if live:
        message = f"the work of {issue} is already posted as {', '.join(live)}: it is not posted twice"
        problems.append(doc.problem(("issue",), message))
    ended = [other.id for other in same if other.status in ENDED_WITHOUT_CONTRACT]
    if ended and not replaces:
        message = f"this work was posted before as {', '.join(ended)}: name the latest with `replaces: {ended[-1]}`"
        problems.append(doc.problem(("issue",), message))
    return problems


@dataclass(frozen=True, slots=True)
class Relaunch:
    """How an opportunity's work was posted again: the earlier opportunity it names in `replaces` (None when it
    names none, or one the marketplace does not hold: the validator refuses that, the exports skip it), and
    the later ones that name it, by id."""

    replaces: Opportunity | None = None
    replaced_by: tuple[Opportunity, ...] = ()


NO_RELAUNCH = Relaunch()


def relaunches(marketplace: Marketplace) -> dict[str, Relaunch]:
    """Each opportunity that posts again the work of another, or whose work was posted again, by id; both ends
    of every `replaces` that names an opportunity of the marketplace (other than itself)."""
    known = marketplace.by_id()
    earlier: dict[str, Opportunity] = {}
    later: dict[str, list[Opportunity]] = {}
    for opp in marketplace.opportunities:
        target = known.get(opp.data.get("replaces") or "")
        if target is None or target.id == opp.id:
            continue
        earlier[opp.id] = target
        later.setdefault(target.id, []).append(opp)
    return {
        ident: Relaunch(earlier.get(ident), tuple(later.get(ident, ())))
        for ident in sorted(earlier.keys() | later.keys())
    }

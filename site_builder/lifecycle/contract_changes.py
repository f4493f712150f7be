"""What a pull request may change in award.yaml: skips rest on evidence the buyer cannot make.

The work goes to the first in the drawn order; passing someone over needs a record of a fixed kind, and each
kind rests on a fact the buyer cannot write:
- `declined`: the supplier's own answer, read from their comment in the Discussion and recorded by automation
  (`answer`), copied as it stands;
- `no-answer`: no answer recorded, and CI's clock past the offer's deadline (`offer_days` business days after
  the award);
- `terminated`: the contract was on main, its cure notice too, posted by automation (its `link`), with a
  deadline at least `cure_days` business days after it, and the termination comes after that deadline.
A first award comes alone (no earlier attempts) and only for an opportunity that automation announced (its
`discussion`), archived (bids.yaml) and closed (a pull request cannot close: `changes`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from site_builder.business_days import add_business_days
from site_builder.lifecycle.moment import Moment
from site_builder.model import Document, Opportunity, Problem

CONTRACT_END = ("cure_notice", "terminated")
BY_AUTOMATION = "is recorded by automation (`devex sync`) from GitHub, never written in a pull request"


def check_award_change(old: Opportunity, new: Opportunity, moment: Moment) -> list[Problem]:
    doc = new.award_document
    if doc is None or new.award is None:
        return []  # a deleted award.yaml is refused with the folder's other changes
    if old.award is None:
        return _check_first_award(old, doc)
    before, after = old.award, new.award
    kept, now = before.get("previous") or [], after.get("previous") or []
    if now[: len(kept)] != kept:
        message = "earlier attempts in `previous` stay on record as written: add new ones at the end"
        return [doc.problem(("previous",), message, key=True, rule="change")]
    if before["supplier"]["github"].lower() == after["supplier"]["github"].lower():
        return _check_same_contract(before, doc, moment)
    return _check_next_contract(before, doc, moment, len(kept))


def _check_first_award(old: Opportunity, doc: Document) -> list[Problem]:
    award = doc.data
    problems = []
    missing = [
        what
        for what, there in (
            ("its discussion was never posted by automation", "discussion" in old.data),
            ("its applications were never archived (bids.yaml)", old.bids is not None),
        )
        if not there
    ]
    if missing and old.status == "closed":  # from another status, the transition itself is refused
        message = f"an award is only for an opportunity automation announced, archived and closed: {'; '.join(missing)}"
        problems.append(doc.problem((), message, rule="change"))
    if award.get("previous"):
        message = (
            "a first award has no earlier attempts: each skip starts from a contract already on main "
            "(its decline, missed deadline or termination recorded there first)"
        )
        problems.append(doc.problem(("previous",), message, key=True, rule="change"))
    return problems + _fresh_contract(award, doc)


def _fresh_contract(award: dict[str, Any], doc: Document) -> list[Problem]:
    """A contract a change offers (the first, or the next in order) starts bare: nothing automation records, and
    no cure notice or termination, which come in later changes once it is on main."""
    problems = _automation_fields_absent(award, doc, ())
    for name in CONTRACT_END:
        if name in award:
            message = f"`{name}` of a new contract comes in a later change, once the contract is on main"
            problems.append(doc.problem((name,), message, key=True, rule="change"))
    return problems


def _automation_fields_absent(award: dict[str, Any], doc: Document, at: tuple) -> list[Problem]:
    problems = []
    if "answer" in award:
        problems.append(doc.problem((*at, "answer"), f"`answer` {BY_AUTOMATION}", key=True, rule="change"))
    if "link" in (award.get("cure_notice") or {}):
        where = (*at, "cure_notice", "link")
        problems.append(doc.problem(where, f"`cure_notice.link` {BY_AUTOMATION}", key=True, rule="change"))
    return problems


def _check_same_contract(before: dict[str, Any], doc: Document, moment: Moment) -> list[Problem]:
    """The same supplier's contract: what automation recorded stays, a cure notice and a termination are added
    once each, at CI's clock, and never change after."""
    after = doc.data
    problems = []
    for name in ("answer",):
        if after.get(name) != before.get(name):
            problems.append(doc.problem((name,), f"`{name}` {BY_AUTOMATION}", key=name in after, rule="change"))
    for name in ("awarded", "amount"):
        if after.get(name) != before.get(name):
            message = f"`{name}` of a contract on main never changes (it was {before.get(name)})"
            problems.append(doc.problem((name,), message, rule="change"))
    old_notice, new_notice = before.get("cure_notice"), after.get("cure_notice")
    if old_notice is None and new_notice is not None:
        problems += _check_new_notice(new_notice, doc, moment)
    elif old_notice is not None and new_notice != old_notice:
        message = "`cure_notice` stays on record as posted: it cannot be edited or removed"
        problems.append(doc.problem(("cure_notice",), message, key=True, rule="change"))
    if "terminated" in before and after.get("terminated") != before["terminated"]:
        message = "`terminated` of this contract stays on record: it cannot be edited or removed"
        problems.append(doc.problem(("terminated",), message, key=True, rule="change"))
    if "terminated" in after and "terminated" not in before:
        problems += _check_termination(before, after["terminated"], doc, moment)
    return problems


def _check_new_notice(notice: dict[str, Any], doc: Document, moment: Moment) -> list[Problem]:
    problems = _automation_fields_absent({"cure_notice": notice}, doc, ())
    if not moment.is_today(notice["date"]):
        message = f"a cure notice is dated the day it is sent ({moment.today}, CI's clock), not {notice['date']}"
        problems.append(doc.problem(("cure_notice", "date"), message, rule="change"))
    days = moment.settings.cure_days
    earliest = add_business_days(date.fromisoformat(notice["date"]), days)
    if date.fromisoformat(notice["deadline"]) < earliest:
        message = f"a cure notice gives at least {days} business days: a `deadline` of {earliest} or later"
        problems.append(doc.problem(("cure_notice", "deadline"), message, rule="change"))
    return problems


def _check_termination(
    before: dict[str, Any], terminated: dict[str, Any], doc: Document, moment: Moment
) -> list[Problem]:
    notice = before.get("cure_notice")
    if notice is None or "link" not in notice:
        message = (
            "a contract is terminated only after a cure notice that automation posted in the Discussion: merge the "
            "cure notice first, wait for its deadline, then terminate"
        )
        return [doc.problem(("terminated",), message, key=True, rule="change")]
    problems = []
    if moment.today <= date.fromisoformat(notice["deadline"]):
        message = f"the cure notice's deadline ({notice['deadline']}) has not passed yet ({moment.today}, CI's clock)"
        problems.append(doc.problem(("terminated",), message, key=True, rule="change"))
    if not moment.is_today(terminated["date"]):
        message = f"a termination is dated the day it is made ({moment.today}, CI's clock), not {terminated['date']}"
        problems.append(doc.problem(("terminated", "date"), message, rule="change"))
    return problems


def _check_next_contract(before: dict[str, Any], doc: Document, moment: Moment, index: int) -> list[Problem]:
    """The work leaves the supplier on main: their contract is moved, whole, to the end of `previous`, for a
    reason the records prove; the next contract starts today, with nothing automation records yet."""
    after = doc.data
    now = after.get("previous") or []
    moved = now[index] if len(now) > index else None
    login = before["supplier"]["github"]
    if moved is None or moved["supplier"]["github"].lower() != login.lower() or len(now) != index + 1:
        message = (
            f"the work leaves {login}: first record their attempt, alone, at the end of `previous` "
            "(declined with the answer automation recorded, no-answer after the offer's deadline, or terminated "
            "with its cure notice and termination as written)"
        )
        return [doc.problem(("supplier", "github"), message, rule="change")]
    at = ("previous", index)
    problems = []
    if moved["offered"] != before["awarded"] or moved["supplier"] != before["supplier"]:
        message = f"the attempt keeps the contract as it was on main: offered {before['awarded']}, the same supplier"
        problems.append(doc.problem((*at, "offered"), message, rule="change"))
    problems += _check_outcome(before, moved, doc, moment, at)
    if not moment.is_today(after["awarded"]):
        message = f"the next contract is dated the day it is offered ({moment.today}), not {after['awarded']}"
        problems.append(doc.problem(("awarded",), message, rule="change"))
    return problems + _fresh_contract(after, doc)


def _check_outcome(
    before: dict[str, Any], moved: dict[str, Any], doc: Document, moment: Moment, at: tuple
) -> list[Problem]:
    outcome, answer = moved["outcome"], before.get("answer")
    if outcome == "declined":
        if not answer or answer["kind"] != "declined":
            message = (
                f"{before['supplier']['github']} has not declined: a decline is their own comment in the Discussion, "
                "recorded by automation as `answer` on main"
            )
            return [doc.problem((*at, "outcome"), message, rule="change")]
        if (moved["declined"], moved["link"]) != (answer["date"], answer["link"]):
            message = f"copy the recorded answer as it stands: declined {answer['date']}, link {answer['link']}"
            return [doc.problem((*at, "declined"), message, rule="change")]
        return []
    if outcome == "no-answer":
        deadline = add_business_days(date.fromisoformat(before["awarded"]), moment.settings.offer_days)
        if answer:
            message = f"{before['supplier']['github']} answered ({answer['kind']} on {answer['date']}): not a no-answer"
            return [doc.problem((*at, "outcome"), message, rule="change")]
        problems = []
        if moved["answer_by"] != deadline.isoformat():
            days = moment.settings.offer_days
            message = f"`answer_by` is the offer's deadline, {days} business days after the award: {deadline}"
            problems.append(doc.problem((*at, "answer_by"), message, rule="change"))
        if moment.today <= deadline:
            message = f"the offer's deadline ({deadline}) has not passed yet ({moment.today}, CI's clock)"
            problems.append(doc.problem((*at, "outcome"), message, rule="change"))
        return problems
    problems = []
    for name in ("amount", *CONTRACT_END):
        if moved.get(name) != before.get(name):
            message = f"a terminated attempt keeps `{name}` as it was on main: terminate the contract there first"
            problems.append(doc.problem((*at, name) if name in moved else at, message, rule="change"))
    return problems

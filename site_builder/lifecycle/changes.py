"""What a pull request may change in one opportunity folder, given the folder at the base commit."""

from __future__ import annotations

from site_builder.lifecycle.states import TRANSITIONS, can_transition
from site_builder.model import Opportunity, Problem
from site_builder.selection.records import FIELDS as SELECTION_FIELDS

FROZEN_AFTER_POSTING = ("value", "closing", "acceptance_criteria", "evaluation_criteria")


def check_change(old: Opportunity | None, new: Opportunity | None, old_file: str) -> list[Problem]:
    """What a pull request may change in one opportunity folder, given the folder at the base commit."""
    if old is None:
        return _check_new(new) if new else []
    if new is None:
        return [
            Problem(
                old_file,
                1,
                1,
                f"deletes the published opportunity {old.id}: set its status to `cancelled` instead",
                rule="change",
            )
        ]
    doc = new.document
    problems = []
    if not can_transition(old.status, new.status):
        allowed = ", ".join(sorted(TRANSITIONS[old.status])) or "none: it is final"
        problems.append(
            doc.problem(
                ("status",),
                f"status cannot go from `{old.status}` to `{new.status}` (allowed next: {allowed})",
                rule="change",
            )
        )
    problems += _check_addenda_change(old, new)
    problems += _check_automation_files(old, new)
    problems += _check_attempts_change(old, new)
    if old.award and old.award.get("paid") and (old.data != new.data or old.award != new.award):
        changed = doc if old.data != new.data else new.award_document or doc
        problems.append(changed.problem((), "nothing may change after payment: the record is final", rule="change"))
    return problems


def _check_new(new: Opportunity) -> list[Problem]:
    doc = new.document
    problems = []
    if new.status != "open":
        problems.append(doc.problem(("status",), "a new opportunity is posted with status `open`", rule="change"))
    for name in ("discussion",):
        if name in new.data:
            problems.append(doc.problem((name,), f"`{name}` is set by automation: leave it out", rule="change"))
    if new.bids_document:
        problems.append(new.bids_document.problem((), "bids.yaml is written by automation: remove it", rule="change"))
    return problems


def _check_addenda_change(old: Opportunity, new: Opportunity) -> list[Problem]:
    doc = new.document
    old_addenda, new_addenda = old.data.get("addenda", []), new.data.get("addenda", [])
    if new_addenda[: len(old_addenda)] != old_addenda:
        return [
            doc.problem(
                ("addenda",), "published addenda cannot be edited or removed: add a new one at the end", rule="change"
            )
        ]
    added = len(new_addenda) > len(old_addenda)
    return [
        doc.problem(
            (name,),
            f"`{name}` of a published opportunity changes only with a new dated addendum that explains the change",
            rule="change",
        )
        for name in FROZEN_AFTER_POSTING
        if old.data[name] != new.data[name] and not added
    ]


def _check_selection_change(old: Opportunity, new: Opportunity) -> list[Problem]:
    """evaluation.yaml is frozen once committed; selection.yaml only grows by automation's fields, in order, and
    is never added by a pull request: automation records the commitment when evaluation.yaml is on main, at
    its own clock. A commitment written by hand could be backdated before a beacon round already published,
    after trying evaluations until the draw picks the one wanted; the chain checks alone cannot tell."""
    before = old.selection_document.data if old.selection_document else None
    after = new.selection_document
    problems = []
    if before is None and after is not None:
        message = (
            "selection.yaml is recorded by automation (`devex sync`) once evaluation.yaml is on main: "
            "a pull request cannot add it; remove it from this change"
        )
        problems.append(after.problem((), message, rule="change"))
    if before is not None:
        evaluation = new.evaluation_document or new.document
        if (old.evaluation_document and old.evaluation_document.data) != (
            after and new.evaluation_document and new.evaluation_document.data
        ):
            message = "evaluation.yaml is frozen once its commitment is recorded in selection.yaml: it cannot change"
            problems.append(evaluation.problem((), message, rule="change"))
        if after is None:
            problems.append(new.document.problem((), "selection.yaml cannot be deleted", rule="change"))
        elif not _appended(before, after.data):
            message = "selection.yaml is written by automation only: its fields are never edited, only completed"
            problems.append(after.problem((), message, rule="change"))
    return problems


def _appended(before: dict, after: dict) -> bool:
    """`after` keeps every field of `before` and adds only fields that come later in selection.yaml's order."""
    if any(after.get(key) != value for key, value in before.items()):
        return False
    last = max((SELECTION_FIELDS.index(key) for key in before if key in SELECTION_FIELDS), default=-1)
    return all(key in SELECTION_FIELDS and SELECTION_FIELDS.index(key) > last for key in set(after) - set(before))


CONTRACT_END = ("cure_notice", "terminated")


def _check_attempts_change(old: Opportunity, new: Opportunity) -> list[Problem]:
    """Every contract attempt stays on record: earlier attempts are never edited or removed, a cure notice or a
    termination never disappears, and the work goes to someone else only once the contract it leaves is moved,
    whole, to the end of `previous`."""
    if not old.award or not new.award or not new.award_document:
        return []
    doc, before, after = new.award_document, old.award, new.award
    kept, now = before.get("previous") or [], after.get("previous") or []
    if now[: len(kept)] != kept:
        message = "earlier attempts in `previous` stay on record as written: add new ones at the end"
        return [doc.problem(("previous",), message, key=True, rule="change")]
    old_supplier = before["supplier"]["github"]
    if old_supplier.lower() == after["supplier"]["github"].lower():
        return [
            doc.problem(
                (name,),
                f"`{name}` of this contract stays on record: it cannot be edited or removed",
                key=True,
                rule="change",
            )
            for name in CONTRACT_END
            if name in before and after.get(name) != before[name]
        ]
    moved = now[len(kept)] if len(now) > len(kept) else {"supplier": {"github": ""}}
    same = moved["supplier"]["github"].lower() == old_supplier.lower()
    whole = same and all(moved.get(name) == before[name] for name in CONTRACT_END if name in before)
    if whole:
        return []
    message = (
        f"the work leaves {old_supplier}: first record their attempt at the end of `previous` "
        "(declined with the link to their comment, or terminated with its cure notice and termination as written)"
    )
    return [doc.problem(("supplier", "github"), message, rule="change")]


def _check_automation_files(old: Opportunity, new: Opportunity) -> list[Problem]:
    problems = []
    if old.bids != new.bids:
        target = new.bids_document or new.document
        problems.append(
            target.problem((), "bids.yaml is written by automation and never edited by hand", rule="change")
        )
    if old.award_document and not new.award_document:
        problems.append(
            new.document.problem(("status",), "award.yaml of a published award cannot be deleted", rule="change")
        )
    problems += _check_selection_change(old, new)
    if old.data.get("discussion") and old.data.get("discussion") != new.data.get("discussion"):
        problems.append(
            new.document.problem(("discussion",), "`discussion` is set by automation: restore it", rule="change")
        )
    return problems

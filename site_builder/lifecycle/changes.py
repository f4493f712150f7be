"""What a pull request may change in one opportunity folder, given the folder at the base commit and CI's clock.

A department reviews its own pull requests, so these rules, not the reviewer, keep selection fair
(docs/dev/rules.md lists each guarantee with its rule and test):
- published terms only grow in the supplier's favour: `closing` only moves later and only while the opportunity
  is open, with a dated addendum; after closing the terms are frozen (addenda are notes only);
- status follows the clock and the records: only automation closes, `unsuccessful` needs a committed
  evaluation that qualifies nobody (or no application at all);
- what automation writes (`discussion`, bids.yaml, selection.yaml, the closed status, the supplier's answer, the
  link of a posted cure notice) never comes from a pull request;
- a new opportunity is open, closes at least `posting_days` business days after CI's today, and is never legacy.
The award's own changes (skips, cure notices, terminations) are `lifecycle.contract_changes`'.
"""

from __future__ import annotations

from datetime import date, timedelta

from site_builder.archive.applications import on_time_applicants
from site_builder.business_days import add_business_days
from site_builder.clock import closing_time
from site_builder.lifecycle.contract_changes import check_award_change
from site_builder.lifecycle.moment import Moment
from site_builder.lifecycle.states import TRANSITIONS, can_transition
from site_builder.locale import local_day
from site_builder.model import Opportunity, Problem
from site_builder.selection.evaluation import qualified
from site_builder.selection.method import is_public, public_draw_since
from site_builder.selection.records import FIELDS as SELECTION_FIELDS

# The published terms: what suppliers applied to. Frozen once the opportunity closed; before, each changes only
# with a new dated addendum that explains it.
TERMS = (
    "title",
    "teaser",
    "description",
    "skills",
    "value",
    "repository",
    "issue",
    "licence",
    "remote",
    "classification",
    "closing",
    "start",
    "delivery",
    "acceptance_criteria",
    "evaluation_criteria",
)
NEVER_CHANGE = ("id", "department", "posted", "replaces")
# How old `posted` may be in a new opportunity's pull request: the day it was drafted, while it waits for review.
POSTED_AGE = timedelta(days=7)
# Transitions a pull request may make: every one but closing, which automation makes at the closing time.
BY_AUTOMATION_ONLY = {("open", "closed")}


def check_change(old: Opportunity | None, new: Opportunity | None, old_file: str, moment: Moment) -> list[Problem]:
    """What a pull request may change in one opportunity folder, given the folder at the base commit."""
    if old is None:
        return _check_new(new, moment) if new else []
    if new is None:
        message = f"deletes the published opportunity {old.id}: set its status to `cancelled` instead"
        return [Problem(old_file, 1, 1, message, rule="change")]
    problems = _check_status(old, new, moment)
    problems += _check_fixed(old, new)
    problems += _check_addenda_change(old, new, moment)
    problems += _check_terms(old, new, moment)
    problems += _check_automation_files(old, new)
    problems += check_award_change(old, new, moment)
    if old.award and old.award.get("paid") and (old.data != new.data or old.award != new.award):
        changed = new.document if old.data != new.data else new.award_document or new.document
        problems.append(changed.problem((), "nothing may change after payment: the record is final", rule="change"))
    return problems


def _check_new(new: Opportunity, moment: Moment) -> list[Problem]:
    doc, data = new.document, new.data
    problems = []
    if new.status != "open":
        problems.append(doc.problem(("status",), "a new opportunity is posted with status `open`", rule="change"))
    if "discussion" in data:
        problems.append(doc.problem(("discussion",), "`discussion` is set by automation: leave it out", rule="change"))
    for later in (new.bids_document, new.award_document, new.evaluation_document, new.selection_document):
        if later is not None:
            name = later.file.rsplit("/", 1)[-1]
            message = f"{name} comes after the opportunity is posted and closed: remove it from this change"
            problems.append(later.problem((), message, rule="change"))
    posted, today = date.fromisoformat(data["posted"]), moment.today
    if not today - POSTED_AGE <= posted <= today:
        message = f"`posted` is {data['posted']}: a new opportunity is posted today ({today}, CI's clock)"
        problems.append(doc.problem(("posted",), message, rule="change", fix=f"set `posted: '{today}'`"))
    closes = local_day(closing_time(data), moment.settings.time_zone)
    earliest = add_business_days(today, moment.settings.posting_days)
    if closes < earliest:
        message = (
            f"`closing` ({closes}) leaves suppliers fewer than {moment.settings.posting_days} business days from "
            f"today ({today}, CI's clock): close on {earliest} or later"
        )
        problems.append(doc.problem(("closing",), message, rule="change"))
    since = public_draw_since(moment.settings)
    if since is not None and closes < since:
        message = f"a new opportunity closes on or after `public_draw_since` ({since}): no new award is legacy"
        problems.append(doc.problem(("closing",), message, rule="change"))
    return problems


def _check_status(old: Opportunity, new: Opportunity, moment: Moment) -> list[Problem]:
    doc = new.document
    if (old.status, new.status) in BY_AUTOMATION_ONLY:
        message = (
            "only automation closes an opportunity, at its closing time (`devex sync`): leave `status: open`; "
            "to stop it early, cancel it (`status: cancelled` with a `cancellation` reason)"
        )
        return [doc.problem(("status",), message, rule="change")]
    if not can_transition(old.status, new.status):
        allowed = ", ".join(sorted(TRANSITIONS[old.status])) or "none: it is final"
        message = f"status cannot go from `{old.status}` to `{new.status}` (allowed next: {allowed})"
        return [doc.problem(("status",), message, rule="change")]
    problems = []
    if new.status == "cancelled" and old.status != "cancelled" and "cancellation" in new.data:
        day = new.data["cancellation"]["date"]
        if not moment.is_today(day):
            message = f"`cancellation.date` is {day}: a cancellation is dated the day it is made ({moment.today})"
            problems.append(doc.problem(("cancellation", "date"), message, rule="change"))
    if new.status == "unsuccessful" and old.status != "unsuccessful":
        problems += _check_unsuccessful(new, moment)
    return problems


def _check_unsuccessful(new: Opportunity, moment: Moment) -> list[Problem]:
    """`unsuccessful` is a fact of the records: nobody applied on time, or the committed evaluation qualifies
    nobody. Legacy opportunities (no evaluation under their method) keep the buyer's word."""
    if new.bids is None or not on_time_applicants(new.bids) or not is_public(new, moment.settings):
        return []
    committed = new.selection_document is not None and new.evaluation_document is not None
    if not committed:
        message = (
            "`unsuccessful` needs the evaluation committed first (evaluation.yaml on main, then selection.yaml "
            "recorded by automation) showing that nobody qualified"
        )
        return [new.document.problem(("status",), message, rule="change")]
    assert new.evaluation_document is not None
    passed = qualified(new.evaluation_document.data)
    if passed:
        message = (
            f"`unsuccessful` is only for an evaluation that qualifies nobody: it qualifies {', '.join(passed)}, "
            "so the work goes to the first in the drawn order (or cancel it, with a reason)"
        )
        return [new.document.problem(("status",), message, rule="change")]
    return []


def _check_fixed(old: Opportunity, new: Opportunity) -> list[Problem]:
    doc = new.document
    problems = [
        doc.problem((name,), f"`{name}` never changes once posted (it was {old.data.get(name)!r})", rule="change")
        for name in NEVER_CHANGE
        if old.data.get(name) != new.data.get(name)
    ]
    before, after = old.data.get("discussion"), new.data.get("discussion")
    if before != after:
        message = "`discussion` is set by automation: " + ("restore it" if before else "leave it out")
        problems.append(doc.problem(("discussion",), message, rule="change"))
    return problems


def _check_addenda_change(old: Opportunity, new: Opportunity, moment: Moment) -> list[Problem]:
    doc = new.document
    old_addenda, new_addenda = old.data.get("addenda", []), new.data.get("addenda", [])
    if new_addenda[: len(old_addenda)] != old_addenda:
        message = "published addenda cannot be edited or removed: add a new one at the end"
        return [doc.problem(("addenda",), message, rule="change")]
    return [
        doc.problem(
            ("addenda", index, "date"),
            f"a new addendum is dated the day it is published ({moment.today}, CI's clock), not {addendum['date']}",
            rule="change",
        )
        for index, addendum in enumerate(new_addenda[len(old_addenda) :], start=len(old_addenda))
        if not moment.is_today(addendum["date"])
    ]


def _check_terms(old: Opportunity, new: Opportunity, moment: Moment) -> list[Problem]:
    """Before closing (at CI's clock), a term changes with a new addendum and only in the supplier's favour;
    after, never: the applications answered the terms as published."""
    doc = new.document
    changed = [name for name in TERMS if old.data.get(name) != new.data.get(name)]
    if not changed:
        return []
    closed = old.status != "open" or moment.now >= closing_time(old.data)
    if closed:
        when = closing_time(old.data).isoformat()
        return [
            doc.problem(
                (name,) if name in new.data else (),
                f"`{name}` is frozen: the opportunity closed at {when} and suppliers applied to the terms as "
                "published (an addendum after closing is a note only)",
                rule="change",
            )
            for name in changed
        ]
    problems = []
    if len(new.data.get("addenda", [])) == len(old.data.get("addenda", [])):
        problems += [
            doc.problem(
                (name,) if name in new.data else (),
                f"`{name}` of a published opportunity changes only with a new dated addendum that explains the change",
                rule="change",
            )
            for name in changed
        ]
    if "closing" in changed and closing_time(new.data) < closing_time(old.data):
        message = f"`closing` only moves later once posted (it was {old.data['closing']}): suppliers plan on it"
        problems.append(doc.problem(("closing",), message, rule="change"))
    if "value" in changed and new.data["value"] < old.data["value"]:
        message = f"`value` only goes up once posted (it was {old.data['value']}): suppliers applied at that price"
        problems.append(doc.problem(("value",), message, rule="change"))
    return problems


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
    return problems + _check_selection_change(old, new)


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

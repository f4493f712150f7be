"""The one home of every rule JSON Schema cannot say: statuses, transitions, deadlines, cross-file rules.

The CLI, CI (`devex validate --base`), the site and the GitHub automation all ask this module; the
clock is always passed in, never read here, so every rule is testable and every build reproducible.

Lifecycle:  open -> closed -> awarded -> completed
            open -> cancelled; closed -> unsuccessful | cancelled; awarded -> cancelled (after termination)
"""

from __future__ import annotations

from datetime import date, datetime

from site_builder.draw import draw_order
from site_builder.locale import local_day, start_of_day
from site_builder.model import Document, Opportunity, Problem, Settings
from site_builder.selection.order import attempt_skips, out_of_order

STATUSES = ("open", "closed", "awarded", "completed", "cancelled", "unsuccessful")
TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"closed", "cancelled"}),
    "closed": frozenset({"awarded", "unsuccessful", "cancelled"}),
    "awarded": frozenset({"completed", "cancelled"}),
    "completed": frozenset(),
    "cancelled": frozenset(),
    "unsuccessful": frozenset(),
}
WITH_AWARD = frozenset({"awarded", "completed"})
FROZEN_AFTER_POSTING = ("value", "closing", "acceptance_criteria", "evaluation_criteria")


def can_transition(old: str, new: str) -> bool:
    """True when `old` may become `new` (staying put is always allowed)."""
    return old == new or new in TRANSITIONS.get(old, frozenset())


def closing_time(data: dict) -> datetime:
    """The exact closing instant, aware of its offset."""
    return datetime.fromisoformat(data["closing"])


def effective_status(data: dict, now: datetime) -> str:
    """The status to show at `now`: an open opportunity past its closing time is closed, even before
    automation has written so."""
    if data["status"] == "open" and now >= closing_time(data):
        return "closed"
    return data["status"]


def is_past_closing(data: dict, now: datetime) -> bool:
    return now >= closing_time(data)


# ---------------------------------------------------------------- rules on one folder, at one commit


def check_opportunity(opp: Opportunity, settings: Settings) -> list[Problem]:
    """Cross-field and cross-file rules of one opportunity folder (the schema has already passed)."""
    unreadable = _unreadable_times(opp)
    if unreadable:
        return unreadable  # every rule below compares times
    problems = _check_identity(opp, settings) + _check_dates(opp.document, settings)
    problems += _check_lists(opp.document) + _check_status_files(opp)
    if opp.bids_document:
        problems += _check_bids(opp)
    if opp.award_document:
        problems += _check_award(opp, settings)
    return problems


def _unreadable_times(opp: Opportunity) -> list[Problem]:
    """Times the schema's RFC 3339 format accepts but that do not exist on a clock (a leap second, 23:59:60)."""
    problems = []
    for doc in (opp.document, opp.bids_document):
        if doc is None:
            continue
        try:
            closing_time(doc.data)
        except ValueError:
            problems.append(
                doc.problem(("closing",), "`closing` is not a time that exists (seconds run from 00 to 59): correct it")
            )
    return problems


def _check_identity(opp: Opportunity, settings: Settings) -> list[Problem]:
    doc, data = opp.document, opp.data
    department_folder, id_folder = opp.folder.split("/")[-2:]
    problems = []
    if data["id"] != id_folder:
        problems.append(doc.problem(("id",), f"`id` is {data['id']} but the folder is {id_folder}: make them the same"))
    if data["department"] != department_folder:
        problems.append(
            doc.problem(
                ("department",),
                f"`department` is {data['department']} but the file is in the "
                f"{department_folder} folder: move the folder or correct the code",
            )
        )
    if data["department"] not in settings.departments:
        known = ", ".join(sorted(settings.departments))
        problems.append(
            doc.problem(
                ("department",),
                f"`department` {data['department']} is not registered in "
                f"opportunities/marketplace.yaml (registered: {known})",
            )
        )
    if not data["id"].startswith(data["department"] + "-"):
        problems.append(
            doc.problem(("id",), f"`id` must start with the department code: {data['department']}-YYYY-NNN")
        )
    if data["value"] > settings.threshold:
        problems.append(
            doc.problem(
                ("value",),
                f"`value` {data['value']} is over the marketplace threshold of "
                f"{settings.threshold} CAD: split the work or use another procurement route",
            )
        )
    for index, skill in enumerate(data["skills"]):
        if skill not in settings.skills:
            problems.append(
                doc.problem(
                    ("skills", index),
                    f"skill `{skill}` is not in the marketplace's list of "
                    "skills: use a listed code or add it to opportunities/marketplace.yaml",
                )
            )
    return problems


def _check_dates(doc: Document, settings: Settings) -> list[Problem]:
    data, zone = doc.data, settings.time_zone
    posted, closing = start_of_day(data["posted"], zone), closing_time(data)
    start, delivery = start_of_day(data["start"], zone), start_of_day(data["delivery"], zone)
    problems = []
    if not posted < closing:
        problems.append(doc.problem(("closing",), "`closing` must be after the `posted` date"))
    if not closing < start:
        problems.append(doc.problem(("start",), "`start` must be a day after `closing`: work starts once bids are in"))
    if not start <= delivery:
        problems.append(doc.problem(("delivery",), "`delivery` must be on or after `start`"))
    previous = data["posted"]
    for index, addendum in enumerate(data.get("addenda", [])):
        if addendum["date"] < previous:
            problems.append(
                doc.problem(
                    ("addenda", index, "date"),
                    "addenda must be dated on or after `posted`, oldest first: add new ones at the end",
                )
            )
        previous = max(previous, addendum["date"])
    return problems


def _check_lists(doc: Document) -> list[Problem]:
    problems = []
    for name in ("acceptance_criteria", "evaluation_criteria"):
        english, french = doc.data[name]["en"], doc.data[name]["fr"]
        if len(english) != len(french):
            problems.append(
                doc.problem(
                    (name, "fr"),
                    f"`{name}` has {len(english)} items in English and {len(french)} in French: translate every item",
                )
            )
    return problems


def _check_status_files(opp: Opportunity) -> list[Problem]:
    doc, status = opp.document, opp.status
    problems = []
    terminated = bool(opp.award and opp.award.get("terminated"))
    if status in WITH_AWARD and not opp.award_document:
        problems.append(doc.problem(("status",), f"status `{status}` needs an award.yaml beside this file"))
    if opp.award_document and status not in WITH_AWARD and not (status == "cancelled" and terminated):
        problems.append(
            doc.problem(
                ("status",),
                f"award.yaml exists but the status is `{status}`: an award is "
                "only for an awarded or completed opportunity (or a cancelled one after termination)",
            )
        )
    if status == "completed" and opp.award and not opp.award.get("accepted"):
        problems.append(doc.problem(("status",), "status `completed` needs the `accepted` date in award.yaml"))
    if status == "open" and opp.bids_document:
        problems.append(
            doc.problem(("status",), "bids.yaml exists but the status is `open`: bids are archived on closing")
        )
    return problems


def _check_bids(opp: Opportunity) -> list[Problem]:
    doc, bids = opp.bids_document, opp.bids
    assert doc is not None and bids is not None
    problems = []
    if bids["opportunity"] != opp.id:
        problems.append(doc.problem(("opportunity",), f"`opportunity` must be {opp.id}, the folder's opportunity"))
    if closing_time(bids) != closing_time(opp.data):
        problems.append(doc.problem(("closing",), "`closing` differs from the opportunity's closing time"))
    return problems  # the texts, their sha256 and `digest` are checked with the files: site_builder.archive


def _check_award(opp: Opportunity, settings: Settings) -> list[Problem]:
    doc, award = opp.award_document, opp.award
    assert doc is not None and award is not None
    problems = []
    if award["opportunity"] != opp.id:
        problems.append(doc.problem(("opportunity",), f"`opportunity` must be {opp.id}, the folder's opportunity"))
    if award["amount"] > opp.data["value"]:
        problems.append(
            doc.problem(
                ("amount",), f"`amount` {award['amount']} is more than the opportunity's value of {opp.data['value']}"
            )
        )
    closed_on = local_day(closing_time(opp.data), settings.time_zone)
    if date.fromisoformat(award["awarded"]) < closed_on:
        problems.append(doc.problem(("awarded",), "`awarded` is before the opportunity closed"))
    return problems + _check_selection(opp, doc) + _check_progress(doc) + _check_attempts(opp, doc, closed_on)


def _check_selection(opp: Opportunity, doc: Document) -> list[Problem]:
    award, selection = doc.data, doc.data["selection"]
    winner, qualified = award["supplier"]["github"], selection["qualified"]
    problems = []
    if opp.bids:
        on_time = {bid["author"].lower() for bid in opp.bids["bids"] if not bid["late"]}
        everyone = {bid["author"].lower() for bid in opp.bids["bids"]}
        if winner.lower() not in everyone:
            problems.append(
                doc.problem(
                    ("supplier", "github"),
                    f"{winner} did not apply: the supplier must be one of the applicants in bids.yaml",
                )
            )
        for index, login in enumerate(qualified):
            if login.lower() not in on_time:
                problems.append(
                    doc.problem(
                        ("selection", "qualified", index),
                        f"{login} has no on-time bid in bids.yaml: only applicants who bid before closing can qualify",
                    )
                )
    if winner.lower() not in {login.lower() for login in qualified}:
        problems.append(doc.problem(("supplier", "github"), f"{winner} is not in `selection.qualified`"))
    if selection["method"] == "sole-qualified" and len(qualified) != 1:
        problems.append(
            doc.problem(
                ("selection", "method"),
                "`sole-qualified` needs exactly one qualified applicant: with several, use `random-draw`",
            )
        )
    if selection["method"] == "random-draw" and opp.selection_document is None:
        problems += _check_draw(opp, doc)  # a public draw is verified link by link: selection.verify
    return problems


def _check_draw(opp: Opportunity, doc: Document) -> list[Problem]:
    selection = doc.data["selection"]
    if "seed" not in selection or "order" not in selection:
        return [doc.problem(("selection",), "a `random-draw` needs the `seed` and `order` printed by `devex draw`")]
    problems = []
    if opp.bids and selection["seed"] != opp.bids["digest"]:
        problems.append(
            doc.problem(("selection", "seed"), "`seed` must be the `digest` of bids.yaml, the public seed of the draw")
        )
    expected = draw_order(selection["seed"], selection["qualified"])
    if selection["order"] != expected:
        problems.append(
            doc.problem(
                ("selection", "order"), f"`order` does not follow from the seed: the draw gives {', '.join(expected)}"
            )
        )
    skips, winner = attempt_skips(doc.data.get("previous", [])), doc.data["supplier"]["github"]
    for index, message in out_of_order(selection["order"], skips, winner):
        if index is None and winner.lower() not in {login.lower() for login in selection["order"]}:
            continue  # reported above: not qualified
        where = ("supplier", "github") if index is None else ("previous", index, "supplier", "github")
        problems.append(doc.problem(where, message))
    return problems


def _check_progress(doc: Document) -> list[Problem]:
    award = doc.data
    problems = []
    steps = (("delivered", "awarded"), ("accepted", "delivered"), ("paid", "accepted"))
    for later, earlier in steps:
        if later not in award:
            continue
        if earlier not in award:
            problems.append(doc.problem((later,), f"`{later}` needs `{earlier}` first"))
        elif award[later] < award[earlier]:
            problems.append(doc.problem((later,), f"`{later}` must be on or after `{earlier}`"))
    if "delivered" in award and "work" not in award:
        problems.append(doc.problem(("delivered",), "`delivered` needs `work`, the link to the pull request"))
    if "terminated" in award:
        for step in ("accepted", "paid"):
            if step in award:
                problems.append(doc.problem((step,), f"a terminated contract cannot be {step}: remove one of them"))
    return problems + _check_cure(doc, (), award["awarded"], "awarded")


def _check_cure(doc: Document, at: tuple, start: str, started: str) -> list[Problem]:
    """A cure notice, then its deadline, then termination, in that order, all on or after `start`."""
    node = doc.data
    for part in at:
        node = node[part]
    problems = []
    notice, terminated = node.get("cure_notice"), node.get("terminated")
    if notice:
        if notice["date"] < start:
            problems.append(doc.problem((*at, "cure_notice", "date"), f"the cure notice is dated before `{started}`"))
        if notice["deadline"] <= notice["date"]:
            message = "the cure notice's `deadline` must be after its `date`: give the supplier time to deliver"
            problems.append(doc.problem((*at, "cure_notice", "deadline"), message))
    if terminated:
        if terminated["date"] < start:
            problems.append(doc.problem((*at, "terminated", "date"), f"`terminated.date` is before `{started}`"))
        if not notice:
            message = "a contract is terminated only after a cure notice: add `cure_notice` with its date and deadline"
            problems.append(doc.problem((*at, "terminated"), message, key=True))
        elif terminated["date"] <= notice["deadline"]:
            message = f"`terminated.date` must be after the cure notice's deadline ({notice['deadline']})"
            problems.append(doc.problem((*at, "terminated", "date"), message))
    return problems


def _check_attempts(opp: Opportunity, doc: Document, closed_on: date) -> list[Problem]:
    """Earlier attempts, oldest first: each starts after the one before it ended, and the current contract
    after the last; a supplier is passed over once; a terminated contract is at most the opportunity's value."""
    previous = doc.data.get("previous", [])
    problems = []
    ended, ended_by = closed_on.isoformat(), "the closing"
    seen: set[str] = set()
    for index, attempt in enumerate(previous):
        at = ("previous", index)
        login = attempt["supplier"]["github"].lower()
        if login in seen:
            problems.append(doc.problem((*at, "supplier", "github"), f"{login} is already passed over above"))
        seen.add(login)
        if attempt["offered"] < ended:
            problems.append(doc.problem((*at, "offered"), f"`offered` is before {ended_by} ({ended})"))
        if attempt.get("amount", 0) > opp.data["value"]:
            message = f"`amount` {attempt['amount']} is more than the opportunity's value of {opp.data['value']}"
            problems.append(doc.problem((*at, "amount"), message))
        if "declined" in attempt and attempt["declined"] < attempt["offered"]:
            problems.append(doc.problem((*at, "declined"), "`declined` is before `offered`"))
        problems += _check_cure(doc, at, attempt["offered"], "offered")
        if attempt["outcome"] == "declined":
            ended, ended_by = attempt["declined"], f"previous attempt {index + 1}'s decline"
        else:
            ended, ended_by = attempt["terminated"]["date"], f"previous attempt {index + 1}'s termination"
    if previous and doc.data["awarded"] < ended:
        problems.append(doc.problem(("awarded",), f"`awarded` is before {ended_by} ({ended})"))
    if doc.data["supplier"]["github"].lower() in seen:
        message = f"{doc.data['supplier']['github']} was passed over in `previous`: the work goes to the next in order"
        problems.append(doc.problem(("supplier", "github"), message))
    return problems


# ---------------------------------------------------------------- rules on a change between two commits


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


def _data(document: Document | None) -> object:
    return document.data if document else None


def _appended(before: dict, after: dict) -> bool:
    """`after` keeps every field of `before` and adds only fields that come later in selection.yaml's order."""
    from site_builder.selection.records import FIELDS as SELECTION_FIELDS  # its order is the records module's

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

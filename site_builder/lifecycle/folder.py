"""Rules on one opportunity folder at one commit, beyond what its JSON Schema says: identity, dates, lists, which
files a status needs, the archive's header. The award's own rules are `lifecycle.award`'s."""

from __future__ import annotations

import difflib

from site_builder.clock import closing_time
from site_builder.lifecycle.amounts import cents_problems
from site_builder.lifecycle.award import check_award
from site_builder.lifecycle.corrections import check_corrections
from site_builder.lifecycle.states import WITH_AWARD
from site_builder.locale import start_of_day
from site_builder.model import Document, Opportunity, Problem, Settings


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
        problems += check_award(opp, settings)
    return problems + check_corrections(opp)


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
    if data["department"] not in settings.departments:
        known = sorted(settings.departments)
        near = difflib.get_close_matches(data["department"].lower(), known, n=1)
        hint = f"did you mean {near[0]}? " if near else ""
        message = (
            f"`department` {data['department']} is not registered in opportunities/marketplace.yaml: "
            f"{hint}registered: {', '.join(known)}"
        )
        problems.append(doc.problem(("department",), message))
    elif data["department"] != department_folder:
        problems.append(
            doc.problem(
                ("department",),
                f"`department` is {data['department']} but the file is in the "
                f"{department_folder} folder: move the folder or correct the code",
            )
        )
    elif not data["id"].startswith(data["department"] + "-"):
        problems.append(
            doc.problem(("id",), f"`id` must start with the department code: {data['department']}-YYYY-NNN")
        )
    if data["value"] > settings.threshold:
        problems.append(
            doc.problem(
                ("value",),
                f"`value` {data['value']} is over the marketplace threshold of "
                f"{settings.threshold} CAD: reduce the scope or use another procurement route",
            )
        )
    problems += cents_problems(doc, [("value",)])
    for index, skill in enumerate(data["skills"]):
        if skill not in settings.skills:
            near = difflib.get_close_matches(skill.lower(), sorted(settings.skills), n=3, cutoff=0.5)
            hint = f"the nearest: {', '.join(near)}" if near else f"listed: {', '.join(sorted(settings.skills))}"
            message = (
                f"skill `{skill}` is not in the marketplace's list of skills ({hint}): use a listed code or add it "
                "to opportunities/marketplace.yaml"
            )
            problems.append(doc.problem(("skills", index), message))
    return problems


def _check_dates(doc: Document, settings: Settings) -> list[Problem]:
    data, zone = doc.data, settings.time_zone
    posted, closing = start_of_day(data["posted"], zone), closing_time(data)
    start, delivery = start_of_day(data["start"], zone), start_of_day(data["delivery"], zone)
    problems = []
    if not posted < closing:
        message = f"`closing` ({data['closing']}) must be after the `posted` date ({data['posted']})"
        problems.append(doc.problem(("closing",), message))
    if not closing < start:
        message = (
            f"`start` ({data['start']}) must be a day after `closing` ({data['closing']}): work starts once bids are in"
        )
        problems.append(doc.problem(("start",), message))
    if not start <= delivery:
        message = f"`delivery` ({data['delivery']}) must be on or after `start` ({data['start']})"
        problems.append(doc.problem(("delivery",), message))
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
    if "cancellation" in opp.data and status != "cancelled":
        message = f"`cancellation` is only for a cancelled opportunity (status `{status}`): remove it"
        problems.append(doc.problem(("cancellation",), message, key=True))
    if "cancellation" in opp.data and opp.data["cancellation"]["date"] < opp.data["posted"]:
        problems.append(doc.problem(("cancellation", "date"), "`cancellation.date` is before `posted`"))
    if opp.data.get("replaces") == opp.id:
        problems.append(doc.problem(("replaces",), "`replaces` names an earlier opportunity, not this one"))
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

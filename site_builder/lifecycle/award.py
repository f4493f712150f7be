"""Rules on an award.yaml: its amount and date, who may win under the legacy draw, the contract's progress
(delivered, accepted, paid), cure notices and terminations, and earlier attempts passed over in order."""

from __future__ import annotations

from datetime import date

from site_builder.clock import closing_time
from site_builder.lifecycle.amounts import cents_problems
from site_builder.locale import local_day
from site_builder.model import Document, Opportunity, Problem, Settings
from site_builder.selection.evaluation import qualified as qualified_in
from site_builder.selection.legacy import draw_order
from site_builder.selection.order import attempt_skips, out_of_order


def check_award(opp: Opportunity, settings: Settings) -> list[Problem]:
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
    amounts = [("amount",)] + [
        ("previous", i, "amount") for i, a in enumerate(award.get("previous", [])) if "amount" in a
    ]
    problems += cents_problems(doc, amounts)
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
    if opp.selection_document is not None and opp.evaluation_document is not None:
        problems += _check_restated(opp, doc)
    return problems


def _check_restated(opp: Opportunity, doc: Document) -> list[Problem]:
    """Under the public method the records are the selection: award.yaml's `selection` block, which the page
    and the announcement used to quote, may only repeat them (method, qualified, seed, order), never retell."""
    assert opp.evaluation_document is not None and opp.selection_document is not None
    selection, record = doc.data["selection"], opp.selection_document.data
    passed = qualified_in(opp.evaluation_document.data)
    method = "sole-qualified" if len(passed) == 1 else "random-draw"
    expected = {"method": method, "qualified": passed, "seed": record.get("seed"), "order": record.get("order")}
    problems = []
    for name, value in expected.items():
        written = selection.get(name)
        if written is None or value is None:
            continue
        same = {v.lower() for v in written} == {v.lower() for v in value} if name == "qualified" else written == value
        if not same:
            message = f"`selection.{name}` must repeat the records (evaluation.yaml, selection.yaml): {value}"
            problems.append(doc.problem(("selection", name), message))
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
    if "answer" in award and award["answer"]["date"] < award["awarded"]:
        problems.append(doc.problem(("answer", "date"), "the supplier's `answer` is dated before `awarded`"))
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
        elif attempt["outcome"] == "no-answer":
            if attempt["answer_by"] <= attempt["offered"]:
                problems.append(doc.problem((*at, "answer_by"), "`answer_by` must be after `offered`"))
            ended, ended_by = attempt["answer_by"], f"previous attempt {index + 1}'s deadline"
        else:
            ended, ended_by = attempt["terminated"]["date"], f"previous attempt {index + 1}'s termination"
    if previous and doc.data["awarded"] < ended:
        problems.append(doc.problem(("awarded",), f"`awarded` is before {ended_by} ({ended})"))
    if doc.data["supplier"]["github"].lower() in seen:
        message = f"{doc.data['supplier']['github']} was passed over in `previous`: the work goes to the next in order"
        problems.append(doc.problem(("supplier", "github"), message))
    return problems

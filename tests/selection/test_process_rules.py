"""Issue 20, the draw's surroundings: each finding as a pull request against a base commit, judged by
`validate --base` at a clock (CI's, in production). The base is the selection market: tbs-2026-001 evaluated,
committed and drawn by the stand-in beacon, its award offered on 2026-10-19 to the first in the order."""

from __future__ import annotations

import subprocess
from datetime import datetime

from selection_market import SelectionMarket

from site_builder.dump import set_fields
from site_builder.validate import validate

THURSDAY = datetime.fromisoformat("2026-10-22T10:00:00-04:00")  # the offer of Monday 10-19 expired on 10-21
COMMENT = "https://github.com/gc-devex/marketplace/discussions/7#discussioncomment-"


def commit_all(root, message: str = "base") -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    if not (root / ".git").exists():
        subprocess.run([*git, "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", message], cwd=root, check=True)


def pull_request(market: SelectionMarket, now: datetime = THURSDAY) -> list[str]:
    """Every error of the working tree judged as a pull request against HEAD at `now`."""
    return [problem.format() for problem in validate(market.root, base="HEAD", now=now)]


def awarded_market(market: SelectionMarket) -> list[str]:
    """The base: the award on main, offered to the first in the drawn order; returns the order."""
    order = market.full_chain()["order"]
    commit_all(market.root, "drawn and awarded by automation")
    return order


def pass_over(market: SelectionMarket, order: list[str], attempt: dict) -> None:
    """The buyer's pull request: the first in the order moved to `previous` for `attempt`'s reason, the work
    offered to the second, today (written over the award on main)."""
    subprocess.run(["git", "checkout", "-q", "HEAD", "--", "."], cwd=market.root, check=True)
    award = market.read("award.yaml")
    first = award["supplier"]
    award["previous"] = [{"supplier": first, "offered": award["awarded"], **attempt}]
    award.pop("answer", None)  # the next contract has no answer yet
    award["supplier"] = {"github": order[1], "name": order[1].title()}
    award["awarded"] = "2026-10-22"
    market.write("award.yaml", award)


def record_answer(market: SelectionMarket, kind: str, day: str = "2026-10-20") -> str:
    """What `devex sync` records, pushed to main: the supplier's own answer in the Discussion."""
    award = market.read("award.yaml")
    award["answer"] = {"kind": kind, "date": day, "link": f"{COMMENT}42"}
    market.write("award.yaml", award)
    commit_all(market.root, "automation: the supplier's answer")
    return award["answer"]["link"]


# --------------------------------------------------------------------------------- finding 1: invented skips


def test_a_decline_the_supplier_never_wrote_is_refused(market) -> None:
    order = awarded_market(market)
    pass_over(market, order, {"outcome": "declined", "declined": "2026-10-20", "link": f"{COMMENT}7"})
    line = market.line_of("award.yaml", "outcome:")
    assert pull_request(market) == [
        f"{market.folder.relative_to(market.root)}/award.yaml:{line}:12: {order[0]} has not declined: a decline is "
        "their own comment in the Discussion, recorded by automation as `answer` on main"
    ]


def test_a_recorded_decline_copied_as_it_stands_passes(market) -> None:
    order = awarded_market(market)
    link = record_answer(market, "declined")
    pass_over(market, order, {"outcome": "declined", "declined": "2026-10-20", "link": f"{COMMENT}7"})
    found = pull_request(market)
    assert len(found) == 1 and f"copy the recorded answer as it stands: declined 2026-10-20, link {link}" in found[0]
    pass_over(market, order, {"outcome": "declined", "declined": "2026-10-20", "link": link})
    assert pull_request(market) == []


def test_an_accepted_offer_cannot_be_passed_over_as_declined_or_unanswered(market) -> None:
    order = awarded_market(market)
    link = record_answer(market, "accepted")
    pass_over(market, order, {"outcome": "declined", "declined": "2026-10-20", "link": link})
    assert any(f"{order[0]} has not declined" in line for line in pull_request(market))
    pass_over(market, order, {"outcome": "no-answer", "answer_by": "2026-10-21"})
    assert any(f"{order[0]} answered (accepted on 2026-10-20): not a no-answer" in m for m in pull_request(market))


def test_no_answer_is_a_skip_only_once_the_offer_s_deadline_has_passed(market) -> None:
    order = awarded_market(market)
    pass_over(market, order, {"outcome": "no-answer", "answer_by": "2026-10-21"})
    assert pull_request(market) == []  # Thursday: two business days after Monday's offer have passed
    wednesday = datetime.fromisoformat("2026-10-21T16:00:00-04:00")
    assert any("the offer's deadline (2026-10-21) has not passed yet" in m for m in pull_request(market, wednesday))
    pass_over(market, order, {"outcome": "no-answer", "answer_by": "2026-10-20"})
    assert any(
        "`answer_by` is the offer's deadline, 2 business days after the award: 2026-10-21" in m
        for m in pull_request(market)
    )


def test_a_termination_invented_in_one_pull_request_is_refused(market) -> None:
    """Offered, cure notice the next day, terminated the day after, all written at once for a contract that was
    never on main: a first award has no earlier attempts."""
    market.evaluate()
    market.commit()
    order = market.draw()["order"]
    commit_all(market.root, "drawn; the award not yet drafted")
    market.award(order[1])
    award = market.read("award.yaml")
    notice = {"date": "2026-10-20", "deadline": "2026-10-21", "text": {"en": "Deliver.", "fr": "Livrez."}}
    award["previous"] = [
        {
            "supplier": {"github": order[0], "name": order[0]},
            "outcome": "terminated",
            "offered": "2026-10-19",
            "amount": 3000,
            "cure_notice": notice,
            "terminated": {"date": "2026-10-22", "reason": {"en": "Gone.", "fr": "Parti."}},
        }
    ]
    market.write("award.yaml", award)
    assert any("a first award has no earlier attempts" in line for line in pull_request(market))


def test_a_termination_needs_a_cure_notice_automation_posted_and_its_deadline_passed(market) -> None:
    awarded_market(market)
    award = market.read("award.yaml")
    notice = {"date": "2026-10-22", "deadline": "2026-10-23", "text": {"en": "Deliver.", "fr": "Livrez."}}
    ended = {"date": "2026-10-22", "reason": {"en": "Not delivered.", "fr": "Non livré."}}
    market.write("award.yaml", {**award, "cure_notice": notice, "terminated": ended})
    found = " | ".join(pull_request(market))
    assert "a cure notice gives at least 5 business days: a `deadline` of 2026-10-29 or later" in found
    assert "a contract is terminated only after a cure notice that automation posted in the Discussion" in found
    market.write("award.yaml", {**award, "cure_notice": {**notice, "deadline": "2026-10-29"}})
    assert pull_request(market) == []
    commit_all(market.root, "the cure notice, merged")
    award = market.read("award.yaml")
    award["cure_notice"]["link"] = f"{COMMENT}77"
    market.write("award.yaml", award)
    commit_all(market.root, "automation: the notice posted")
    friday = datetime.fromisoformat("2026-10-30T10:00:00-04:00")
    market.write("award.yaml", {**award, "terminated": {**ended, "date": "2026-10-29"}})
    found = pull_request(market, datetime.fromisoformat("2026-10-29T10:00:00-04:00"))
    assert any("the cure notice's deadline (2026-10-29) has not passed yet" in line for line in found)
    market.write("award.yaml", {**award, "terminated": {**ended, "date": "2026-10-28"}})  # backdated
    assert any("a termination is dated the day it is made (2026-10-30" in line for line in pull_request(market, friday))
    market.write("award.yaml", {**award, "terminated": {**ended, "date": "2026-10-30"}})
    assert pull_request(market, friday) == []


def test_a_pull_request_cannot_write_what_automation_records(market) -> None:
    awarded_market(market)
    award = market.read("award.yaml")
    market.write("award.yaml", {**award, "answer": {"kind": "declined", "date": "2026-10-20", "link": f"{COMMENT}1"}})
    assert any("`answer` is recorded by automation" in line for line in pull_request(market))


# ------------------------------------------------------------------------- finding 5: one record of the selection


def test_the_award_cannot_retell_the_selection(market) -> None:
    order = market.full_chain()["order"]
    award = market.read("award.yaml")
    award["selection"] = {"method": "sole-qualified", "qualified": [order[0]]}
    market.write("award.yaml", award)
    found = [problem.format() for problem in validate(market.root)]
    assert any(
        "`selection.method` must repeat the records (evaluation.yaml, selection.yaml): random-draw" in m for m in found
    )
    assert any("`selection.qualified` must repeat the records" in m for m in found)


# ------------------------------------------------------------------------------------ finding 6: a draw undone


def test_unsuccessful_after_a_draw_that_qualified_two_is_refused(market) -> None:
    market.evaluate()
    market.commit()
    market.draw()
    commit_all(market.root, "drawn")
    set_fields(market.folder / "opportunity.yaml", {"status": "unsuccessful"})
    found = pull_request(market)
    assert len(found) == 1
    assert (
        "`unsuccessful` is only for an evaluation that qualifies nobody: it qualifies alice-dev, bob-codes" in found[0]
    )


def test_unsuccessful_needs_the_committed_evaluation(market) -> None:
    market.evaluate()  # on main, but automation has not committed to it yet
    commit_all(market.root, "evaluated, not committed")
    set_fields(market.folder / "opportunity.yaml", {"status": "unsuccessful"})
    assert any("`unsuccessful` needs the evaluation committed first" in m for m in pull_request(market))


def test_unsuccessful_when_the_committed_evaluation_qualifies_nobody_passes(market) -> None:
    market.evaluate({"alice-dev": "fail", "bob-codes": "fail"})
    market.commit()
    commit_all(market.root, "committed: nobody qualified")
    set_fields(market.folder / "opportunity.yaml", {"status": "unsuccessful"})
    assert pull_request(market) == []

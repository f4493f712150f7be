"""Issue 20, the terms and the rules: each finding as a pull request against a base commit on a real Git
repository, judged by `validate --base` at a clock. NOW is a Monday while esdc-2026-001 is open (it closes on
Friday 2026-12-04 at 14:00); tbs-2026-001 closed on 2026-10-15 and is awarded."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from site_builder.validate import validate

OPEN = "opportunities/esdc/esdc-2026-001"
AWARDED = "opportunities/tbs/tbs-2026-001"
NOW = datetime.fromisoformat("2026-11-23T10:00:00-05:00")
AFTER_CLOSING = datetime.fromisoformat("2026-12-07T10:00:00-05:00")
SETTINGS = "opportunities/marketplace.yaml"


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {relative}"
    path.write_text(text.replace(old, new), "utf-8")


def add_addendum(root: Path, folder: str, day: str) -> None:
    path = root / folder / "opportunity.yaml"
    text = path.read_text("utf-8")
    entry = f'  - date: "{day}"\n    text:\n      en: We changed it.\n      fr: Nous l\'avons changé.\n'
    path.write_text(text + entry if "addenda:" in text else text + "addenda:\n" + entry, "utf-8")


def pull_request(root: Path, now: datetime = NOW, base: str = "HEAD") -> list[str]:
    return [problem.format() for problem in validate(root, base=base, now=now)]


def new_posting(root: Path, ident: str, closing: str, posted: str = "2026-11-23", issue: str | None = None) -> str:
    """A copy of esdc-2026-001 as a new opportunity with its own dates (start and delivery after closing)."""
    text = (root / OPEN / "opportunity.yaml").read_text("utf-8").replace("esdc-2026-001", ident)
    text = text.replace('posted: "2026-11-20"', f'posted: "{posted}"')
    text = text.replace('closing: "2026-12-04T14:00:00-05:00"', f'closing: "{closing}"')
    day = closing[:10]
    text = text.replace('start: "2026-12-08"', f'start: "{day[:8]}{int(day[8:]) + 1:02d}"')
    text = text.replace('delivery: "2026-12-19"', f'delivery: "{day[:8]}{int(day[8:]) + 2:02d}"')
    text = text.replace("/issues/212", issue or "/issues/999").replace("status: cancelled", "status: open")
    text = text.split("cancellation:")[0]
    folder = f"opportunities/esdc/{ident}"
    (root / folder).mkdir()
    (root / folder / "opportunity.yaml").write_text(text, "utf-8")
    return folder


# --------------------------------------------------------------------------- finding 2: retroactive closing


def test_closing_never_moves_earlier_not_even_with_an_addendum(repo: Path) -> None:
    edit(repo, f"{OPEN}/opportunity.yaml", "2026-12-04T14:00:00-05:00", "2026-11-21T14:00:00-05:00")
    add_addendum(repo, OPEN, "2026-11-23")
    found = pull_request(repo)
    assert any("`closing` only moves later once posted (it was 2026-12-04T14:00:00-05:00)" in m for m in found)


def test_closing_moves_later_with_today_s_addendum_while_open(repo: Path) -> None:
    edit(repo, f"{OPEN}/opportunity.yaml", "2026-12-04T14:00:00-05:00", "2026-12-07T14:00:00-05:00")
    add_addendum(repo, OPEN, "2026-11-23")
    assert pull_request(repo) == []


def test_an_addendum_is_dated_by_ci_s_clock_not_backdated(repo: Path) -> None:
    edit(repo, f"{OPEN}/opportunity.yaml", "2026-12-04T14:00:00-05:00", "2026-12-07T14:00:00-05:00")
    add_addendum(repo, OPEN, "2026-11-20")
    assert any(
        "a new addendum is dated the day it is published (2026-11-23, CI's clock)" in m for m in pull_request(repo)
    )


def test_closing_is_frozen_once_passed_at_ci_s_clock(repo: Path) -> None:
    """After 14:00 on Friday the opportunity has closed, even before automation writes `closed`."""
    edit(repo, f"{OPEN}/opportunity.yaml", "2026-12-04T14:00:00-05:00", "2026-12-11T14:00:00-05:00")
    add_addendum(repo, OPEN, "2026-12-07")
    found = pull_request(repo, AFTER_CLOSING)
    assert any("`closing` is frozen: the opportunity closed at 2026-12-04T14:00:00-05:00" in m for m in found)


# ----------------------------------------------------------------------- finding 4: terms after the bids


def test_criteria_and_value_are_frozen_after_closing_even_with_an_addendum(repo: Path) -> None:
    edit(repo, f"{AWARDED}/opportunity.yaml", "value: 3000", "value: 10000")
    edit(repo, f"{AWARDED}/award.yaml", "amount: 3000", "amount: 10000")
    add_addendum(repo, AWARDED, "2026-11-23")
    found = pull_request(repo)
    assert any("`value` is frozen: the opportunity closed" in m for m in found)
    assert any("`amount` of a contract on main never changes (it was 3000)" in m for m in found)


def test_value_only_goes_up_while_open(repo: Path) -> None:
    edit(repo, f"{OPEN}/opportunity.yaml", "value: 4500", "value: 4000")
    add_addendum(repo, OPEN, "2026-11-23")
    assert any("`value` only goes up once posted (it was 4500)" in m for m in pull_request(repo))


# -------------------------------------------------------------------- finding 7: automation's fields by hand


def test_a_pull_request_cannot_set_the_discussion_before_automation(repo: Path) -> None:
    edit(repo, f"{OPEN}/opportunity.yaml", "project:\n", "discussion: https://github.com/o/r/discussions/1\nproject:\n")
    assert any("`discussion` is set by automation: leave it out" in m for m in pull_request(repo))


# -------------------------------------------------------------- finding 8: a ghost posting, dated in the past


def test_a_new_opportunity_closes_at_least_the_posting_window_after_ci_s_today(repo: Path) -> None:
    folder = new_posting(repo, "esdc-2026-002", "2026-11-20T14:00:00-05:00", posted="2026-11-01")
    found = pull_request(repo)
    assert any(
        f"{folder}/opportunity.yaml" in m and "`posted` is 2026-11-01: a new opportunity is posted today" in m
        for m in found
    )
    assert any("leaves suppliers fewer than 5 business days from today (2026-11-23, CI's clock)" in m for m in found)


def test_a_new_opportunity_is_never_legacy(repo: Path) -> None:
    """The base's public draw starts on 2027-01-01: a posting closing before it would be drawn the old way."""
    new_posting(repo, "esdc-2026-002", "2026-12-11T14:00:00-05:00")
    found = pull_request(repo)
    assert found == [
        "opportunities/esdc/esdc-2026-002/opportunity.yaml:24:10: a new opportunity closes on or after "
        "`public_draw_since` (2027-01-01): no new award is legacy"
    ]
    (repo / "opportunities/esdc/esdc-2026-002/opportunity.yaml").unlink()
    (repo / "opportunities/esdc/esdc-2026-002").rmdir()
    new_posting(repo, "esdc-2026-002", "2027-01-08T14:00:00-05:00")
    assert pull_request(repo) == []


def test_the_cli_judges_by_the_real_clock_without_now(repo: Path, fdn) -> None:
    """CI runs `devex validate --base` with no clock of its own: the current time, never a date in the change."""
    new_posting(repo, "esdc-2026-002", "2027-01-08T14:00:00-05:00")
    done = fdn.devex("validate", "--base", "HEAD", cwd=repo)
    assert done.returncode == 1  # today is after 2026-11-30 (posted is more than a week old, or closing passed)
    assert "a new opportunity is posted today" in done.stdout or "fewer than 5 business days" in done.stdout
    clocked = fdn.devex("validate", "--base", "HEAD", "--now", "2026-11-23T10:00:00-05:00", cwd=repo)
    assert (clocked.returncode, clocked.stdout) == (0, "All marketplace files are valid.\n")


# ----------------------------------------------------------------------------- relaunching the same work


def test_the_same_work_is_not_posted_twice(repo: Path) -> None:
    folder = new_posting(repo, "esdc-2026-002", "2027-01-08T14:00:00-05:00", issue="/issues/212")
    assert pull_request(repo) == [
        f"{folder}/opportunity.yaml:19:8: the work of https://github.com/esdc-edsc/benefits-estimator/issues/212 "
        "is already posted as esdc-2026-001: it is not posted twice"
    ]


def test_posting_cancelled_work_again_names_the_earlier_opportunity(repo: Path, fdn) -> None:
    edit(repo, f"{OPEN}/opportunity.yaml", "status: open\n", "status: cancelled\n")
    reason = "cancellation:\n  date: '2026-11-23'\n  reason:\n    en: Not needed now.\n    fr: Pas nécessaire.\n"
    (repo / OPEN / "opportunity.yaml").write_text((repo / OPEN / "opportunity.yaml").read_text("utf-8") + reason)
    assert pull_request(repo) == []
    fdn.commit_all(repo, "cancelled")
    folder = new_posting(repo, "esdc-2026-002", "2027-01-08T14:00:00-05:00", issue="/issues/212")
    assert pull_request(repo) == [
        f"{folder}/opportunity.yaml:19:8: this work was posted before as esdc-2026-001: name the latest with "
        "`replaces: esdc-2026-001`"
    ]
    path = repo / folder / "opportunity.yaml"
    path.write_text(path.read_text("utf-8") + "replaces: esdc-2026-001\n", "utf-8")
    assert pull_request(repo) == []
    path.write_text(path.read_text("utf-8").replace("replaces: esdc-2026-001", "replaces: tbs-2026-001"), "utf-8")
    assert any("`replaces` names tbs-2026-001, which is awarded" in m for m in pull_request(repo))


# ------------------------------------------------------------------------------- finding 9: the rules


def test_the_selection_rules_do_not_move_in_a_department_s_pull_request(repo: Path) -> None:
    edit(repo, SETTINGS, "public_draw_since: 2027-01-01", "public_draw_since: 2027-06-01")
    edit(repo, f"{OPEN}/opportunity.yaml", "name: Marie Tremblay", "name: Marie-Ève Tremblay")
    found = pull_request(repo)
    assert any("the selection rules (`public_draw_since`) change only in a maintainers' change" in m for m in found)
    assert any("`public_draw_since` never moves later (it is 2027-01-01)" in m for m in found)


def test_a_maintainers_change_alone_may_bring_the_public_draw_earlier(repo: Path) -> None:
    edit(repo, SETTINGS, "public_draw_since: 2027-01-01", "public_draw_since: 2026-12-15")
    assert pull_request(repo) == []


def test_public_draw_since_never_changes_once_its_day_has_come(repo: Path) -> None:
    edit(repo, SETTINGS, "public_draw_since: 2027-01-01", "public_draw_since: 2026-12-15")
    january = datetime.fromisoformat("2027-01-04T10:00:00-05:00")
    assert any("`public_draw_since` (2027-01-01) has come" in m for m in pull_request(repo, january))


def test_the_cure_period_is_a_maintainers_setting(repo: Path) -> None:
    text = (repo / SETTINGS).read_text("utf-8")
    (repo / SETTINGS).write_text(text + "cure_days: 1\n", "utf-8")
    edit(repo, f"{OPEN}/opportunity.yaml", "name: Marie Tremblay", "name: Marie-Ève Tremblay")
    assert any("the selection rules (`cure_days`) change only" in m for m in pull_request(repo))


def test_the_threshold_advice_never_says_split(repo: Path) -> None:
    """Issue 24, finding 1: splitting one piece of work is the abuse the rules forbid; the advice is to reduce
    the scope."""
    edit(repo, f"{OPEN}/opportunity.yaml", "value: 4500", "value: 12000")
    [message] = [problem.message for problem in validate(repo)]
    assert message == (
        "`value` 12000 is over the marketplace threshold of 10000 CAD: reduce the scope or use another "
        "procurement route"
    )
    assert "split" not in message

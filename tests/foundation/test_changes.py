"""`validate --base`: what a pull request may change, checked on real temporary Git repositories.

Each test commits a base (the valid marketplace, sometimes moved to another status first), changes the
working tree as a buyer would, and checks the exact problems against the base commit, at a fixed clock (CI's
clock in production): NOW is a Monday after tbs-2026-001's award and before esdc-2026-001 closes.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from site_builder.errors import UsageError
from site_builder.validate import check, validate

OPEN = "opportunities/esdc/esdc-2026-001"
AWARDED = "opportunities/tbs/tbs-2026-001"
COMPLETED = "opportunities/ssc/ssc-2026-001"
TERMINATION = (
    'cure_notice:\n  date: "2026-10-20"\n  deadline: "2026-10-27"\n  text:\n    en: Deliver by Oct. 27.\n'
    "    fr: Livrez d'ici le 27 oct.\n"
    'terminated:\n  date: "2026-10-29"\n  reason:\n    en: Not delivered.\n    fr: Non livré.\n'
)


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace one exact piece of a file's text (the test fails if it is not there exactly once)."""
    path = root / relative
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {relative}"
    path.write_text(text.replace(old, new), "utf-8")


def set_status(root: Path, folder: str, old: str, new: str) -> None:
    edit(root, f"{folder}/opportunity.yaml", f"status: {old}\n", f"status: {new}\n")


CANCELLATION = (
    "cancellation:\n  date: '{day}'\n  reason:\n    en: The work is no longer needed.\n"
    "    fr: Le travail n'est plus nécessaire.\n"
)


def cancel(root: Path, folder: str, old: str, day: str = "2026-11-23") -> None:
    """Status `cancelled` with the bilingual reason the schema requires."""
    set_status(root, folder, old, "cancelled")
    with (root / folder / "opportunity.yaml").open("a", encoding="utf-8") as handle:
        handle.write(CANCELLATION.format(day=day))


def make_tbs_closed(root: Path) -> None:
    """The awarded opportunity as it was before its award: closed, bids archived, no award.yaml."""
    (root / AWARDED / "award.yaml").unlink()
    set_status(root, AWARDED, "awarded", "closed")


NOW = datetime.fromisoformat("2026-11-23T10:00:00-05:00")


def messages(root: Path, base: str, paths: list[Path] | None = None, now: datetime = NOW) -> list[str]:
    return [problem.format() for problem in validate(root, paths, base=base, now=now)]


def line_of(root: Path, relative: str, start: str) -> int:
    """1-based number of the first line of a file that starts with `start`."""
    lines = (root / relative).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


# ------------------------------------------------------------------------------------------ transitions


def test_unchanged_marketplace_passes(repo: Path) -> None:
    assert messages(repo, "HEAD") == []


def test_open_to_closed_is_automation_s_alone(repo: Path) -> None:
    """Finding 3 of issue 20: an early close shut out later applicants. Only `devex sync` closes, pushing to main
    at the closing time; a pull request cannot, even after the closing time."""
    set_status(repo, OPEN, "open", "closed")
    expected = [
        f"{OPEN}/opportunity.yaml:3:9: only automation closes an opportunity, at its closing time (`devex sync`): "
        "leave `status: open`; to stop it early, cancel it (`status: cancelled` with a `cancellation` reason)"
    ]
    assert messages(repo, "HEAD") == expected
    assert messages(repo, "HEAD", now=datetime.fromisoformat("2026-12-05T10:00:00-05:00")) == expected


def test_closed_to_awarded_passes(repo: Path, fdn) -> None:
    award = (repo / AWARDED / "award.yaml").read_text("utf-8")
    make_tbs_closed(repo)
    base = fdn.commit_all(repo, "closed")
    (repo / AWARDED / "award.yaml").write_text(award, "utf-8")
    set_status(repo, AWARDED, "closed", "awarded")
    assert messages(repo, base) == []


def test_awarded_to_completed_passes(repo: Path) -> None:
    set_status(repo, AWARDED, "awarded", "completed")
    edit(
        repo, f"{AWARDED}/award.yaml", 'delivered: "2026-10-28"\n', 'delivered: "2026-10-28"\naccepted: "2026-10-29"\n'
    )
    assert messages(repo, "HEAD") == []


def test_open_to_cancelled_passes(repo: Path) -> None:
    cancel(repo, OPEN, "open")
    assert messages(repo, "HEAD") == []


def test_closed_to_unsuccessful_passes(repo: Path, fdn) -> None:
    make_tbs_closed(repo)
    base = fdn.commit_all(repo, "closed")
    set_status(repo, AWARDED, "closed", "unsuccessful")
    assert messages(repo, base) == []


def test_awarded_to_cancelled_after_termination_passes(repo: Path, fdn) -> None:
    """A cure notice, posted by automation (its link), its deadline passed, then termination and cancellation."""
    edit(repo, f"{AWARDED}/award.yaml", "work: https://github.com/tbs-sct/forms/pull/41\n", "")
    notice = TERMINATION.split("terminated:")[0].replace("2026-10-20", "2026-11-23").replace("2026-10-27", "2026-11-30")
    edit(repo, f"{AWARDED}/award.yaml", 'delivered: "2026-10-28"\n', notice)
    assert messages(repo, "HEAD") == []
    base = fdn.commit_all(repo, "cure notice")
    edit(
        repo,
        f"{AWARDED}/award.yaml",
        "  text:\n",
        "  link: https://github.com/gc-devex/marketplace/discussions/7#discussioncomment-9\n  text:\n",
    )
    base = fdn.commit_all(repo, "automation posted the notice")
    later = datetime.fromisoformat("2026-12-01T10:00:00-05:00")
    cancel(repo, AWARDED, "awarded", day="2026-12-01")
    with (repo / AWARDED / "award.yaml").open("a", encoding="utf-8") as handle:
        handle.write('terminated:\n  date: "2026-12-01"\n  reason:\n    en: Not delivered.\n    fr: Non livré.\n')
    assert messages(repo, base, now=later) == []


def test_closed_to_open_fails(repo: Path, fdn) -> None:
    set_status(repo, OPEN, "open", "closed")
    base = fdn.commit_all(repo, "closed")
    set_status(repo, OPEN, "closed", "open")
    assert messages(repo, base) == [
        f"{OPEN}/opportunity.yaml:3:9: status cannot go from `closed` to `open` "
        "(allowed next: awarded, cancelled, unsuccessful)"
    ]


@pytest.mark.parametrize("new", ["awarded", "cancelled", "open"])
def test_completed_to_anything_fails(repo: Path, new: str) -> None:
    (cancel if new == "cancelled" else lambda *args: set_status(*args, new))(repo, COMPLETED, "completed")
    found = messages(repo, "HEAD")
    final = "(allowed next: none: it is final)"
    assert f"{COMPLETED}/opportunity.yaml:3:9: status cannot go from `completed` to `{new}` {final}" in found
    assert f"{COMPLETED}/opportunity.yaml:2:1: nothing may change after payment: the record is final" in found


def test_cancelled_to_open_fails(repo: Path, fdn) -> None:
    cancel(repo, OPEN, "open")
    base = fdn.commit_all(repo, "cancelled")
    set_status(repo, OPEN, "cancelled", "open")
    edit(repo, f"{OPEN}/opportunity.yaml", CANCELLATION.format(day="2026-11-23"), "")
    assert messages(repo, base) == [
        f"{OPEN}/opportunity.yaml:3:9: status cannot go from `cancelled` to `open` (allowed next: none: it is final)"
    ]


def test_unsuccessful_to_awarded_fails(repo: Path, fdn) -> None:
    award = (repo / AWARDED / "award.yaml").read_text("utf-8")
    make_tbs_closed(repo)
    set_status(repo, AWARDED, "closed", "unsuccessful")
    base = fdn.commit_all(repo, "unsuccessful")
    (repo / AWARDED / "award.yaml").write_text(award, "utf-8")
    set_status(repo, AWARDED, "unsuccessful", "awarded")
    assert messages(repo, base) == [
        f"{AWARDED}/opportunity.yaml:3:9: status cannot go from `unsuccessful` to `awarded` "
        "(allowed next: none: it is final)"
    ]


def test_open_to_awarded_skipping_closed_fails(repo: Path, fdn) -> None:
    award = (fdn.corpus / "award-for-open-opportunity" / OPEN / "award.yaml").read_text("utf-8")
    (repo / OPEN / "award.yaml").write_text(award, "utf-8")
    set_status(repo, OPEN, "open", "awarded")
    assert messages(repo, "HEAD") == [
        f"{OPEN}/opportunity.yaml:3:9: status cannot go from `open` to `awarded` (allowed next: cancelled, closed)"
    ]


def test_an_award_needs_an_opportunity_automation_announced_and_archived(repo: Path, fdn) -> None:
    """Finding 8 of issue 20 (a ghost award): with `closed` on main but no discussion and no archive, nothing was
    ever announced, so no award; the same award for tbs-2026-001, announced and archived, passes."""
    set_status(repo, OPEN, "open", "closed")
    base = fdn.commit_all(repo, "closed by hand, before the rules")
    award = (fdn.corpus / "award-for-open-opportunity" / OPEN / "award.yaml").read_text("utf-8")
    (repo / OPEN / "award.yaml").write_text(award, "utf-8")
    set_status(repo, OPEN, "closed", "awarded")
    assert messages(repo, base) == [
        f"{OPEN}/award.yaml:1:1: an award is only for an opportunity automation announced, archived and closed: "
        "its discussion was never posted by automation; its applications were never archived (bids.yaml)"
    ]


# ------------------------------------------------------------------------------ deletions and new folders


def test_deleting_a_published_opportunity_fails(repo: Path) -> None:
    shutil.rmtree(repo / OPEN)
    assert messages(repo, "HEAD") == [
        f"{OPEN}/opportunity.yaml:1:1: deletes the published opportunity esdc-2026-001: "
        "set its status to `cancelled` instead"
    ]


def test_deleting_a_published_award_fails(repo: Path) -> None:
    (repo / AWARDED / "award.yaml").unlink()
    found = messages(repo, "HEAD")
    assert f"{AWARDED}/opportunity.yaml:3:9: award.yaml of a published award cannot be deleted" in found


NEW_DATES = {  # a new posting closes after the base's public_draw_since (2027-01-01): no new award is legacy
    'closing: "2026-12-04T14:00:00-05:00"': 'closing: "2027-01-08T14:00:00-05:00"',
    'start: "2026-12-08"': 'start: "2027-01-11"',
    'delivery: "2026-12-19"': 'delivery: "2027-01-29"',
}


def new_opportunity(root: Path, ident: str = "esdc-2026-002") -> str:
    text = (root / OPEN / "opportunity.yaml").read_text("utf-8").replace("esdc-2026-001", ident)
    for old, new in NEW_DATES.items():
        text = text.replace(old, new)
    text = text.replace("/issues/212", "/issues/213")  # other work: the same issue is not posted twice
    folder = f"opportunities/esdc/{ident}"
    (root / folder).mkdir()
    (root / folder / "opportunity.yaml").write_text(text, "utf-8")
    return folder


def test_new_open_opportunity_passes(repo: Path) -> None:
    new_opportunity(repo)
    assert messages(repo, "HEAD") == []


def test_new_opportunity_must_be_open(repo: Path) -> None:
    folder = new_opportunity(repo)
    set_status(repo, folder, "open", "closed")
    assert messages(repo, "HEAD") == [f"{folder}/opportunity.yaml:3:9: a new opportunity is posted with status `open`"]


def test_new_opportunity_must_not_set_discussion(repo: Path) -> None:
    folder = new_opportunity(repo)
    edit(
        repo, f"{folder}/opportunity.yaml", "project:\n", "discussion: https://github.com/o/r/discussions/1\nproject:\n"
    )
    line = line_of(repo, f"{folder}/opportunity.yaml", "discussion:")
    assert messages(repo, "HEAD") == [
        f"{folder}/opportunity.yaml:{line}:13: `discussion` is set by automation: leave it out"
    ]


# ------------------------------------------------------------------------------------ frozen after posting


@pytest.mark.parametrize(
    ("field", "old", "new", "column"),
    [
        ("value", "value: 4500", "value: 5000", 8),
        ("closing", '"2026-12-04T14:00:00-05:00"', '"2026-12-05T14:00:00-05:00"', 10),
        ("acceptance_criteria", "    - An automated test covers it.", "    - Two automated tests cover it.", 3),
        ("evaluation_criteria", "    - Has a public GitHub account", "    - Has a public GitLab account", 3),
    ],
)
def test_frozen_field_changes_only_with_a_new_addendum(repo: Path, field: str, old: str, new: str, column: int) -> None:
    edit(repo, f"{OPEN}/opportunity.yaml", old, new)
    line = line_of(repo, f"{OPEN}/opportunity.yaml", f"{field}:")
    if field.endswith("criteria"):
        line += 1  # the position of a mapping value is its first key
    assert messages(repo, "HEAD") == [
        f"{OPEN}/opportunity.yaml:{line}:{column}: `{field}` of a published opportunity changes only with a new "
        "dated addendum that explains the change"
    ]
    addendum = (
        '\naddenda:\n  - date: "2026-11-22"\n    text:\n      en: We changed it.\n      fr: Nous l\'avons changé.\n'
    )
    with (repo / OPEN / "opportunity.yaml").open("a", encoding="utf-8") as stream:
        stream.write(addendum)
    assert messages(repo, "HEAD") == []


def test_editing_a_published_addendum_fails(repo: Path) -> None:
    edit(repo, f"{AWARDED}/opportunity.yaml", "in the issue.", "in the pull request.")
    line = line_of(repo, f"{AWARDED}/opportunity.yaml", "addenda:")
    assert messages(repo, "HEAD") == [
        f"{AWARDED}/opportunity.yaml:{line + 1}:3: published addenda cannot be edited or removed: "
        "add a new one at the end"
    ]


def test_removing_a_published_addendum_fails(repo: Path) -> None:
    text = (repo / AWARDED / "opportunity.yaml").read_text("utf-8")
    (repo / AWARDED / "opportunity.yaml").write_text(text[: text.index("addenda:")], "utf-8")
    assert messages(repo, "HEAD") == [
        f"{AWARDED}/opportunity.yaml:2:1: published addenda cannot be edited or removed: add a new one at the end"
    ]


# ---------------------------------------------------------------------- automation's files and payment


def test_adding_bids_in_a_change_fails(repo: Path, fdn) -> None:
    set_status(repo, OPEN, "open", "closed")
    base = fdn.commit_all(repo, "closed")
    shutil.copytree(fdn.corpus / "bids-on-open-opportunity" / OPEN, repo / OPEN, dirs_exist_ok=True)
    assert messages(repo, base) == [
        f"{OPEN}/bids.yaml:2:1: bids.yaml is written by automation and never edited by hand"
    ]


def test_editing_bids_fails(repo: Path) -> None:
    edit(repo, f"{AWARDED}/bids.yaml", "taken: '2026-10-15T14:05:00-04:00'", "taken: '2026-10-15T14:06:00-04:00'")
    assert messages(repo, "HEAD") == [
        f"{AWARDED}/bids.yaml:2:1: bids.yaml is written by automation and never edited by hand"
    ]


def test_deleting_bids_fails(repo: Path) -> None:
    (repo / AWARDED / "bids.yaml").unlink()
    shutil.rmtree(repo / AWARDED / "bids")
    assert messages(repo, "HEAD") == [
        f"{AWARDED}/opportunity.yaml:2:1: bids.yaml is written by automation and never edited by hand"
    ]


def test_changing_the_discussion_fails(repo: Path) -> None:
    edit(repo, f"{AWARDED}/opportunity.yaml", "discussions/7", "discussions/8")
    line = line_of(repo, f"{AWARDED}/opportunity.yaml", "discussion:")
    assert messages(repo, "HEAD") == [
        f"{AWARDED}/opportunity.yaml:{line}:13: `discussion` is set by automation: restore it"
    ]


def test_changing_an_opportunity_after_payment_fails(repo: Path) -> None:
    edit(repo, f"{COMPLETED}/opportunity.yaml", "four hours.", "five hours.")
    assert messages(repo, "HEAD") == [
        f"{COMPLETED}/opportunity.yaml:2:1: nothing may change after payment: the record is final",
        f"{COMPLETED}/opportunity.yaml:9:3: `teaser` is frozen: the opportunity closed at 2026-09-10T12:00:00-04:00 "
        "and suppliers applied to the terms as published (an addendum after closing is a note only)",
    ]


def test_changing_an_award_after_payment_fails(repo: Path) -> None:
    edit(repo, f"{COMPLETED}/award.yaml", "postal_code: K1A", "postal_code: K2P")
    assert messages(repo, "HEAD") == [
        f"{COMPLETED}/award.yaml:1:1: nothing may change after payment: the record is final"
    ]


def test_recording_payment_itself_passes(repo: Path, fdn) -> None:
    """Payment is the last change allowed: the rule freezes what comes after it, not the step itself."""
    edit(repo, f"{COMPLETED}/award.yaml", 'paid: "2026-10-02"\n', "")
    base = fdn.commit_all(repo, "accepted, not yet paid")
    with (repo / COMPLETED / "award.yaml").open("a", encoding="utf-8") as stream:
        stream.write('paid: "2026-10-02"\n')
    assert messages(repo, base) == []


# ---------------------------------------------------------------------------- refs, paths and the CLI


def test_unknown_base_ref_is_a_usage_error(repo: Path) -> None:
    with pytest.raises(UsageError, match="cannot read 'no-such-branch' from git: no such commit"):
        validate(repo, base="no-such-branch")


def test_base_given_as_sha_or_branch(repo: Path, fdn) -> None:
    sha = fdn.git(repo, "rev-parse", "HEAD")
    fdn.git(repo, "branch", "published")
    shutil.rmtree(repo / OPEN)
    fdn.commit_all(repo, "delete")
    expected = [
        f"{OPEN}/opportunity.yaml:1:1: deletes the published opportunity esdc-2026-001: "
        "set its status to `cancelled` instead"
    ]
    assert messages(repo, sha) == expected
    assert messages(repo, "published") == expected
    assert messages(repo, "HEAD~1") == expected
    assert messages(repo, "HEAD") == []


def test_paths_restrict_the_check(repo: Path) -> None:
    set_status(repo, OPEN, "open", "awarded")
    edit(repo, f"{AWARDED}/opportunity.yaml", "discussions/7", "discussions/8")
    everything = messages(repo, "HEAD")
    assert {line.split(":")[0].rsplit("/", 1)[0] for line in everything} == {OPEN, AWARDED}
    only_tbs = messages(repo, "HEAD", [repo / AWARDED])
    assert only_tbs and all(line.startswith(AWARDED) for line in only_tbs)
    only_esdc = messages(repo, "HEAD", [repo / OPEN / "opportunity.yaml"])
    assert only_esdc and all(line.startswith(OPEN) for line in only_esdc)
    assert messages(repo, "HEAD", [repo / "opportunities/ssc"]) == []


def test_cli_base_exit_codes(repo: Path, fdn) -> None:
    assert fdn.devex("validate", "--base", "HEAD", cwd=repo).returncode == 0
    set_status(repo, OPEN, "open", "awarded")
    done = fdn.devex("validate", "--base", "HEAD", cwd=repo)
    assert done.returncode == 1
    assert "status cannot go from `open` to `awarded`" in done.stdout
    unknown = fdn.devex("validate", "--base", "nope", cwd=repo)
    assert unknown.returncode == 2
    assert unknown.stdout == ""
    assert unknown.stderr == "devex: cannot read 'nope' from git: no such commit: check the name, or fetch it first\n"


def test_cli_base_outside_git_is_a_usage_error(market: Path, fdn) -> None:
    done = fdn.devex("validate", "--base", "HEAD", cwd=market)
    assert done.returncode == 2
    assert done.stderr.startswith("devex: cannot read 'HEAD' from git: ")
    assert "Traceback" not in done.stderr


# ------------------------------------------------------------------------------------------ award attempts

TERMINATED_AWARD = """opportunity: tbs-2026-001
supplier:
  github: alice-dev
  name: Alice Dev
amount: 3000
awarded: "2026-10-19"
selection:
  method: random-draw
  qualified: [alice-dev, bob-codes]
  seed: "f52bda29b7e77dde863b73d155db66fec65e11c18b2ab96b56ec18f4d01dcf66"
  order: [alice-dev, bob-codes]
cure_notice:
  date: "2026-10-20"
  deadline: "2026-10-27"
  text: {en: Deliver by Oct. 27., fr: Livrez d'ici le 27 oct.}
terminated:
  date: "2026-10-29"
  reason: {en: Not delivered., fr: Non livré.}
"""

NEXT_AWARD = """opportunity: tbs-2026-001
supplier:
  github: bob-codes
  name: Bob Codes
amount: 3000
awarded: "2026-10-30"
selection:
  method: random-draw
  qualified: [alice-dev, bob-codes]
  seed: "f52bda29b7e77dde863b73d155db66fec65e11c18b2ab96b56ec18f4d01dcf66"
  order: [alice-dev, bob-codes]
previous:
- supplier: {github: alice-dev, name: Alice Dev}
  outcome: terminated
  offered: "2026-10-19"
  amount: 3000
  cure_notice:
    date: "2026-10-20"
    deadline: "2026-10-27"
    text: {en: Deliver by Oct. 27., fr: Livrez d'ici le 27 oct.}
  terminated:
    date: "2026-10-29"
    reason: {en: Not delivered., fr: Non livré.}
"""


NEXT_DAY = datetime.fromisoformat("2026-10-30T10:00:00-04:00")  # the day after the termination: the next offer


@pytest.fixture
def terminated(repo: Path, fdn) -> str:
    """The base: tbs-2026-001's contract terminated after a cure notice, the work not yet offered again."""
    (repo / AWARDED / "award.yaml").write_text(TERMINATED_AWARD, "utf-8")
    assert validate(repo) == []
    return fdn.commit_all(repo, "terminated")


def test_the_next_in_order_is_awarded_once_the_terminated_contract_moves_to_previous(repo: Path, terminated) -> None:
    (repo / AWARDED / "award.yaml").write_text(NEXT_AWARD, "utf-8")
    assert messages(repo, terminated, now=NEXT_DAY) == []


def test_the_work_cannot_leave_a_supplier_without_their_attempt_on_record(repo: Path, terminated) -> None:
    text = NEXT_AWARD.split("previous:")[0]
    (repo / AWARDED / "award.yaml").write_text(text, "utf-8")
    line = line_of(repo, f"{AWARDED}/award.yaml", "  github: bob-codes")
    assert messages(repo, terminated, now=NEXT_DAY) == [
        f"{AWARDED}/award.yaml:{line}:11: bob-codes was offered the work out of the draw order: the next was "
        "alice-dev, the first in the draw order not passed over",
        f"{AWARDED}/award.yaml:{line}:11: the work leaves alice-dev: first record their attempt, alone, at the end "
        "of `previous` (declined with the answer automation recorded, no-answer after the offer's deadline, or "
        "terminated with its cure notice and termination as written)",
    ]


def test_a_moved_contract_keeps_its_termination_as_written(repo: Path, terminated) -> None:
    (repo / AWARDED / "award.yaml").write_text(
        NEXT_AWARD.replace('    date: "2026-10-29"', '    date: "2026-10-28"'), "utf-8"
    )
    assert [m.split(": ", 1)[1] for m in messages(repo, terminated, now=NEXT_DAY)] == [
        "a terminated attempt keeps `terminated` as it was on main: terminate the contract there first"
    ]


def test_earlier_attempts_and_a_cure_notice_stay_on_record(repo: Path, terminated, fdn) -> None:
    (repo / AWARDED / "award.yaml").write_text(NEXT_AWARD, "utf-8")
    base = fdn.commit_all(repo, "next award")
    (repo / AWARDED / "award.yaml").write_text(NEXT_AWARD.replace("Not delivered.", "Late."), "utf-8")
    line = line_of(repo, f"{AWARDED}/award.yaml", "previous:")
    assert messages(repo, base) == [
        f"{AWARDED}/award.yaml:{line}:1: earlier attempts in `previous` stay on record as written: add new ones at "
        "the end"
    ]
    (repo / AWARDED / "award.yaml").write_text(TERMINATED_AWARD.split("terminated:")[0], "utf-8")
    found = messages(repo, terminated, now=NEXT_DAY)
    assert any("`terminated` of this contract stays on record" in message for message in found), found


# ------------------------------------------------------------------------------ a pull request's own folders


def test_a_pull_request_is_checked_where_it_touches(repo: Path, fdn) -> None:
    """Only the changed folder is read and checked in full: a problem already in the base commit elsewhere (a
    bypassed check) does not fail it, and the changed folder's own problems are all reported."""
    edit(repo, f"{AWARDED}/opportunity.yaml", "value: ", "value: 99999 # ")
    fdn.git(repo, "commit", "-qam", "a bypassed check left an invalid file on main")
    base = fdn.git(repo, "rev-parse", "HEAD").strip()
    edit(repo, f"{OPEN}/opportunity.yaml", "remote: true", "remote: yes")
    found = messages(repo, base)
    assert [line.split(":")[0] for line in found] == [f"{OPEN}/opportunity.yaml"]
    assert "`remote` must be true" in found[0]


def test_a_change_to_the_settings_is_checked_against_the_whole_marketplace(repo: Path, fdn) -> None:
    edit(repo, f"{AWARDED}/opportunity.yaml", "value: ", "value: 99999 # ")
    fdn.git(repo, "commit", "-qam", "a bypassed check left an invalid file on main")
    base = fdn.git(repo, "rev-parse", "HEAD").strip()
    settings = repo / "opportunities" / "marketplace.yaml"
    settings.write_text(settings.read_text("utf-8") + "# a comment\n", "utf-8")
    assert {line.split(":")[0] for line in messages(repo, base)} == {f"{AWARDED}/opportunity.yaml"}


def test_an_error_already_on_main_is_shown_as_such_and_does_not_fail_the_change(repo: Path, fdn) -> None:
    """Issue 21: a department's pull request is judged on its own change. tbs-2026-001 was left invalid on main
    (a bypassed check); recording its delivery must not fail on that, but shows it; a new error still fails."""
    edit(repo, f"{AWARDED}/opportunity.yaml", "value: 3000", "value: 99999")
    fdn.git(repo, "commit", "-qam", "a bypassed check left an invalid value on main")
    base = fdn.git(repo, "rev-parse", "HEAD").strip()
    edit(
        repo,
        f"{AWARDED}/award.yaml",
        "work: https://github.com/tbs-sct/forms/pull/41\n",
        "work: https://github.com/tbs-sct/forms/pull/42\n",
    )
    assert validate(repo, base=base, now=NOW) == []
    found = check(repo, base=base, now=NOW)
    assert [p.is_error for p in found] == [False]
    assert (
        found[0]
        .format()
        .startswith(
            f"{AWARDED}/opportunity.yaml:15:8: warning: already on main, not this change's: `value` 99999 is over"
        )
    )
    edit(repo, f"{AWARDED}/award.yaml", "amount: 3000", "amount: 2000")
    assert any(
        p.is_error and "`amount` of a contract on main never changes" in p.message
        for p in validate(repo, base=base, now=NOW)
    )


CORRECTION = """opportunity: tbs-2026-001
corrections:
- date: "2026-11-23"
  by: devex-maintainer
  files: [bids.yaml]
  reason:
    en: The archive recorded a reply as an application; the reply is marked as a question.
    fr: L'archive a compté une réponse comme une candidature; la réponse est marquée comme question.
"""


def test_a_maintainers_correction_opens_the_files_it_names_and_nothing_else(repo: Path, fdn) -> None:
    """Issue 21, the honest repair path: a frozen record changes only with a correction entry naming it (who,
    when, why, in both languages), itself frozen once merged; CODEOWNERS gives the file to the maintainers."""
    bids = f"{AWARDED}/bids.yaml"
    edit(repo, bids, "taken: '2026-10-15T14:05:00-04:00'", "taken: '2026-10-15T14:06:00-04:00'")
    assert messages(repo, "HEAD") == [f"{bids}:2:1: bids.yaml is written by automation and never edited by hand"]
    (repo / AWARDED / "corrections.yaml").write_text(CORRECTION, "utf-8")
    assert messages(repo, "HEAD") == []
    edit(repo, f"{AWARDED}/award.yaml", "amount: 3000", "amount: 2000")
    assert [m.split(": ", 1)[1] for m in messages(repo, "HEAD")] == [
        "`amount` of a contract on main never changes (it was 3000)"
    ]
    edit(repo, f"{AWARDED}/award.yaml", "amount: 2000", "amount: 3000")
    base = fdn.commit_all(repo, "corrected")
    edit(repo, f"{AWARDED}/corrections.yaml", "marked as a question.", "marked as a comment.")
    assert messages(repo, base) == [
        f"{AWARDED}/corrections.yaml:3:1: published corrections cannot be edited or removed: add a new one at the end"
    ]
    (repo / AWARDED / "corrections.yaml").unlink()
    assert messages(repo, base) == [
        f"{AWARDED}/opportunity.yaml:2:1: corrections.yaml cannot be deleted: corrections stay on record"
    ]


def test_a_correction_is_dated_by_ci_s_clock(repo: Path) -> None:
    (repo / AWARDED / "corrections.yaml").write_text(CORRECTION.replace("2026-11-23", "2026-11-02"), "utf-8")
    assert messages(repo, "HEAD") == [
        f"{AWARDED}/corrections.yaml:3:9: a correction is dated the day it is made (2026-11-23, CI's clock), "
        "not 2026-11-02"
    ]

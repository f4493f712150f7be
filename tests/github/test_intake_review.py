"""The check that an intake pull request was approved by one of its department's code owners, not by the
person who filed the issue, not by the automation, and not by just anyone with a GitHub account."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from github_standin import (
    BOT_LOGIN,
    BOT_TOKEN,
    REVIEW_TOKEN,
    add_team,
    allow_team_reads,
    grant,
)
from github_testkit import MARKET, Run, devex
from test_intake import ANSWERS, render, write_event

from site_builder.github_sync.intake_review import approvers

ORG = MARKET.split("/")[0]


@pytest.mark.parametrize(
    ("reviews", "standing"),
    [
        ([], set()),
        ([("Paul", "APPROVED")], {"paul"}),
        ([("paul", "APPROVED"), ("paul", "COMMENTED")], {"paul"}),
        ([("paul", "APPROVED"), ("paul", "DISMISSED")], set()),
        ([("paul", "CHANGES_REQUESTED"), ("paul", "APPROVED")], {"paul"}),
        ([("paul", "APPROVED"), ("paul", "CHANGES_REQUESTED")], set()),
        ([("paul", "APPROVED"), ("PAUL", "CHANGES_REQUESTED"), ("lea", "APPROVED")], {"lea"}),
        ([("", "APPROVED")], set()),
    ],
)
def test_only_each_reviewers_latest_verdict_stands(reviews, standing):
    assert approvers(reviews) == standing


def pull_event(tmp_path: Path, number: int, branch: str) -> Path:
    path = tmp_path / "pull.json"
    event = {
        "action": "submitted",
        "pull_request": {"number": number, "head": {"ref": branch}},
        "repository": {"full_name": MARKET},
    }
    path.write_text(json.dumps(event))
    return path


@pytest.fixture
def people(world):
    """ESDC's buyers (marie, who files the issue, and paul), TBS's buyer tina, a maintainer, and mallory, who
    has an account and nothing else. Everyone but mallory can write to the repository through their team."""
    add_team(world, ORG, "esdc-buyers", "marie", "paul", pending=("nadia",))
    add_team(world, ORG, "tbs-buyers", "tina")
    add_team(world, ORG, "maintainers", "max")
    for login in ("marie", "paul", "nadia", "tina"):
        grant(world, MARKET, login, "write")
    grant(world, MARKET, "max", "maintain")
    allow_team_reads(world, ORG)
    return world


@pytest.fixture
def intake(market, world, people, github_env, tmp_path, monkeypatch):
    """Marie's issue for ESDC turned into pull request #2 by the bot; returns a function that sets its
    reviews (oldest first) and runs `devex intake-review` as the workflow does, with DEVEX_REVIEW_TOKEN."""
    assert devex("intake", "--event", str(write_event(tmp_path, world, render(ANSWERS))), root=market.root).code == 0
    [pull] = world.repositories[MARKET].pulls
    assert pull["head"].endswith(":intake/issue-1") and pull["author"] == BOT_LOGIN
    event = pull_event(tmp_path, pull["number"], "intake/issue-1")
    monkeypatch.setenv("GITHUB_TOKEN", REVIEW_TOKEN)

    def review(*reviews: tuple[str, str]) -> Run:
        pull["reviews"] = list(reviews)
        return devex("intake-review", "--event", str(event), root=market.root)

    return review


def test_a_buyer_of_the_department_other_than_the_requester_approves(intake):
    run = intake(("paul", "APPROVED"))
    assert run.code == 0, run.out + run.err
    assert "opportunities/esdc/ approved by @paul (@gc-devex/esdc-buyers)" in run.out


def test_the_requester_alone_cannot_approve_even_as_a_buyer_of_the_department(intake):
    run = intake(("marie", "APPROVED"))
    assert run.code == 1
    assert "from someone other than @marie, who filed the issue" in run.out
    assert "@marie (filed the issue)" in run.out


def test_an_outside_accounts_approval_does_not_count(intake):
    run = intake(("marie", "APPROVED"), ("mallory", "APPROVED"))
    assert run.code == 1
    assert "@mallory (not a code owner of opportunities/esdc/ with write access)" in run.out
    assert "code owners (@gc-devex/esdc-buyers)" in run.out


def test_the_automations_approval_does_not_count(intake):
    run = intake(("github-actions[bot]", "APPROVED"), (BOT_LOGIN, "APPROVED"), ("some-app[bot]", "APPROVED"))
    assert run.code == 1
    assert "@github-actions (is an automation)" in run.out and "@some-app[bot] (is an automation)" in run.out


def test_a_buyer_of_another_department_cannot_approve(intake):
    run = intake(("tina", "APPROVED"))
    assert run.code == 1 and "@tina (not a code owner of opportunities/esdc/" in run.out


def test_an_invitation_not_yet_accepted_does_not_count(intake):
    run = intake(("nadia", "APPROVED"))
    assert run.code == 1 and "@nadia (not a code owner" in run.out


def test_a_team_member_without_write_access_does_not_count(intake, world):
    grant(world, MARKET, "paul", "triage")  # GitHub ignores code owners who cannot write
    run = intake(("paul", "APPROVED"))
    assert run.code == 1 and "@paul (not a code owner of opportunities/esdc/ with write access)" in run.out


@pytest.mark.parametrize(
    ("reviews", "code"),
    [
        ((("paul", "APPROVED"), ("paul", "CHANGES_REQUESTED")), 1),
        ((("paul", "APPROVED"), ("paul", "DISMISSED")), 1),
        ((("paul", "APPROVED"), ("paul", "COMMENTED")), 0),
        ((("paul", "CHANGES_REQUESTED"), ("paul", "APPROVED")), 0),
    ],
)
def test_only_a_standing_approval_counts(intake, reviews, code):
    assert intake(*reviews).code == code


def test_the_account_that_opened_the_pull_request_cannot_approve_it(
    market, world, people, github_env, tmp_path, monkeypatch
):
    """With DEVEX_INTAKE_TOKEN the pull request is opened by a service account: never an approver, even
    if someone put it in the department's team."""
    world.tokens["intake-token"] = "devex-intake"
    add_team(world, ORG, "esdc-buyers", "devex-intake")
    grant(world, MARKET, "devex-intake", "write")
    monkeypatch.setenv("GITHUB_TOKEN", "intake-token")
    assert devex("intake", "--event", str(write_event(tmp_path, world, render(ANSWERS))), root=market.root).code == 0
    [pull] = world.repositories[MARKET].pulls
    assert pull["author"] == "devex-intake"
    pull["reviews"] = [("devex-intake", "APPROVED")]
    monkeypatch.setenv("GITHUB_TOKEN", REVIEW_TOKEN)
    run = devex(
        "intake-review", "--event", str(pull_event(tmp_path, pull["number"], "intake/issue-1")), root=market.root
    )
    assert run.code == 1 and "@devex-intake (opened the pull request)" in run.out


def set_owners(market, code: str, owners: list[str] | None) -> None:
    """Change the department's code owners in the checkout's settings (the base branch the workflow reads)."""
    path = market.root / "opportunities" / "marketplace.yaml"
    settings = yaml.safe_load(path.read_text("utf-8"))
    if owners is None:
        settings["departments"][code].pop("codeowners")
    else:
        settings["departments"][code]["codeowners"] = owners
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")


def test_a_user_named_as_code_owner_approves_as_himself(intake, market, world):
    set_owners(market, "esdc", ["@gc-devex/esdc-buyers", "@lea"])
    grant(world, MARKET, "lea", "write")
    run = intake(("lea", "APPROVED"))
    assert run.code == 0 and "approved by @lea (@lea)" in run.out


def test_a_department_without_code_owners_is_the_maintainers(intake, market):
    """As in the generated CODEOWNERS: the maintainers stand in for a department that lists nobody."""
    set_owners(market, "esdc", None)
    assert intake(("paul", "APPROVED")).code == 1
    run = intake(("max", "APPROVED"))
    assert run.code == 0 and "approved by @max (@gc-devex/maintainers)" in run.out


# ---------------------------------------------------------------- when GitHub will not say: fail closed


def test_github_token_cannot_read_team_membership_so_the_check_fails(intake, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", BOT_TOKEN)  # the workflow's fallback when DEVEX_REVIEW_TOKEN is unset
    run = intake(("paul", "APPROVED"))
    assert run.code == 1
    assert "cannot tell who may approve, so the check fails" in run.out
    assert "would not show the team @gc-devex/esdc-buyers (403 Resource not accessible by integration)" in run.out
    assert "DEVEX_REVIEW_TOKEN" in run.out and "Members: read" in run.out


def test_a_token_without_members_read_fails_closed(intake, world, monkeypatch):
    world.tokens["plain-token"] = "someone"  # a token that can read the repository and not the teams
    monkeypatch.setenv("GITHUB_TOKEN", "plain-token")
    run = intake(("paul", "APPROVED"))
    assert run.code == 1 and "would not show the team @gc-devex/esdc-buyers (404 Not Found)" in run.out


def test_a_team_that_does_not_exist_fails_closed(intake, market):
    set_owners(market, "esdc", ["@gc-devex/esdc-buyer"])
    run = intake(("paul", "APPROVED"))
    assert run.code == 1 and "check that the team exists, spelled as in opportunities/marketplace.yaml" in run.out


def test_a_github_outage_while_reading_membership_fails_closed(intake, world):
    world.fail(lambda request: "/memberships/" in request.path, status=502, times=99)
    run = intake(("paul", "APPROVED"))
    assert run.code == 1
    assert "cannot tell who may approve, so the check fails" in run.out and "after 4 attempts" in run.out


# ---------------------------------------------------------------- what is not an intake pull request


def test_a_pull_request_changing_no_department_folder_cannot_pass(market, world, people, github_env, tmp_path):
    world.add_issue(MARKET, "New opportunity: odd", "", "marie")  # issue #1
    state = world.repositories[MARKET]
    state.refs["refs/heads/intake/issue-1"] = "1" * 40
    state.files["intake/issue-1"] = {**state.files["main"], "README.md": "hello"}
    number = state.next_number()
    state.pulls.append(
        {"number": number, "title": "x", "body": "", "head": f"{ORG}:intake/issue-1", "base": "main"}
        | {"state": "open", "author": BOT_LOGIN, "merged": False, "created": world.now(), "reviews": []}
    )
    state.pulls[-1]["reviews"] = [("paul", "APPROVED")]
    run = devex("intake-review", "--event", str(pull_event(tmp_path, number, "intake/issue-1")), root=market.root)
    assert run.code == 1 and "changes no department folder (opportunities/<code>/)" in run.out


def test_other_pull_requests_are_not_intake_ones(market, world, github_env, tmp_path):
    run = devex("intake-review", "--event", str(pull_event(tmp_path, 7, "feature/x")), root=market.root)
    assert run.code == 0 and "nothing to check" in run.out and world.requests == []

"""The check that an intake pull request was approved by someone other than the person who filed the issue."""

from __future__ import annotations

import json

import pytest
from github_testkit import MARKET, devex
from test_intake import ANSWERS, render, write_event

from site_builder.github_sync.intake_review import verdict


@pytest.mark.parametrize(
    ("reviews", "passed"),
    [
        ([], False),
        ([("marie", "APPROVED")], False),
        ([("Marie", "APPROVED"), ("github-actions", "APPROVED"), ("github-actions[bot]", "APPROVED")], False),
        ([("paul", "APPROVED")], True),
        ([("paul", "APPROVED"), ("paul", "COMMENTED")], True),
        ([("paul", "APPROVED"), ("paul", "DISMISSED")], False),
        ([("paul", "CHANGES_REQUESTED"), ("paul", "APPROVED")], True),
        ([("paul", "APPROVED"), ("paul", "CHANGES_REQUESTED")], False),
    ],
)
def test_verdict(reviews, passed):
    assert verdict("marie", reviews)[0] is passed


def pull_event(tmp_path, number: int, branch: str):
    path = tmp_path / "pull.json"
    event = {
        "action": "submitted",
        "pull_request": {"number": number, "head": {"ref": branch}},
        "repository": {"full_name": MARKET},
    }
    path.write_text(json.dumps(event))
    return path


def test_the_issue_author_alone_cannot_approve_the_intake_pull_request(market, world, github_env, tmp_path):
    assert devex("intake", "--event", str(write_event(tmp_path, world, render(ANSWERS))), root=market.root).code == 0
    [pull] = world.repositories[MARKET].pulls
    event = pull_event(tmp_path, pull["number"], "intake/issue-1")

    pull["reviews"] = [("marie", "APPROVED")]
    alone = devex("intake-review", "--event", str(event))
    assert alone.code == 1 and "someone other than @marie, who filed the issue" in alone.out

    pull["reviews"].append(("paul", "APPROVED"))
    other = devex("intake-review", "--event", str(event))
    assert other.code == 0 and "approved by @paul" in other.out


def test_other_pull_requests_are_not_intake_ones(market, world, github_env, tmp_path):
    run = devex("intake-review", "--event", str(pull_event(tmp_path, 7, "feature/x")))
    assert run.code == 0 and "nothing to check" in run.out and world.requests == []

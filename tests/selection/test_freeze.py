"""`validate --base`: the evaluation is frozen once committed, and selection.yaml only grows by automation's
fields, in order; checked on a real Git repository holding the selection market."""

from __future__ import annotations

import subprocess

import yaml

from site_builder.validate import validate


def commit_all(root) -> None:
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
        if args[0] == "init" and (root / ".git").exists():
            continue
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, check=True)


def changes(root) -> list[str]:
    return [problem.format() for problem in validate(root, base="HEAD") if problem.rule == "change"]


def test_the_evaluation_may_change_before_the_commitment(market):
    market.evaluate()
    commit_all(market.root)
    market.evaluate({"alice-dev": "pass", "bob-codes": "fail"})
    assert changes(market.root) == []


def test_the_evaluation_is_frozen_once_committed(market):
    market.evaluate()
    market.commit()
    commit_all(market.root)
    evaluation = market.read("evaluation.yaml")
    evaluation["applicants"][1]["criteria"][0]["result"] = "fail"
    market.write("evaluation.yaml", evaluation)
    [message] = changes(market.root)
    assert "evaluation.yaml:2:1: evaluation.yaml is frozen once its commitment is recorded" in message


def test_a_pull_request_cannot_record_the_commitment(market):
    """Even a commitment whose chain holds: by hand it could be backdated before a round already published."""
    market.evaluate()
    commit_all(market.root)
    market.commit()
    market.draw()
    [message] = changes(market.root)
    assert "selection.yaml:2:1: selection.yaml is recorded by automation (`devex sync`)" in message


def test_automation_may_append_the_draw_to_the_commitment(market):
    market.evaluate()
    market.commit()
    commit_all(market.root)
    market.draw()
    assert changes(market.root) == []


def test_selection_yaml_is_never_edited_by_hand(market):
    market.evaluate()
    market.commit()
    commit_all(market.root)
    record = market.read("selection.yaml")
    for edited in ({**record, "round": record["round"] + 1}, {**record, "committed_at": "2026-10-16T19:00:00Z"}):
        market.write("selection.yaml", edited)
        [message] = changes(market.root)
        assert "selection.yaml:2:1: selection.yaml is written by automation only" in message


def test_a_drawn_record_cannot_be_redrawn_or_deleted(market):
    market.evaluate()
    market.commit()
    drawn = market.draw()
    commit_all(market.root)
    market.write("selection.yaml", {**drawn, "order": list(reversed(drawn["order"]))})
    assert any("written by automation only" in message for message in changes(market.root))
    (market.folder / "selection.yaml").unlink()
    assert any("selection.yaml cannot be deleted" in message for message in changes(market.root))
    assert yaml.safe_load((market.folder / "evaluation.yaml").read_text())["opportunity"] == "tbs-2026-001"

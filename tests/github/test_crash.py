"""A sync killed half way, an API that fails half way, and two syncs at once: files stay whole and valid,
and the next run finishes the job without a second discussion, comment, lock or close."""

from __future__ import annotations

import re

import pytest
import yaml
from github_standin import is_mutation
from github_testkit import AFTER, BEFORE, MARKET, cancelled, devex, devex_process, killed_after, moment

from site_builder.dump import set_fields
from site_builder.validate import load_marketplace

IDENT = "esdc-2026-001"


def post_and_bid(market, world) -> None:
    """The opportunity posted (and committed) with two on-time bids."""
    world.clock = moment(BEFORE)
    assert devex("sync", "--now", BEFORE, root=market.root).code == 0
    market.commit("posted")
    [discussion] = world.discussions(MARKET)
    world.comment(discussion, "alice", "Alice applies.", moment("2026-11-25T09:00:00-05:00"))
    world.comment(discussion, "bob", "Bob applies.", moment("2026-11-26T09:00:00-05:00"))
    world.clock = moment(AFTER)


def cancel(market, world) -> None:
    post_and_bid(market, world)
    set_fields(market.folder(IDENT) / "opportunity.yaml", cancelled("2026-12-04"))
    market.commit("cancel")


def markers(world) -> list[str]:
    [discussion] = world.discussions(MARKET)
    lines = [c.body.splitlines()[0] for c in discussion.comments if c.author == "github-actions"]
    return [re.sub(r" [0-9a-f]{64} -->$", " -->", line) for line in lines]  # without the signature


CASES = {
    "createDiscussion": (lambda market, world: None, BEFORE),
    "lockLockable": (post_and_bid, AFTER),
    "addDiscussionComment": (post_and_bid, AFTER),
    "closeDiscussion": (cancel, AFTER),
}


@pytest.mark.parametrize("mutation", list(CASES))
def test_killed_after_github_applied_a_mutation_the_rerun_finishes_without_repeating_it(
    market, world, github_env, mutation
):
    prepare, now = CASES[mutation]
    prepare(market, world)
    before = len(world.applied(mutation))
    killed_after(world, market.root, github_env, mutation, now)

    load_marketplace(market.root)  # every file whole and valid, whatever the moment of death
    rerun = devex("sync", "--now", now, root=market.root)
    assert rerun.code == 0, rerun.err
    assert len(world.applied(mutation)) == before + 1
    assert len(world.discussions(MARKET)) == 1
    [discussion] = world.discussions(MARKET)
    data = load_marketplace(market.root).by_id()[IDENT].data
    assert data["discussion"] == discussion.url
    assert len(markers(world)) == len(set(markers(world))), "a marked comment was posted twice"
    if now == AFTER and mutation != "closeDiscussion":
        assert data["status"] == "closed" and discussion.locked
        assert markers(world) == [f"<!-- devex:closing {IDENT} -->"]
        bids = yaml.safe_load((market.folder(IDENT) / "bids.yaml").read_text())
        assert [b["author"] for b in bids["bids"]] == ["alice", "bob"]
    if mutation == "closeDiscussion":
        assert markers(world) == [f"<!-- devex:cancelled {IDENT} -->"]
        assert discussion.closed and discussion.state_reason == "OUTDATED"
    assert "nothing to do" in devex("sync", "--now", now, root=market.root).out


def test_an_api_failing_half_way_leaves_valid_files_and_the_next_run_finishes(market, world, github_env):
    post_and_bid(market, world)
    fault = world.fail(is_mutation("addDiscussionComment"), times=100, status=500)
    failed = devex("sync", "--now", AFTER, root=market.root)
    assert failed.code == 1
    assert "posting the closing comment of esdc-2026-001 failed after 4 attempts" in failed.err
    assert "Traceback" not in failed.err
    opp = load_marketplace(market.root).by_id()[IDENT]
    assert opp.status == "closed" and opp.bids is not None and len(opp.bids["bids"]) == 2
    fault.times = 0
    rerun = devex("sync", "--now", AFTER, root=market.root)
    assert rerun.code == 0, rerun.err
    assert "lock" not in rerun.out.split("Plan", 1)[1].split("done")[0]
    assert len(world.applied("lockLockable")) == 1
    assert markers(world) == [f"<!-- devex:closing {IDENT} -->"]


def test_two_syncs_at_once_post_one_discussion(market, world, github_env):
    world.fail(is_mutation("createDiscussion"), kind="slow", delay=0.5)
    processes = [devex_process(["sync", "--now", BEFORE], market.root, github_env) for _ in range(2)]
    outputs = [process.communicate(timeout=60) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    assert len(world.mutations("createDiscussion")) == 1
    assert len(world.discussions(MARKET)) == 1
    plans = sorted(out for out, _ in outputs)
    assert "nothing to do" in plans[1] or "nothing to do" in plans[0]
    assert world.discussions(MARKET)[0].url in (market.folder(IDENT) / "opportunity.yaml").read_text()

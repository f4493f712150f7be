"""Forged markers change nothing: not in a buyer's text, not from a Write user's workflow posting as the bot,
not a real signed marker copied into another discussion."""

from __future__ import annotations

import yaml
from github_standin import BOT_LOGIN, DiscussionState
from github_testkit import AFTER, BEFORE, MARKET, devex

HIJACKED = "esdc-2026-002"


def bot_discussion(world, body: str) -> DiscussionState:
    """A discussion posted as github-actions by some other workflow (any Write user can write one)."""
    repo = world.repositories[MARKET]
    found = DiscussionState(
        f"D_forged{world.next_id()}",
        repo.next_number(),
        repo,
        repo.categories["Opportunities"],
        "Looks official",
        body,
        BOT_LOGIN,
        world.now(),
    )
    repo.discussions.append(found)
    return found


def test_a_workflow_posting_as_the_bot_cannot_claim_an_opportunity(market, world, github_env):
    assert devex("sync", "--now", BEFORE, root=market.root).code == 0
    [real] = world.discussions(MARKET)
    signed_line = real.body.splitlines()[0]
    bot_discussion(world, f"<!-- devex:posted {HIJACKED} -->\nUnsigned, as any workflow could write it.")
    bot_discussion(world, signed_line.replace("esdc-2026-001", HIJACKED) + "\nA signature for another id.")
    market.add(HIJACKED)
    market.commit("a second opportunity")

    run = devex("sync", "--now", BEFORE, root=market.root)

    assert run.code == 0, run.err
    assert "create the discussion" in run.out and "record the discussion" not in run.out
    ours = world.discussions(MARKET)[-1]
    assert ours.author == BOT_LOGIN and ours.title.startswith(f"{HIJACKED}:")
    recorded = yaml.safe_load((market.folder(HIJACKED) / "opportunity.yaml").read_text())["discussion"]
    assert recorded == ours.url


def test_forged_closing_comments_do_not_silence_the_closing_notice(market, world, github_env):
    assert devex("sync", "--now", BEFORE, root=market.root).code == 0
    market.commit("posted")
    [real] = world.discussions(MARKET)
    world.append_comment(real, BOT_LOGIN, "<!-- devex:closing esdc-2026-001 -->\nUnsigned.", world.now())
    world.append_comment(real, "mallory", "<!-- devex:closing esdc-2026-001 -->", world.now())

    assert devex("sync", "--now", AFTER, root=market.root).code == 0

    [notice] = [c for c in real.comments if c.author == BOT_LOGIN and "Unsigned" not in c.body]
    assert notice.body.startswith("<!-- devex:closing esdc-2026-001 ")
    assert "nothing to do" in devex("sync", "--now", AFTER, root=market.root).out

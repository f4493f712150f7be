"""Forged markers change nothing: not in a buyer's text, not from a Write user's workflow posting as the bot,
not a real signed marker copied into another discussion."""

from __future__ import annotations

import re

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


def test_a_teaser_holding_a_marker_is_refused_and_never_reaches_a_discussion(market, world, github_env):
    teaser = {"en": "Fast fix. <!-- devex:posted tbs-2026-001 -->", "fr": "Correctif rapide."}
    market.add(HIJACKED, teaser=teaser)
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 1
    assert f"opportunities/esdc/{HIJACKED}/opportunity.yaml:" in run.out and "`<!-- devex`" in run.out
    [posted] = world.discussions(MARKET)  # the other opportunity only
    assert posted.title.startswith("esdc-2026-001: ") and HIJACKED not in posted.body
    [report] = world.issues(MARKET).values()  # the quoted marker is escaped: only the report's own opens it
    assert report["body"].count("<!--") == 1 and "&lt;!-- devex" in report["body"]
    check = devex("validate", root=market.root)
    path = market.folder(HIJACKED) / "opportunity.yaml"
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "Fast fix." in text)
    assert check.code == 1
    assert re.search(
        rf"esdc/{HIJACKED}/opportunity.yaml:{line}:\d+: contains `<!-- devex` \(line 1 of the text\)", check.out
    )

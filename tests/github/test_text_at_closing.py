"""The text as it stood at closing (issue 22, finding 3), against the stand-in GitHub's edit histories
(`userContentEdits`): the archive keeps each comment's latest revision written before closing and decides its
kind on it, names every edit, flags an edit by someone other than the author and a history that cannot show
the text at closing; the validator re-derives the kind from that text."""

from __future__ import annotations

import yaml
from github_standin import BOT_LOGIN, grant
from github_testkit import AFTER, MARKET, devex, moment, posted

from site_builder.dump import write_yaml
from site_builder.validate import validate

IDENT = "esdc-2026-001"
APPLY = "Application / Candidature\n\n"


def close(market, world):
    world.clock = moment(AFTER)
    return devex("sync", "--now", AFTER, root=market.root)


def archived(market) -> tuple[dict, dict[str, dict], dict[str, str]]:
    """bids.yaml, its entries by author, and each author's archived text."""
    folder = market.folder(IDENT)
    index = yaml.safe_load((folder / "bids.yaml").read_text("utf-8"))
    entries = {entry["author"]: entry for entry in index["bids"]}
    texts = {entry["author"]: (folder / entry["file"]).read_text("utf-8") for entry in index["bids"]}
    return index, entries, texts


def closing_comment(discussion):
    return next(c for c in discussion.comments if c.author == BOT_LOGIN and c.body.startswith("<!-- devex:closing "))


def test_a_question_edited_after_closing_to_start_with_the_line_stays_a_question(market, world, github_env):
    discussion = posted(market, world)
    gina = world.comment(discussion, "gina", "Is remote work fine?\n", moment("2026-11-30T09:00:00-05:00"))
    hank = world.comment(discussion, "hank", f"{APPLY}Hank applies.", moment("2026-11-30T10:00:00-05:00"))
    world.edit(gina, f"{APPLY}Gina applies after all.", moment("2026-12-04T14:07:00-05:00"))  # 7 minutes late
    world.edit(hank, "Never mind: a question instead.", moment("2026-12-04T14:08:00-05:00"))

    run = close(market, world)

    assert run.code == 0, run.err
    _, bids, texts = archived(market)
    assert texts["gina"] == "Is remote work fine?\n" and bids["gina"]["kind"] == "question"
    assert bids["gina"]["edited_after_closing"] is True and bids["gina"]["late"] is False
    assert bids["gina"]["edits"] == [{"by": "gina", "at": "2026-12-04T19:07:00Z"}]
    assert bids["gina"]["text_at"] == gina.created and bids["gina"]["updated"] == "2026-12-04T19:07:00Z"
    assert "receipt" not in bids["gina"] and "edited_by_others" not in bids["gina"]
    assert "history_incomplete" not in bids["gina"]
    # the other way round too: an application at closing stays one, with its receipt of the text at closing
    assert texts["hank"] == f"{APPLY}Hank applies." and bids["hank"]["kind"] == "application"
    [receipt] = [c for c in discussion.comments if c.author == BOT_LOGIN and c.reply_to is hank]
    assert bids["hank"]["receipt"] == receipt.url and f"`{bids['hank']['sha256']}`" in receipt.body
    assert "1 application(s) arrived on time and 0 late" in closing_comment(discussion).body
    assert validate(market.root) == []
    assert "nothing to do" in close(market, world).out


def test_an_application_edited_by_a_team_member_is_archived_with_the_edit_and_flagged(market, world, github_env):
    discussion = posted(market, world)
    grant(world, MARKET, "marie-gc", "write")
    alice = world.comment(discussion, "alice", f"{APPLY}Links: https://a.example", moment("2026-11-30T09:00:00-05:00"))
    world.edit(alice, f"{APPLY}Links: https://b.example", moment("2026-12-03T10:00:00-05:00"), editor="marie-gc")

    run = close(market, world)

    assert run.code == 1  # done, but a person must look
    assert f"ATTENTION {IDENT}: The comment {alice.url} by @alice was edited by someone other than its author" in (
        run.out
    )
    assert f"devex sync: {IDENT}: The comment {alice.url} by @alice was edited" in run.err and "@marie-gc" in run.err
    _, bids, texts = archived(market)
    assert texts["alice"] == f"{APPLY}Links: https://b.example" and bids["alice"]["kind"] == "application"
    assert bids["alice"]["edits"] == [{"by": "marie-gc", "at": "2026-12-03T15:00:00Z"}]
    assert bids["alice"]["edited_by_others"] is True and bids["alice"]["text_at"] == "2026-12-03T15:00:00Z"
    notice = closing_comment(discussion).body
    assert "was edited by someone other than its author: @marie-gc (December 3, 2026, 10:00 a.m. EST" in notice
    assert "a été modifié par une autre personne que son auteur : @marie-gc (3 décembre 2026 à 10 h 00 HNE" in notice
    assert validate(market.root) == []
    again = close(market, world)
    assert again.code == 0 and "nothing to do" in again.out, again.out


def test_a_long_history_is_read_page_by_page(market, world, github_env):
    discussion = posted(market, world)
    ivan = world.comment(discussion, "ivan", "draft 0", moment("2026-11-22T09:00:00-05:00"))
    for n in range(1, 150):
        world.edit(ivan, f"draft {n}", moment("2026-11-23T00:00:00-05:00").replace(minute=n % 60, hour=n // 60))
    world.edit(ivan, f"{APPLY}Final.", moment("2026-12-04T13:00:00-05:00"))
    world.edit(ivan, "draft after closing", moment("2026-12-04T14:01:00-05:00"))

    run = close(market, world)

    assert run.code == 0, run.err
    _, bids, texts = archived(market)
    assert texts["ivan"] == f"{APPLY}Final." and bids["ivan"]["kind"] == "application"
    assert len(bids["ivan"]["edits"]) == 151 and "history_incomplete" not in bids["ivan"]
    pages = [r for r in world.requests if r.kind == "query" and "DevexEdits" in str(r.body)]
    # two pages of 100, read for the plan (the receipts name the text at closing), then again for the archive
    assert [bool(r.variables.get("after")) for r in pages] == [False, True] * 2


def test_a_history_that_cannot_show_the_text_at_closing_is_flagged_and_never_makes_an_application(
    market, world, github_env
):
    discussion = posted(market, world)
    jay = world.comment(discussion, "jay", "What is the budget?\n", moment("2026-11-30T09:00:00-05:00"))
    world.edit(jay, f"{APPLY}Jay applies.", moment("2026-12-04T14:03:00-05:00"))
    world.delete_revision(jay, 0, moment("2026-12-04T14:04:00-05:00"))  # the text at closing is gone
    kim = world.comment(discussion, "kim", "Is Java fine?\n", moment("2026-11-30T10:00:00-05:00"))
    world.edit(kim, f"{APPLY}Kim applies.", moment("2026-12-01T10:00:00-05:00"))
    world.edit(kim, f"{APPLY}Kim, edited late.", moment("2026-12-04T14:05:00-05:00"))
    world.delete_revision(kim, 1, moment("2026-12-04T14:06:00-05:00"))

    run = close(market, world)

    assert run.code == 1
    assert f"devex sync: {IDENT}: GitHub's edit history of the comment {jay.url} by @jay does not show" in run.err
    index, bids, texts = archived(market)
    # nothing from before closing is left: the oldest text known, written after closing, is no application
    assert texts["jay"] == f"{APPLY}Jay applies." and bids["jay"]["kind"] == "question"
    assert bids["jay"]["history_incomplete"] is True and bids["jay"]["text_at"] == "2026-12-04T19:03:00Z"
    # the latest text still known from before closing
    assert texts["kim"] == "Is Java fine?\n" and bids["kim"]["kind"] == "question"
    assert bids["kim"]["history_incomplete"] is True and bids["kim"]["text_at"] == kim.created
    assert "(`history_incomplete`)" in closing_comment(discussion).body
    assert validate(market.root) == []

    # the validator re-derives the kind from the archived text and when it was written
    index["bids"][[e["author"] for e in index["bids"]].index("jay")]["kind"] = "application"
    write_yaml(market.folder(IDENT) / "bids.yaml", index, "../../../schema/bids.schema.json")
    problems = [problem.message for problem in validate(market.root)]
    assert any(
        "`kind` is application, but the comment's text, reply and author make it question" in p for p in problems
    )

"""The whole life of one opportunity against the stand-in GitHub, in a Git checkout with a bare remote:
post, comments (one late, one edited after closing), close, applicants, draw, award, announce, deliver,
accept, pay. Every file written and every mutation sent is checked; each sync is run twice."""

from __future__ import annotations

import hashlib

import yaml
from github_standin import BOT_LOGIN
from github_testkit import AFTER, BEFORE, MARKET, WORK, commit_state, devex, git, moment

from site_builder.draw import bids_digest, body_digest
from site_builder.dump import set_fields
from site_builder.validate import load_marketplace, validate

IDENT = "esdc-2026-001"


def remote_file(market, name: str) -> str:
    return git(market.remote, "show", f"main:opportunities/esdc/{IDENT}/{name}")


def sync_twice(market, world, now: str) -> str:
    """One sync and its commit, then a second sync that must change nothing."""
    world.clock = moment(now)
    run = devex("sync", "--now", now, root=market.root)
    assert run.code == 0, run.err
    pushed = commit_state(market.root)
    assert pushed.returncode == 0, pushed.stderr
    before = len(world.mutations())
    again = devex("sync", "--now", now, root=market.root)
    assert again.code == 0 and "nothing to do" in again.out, again.out
    assert len(world.mutations()) == before
    assert "nothing changed" in commit_state(market.root).stdout
    return run.out


def test_the_whole_life_of_an_opportunity(market, world, github_env):
    for login, created in (("alice", "2015-03-01T12:00:00Z"), ("bob", "2026-11-01T12:00:00Z")):
        world.add_user(
            login, created, public_repos=12 if login == "alice" else 0, followers=30 if login == "alice" else 0
        )
    world.add_user("carol", "2020-06-15T08:00:00Z", public_repos=4, followers=2)
    world.add_user("dave", "2019-01-01T00:00:00Z")
    work = world.repositories[WORK]
    work.commits += [
        {"author": "alice", "date": "2025-01-10T10:00:00Z"},
        {"author": "alice", "date": "2026-02-10T10:00:00Z"},
        {"author": "alice", "date": "2026-12-10T10:00:00Z"},  # after closing: not an earlier contribution
        {"author": "carol", "date": "2026-03-01T10:00:00Z"},
    ]
    work.pulls += [
        {
            "number": 7,
            "title": "a11y",
            "author": "alice",
            "merged": True,
            "created": "2025-01-09T10:00:00Z",
            "state": "closed",
            "head": None,
        },
        {
            "number": 8,
            "title": "wip",
            "author": "carol",
            "merged": False,
            "created": "2026-03-01T10:00:00Z",
            "state": "closed",
            "head": None,
        },
    ]

    # 1. posted: the discussion is created and its URL recorded, committed and pushed to main
    out = sync_twice(market, world, BEFORE)
    assert "create the discussion" in out
    [discussion] = world.discussions(MARKET)
    assert f'discussion: "{discussion.url}"' in remote_file(market, "opportunity.yaml")
    assert git(market.remote, "log", "-1", "--format=%an%n%s", "main").splitlines() == [
        "github-actions[bot]",
        f"devex sync: {IDENT}",
    ]

    # 2. applicants comment; one edits after closing, one is late; a reply counts too
    alice = world.comment(discussion, "alice", "I apply. Tests with Playwright.", moment("2026-11-25T09:00:00-05:00"))
    bob = world.comment(discussion, "bob", "Bob applies.", moment("2026-12-01T09:00:00-05:00"))
    carol = world.comment(discussion, "carol", "Carol applies", moment("2026-12-03T09:00:00-05:00"))
    world.edit(carol, "Carol applies, with jest tests.", moment("2026-12-03T12:00:00-05:00"))
    world.comment(discussion, "alice", "Also: I know axe.", moment("2026-12-02T09:00:00-05:00"), reply_to=alice)
    live = devex("applicants", IDENT, "--now", "2026-12-03T13:00:00-05:00", root=market.root)
    assert live.code == 0, live.err
    assert "| @alice | 2 | 2026-11-25T14:00:00Z | yes | no | 2015-03-01 |" in live.out
    world.clock = moment("2026-12-04T14:02:00-05:00")
    world.comment(discussion, "dave", "Dave, a bit late.")
    world.edit(bob, "Bob applies (edited).", moment("2026-12-04T14:05:00-05:00"))

    # 3. closing: lock, status closed, bids.yaml, closing comment; then nobody else may comment
    mutations_before = len(world.mutations())
    out = sync_twice(market, world, AFTER)
    sent = [r.operations[0] for r in world.mutations()[mutations_before:]]
    assert sent == ["lockLockable", "addDiscussionComment"]
    assert discussion.locked
    assert yaml.safe_load(remote_file(market, "opportunity.yaml"))["status"] == "closed"
    bids = yaml.safe_load(remote_file(market, "bids.yaml"))
    assert [(b["author"], b["late"], b["edited_after_closing"]) for b in bids["bids"]] == [
        ("alice", False, False),
        ("bob", False, True),
        ("alice", False, False),
        ("carol", False, False),
        ("dave", True, False),
    ]
    assert bids["opportunity"] == IDENT and bids["discussion"] == discussion.url
    assert bids["closing"] == "2026-12-04T14:00:00-05:00" and bids["taken"] == "2026-12-04T14:10:00-05:00"
    carol_bid = bids["bids"][3]
    assert carol_bid["body"] == "Carol applies, with jest tests." and carol_bid["updated"] == "2026-12-03T17:00:00Z"
    assert carol_bid["sha256"] == body_digest("Carol applies, with jest tests.")
    assert bids["bids"][1]["body"] == "Bob applies (edited)." and bids["bids"][1]["updated"] == "2026-12-04T19:05:00Z"
    assert bids["digest"] == bids_digest(bids["bids"])
    closing_comment = discussion.comments[-1]
    assert closing_comment.author == BOT_LOGIN
    assert closing_comment.body.startswith(f"<!-- devex:closing {IDENT} -->")
    assert "4 application(s) arrived on time and 1 late" in closing_comment.body
    assert bids["digest"] in closing_comment.body
    assert load_marketplace(market.root).by_id()[IDENT].status == "closed"

    # 4. the buyer's table: on time or late, edited, and GitHub's facts (REST)
    table = devex("applicants", IDENT, root=market.root)
    assert table.code == 0, table.err
    rows = {line.split(" | ")[0].strip("| "): line for line in table.out.splitlines() if line.startswith("| @")}
    assert rows[
        "@alice"
    ] == "| @alice | 2 | 2025-11-25T14:00:00Z | yes | no | 2015-03-01 | 4296 | 12 | 30 | 2 | 1 |".replace(
        "2025-11-25", "2026-11-25"
    )
    assert rows["@bob"].startswith(
        "| @bob | 1 | 2026-12-01T14:00:00Z | yes | after closing | 2026-11-01 | 33 | 0 | 0 | 0 | 0 |"
    )
    assert rows["@carol"].endswith("| yes | yes | 2020-06-15 | 2363 | 4 | 2 | 1 | 0 |")
    assert " LATE " in rows["@dave"]
    commit_queries = [r for r in world.requests if r.path == f"/repos/{WORK}/commits"]
    assert {r.query["author"][0] for r in commit_queries} == {"alice", "bob", "carol", "dave"}
    assert {r.query["until"][0] for r in commit_queries} == {"2026-12-04T19:00:00Z"}

    # 5. the draw: reproducible from bids.yaml, written as a valid draft award with status awarded
    drawn = devex(
        "draw",
        IDENT,
        "--qualified",
        "alice,bob,carol",
        "--name",
        "Alice Dev Inc.",
        "--awarded",
        "2026-12-07",
        root=market.root,
    )
    assert drawn.code == 0, drawn.err
    # the published rule, by hand: logins sorted by sha256("<seed>:<login>")
    order = sorted(
        ["alice", "bob", "carol"], key=lambda login: hashlib.sha256(f"{bids['digest']}:{login}".encode()).digest()
    )
    award = yaml.safe_load((market.folder(IDENT) / "award.yaml").read_text())
    assert award == {
        "opportunity": IDENT,
        "supplier": {"github": order[0], "name": "Alice Dev Inc."},
        "amount": 4500,
        "awarded": "2026-12-07",
        "selection": {
            "method": "random-draw",
            "qualified": ["alice", "bob", "carol"],
            "seed": bids["digest"],
            "order": order,
        },
    }
    assert bids["digest"] in drawn.out and "default: amount is the opportunity's value, 4500" in drawn.out
    assert validate(market.root, base="HEAD") == []
    market.commit("Award esdc-2026-001")

    # 6. announced once, discussion closed as resolved
    mutations_before = len(world.mutations())
    sync_twice(market, world, "2026-12-07T10:00:00-05:00")
    sent = [r.operations[0] for r in world.mutations()[mutations_before:]]
    assert sent == ["addDiscussionComment", "closeDiscussion"]
    announcement = discussion.comments[-1]
    assert announcement.body.startswith(f"<!-- devex:award {IDENT} -->")
    assert f"Awarded to @{order[0]} (Alice Dev Inc.) for $4,500 CAD" in announcement.body
    assert discussion.closed and discussion.state_reason == "RESOLVED"
    assert world.mutations("closeDiscussion")[0].variables["input"]["reason"] == "RESOLVED"

    # 7. delivered, accepted, paid: each step a valid change; nothing more is said on GitHub
    award_file = market.folder(IDENT) / "award.yaml"
    for values in (
        {"work": f"https://github.com/{WORK}/pull/9", "delivered": "2026-12-18"},
        {"accepted": "2026-12-19"},
        {"paid": "2026-12-22"},
    ):
        set_fields(award_file, values)
        if "accepted" in values:
            set_fields(market.folder(IDENT) / "opportunity.yaml", {"status": "completed"})
        assert validate(market.root, base="HEAD") == []
        market.commit(f"{IDENT}: {', '.join(values)}")
        mutations_before = len(world.mutations())
        sync_twice(market, world, "2026-12-22T10:00:00-05:00")
        assert len(world.mutations()) == mutations_before
    final = yaml.safe_load(remote_file(market, "award.yaml"))
    assert (final["delivered"], final["accepted"], final["paid"]) == ("2026-12-18", "2026-12-19", "2026-12-22")
    assert yaml.safe_load(remote_file(market, "opportunity.yaml"))["status"] == "completed"
    assert [r.operations[0] for r in world.mutations()] == [
        "createDiscussion",
        "lockLockable",
        "addDiscussionComment",
        "addDiscussionComment",
        "closeDiscussion",
    ]
    assert len(world.discussions(MARKET)) == 1

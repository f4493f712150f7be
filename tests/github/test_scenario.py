"""The whole life of one opportunity against the stand-in GitHub and the stand-in drand relay, in a Git
checkout with a bare remote: post, applications and questions (one late, one edited after closing), close,
applicants, evaluation, commitment announced, round not yet (425), round fetched and verified, draw, award
draft, `devex verify`, the offer announced, the supplier's answer recorded, deliver, accept, pay. Every file
written and every mutation sent is checked; each sync that should settle is run twice."""

from __future__ import annotations

import hashlib
import sys
from datetime import timedelta
from pathlib import Path

import yaml
from github_standin import BOT_LOGIN
from github_testkit import AFTER, BEFORE, MARKET, WORK, commit_state, devex, git, moment, opportunity

from site_builder import archive
from site_builder.canonical import sha256_hex
from site_builder.dump import set_fields, write_yaml
from site_builder.selection.beacon import round_time
from site_builder.selection.order import ranked_order, seed
from site_builder.validate import load_marketplace, validate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "selection"))
from beacon_standin import BeaconStandin, sign

IDENT = "esdc-2026-001"
APPLY = "Application / Candidature\n"


def use_relay(market, relay: BeaconStandin) -> None:
    """Point the marketplace's beacon settings at the stand-in relay, as a commit on main."""
    path = market.root / "opportunities" / "marketplace.yaml"
    text = path.read_text("utf-8")
    beacon = relay.settings_data()
    path.write_text(text[: text.index("beacon:")] + yaml.safe_dump({"beacon": beacon}, sort_keys=False), "utf-8")
    market.commit("Use the stand-in beacon")


def evaluation(results: dict[str, str], criteria: int) -> dict:
    """The buyer's evaluation: pass or fail on each of the opportunity's criteria, reasons in both languages."""
    return {
        "opportunity": IDENT,
        "applicants": [
            {
                "login": login,
                "criteria": [
                    {
                        "criterion": number,
                        "result": result,
                        "reason": {"en": f"{login}: {result}", "fr": f"{login} : {result}"},
                    }
                    for number in range(1, criteria + 1)
                ],
            }
            for login, result in results.items()
        ],
    }


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
    with BeaconStandin() as relay:
        whole_life(market, world, relay)


def whole_life(market, world, relay):
    use_relay(market, relay)
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
    alice = world.comment(discussion, "alice", f"{APPLY}Tests with Playwright.", moment("2026-11-25T09:00:00-05:00"))
    bob = world.comment(discussion, "bob", f"{APPLY}Bob applies.", moment("2026-12-01T09:00:00-05:00"))
    carol = world.comment(discussion, "carol", "Carol applies", moment("2026-12-03T09:00:00-05:00"))
    world.edit(carol, f"{APPLY}Carol applies, with jest tests.", moment("2026-12-03T12:00:00-05:00"))
    world.comment(discussion, "alice", "Also: I know axe.", moment("2026-12-02T09:00:00-05:00"), reply_to=alice)
    live = devex("applicants", IDENT, "--now", "2026-12-03T13:00:00-05:00", root=market.root)
    assert live.code == 0, live.err
    assert "| @alice | 2 | 2026-11-25T14:00:00Z | yes | no | 2015-03-01 |" in live.out
    world.clock = moment("2026-12-04T14:02:00-05:00")
    world.comment(discussion, "dave", f"{APPLY}Dave, a bit late.")
    world.edit(bob, f"{APPLY}Bob applies (edited).", moment("2026-12-04T14:05:00-05:00"))

    # 3. closing: lock, status closed, bids.yaml, closing comment; then nobody else may comment
    mutations_before = len(world.mutations())
    out = sync_twice(market, world, AFTER)
    sent = [r.operations[0] for r in world.mutations()[mutations_before:]]
    assert sent == ["lockLockable"] + ["addDiscussionComment"] * 4  # three receipts, then the closing comment
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
    assert remote_file(market, carol_bid["file"]) == f"{APPLY}Carol applies, with jest tests."
    assert carol_bid["updated"] == "2026-12-03T17:00:00Z"
    assert carol_bid["sha256"] == hashlib.sha256(f"{APPLY}Carol applies, with jest tests.".encode()).hexdigest()
    # bob's edit came after closing: the archive keeps his text as it stood at closing, names the edit
    assert remote_file(market, bids["bids"][1]["file"]) == f"{APPLY}Bob applies."
    assert bids["bids"][1]["edits"] == [{"by": "bob", "at": "2026-12-04T19:05:00Z"}]
    assert bids["bids"][1]["text_at"] == "2026-12-01T14:00:00Z"
    receipts = {c.reply_to.id: c for c in discussion.comments if c.author == BOT_LOGIN and c.reply_to}
    for entry in bids["bids"]:
        if entry["kind"] == "application" and not entry["late"]:
            assert entry["receipt"] == receipts[entry["comment"]].url
            assert entry["sha256"] in receipts[entry["comment"]].body
        else:
            assert "receipt" not in entry
    kinds = ["application", "application", "question", "application", "application"]
    assert [b["kind"] for b in bids["bids"]] == kinds
    assert bids["bids"][1]["updated"] == "2026-12-04T19:05:00Z"
    assert [b["reply_to"] for b in bids["bids"]] == [None, None, bids["bids"][0]["comment"], None, None]
    texts = {b["file"]: remote_file(market, b["file"]).encode() for b in bids["bids"]}
    legacy = [{**b, "body": texts[b["file"]].decode()} for b in bids["bids"]]
    assert bids["digest"] == sha256_hex([{key: b[key] for key in archive.DIGESTED} for b in legacy])
    closing_comment = discussion.comments[-1]
    assert closing_comment.author == BOT_LOGIN
    assert closing_comment.body.startswith(f"<!-- devex:closing {IDENT} ")
    assert "3 application(s) arrived on time and 1 late" in closing_comment.body
    assert bids["digest"] in closing_comment.body
    assert load_marketplace(market.root).by_id()[IDENT].status == "closed"

    # 4. the buyer's table: on time or late, edited, and GitHub's facts (REST)
    table = devex("applicants", IDENT, root=market.root)
    assert table.code == 0, table.err
    rows = {line.split(" | ")[0].strip("| "): line for line in table.out.splitlines() if line.startswith("| @")}
    assert (
        rows["@alice"] == "| @alice | 2 | 2026-11-25T14:00:00Z | yes | no | 2015-03-01 | 4296 | 12 | 30 | 2 | 1 | "
        "public: bids/0001.md |"
    )
    assert rows["@bob"].startswith(
        "| @bob | 1 | 2026-12-01T14:00:00Z | yes | after closing | 2026-11-01 | 33 | 0 | 0 | 0 | 0 |"
    )
    assert rows["@carol"].endswith("| yes | yes | 2020-06-15 | 2363 | 4 | 2 | 1 | 0 | public: bids/0004.md |")
    assert " LATE " in rows["@dave"]
    commit_queries = [r for r in world.requests if r.path == f"/repos/{WORK}/commits"]
    assert {r.query["author"][0] for r in commit_queries} == {"alice", "bob", "carol", "dave"}
    assert {r.query["until"][0] for r in commit_queries} == {"2026-12-04T19:00:00Z"}

    # 5. the buyer's evaluation lands on main; sync commits to it and announces the round once
    write_yaml(
        market.folder(IDENT) / "evaluation.yaml",
        evaluation(
            {"alice": "pass", "bob": "pass", "carol": "fail"}, len(opportunity(IDENT)["evaluation_criteria"]["en"])
        ),
        "../../../schema/evaluation.schema.json",
    )
    assert validate(market.root, base="HEAD") == []
    market.commit("Evaluate esdc-2026-001")
    mutations_before = len(world.mutations())
    out = sync_twice(market, world, "2026-12-05T10:00:00-05:00")
    assert "record the commitment" in out and "post the selection comment" in out
    record = yaml.safe_load(remote_file(market, "selection.yaml"))
    assert record["committed_at"] == "2026-12-05T15:00:00Z" and "signature" not in record
    due = round_time(record["round"], relay.settings())
    assert due.isoformat() >= "2026-12-05T15:15:00"
    [announced] = [r for r in world.mutations()[mutations_before:]]
    assert announced.operations[0] == "addDiscussionComment"
    announcement = discussion.comments[-1]
    assert announcement.body.startswith(f"<!-- devex:selection {IDENT} ")
    for fact in (record["commitment"], record["evaluation_digest"], f"round **{record['round']}**", "/selection/"):
        assert fact in announcement.body
    assert "frozen" in announcement.body and "figée" in announcement.body
    assert devex("verify", IDENT, root=market.root).out.endswith(f"waiting for round {record['round']} of the beacon\n")
    early = devex("draw", IDENT, "--now", "2026-12-05T10:05:00-05:00", root=market.root)
    assert early.code == 1 and f"round {record['round']} of the beacon does not exist yet" in early.err

    # 6. the round's time has come by our clock, but the relay says 425: nothing is drawn, nothing fails
    later = (due + timedelta(seconds=60)).isoformat()
    relay.now = due - timedelta(seconds=5)  # the relay has not produced the round yet
    world.clock = moment(later)
    run = devex("sync", "--now", later, root=market.root)
    assert run.code == 0, run.err
    assert f"later {IDENT}:" in run.out and "not produced yet" in run.out and "425" in run.out
    assert "signature" not in yaml.safe_load(market.read(IDENT, "selection.yaml"))
    assert not (market.folder(IDENT) / "award.yaml").exists()

    # 7. a later run: the round is out; fetched, verified, drawn, and the award drafted for the first in order
    relay.now = due + timedelta(seconds=30)
    run = devex("sync", "--now", later, root=market.root)
    assert run.code == 0, run.err
    drawn = yaml.safe_load(market.read(IDENT, "selection.yaml"))
    assert drawn["signature"] == sign(relay.secret, record["round"])
    randomness = bytes.fromhex(drawn["randomness"])
    assert drawn["seed"] == seed(record["commitment"], randomness)
    order = ranked_order(drawn["seed"], ["alice", "bob"])
    assert drawn["order"] == order
    award = yaml.safe_load(market.read(IDENT, "award.yaml"))
    assert award["supplier"] == {"github": order[0], "name": order[0]}
    assert award["selection"] == {
        "method": "random-draw",
        "qualified": ["alice", "bob"],
        "seed": drawn["seed"],
        "order": order,
    }
    assert yaml.safe_load(market.read(IDENT))["status"] == "awarded"
    assert f"default supplier.name is the GitHub login {order[0]}" in run.out
    assert commit_state(market.root).returncode == 0
    checked = devex("verify", IDENT, root=market.root)
    assert checked.code == 0 and "the selection holds from the bids to the award" in checked.out, checked.out
    assert validate(market.root) == []
    text = market.read(IDENT, "award.yaml").replace(f"name: {order[0]}", "name: Alice Dev Inc.")
    (market.folder(IDENT) / "award.yaml").write_text(text, "utf-8")
    assert validate(market.root, base="HEAD") == []
    market.commit("Award esdc-2026-001: the supplier's legal name")

    # 8. the offer: the discussion unlocked (its bids are archived) and the award announced once, to the supplier
    mutations_before = len(world.mutations())
    sync_twice(market, world, "2026-12-07T10:00:00-05:00")
    sent = [r.operations[0] for r in world.mutations()[mutations_before:]]
    assert sent == ["unlockLockable", "addDiscussionComment"]
    announcement = discussion.comments[-1]
    assert announcement.body.startswith(f"<!-- devex:award {IDENT}.{order[0].lower()} ")
    assert f"Awarded to @{order[0]} (Alice Dev Inc.) for $4,500 CAD" in announcement.body
    assert f"@{order[0]}, the work is offered to you. Answer here by" in announcement.body
    assert not discussion.locked and not discussion.closed

    # 9. the supplier accepts in a comment of their own: recorded in award.yaml, acknowledged once, and the
    # discussion closed as resolved
    accepted = world.comment(
        discussion, order[0], "Thank you! I accept / J'accepte.", moment("2026-12-07T11:00:00-05:00")
    )
    mutations_before = len(world.mutations())
    out = sync_twice(market, world, "2026-12-07T12:00:00-05:00")
    assert f"record in award.yaml that @{order[0]} accepted the offer on 2026-12-07 ({accepted.url})" in out
    sent = [r.operations[0] for r in world.mutations()[mutations_before:]]
    assert sent == ["addDiscussionComment", "closeDiscussion"]
    award = yaml.safe_load(remote_file(market, "award.yaml"))
    assert award["answer"] == {"kind": "accepted", "date": "2026-12-07", "link": accepted.url}
    assert award["supplier"]["name"] == "Alice Dev Inc.", "the buyer's lines are kept"
    thanks = discussion.comments[-1]
    assert thanks.body.startswith(f"<!-- devex:answer {IDENT}.{order[0].lower()} ")
    assert f"@{order[0]} accepted the offer on December 7, 2026 ({accepted.url})" in thanks.body
    assert discussion.closed and discussion.state_reason == "RESOLVED"
    assert world.mutations("closeDiscussion")[0].variables["input"]["reason"] == "RESOLVED"
    assert validate(market.root) == []

    # 10. delivered, accepted, paid: each step a valid change; nothing more is said on GitHub
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
        *["addDiscussionComment"] * 3,  # the receipts of alice's, bob's and carol's applications
        "addDiscussionComment",
        "addDiscussionComment",
        "unlockLockable",
        "addDiscussionComment",
        "addDiscussionComment",
        "closeDiscussion",
    ]
    assert len(world.discussions(MARKET)) == 1

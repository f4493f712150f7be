"""Strangers' comments can at most flag their own opportunity: the others are still posted and closed,
and every text is archived byte for byte (bids.yaml indexes them, bids/NNNN.md holds them)."""

from __future__ import annotations

import hashlib

import yaml
from github_testkit import AFTER, BEFORE, MARKET, commit_state, devex, git

from site_builder.validate import load_marketplace, validate

HOSTILE = "esdc-2026-001"
QUIET = "esdc-2026-002"
LATER = "esdc-2026-003"
RLM = "\u0645\u0631\u062d\u0628\u0627 \u200f I can do this \u200f"
ODD = [
    RLM,
    "line one\r\nline two\rthree\x00\x07\x1b[31m\u2028\u202e\ufeff",
    "---\n!!python/object:os.system ['id']\n&a [*a, *a]\n%YAML 1.1\n",
    "lone surrogate \ud800 and \U0001f600",
    "",
    "<!-- devex:closing esdc-2026-001 -->",
]
HUGE = ["\u20ac" * 65536] * 17  # GitHub's longest comment, 17 times: 3.3 MB in all


def setup_two_open(market, world):
    market.add(QUIET)
    market.commit("two open")
    assert devex("sync", "--now", BEFORE, root=market.root).code == 0
    by_ident = {d.title.split(":")[0]: d for d in world.discussions(MARKET)}
    return by_ident[HOSTILE], by_ident[QUIET]


def archived_texts(root, ident: str) -> list[bytes]:
    folder = root / "opportunities" / "esdc" / ident
    index = yaml.safe_load((folder / "bids.yaml").read_text("utf-8"))
    texts = []
    for bid in index["bids"]:
        raw = (folder / bid["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == bid["sha256"] and len(raw) == bid["size"]
        texts.append(raw)
    return texts


def test_hostile_comments_are_archived_exactly_and_the_run_goes_on(market, world, github_env):
    hostile, quiet = setup_two_open(market, world)
    for body in ODD + HUGE:
        world.comment(hostile, "mallory", body)
    world.comment(quiet, "alice", "I apply.")
    market.add(LATER, closing="2026-12-20T14:00:00-05:00", start="2026-12-22", delivery="2027-01-08")
    market.commit("a later opportunity, merged after the hostile comments")

    run = devex("sync", "--now", AFTER, root=market.root)

    assert run.code == 0, run.err
    expected = sorted(body.encode("utf-8", "surrogatepass") for body in ODD + HUGE)
    assert sorted(archived_texts(market.root, HOSTILE)) == expected
    assert archived_texts(market.root, QUIET) == [b"I apply."]
    marketplace = load_marketplace(market.root).by_id()
    assert [marketplace[i].status for i in (HOSTILE, QUIET, LATER)] == ["closed", "closed", "open"]
    assert hostile.locked and quiet.locked
    assert [d.title.split(":")[0] for d in world.discussions(MARKET)] == [HOSTILE, QUIET, LATER]
    assert validate(market.root) == []
    assert commit_state(market.root).returncode == 0
    listed = git(market.remote, "ls-tree", "-r", "--name-only", "main", "opportunities/esdc/esdc-2026-001/bids")
    assert len(listed.split()) == len(ODD + HUGE)
    assert validate(market.root, base="HEAD") == []
    assert "nothing to do" in devex("sync", "--now", AFTER, root=market.root).out


def test_a_failure_on_one_opportunity_flags_it_and_the_others_are_served(market, world, github_env):
    hostile, quiet = setup_two_open(market, world)
    world.comment(hostile, "alice_acme", "An enterprise-managed login the schema does not accept.")
    world.comment(quiet, "alice", "I apply.")
    market.add(LATER, closing="2026-12-20T14:00:00-05:00", start="2026-12-22", delivery="2027-01-08")
    market.commit("a later opportunity")

    run = devex("sync", "--now", AFTER, root=market.root)

    assert run.code == 1
    assert f"FLAGGED {HOSTILE}: could not write bids.yaml" in run.out
    assert f"devex sync: {HOSTILE}: could not write bids.yaml" in run.err and "author" in run.err
    assert QUIET not in run.err
    assert archived_texts(market.root, QUIET) == [b"I apply."]
    assert quiet.comments[-1].body.startswith("<!-- devex:closing esdc-2026-002 ")
    assert [d.title.split(":")[0] for d in world.discussions(MARKET)] == [HOSTILE, QUIET, LATER]
    assert not (market.folder(HOSTILE) / "bids.yaml").exists()
    assert not (market.folder(HOSTILE) / "bids").exists()
    assert validate(market.root) == []

    again = devex("sync", "--now", AFTER, root=market.root)
    assert again.code == 1 and f"FLAGGED {HOSTILE}" in again.out and "done" not in again.out


def test_a_run_killed_between_the_texts_and_the_index_is_finished_by_the_next(market, world, github_env):
    hostile, _ = setup_two_open(market, world)
    world.comment(hostile, "alice", "I apply.")
    assert devex("sync", "--now", AFTER, root=market.root).code == 0
    folder = market.folder(HOSTILE)
    expected = (folder / "bids.yaml").read_bytes()
    (folder / "bids.yaml").unlink()  # as if killed after the texts were renamed into place
    (folder / "bids" / "0001.md").write_bytes(b"half")
    (folder / ".bids.999.tmp").mkdir()
    assert validate(market.root) != []

    run = devex("sync", "--now", AFTER, root=market.root)

    assert run.code == 0, run.err
    assert f"removed opportunities/esdc/{HOSTILE}/bids, left by an interrupted bids archive" in run.out
    assert not (folder / ".bids.999.tmp").exists()
    assert archived_texts(market.root, HOSTILE) == [b"I apply."]
    assert (folder / "bids.yaml").read_bytes() == expected
    assert validate(market.root) == []

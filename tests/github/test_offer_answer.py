"""The offer and the supplier's answer (issue 20): after a public draw, sync unlocks the discussion, announces the
offer to the first in the order once per contract, and records in award.yaml the first comment of that supplier,
after the announcement, that clearly accepts or declines. Nobody else's words, no comment written before the
offer, no ambiguous comment and no hostile comment counts or stops the run; the announcement tells the draw as
selection.yaml and evaluation.yaml record it, whatever award.yaml restates."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import yaml
from github_standin import BOT_LOGIN, DiscussionState, iso
from github_testkit import AFTER, BEFORE, MARKET, commit_state, devex, moment
from test_scenario import APPLY, evaluation, use_relay

from site_builder.dump import write_yaml
from site_builder.selection.beacon import round_time
from site_builder.selection.records import EVALUATION_SCHEMA_HINT
from site_builder.validate import load_marketplace, validate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "selection"))
from beacon_standin import BeaconStandin

IDENT = "esdc-2026-001"
OFFERED = "2026-12-07T09:00:00-05:00"  # a Monday: the sync that announces the offer
HUGE = "\u20ac" * 65536


def sync(market, world, now: str, code: int = 0) -> str:
    world.clock = moment(now)
    run = devex("sync", "--now", now, root=market.root)
    assert run.code == code, run.out + run.err
    return run.out


def settled(market, world, now: str) -> str:
    """A sync, its commit, then a second sync that finds nothing to do and sends nothing."""
    out = sync(market, world, now)
    assert commit_state(market.root).returncode == 0
    before = len(world.mutations())
    assert "nothing to do" in sync(market, world, now)
    assert len(world.mutations()) == before
    return out


def award_data(market) -> dict:
    return yaml.safe_load(market.read(IDENT, "award.yaml"))


def discussion_of(world, ident: str = IDENT) -> DiscussionState:
    return next(d for d in world.discussions(MARKET) if d.title.startswith(f"{ident}:"))


def drawn(market, world, applications: dict[str, str] | None = None) -> list[str]:
    """Posted, two applications, closed, both qualified; sync commits, draws from the stand-in relay and drafts
    the award for the first in the order (status awarded). The drawn order; the offer is not announced yet."""
    applications = applications or {"alice": f"{APPLY}Alice.", "bob": f"{APPLY}Bob."}
    with BeaconStandin() as relay:
        use_relay(market, relay)
        sync(market, world, BEFORE)
        discussion = discussion_of(world)
        for day, (login, text) in enumerate(applications.items(), 25):
            world.comment(discussion, login, text, moment(f"2026-11-{day}T09:00:00-05:00"))
        sync(market, world, AFTER)
        criteria = len(yaml.safe_load(market.read(IDENT))["evaluation_criteria"]["en"])
        results = dict.fromkeys(applications, "pass")
        write_yaml(market.folder(IDENT) / "evaluation.yaml", evaluation(results, criteria), EVALUATION_SCHEMA_HINT)
        market.commit("Evaluate")
        sync(market, world, "2026-12-05T10:00:00-05:00")
        record = yaml.safe_load(market.read(IDENT, "selection.yaml"))
        due = round_time(record["round"], relay.settings())
        relay.now = due + timedelta(seconds=30)
        sync(market, world, (due + timedelta(minutes=1)).isoformat())
    assert commit_state(market.root).returncode == 0
    order = yaml.safe_load(market.read(IDENT, "selection.yaml"))["order"]
    assert award_data(market)["supplier"]["github"] == order[0] and discussion.locked
    return order


def announced(market, world, now: str = OFFERED) -> DiscussionState:
    """The sync that offers the work: the discussion unlocked, the offer announced; the discussion."""
    out = settled(market, world, now)
    discussion = discussion_of(world)
    assert "so @" in out and "can answer the offer" in out
    assert not discussion.locked and not discussion.closed
    return discussion


def test_the_supplier_declines_then_the_next_in_order_is_offered_the_work_and_accepts(market, world, github_env):
    winner, runner = drawn(market, world)
    discussion = announced(market, world)
    offer = discussion.comments[-1]
    assert offer.author == BOT_LOGIN and offer.body.startswith(f"<!-- devex:award {IDENT}.{winner} ")
    assert f"@{winner}, the work is offered to you. Answer here by December 9, 2026 (2 business days" in offer.body
    assert f"@{winner}, le travail vous est offert. Répondez ici au plus tard le 9 décembre 2026" in offer.body

    # nobody answers for the supplier, and neither a question nor a comment saying both is an answer
    world.comment(
        discussion, runner, f"@{winner} told me they decline. I decline for them.", moment(OFFERED) + timedelta(hours=1)
    )
    world.comment(discussion, "mallory", "Je refuse au nom du fournisseur.", moment(OFFERED) + timedelta(hours=1))
    world.comment(discussion, winner, "Can I accept after Monday?", moment(OFFERED) + timedelta(hours=2))
    world.comment(discussion, winner, "I accept... no, I decline. Or accept?", moment(OFFERED) + timedelta(hours=3))
    world.comment(discussion, winner, "I cannot accept it yet", moment(OFFERED) + timedelta(hours=3))
    mutations = len(world.mutations())
    assert "nothing to do" in sync(market, world, "2026-12-07T13:00:00-05:00")
    assert "answer" not in award_data(market) and len(world.mutations()) == mutations

    # the supplier's own comment, in French with an accent, under another case of their login
    declined = world.comment(
        discussion, winner.upper(), "Merci, mais je DÉCLINE l'offre.", moment("2026-12-08T08:30:00-05:00")
    )
    world.comment(
        discussion, winner, "I accept after all!", moment("2026-12-08T09:00:00-05:00")
    )  # too late: the first counts
    out = settled(market, world, "2026-12-08T10:00:00-05:00")
    assert f"record in award.yaml that @{winner} declined the offer on 2026-12-08 ({declined.url})" in out
    assert award_data(market)["answer"] == {"kind": "declined", "date": "2026-12-08", "link": declined.url}
    said = discussion.comments[-1]
    assert said.body.startswith(f"<!-- devex:answer {IDENT}.{winner} ")
    assert f"@{winner} declined the offer on December 8, 2026 ({declined.url})" in said.body
    assert f"@{winner} a refusé l'offre le 8 décembre 2026" in said.body
    assert not discussion.closed, "after a decline the work goes to the next in order: the discussion stays open"
    assert validate(market.root) == []

    # the buyer records the decline and offers the work to the next in order: a new contract, a new offer
    award = award_data(market)
    moved = {
        "supplier": award["supplier"],
        "outcome": "declined",
        "offered": award["awarded"],
        "declined": award["answer"]["date"],
        "link": award["answer"]["link"],
    }
    del award["answer"]
    award |= {"supplier": {"github": runner, "name": f"{runner} Ltd"}, "awarded": "2026-12-08", "previous": [moved]}
    write_yaml(market.folder(IDENT) / "award.yaml", award, "../../../schema/award.schema.json")
    # the buyer's pull request, checked by CI on the day of the next offer
    assert validate(market.root, base="HEAD", now=moment("2026-12-08T10:00:00-05:00")) == []
    market.commit("Offer the work to the next in order")
    settled(market, world, "2026-12-08T11:00:00-05:00")
    offer = discussion.comments[-1]
    assert offer.body.startswith(f"<!-- devex:award {IDENT}.{runner} ")
    assert f"@{runner}, the work is offered to you. Answer here by December 10, 2026" in offer.body
    world.comment(discussion, winner, "I accept!", moment("2026-12-08T11:30:00-05:00"))  # not theirs to answer now
    accepted = world.comment(discussion, runner, "Yes, I accept.", moment("2026-12-08T12:00:00-05:00"))
    settled(market, world, "2026-12-08T13:00:00-05:00")
    assert award_data(market)["answer"] == {"kind": "accepted", "date": "2026-12-08", "link": accepted.url}
    assert discussion.closed and discussion.state_reason == "RESOLVED"
    assert [c.body.splitlines()[0][:-69] for c in discussion.comments if c.author == BOT_LOGIN][-4:] == [
        f"<!-- devex:award {IDENT}.{winner}",
        f"<!-- devex:answer {IDENT}.{winner}",
        f"<!-- devex:award {IDENT}.{runner}",
        f"<!-- devex:answer {IDENT}.{runner}",
    ]


def test_an_acceptance_is_recorded_and_nothing_written_before_the_offer_counts(market, world, github_env):
    applications = {
        "alice": f"{APPLY}I accept the terms and the licence.",
        "bob": f"{APPLY}I accept the terms; j'accepte les conditions.",
    }
    winner, _ = drawn(market, world, applications)
    discussion = discussion_of(world)
    # a comment of the supplier written in the seconds between the unlocking and the offer, as GitHub dates it
    world.clock = moment(OFFERED)
    out = sync(market, world, OFFERED)
    offer = discussion.comments[-1]
    assert (
        offer.body.startswith(f"<!-- devex:award {IDENT}.{winner} ")
        and f"post the award comment for the contract {IDENT}.{winner} on" in out
    )
    world.append_comment(discussion, winner, "I accept", iso(moment(OFFERED) - timedelta(seconds=1)))
    world.append_comment(discussion, winner, "I accept", offer.created)  # the same second: not after it
    assert "nothing to do" in sync(market, world, "2026-12-07T10:00:00-05:00")
    assert "answer" not in award_data(market)

    reply = world.comment(
        discussion, winner, "**J'ACCEPTE**, merci !", moment("2026-12-09T16:59:00-05:00"), reply_to=offer
    )
    out = settled(market, world, "2026-12-09T17:30:00-05:00")
    assert award_data(market)["answer"] == {"kind": "accepted", "date": "2026-12-09", "link": reply.url}
    assert discussion.closed and discussion.state_reason == "RESOLVED"
    assert "close discussion" in out and validate(market.root) == []


def test_the_answer_is_dated_in_the_marketplaces_time_zone(market, world, github_env):
    winner, _ = drawn(market, world)
    discussion = announced(market, world)
    late = world.comment(discussion, winner, "I decline", moment("2026-12-08T23:30:00-05:00"))  # Dec 9 in UTC
    settled(market, world, "2026-12-09T08:00:00-05:00")
    assert award_data(market)["answer"] == {"kind": "declined", "date": "2026-12-08", "link": late.url}


def test_hostile_comments_never_stop_the_run_nor_touch_another_opportunity(market, world, github_env):
    quiet = "esdc-2026-002"
    market.add(quiet, closing="2026-12-07T12:00:00-05:00", start="2026-12-09", delivery="2026-12-23")
    market.commit("a second opportunity, closing during the offer")
    winner, runner = drawn(market, world)
    discussion = announced(market, world)
    world.comment(discussion_of(world, quiet), "carol", f"{APPLY}Carol.", moment("2026-12-04T09:00:00-05:00"))
    hostile = [
        (winner, HUGE),
        (winner, HUGE + " I accept I decline"),
        (winner, "<details><summary>I accept</summary>I decline</details>"),
        (winner, "lone surrogate \ud800 \u202e\u200f\x00\x1b[31m"),
        (winner, f"```\n<!-- devex:answer {IDENT}.{winner} -->\n```\n<script>alert(1)</script>"),
        ("mallory", f"<!-- devex:answer {IDENT}.{winner} {'0' * 64} -->\nI accept"),
        ("mallory", f"<!-- devex:award {IDENT}.{winner} {'f' * 64} -->\nThe offer."),
        ("mallory", f"[I accept](https://evil.example) @{winner} <!-- I decline -->"),
        (runner, "I accept, I accept, I accept"),
    ]
    for login, text in hostile:
        world.comment(discussion, login, text, moment(OFFERED) + timedelta(minutes=30))

    out = sync(market, world, "2026-12-07T13:00:00-05:00")
    assert "FLAGGED" not in out and "answer" not in award_data(market)
    marketplace = load_marketplace(market.root).by_id()
    assert marketplace[quiet].status == "closed" and marketplace[quiet].bids is not None
    assert discussion_of(world, quiet).comments[-1].body.startswith(f"<!-- devex:closing {quiet} ")

    accepted = world.comment(
        discussion, winner, "I accept <!-- devex:award esdc-2026-002 -->", moment("2026-12-07T14:00:00-05:00")
    )
    settled(market, world, "2026-12-07T15:00:00-05:00")
    assert award_data(market)["answer"] == {"kind": "accepted", "date": "2026-12-07", "link": accepted.url}
    thanks = [c for c in discussion.comments if c.author == BOT_LOGIN and c.body.startswith("<!-- devex:answer ")]
    assert len(thanks) == 1 and "evil" not in thanks[0].body and "<script>" not in thanks[0].body
    assert discussion.closed and validate(market.root) == []


def test_an_answer_written_into_award_yaml_by_hand_is_not_acknowledged(market, world, github_env):
    winner, runner = drawn(market, world)
    discussion = announced(market, world)
    theirs = world.comment(discussion, runner, "I decline", moment("2026-12-07T10:00:00-05:00"))
    path = market.folder(IDENT) / "award.yaml"
    text = path.read_text("utf-8") + f"answer:\n  kind: declined\n  date: '2026-12-07'\n  link: {theirs.url}\n"
    path.write_text(text, "utf-8")
    market.commit("a buyer writes the answer themselves")
    mutations = len(world.mutations())
    out = sync(market, world, "2026-12-07T11:00:00-05:00", code=1)
    assert f"ATTENTION: award.yaml's `answer` ({theirs.url}) is not a comment of @{winner}" in out
    assert len(world.mutations()) == mutations and not discussion.closed


def test_the_announcement_tells_the_draw_as_the_records_say_not_as_award_yaml_restates_it(market, world, github_env):
    winner, runner = drawn(market, world)
    record = yaml.safe_load(market.read(IDENT, "selection.yaml"))
    path = market.folder(IDENT) / "award.yaml"
    award = award_data(market)
    award["selection"] = {"method": "sole-qualified", "qualified": [winner]}  # restated wrongly by the buyer
    write_yaml(path, award, "../../../schema/award.schema.json")
    refused = [problem.message for problem in validate(market.root)]
    assert any("`selection.method` must repeat the records" in message for message in refused)
    # what the validator lets through: the qualified in another order, and no seed or order restated
    award["selection"] = {"method": "random-draw", "qualified": [runner, winner]}
    write_yaml(path, award, "../../../schema/award.schema.json")
    assert validate(market.root) == []
    market.commit("a buyer restates the selection")
    discussion = announced(market, world)
    offer = discussion.comments[-1].body
    assert "the only qualified applicant" not in offer and "seul candidat qualifié" not in offer
    assert f"random draw among 2 qualified applicants (seed `{record['seed']}`, order @{winner}, @{runner})" in offer
    assert f"tirage au sort reproductible parmi 2 candidats qualifiés (germe `{record['seed']}`" in offer

"""devex sync's selection steps when a beacon relay lies: that opportunity is flagged (never drawn from a bad
signature), every other opportunity is still served, and a later run with an honest relay draws."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import yaml
from github_testkit import AFTER, BEFORE, MARKET, devex, moment
from test_scenario import APPLY, evaluation, use_relay

from site_builder.dump import write_yaml
from site_builder.selection.beacon import round_time
from site_builder.selection.records import EVALUATION_SCHEMA_HINT

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "selection"))
from beacon_standin import BeaconStandin, sign

IDENT = "esdc-2026-001"


def sync(market, world, now: str):
    world.clock = moment(now)
    return devex("sync", "--now", now, root=market.root)


def committed(market, world, relay, results: dict[str, str]) -> dict:
    """Posted, two applications, closed, evaluated with `results`, committed by sync; the record."""
    use_relay(market, relay)
    assert sync(market, world, BEFORE).code == 0
    [discussion] = world.discussions(MARKET)
    world.comment(discussion, "alice", f"{APPLY}Alice.", moment("2026-11-25T09:00:00-05:00"))
    world.comment(discussion, "bob", f"{APPLY}Bob.", moment("2026-11-26T09:00:00-05:00"))
    assert sync(market, world, AFTER).code == 0
    criteria = len(yaml.safe_load(market.read(IDENT))["evaluation_criteria"]["en"])
    write_yaml(market.folder(IDENT) / "evaluation.yaml", evaluation(results, criteria), EVALUATION_SCHEMA_HINT)
    assert sync(market, world, "2026-12-05T10:00:00-05:00").code == 0
    return yaml.safe_load(market.read(IDENT, "selection.yaml"))


def test_nobody_qualified_is_drawn_but_no_award_is_drafted(market, world, github_env):
    with BeaconStandin() as relay:
        record = committed(market, world, relay, {"alice": "fail", "bob": "fail"})
        due = round_time(record["round"], relay.settings())
        relay.now = due + timedelta(seconds=30)
        run = sync(market, world, (due + timedelta(minutes=1)).isoformat())
        assert run.code == 0, run.out
        assert f"later {IDENT}: nobody qualified: no award to draft" in run.out
        assert yaml.safe_load(market.read(IDENT, "selection.yaml"))["order"] == []
        assert not (market.folder(IDENT) / "award.yaml").exists()


def test_a_relay_answering_a_bad_signature_flags_only_that_opportunity(market, world, github_env):
    with BeaconStandin() as relay:
        record = committed(market, world, relay, {"alice": "pass", "bob": "pass"})
        due = round_time(record["round"], relay.settings())
        market.add("esdc-2026-002", closing="2027-01-08T14:00:00-05:00", start="2027-01-11", delivery="2027-01-22")

        relay.now, relay.behaviour = due + timedelta(seconds=30), "tamper"
        now = (due + timedelta(minutes=1)).isoformat()
        run = sync(market, world, now)
        assert run.code == 1
        assert f"FLAGGED {IDENT}: could not fetch beacon round {record['round']}" in run.out
        assert "BadBeacon: " in run.out and f"signature of round {record['round']} does not verify" in run.out
        assert "FLAGGED esdc-2026-002" not in run.out and "done esdc-2026-002: create the discussion" in run.out
        assert "signature" not in yaml.safe_load(market.read(IDENT, "selection.yaml"))
        assert not (market.folder(IDENT) / "award.yaml").exists()

        relay.behaviour = "normal"
        again = sync(market, world, now)
        assert again.code == 0, again.out
        drawn = yaml.safe_load(market.read(IDENT, "selection.yaml"))
        assert drawn["signature"] == sign(relay.secret, record["round"])
        assert yaml.safe_load(market.read(IDENT, "award.yaml"))["supplier"]["github"] == drawn["order"][0]
        assert devex("verify", IDENT, root=market.root).code == 0


def test_an_opportunity_closed_early_is_never_archived_or_committed_before_its_closing(market, world, github_env):
    """Issue 21, route 1: an opportunity set to `closed` before its closing time (a bypassed check) with its
    evaluation merged early: sync archives nothing, commits to nothing, says why, and lets later applicants in;
    at the closing time it proceeds as usual."""
    assert sync(market, world, BEFORE).code == 0
    [discussion] = world.discussions(MARKET)
    world.comment(discussion, "alice", f"{APPLY}Alice.", moment("2026-11-25T09:00:00-05:00"))
    text = market.read(IDENT).replace("status: open", "status: closed")
    (market.folder(IDENT) / "opportunity.yaml").write_text(text, "utf-8")
    criteria = len(yaml.safe_load(text)["evaluation_criteria"]["en"])
    write_yaml(
        market.folder(IDENT) / "evaluation.yaml", evaluation({"alice": "pass"}, criteria), EVALUATION_SCHEMA_HINT
    )
    run = sync(market, world, "2026-11-30T10:00:00-05:00")
    assert run.code == 1
    assert f"{IDENT}: ATTENTION: its status is closed before its closing time" in run.out
    assert not (market.folder(IDENT) / "bids.yaml").exists()
    assert not (market.folder(IDENT) / "selection.yaml").exists()
    assert not discussion.locked
    world.comment(discussion, "bob", f"{APPLY}Bob.", moment("2026-12-01T09:00:00-05:00"))  # still on time
    assert sync(market, world, AFTER).code in (0, 1)
    bids = yaml.safe_load(market.read(IDENT, "bids.yaml"))
    assert sorted(bid["author"] for bid in bids["bids"]) == ["alice", "bob"]

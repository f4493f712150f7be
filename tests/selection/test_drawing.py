"""The steps automation takes: commit, refuse an early draw, then record the verified round; and the whole flow
against the stand-in relay (closing, evaluation, commitment, round not yet, round fetched, draw)."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import datetime, timedelta

import pytest
from beacon_standin import sign
from selection_market import COMMITTED, FOLDER, IDENT

from site_builder.clock import utc_text
from site_builder.errors import InvalidMarketplace
from site_builder.load import load_file
from site_builder.selection.beacon import BadBeacon, round_time
from site_builder.selection.drawing import (
    CommitmentRefused,
    DrawRefused,
    commit_opportunity,
    draw_opportunity,
    record_draw,
    refuse_early,
    write_record,
)
from site_builder.selection.fetch import BeaconClient, RoundNotYet
from site_builder.selection.records import records_of


def records(market):
    return records_of(market.marketplace().by_id()[IDENT])


def test_the_commitment_names_the_first_round_after_the_lead(market):
    market.evaluate()
    record = market.commit(COMMITTED + timedelta(microseconds=999))
    assert record["committed_at"] == "2026-10-16T18:00:00Z"
    due = round_time(record["round"], market.beacon)
    assert due >= COMMITTED + timedelta(seconds=900) > round_time(record["round"] - 1, market.beacon)


def test_bids_that_do_not_match_their_digest_never_reach_a_commitment(market):
    """Automation commits only to an opportunity the reader loaded, and the reader refuses an edited text."""
    bids = market.bids()
    market.evaluate()
    (market.folder / bids["bids"][0]["file"]).write_text("edited", "utf-8")
    with pytest.raises(InvalidMarketplace, match=bids["bids"][0]["file"]):
        market.marketplace()


def test_a_draw_is_refused_before_the_evaluation_exists(market):
    with pytest.raises(DrawRefused, match=r"has no evaluation\.yaml: evaluate every on-time applicant"):
        refuse_early(IDENT, records(market), market.beacon, COMMITTED)


def test_a_draw_is_refused_before_the_commitment(market):
    market.evaluate()
    with pytest.raises(DrawRefused, match="not committed yet"):
        refuse_early(IDENT, records(market), market.beacon, COMMITTED)


def test_a_draw_is_refused_before_the_round_exists_and_says_when(market):
    market.evaluate()
    record = market.commit()
    due = round_time(record["round"], market.beacon)
    with pytest.raises(DrawRefused, match=rf"round {record['round']} .* produced at {utc_text(due)} \(in about 14"):
        refuse_early(IDENT, records(market), market.beacon, due - timedelta(seconds=850))
    assert refuse_early(IDENT, records(market), market.beacon, due) == record["round"]


def test_a_second_draw_is_refused(market):
    market.evaluate()
    market.commit()
    drawn = market.draw()
    with pytest.raises(DrawRefused, match="drawn already"):
        refuse_early(IDENT, records(market), market.beacon, COMMITTED + timedelta(days=1))
    with pytest.raises(DrawRefused, match="drawn already"):
        record_draw(drawn, market.read("evaluation.yaml"), drawn["signature"], market.beacon)


def test_a_draw_over_an_evaluation_changed_since_the_commitment_is_refused(market):
    market.evaluate()
    record = market.commit()
    changed = market.evaluate({"alice-dev": "fail", "bob-codes": "pass"})
    with pytest.raises(DrawRefused, match="changed after the commitment"):
        record_draw(record, changed, sign(market.relay.secret, record["round"]), market.beacon)


def test_a_signature_that_does_not_verify_records_nothing(market):
    market.evaluate()
    record = market.commit()
    with pytest.raises(BadBeacon):
        record_draw(record, market.read("evaluation.yaml"), sign(market.relay.secret, 1), market.beacon)


def test_only_the_qualified_are_in_the_order(market):
    market.evaluate({"alice-dev": "fail", "bob-codes": "pass"})
    market.commit()
    assert market.draw()["order"] == ["bob-codes"]


def test_the_flow_against_the_relay(market, relay):
    """Closing -> evaluation -> commitment -> round not yet -> clock passes -> round fetched, verified, drawn."""
    settings = market.marketplace().settings

    def opp():
        return market.marketplace().by_id()[IDENT]  # read again after each write, as sync does

    with pytest.raises(CommitmentRefused, match=r"has no evaluation\.yaml"):
        commit_opportunity(opp(), settings, COMMITTED)
    market.evaluate()
    record = commit_opportunity(opp(), settings, COMMITTED)
    write_record(market.root, opp(), record)
    with pytest.raises(CommitmentRefused, match="committed already"):
        commit_opportunity(opp(), settings, COMMITTED)
    relay.now = COMMITTED + timedelta(minutes=5)
    client = BeaconClient(market.beacon, now=lambda: relay.now, sleep=lambda _: None)
    with pytest.raises(RoundNotYet):
        client.fetch_round(record["round"])
    with pytest.raises(DrawRefused, match="does not exist yet"):
        draw_opportunity(opp(), settings, client, relay.now)
    assert relay.requests == [f"/{relay.chain_hash}/public/{record['round']}"]  # refused before asking
    relay.now = round_time(record["round"], market.beacon) + timedelta(seconds=1)
    drawn = draw_opportunity(opp(), settings, client, relay.now)
    write_record(market.root, opp(), drawn)
    assert drawn["randomness"] == hashlib.sha256(bytes.fromhex(drawn["signature"])).hexdigest()
    assert sorted(drawn["order"]) == ["alice-dev", "bob-codes"]
    assert list(drawn) == [*record, "signature", "randomness", "seed", "order"]
    assert market.read("selection.yaml") == drawn
    with pytest.raises(DrawRefused, match="drawn already"):
        draw_opportunity(opp(), settings, client, relay.now)


def test_an_incomplete_evaluation_is_not_committed(market):
    marketplace = market.marketplace()  # read before the evaluation, which the validator would refuse
    market.evaluate({"alice-dev": "pass"})
    name = f"{FOLDER}/evaluation.yaml"
    opp = dataclasses.replace(marketplace.by_id()[IDENT], evaluation_document=load_file(market.root / name, name))
    with pytest.raises(CommitmentRefused, match=r"evaluation\.yaml:\d+:\d+: misses the on-time applicant"):
        commit_opportunity(opp, marketplace.settings, COMMITTED)


def test_a_relay_that_lies_stops_the_draw(market, relay):
    market.evaluate()
    record = market.commit()
    relay.now = round_time(record["round"], market.beacon)
    relay.behaviour = "tamper"
    client = BeaconClient(market.beacon, now=lambda: relay.now, sleep=lambda _: None)
    marketplace = market.marketplace()
    with pytest.raises(BadBeacon, match="does not verify"):
        draw_opportunity(marketplace.by_id()[IDENT], marketplace.settings, client, relay.now)
    assert "signature" not in market.read("selection.yaml")


def test_no_commitment_before_the_closing_time(market):
    """Issue 21, route 1: an opportunity closed early (by a bypass, before the rules) with its evaluation merged
    before the published closing. Automation refuses to commit: the record would be dated before the closing,
    invalid on main, and frozen."""
    market.evaluate()
    settings = market.marketplace().settings
    opp = market.marketplace().by_id()[IDENT]
    closing = datetime.fromisoformat(opp.data["closing"])
    with pytest.raises(CommitmentRefused, match=r"has not closed \(status closed, closing 2026-10-15T14:00:00-04:00\)"):
        commit_opportunity(opp, settings, closing - timedelta(seconds=1))
    assert commit_opportunity(opp, settings, closing)["opportunity"] == IDENT

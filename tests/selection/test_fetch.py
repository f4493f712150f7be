"""The relay client against a real HTTP server on 127.0.0.1: it verifies everything and names each outcome."""

from __future__ import annotations

from datetime import timedelta

import pytest
from beacon_standin import BeaconStandin

from site_builder.selection.beacon import BadBeacon, round_at, round_time, verify
from site_builder.selection.fetch import BeaconClient, BeaconUnavailable, RoundNotYet


def client(relay: BeaconStandin, **options) -> tuple[BeaconClient, list[float]]:
    waits: list[float] = []
    settings = options.pop("settings", None) or relay.settings()
    made = BeaconClient(settings, timeout=options.pop("timeout", 5.0), sleep=waits.append, now=lambda: relay.now)
    for name, value in options.items():
        setattr(made, name, value)
    return made, waits


def test_a_published_round_is_fetched_and_verified(relay):
    current = round_at(relay.now, relay.settings())
    fetched, _ = client(relay)
    got = fetched.fetch_round(current)
    assert got.round == current and got.url == relay.url
    assert got.randomness == verify(current, got.signature, relay.public_key)
    assert relay.requests == [f"/{relay.chain_hash}/public/{current}"]


def test_a_future_round_is_not_yet_and_is_not_retried(relay):
    future = round_at(relay.now, relay.settings()) + 5
    fetched, waits = client(relay)
    with pytest.raises(RoundNotYet, match=f"round {future} is not produced yet .* answered 425"):
        fetched.fetch_round(future)
    assert waits == [] and len(relay.requests) == 1


def test_the_round_appears_once_the_clock_reaches_it(relay):
    future = round_at(relay.now, relay.settings()) + 5
    fetched, _ = client(relay)
    with pytest.raises(RoundNotYet):
        fetched.fetch_round(future)
    relay.now = round_time(future, relay.settings())
    assert fetched.fetch_round(future).round == future


def test_a_404_for_a_future_round_means_not_yet(relay):
    relay.future_status = 404
    fetched, _ = client(relay)
    with pytest.raises(RoundNotYet, match="answered 404"):
        fetched.fetch_round(round_at(relay.now, relay.settings()) + 100)


def test_a_404_for_a_past_round_is_a_relay_problem_retried_then_unavailable(relay):
    relay.behaviour, relay.status = "status", 404
    fetched, waits = client(relay)
    with pytest.raises(BeaconUnavailable, match=r"no usable answer after 3 tries .*answered 404"):
        fetched.fetch_round(10)
    assert len(relay.requests) == 3 and waits == [2.0, 4.0]


def test_server_errors_are_retried_a_bounded_number_of_times(relay):
    relay.behaviour, relay.status = "status", 500
    fetched, waits = client(relay, attempts=4, backoff=0.5)
    with pytest.raises(BeaconUnavailable, match="answered 500"):
        fetched.fetch_round(10)
    assert len(relay.requests) == 4 and waits == [0.5, 1.0, 2.0]


def test_a_slow_relay_times_out_as_unavailable(relay):
    relay.behaviour, relay.slow_seconds = "slow", 3.0
    fetched, _ = client(relay, timeout=0.3, attempts=2)
    with pytest.raises(BeaconUnavailable, match="ReadTimeout"):
        fetched.fetch_round(10)


def test_an_answer_that_is_not_json_is_unavailable(relay):
    relay.behaviour = "not-json"
    fetched, _ = client(relay, attempts=1)
    with pytest.raises(BeaconUnavailable, match="not JSON"):
        fetched.fetch_round(10)


def test_an_oversized_answer_is_not_read_and_is_unavailable(relay):
    relay.behaviour = "huge"
    fetched, _ = client(relay, attempts=1)
    with pytest.raises(BeaconUnavailable, match="more than 64 KiB"):
        fetched.fetch_round(10)


def test_a_relay_that_answers_nothing_is_unavailable():
    with BeaconStandin() as gone:
        settings = gone.settings()
    fetched = BeaconClient(settings, timeout=2.0, attempts=2, sleep=lambda _: None)
    with pytest.raises(BeaconUnavailable, match="ConnectionError"):
        fetched.fetch_round(10)


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        ("tamper", "signature of round 10 does not verify"),
        ("wrong-chain", "signature of round 10 does not verify"),
        ("wrong-round", "answered round 9 when asked for round 10"),
    ],
)
def test_an_answer_that_does_not_prove_the_round_is_bad_and_not_retried(relay, behaviour, message):
    relay.behaviour = behaviour
    fetched, waits = client(relay)
    with pytest.raises(BadBeacon, match=message):
        fetched.fetch_round(10)
    assert waits == [] and len(relay.requests) == 1


def test_a_randomness_that_is_not_sha256_of_the_signature_is_bad(relay, monkeypatch):
    original = relay.answer
    monkeypatch.setattr(relay, "answer", lambda path: (200, {**original(path)[1], "randomness": "00" * 32}))
    fetched, _ = client(relay)
    with pytest.raises(BadBeacon, match="not sha256 of its signature"):
        fetched.fetch_round(10)


def test_the_next_relay_is_tried_when_one_fails_and_the_good_answer_wins(relay):
    with BeaconStandin(secret=relay.secret) as broken:
        broken.behaviour = "status"
        settings = relay.settings(urls=(broken.url, relay.url))
        fetched, _ = client(relay, settings=settings)
        got = fetched.fetch_round(10)
    assert got.url == relay.url and len(broken.requests) == 3


def test_a_lying_relay_is_reported_even_when_the_others_are_down(relay):
    with BeaconStandin(secret=relay.secret) as liar:
        liar.behaviour = "tamper"
        relay.behaviour = "status"
        fetched, _ = client(relay, settings=relay.settings(urls=(relay.url, liar.url)))
        with pytest.raises(BadBeacon, match=liar.url):
            fetched.fetch_round(10)


def test_info_is_accepted_only_for_the_configured_chain(relay):
    fetched, _ = client(relay)
    assert fetched.check_info(relay.url)["hash"] == relay.chain_hash
    relay.behaviour = "wrong-chain"
    with pytest.raises(BadBeacon, match="describes another chain: its hash"):
        fetched.check_info(relay.url)


def test_info_of_a_chain_the_relay_does_not_serve_is_unavailable(relay):
    other = relay.settings()
    other = type(other)(other.urls, "cd" * 32, *list(other.__dict__.values())[2:])
    fetched, _ = client(relay, settings=other, attempts=1)
    with pytest.raises(BeaconUnavailable, match="answered 404"):
        fetched.check_info(relay.url)


def test_a_round_just_due_by_the_clock_but_late_at_the_relay_is_not_yet(relay):
    relay.future_status = 404
    fetched, _ = client(relay)
    due = round_at(relay.now, relay.settings()) + 1
    fetched.now = lambda: relay.now + timedelta(seconds=10)  # our clock is ahead of the relay's
    with pytest.raises(RoundNotYet):
        fetched.fetch_round(due)

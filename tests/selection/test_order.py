"""The seed and the ranked order, pinned to values worked out by hand with hashlib."""

from __future__ import annotations

import pytest

from site_builder.selection.order import Skip, next_in_order, ranked_order, seed, ticket

COMMITMENT = "bc415b73e0c028ed92ce8fd3bf1aacf8cee37e1155e7216b71b894dc2ab67a52"
RANDOMNESS = bytes.fromhex("fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd")  # quicknet round 1000
# Worked out once by hand:
#   sha256(b"gc-devex/selection/seed/v1" + bytes.fromhex(COMMITMENT) + RANDOMNESS)
SEED = "57ccaf3f774f31cab6f55e6e67c2c4941610e2df0e531a8b476bbd7b10eedd06"
#   sha256(bytes.fromhex(SEED) + login.lower().encode())
TICKETS = {
    "alice-dev": "49b291e64e04103840dcaf1953e09251f944d494845bea0c82436441fa35f42c",
    "Bob-Codes": "b2263913094a3d445d6b85096ff544c42c64dc2f141caaa39cd89d5df947bb52",
    "eve-42": "c1f25c5cf16fbd3e99cb7e4fbca029e9ae98f9f6426eae3d2702695985c13599",
    "dana": "f5d8b90ed82ceefa9dff519feb548458e787f4f8c9410e8eaea61cfc0092519b",
}


def test_the_seed_matches_the_hand_computation():
    assert seed(COMMITMENT, RANDOMNESS) == SEED


def test_tickets_match_the_hand_computation_and_ignore_case():
    for login, expected in TICKETS.items():
        assert ticket(SEED, login) == expected == ticket(SEED, login.upper())


def test_the_order_is_by_ticket_whatever_order_the_logins_come_in():
    assert ranked_order(SEED, ["dana", "eve-42", "Bob-Codes", "alice-dev"]) == list(TICKETS)
    assert ranked_order(SEED, ["alice-dev", "dana"]) == ["alice-dev", "dana"]
    assert ranked_order(SEED, []) == []


def test_the_same_login_twice_is_refused_in_any_case():
    with pytest.raises(ValueError, match="twice"):
        ranked_order(SEED, ["dana", "DANA"])


def test_the_seed_needs_32_byte_inputs():
    with pytest.raises(ValueError, match="32 bytes"):
        seed(COMMITMENT, RANDOMNESS[:31])


def test_another_randomness_or_commitment_gives_another_seed():
    assert len({SEED, seed(COMMITMENT, bytes(32)), seed("00" * 32, RANDOMNESS)}) == 3


def test_the_next_in_order_passes_over_skipped_applicants_only():
    order = list(TICKETS)
    assert next_in_order(order, []) == "alice-dev"
    declined = Skip("ALICE-DEV", "declined", "https://github.com/o/r/discussions/1#discussioncomment-9")
    assert next_in_order(order, [declined]) == "Bob-Codes"
    assert next_in_order(order, [declined, Skip("bob-codes", "terminated")]) == "eve-42"
    assert next_in_order(["dana"], [Skip("dana", "terminated")]) is None


def test_a_skip_needs_a_reason_of_a_fixed_kind_and_a_decline_its_link():
    assert Skip("dana", "terminated").error() is None
    assert Skip("dana", "declined", "https://example.org/c").error() is None
    assert "fixed kind" in Skip("dana", "too busy, I think").error()
    assert "link to the comment" in Skip("dana", "declined").error()

"""The commitment: canonical JSON, digests pinned to values worked out by hand, and the round it names."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from site_builder.canonical import canonical_json
from site_builder.selection.beacon import SCHEME, BeaconSettings, round_time
from site_builder.selection.commitment import (
    choose_round,
    commitment_digest,
    encode_fields,
    evaluation_digest,
)

BEACON = BeaconSettings(("https://relay.example",), "52" * 32, "83" * 96, 3, 1692803367, SCHEME, 900)
BIDS = "f52bda29b7e77dde863b73d155db66fec65e11c18b2ab96b56ec18f4d01dcf66"
# Worked out once by hand with hashlib (see docs/dev/selection.md):
#   sha256(b'{"applicants":[],"opportunity":"tbs-2026-001"}')
EMPTY_EVALUATION = "df5cba4d604c13b40601cb906548fbd7db41d67aef67c470052217320e1c9de6"
#   f = lambda s: len(s.encode()).to_bytes(4, "big") + s.encode()
#   sha256(f("gc-devex/selection/commitment/v1") + f("tbs-2026-001") + f(BIDS) + f(EMPTY_EVALUATION) + f("12345678"))
COMMITMENT = "bc415b73e0c028ed92ce8fd3bf1aacf8cee37e1155e7216b71b894dc2ab67a52"


def test_canonical_json_sorts_keys_drops_spaces_and_keeps_utf8():
    assert canonical_json({"b": 1, "a": {"é": [1, "ç"]}}) == '{"a":{"é":[1,"ç"]},"b":1}'.encode()


def test_canonical_json_refuses_what_json_cannot_say():
    with pytest.raises(ValueError):
        canonical_json({"x": float("nan")})


def test_canonical_json_keeps_a_lone_surrogate_as_its_bytes():
    """A comment from GitHub can carry one; the bids digest has always hashed it rather than stopping."""
    assert canonical_json(["\ud800"]) == b'["' + "\ud800".encode("utf-8", "surrogatepass") + b'"]'


def test_the_evaluation_digest_is_sha256_of_canonical_json():
    assert evaluation_digest({"opportunity": "tbs-2026-001", "applicants": []}) == EMPTY_EVALUATION


def test_layout_does_not_change_the_evaluation_digest_but_content_does():
    one = {"opportunity": "x", "applicants": [{"login": "a", "criteria": []}]}
    same = {"applicants": [{"criteria": [], "login": "a"}], "opportunity": "x"}
    other = {"opportunity": "x", "applicants": [{"login": "b", "criteria": []}]}
    assert evaluation_digest(one) == evaluation_digest(same) != evaluation_digest(other)


def test_the_commitment_digest_matches_the_hand_computation():
    assert commitment_digest("tbs-2026-001", BIDS, EMPTY_EVALUATION, 12345678) == COMMITMENT


def test_every_field_and_the_round_change_the_commitment():
    others = {
        commitment_digest("tbs-2026-002", BIDS, EMPTY_EVALUATION, 12345678),
        commitment_digest("tbs-2026-001", "0" * 64, EMPTY_EVALUATION, 12345678),
        commitment_digest("tbs-2026-001", BIDS, "0" * 64, 12345678),
        commitment_digest("tbs-2026-001", BIDS, EMPTY_EVALUATION, 12345679),
    }
    assert len(others) == 4 and COMMITMENT not in others


def test_the_encoding_is_length_prefixed_so_fields_cannot_slide_into_each_other():
    assert encode_fields("ab", "c") != encode_fields("a", "bc")
    assert encode_fields("ab", "c") == b"\x00\x00\x00\x02ab\x00\x00\x00\x01c"
    assert encode_fields("é") == b"\x00\x00\x00\x02\xc3\xa9"  # length in bytes, not characters


def test_the_round_named_is_the_first_at_least_the_lead_after_the_commitment():
    committed = datetime(2026, 10, 16, 18, 0, 0, tzinfo=UTC)
    chosen = choose_round(committed, BEACON)
    assert round_time(chosen, BEACON) >= committed + timedelta(seconds=900)
    assert round_time(chosen - 1, BEACON) < committed + timedelta(seconds=900)
    # 2026-10-16T18:15:00Z is 1792174500; (1792174500 - 1692803367) / 3 = 33123711 exactly: that round + 1
    assert chosen == 33123712


def test_the_round_does_not_depend_on_the_time_zone_the_time_is_written_in():
    utc = datetime(2026, 10, 16, 18, 0, 1, tzinfo=UTC)
    toronto = utc.astimezone(timezone(timedelta(hours=-4)))
    assert choose_round(utc, BEACON) == choose_round(toronto, BEACON) == 33123713


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError, match="UTC offset"):
        choose_round(datetime(2026, 10, 16, 18, 0), BEACON)

"""The beacon's BLS check against rounds the real drand chains published, and round <-> time arithmetic."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from pyblst import BlstP1Element

from site_builder.bls import DST
from site_builder.errors import DevexError
from site_builder.model import Settings
from site_builder.selection.beacon import (
    SCHEME,
    BadBeacon,
    BeaconSettings,
    MissingBeaconSettings,
    beacon_settings,
    first_round_at_or_after,
    randomness,
    round_at,
    round_message,
    round_time,
    verify,
)

REPO = Path(__file__).resolve().parents[2]

# drand quicknet (League of Entropy), as its /info publishes it.
QUICKNET_HASH = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971"
QUICKNET_KEY = (
    "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc"
    "22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a"
)
QUICKNET = BeaconSettings(("https://api.drand.sh",), QUICKNET_HASH, QUICKNET_KEY, 3, 1692803367, SCHEME, 900)
# Real quicknet rounds as the chain published them.
ROUND_1000 = "b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39"
ROUND_1000_RANDOMNESS = "fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd"
ROUND_10024141 = "8c87caf26bb4f5e9fdfad5ddf739ff8683344f8cf04a8c381225ff067557b5d9d51937eed765fcef21971bf5ddef44bb"
# drand/drand-client test/beacon-verification.test.ts: the 'walkthrough' chain, same scheme.
WALKTHROUGH_KEY = (
    "81d320f220ee9c79e60e19dedc838c31e3ab919b15481e9feb52f643628c4f6a13fdc52129493875a818109d767272ca0541cbcdcea9335f"
    "2870d781b39b845ba8cbd44fdfe4967781cf72ca5917fc9398bcf97ca0548ed5a709016c4b1ff0f3"
)
ROUND_38 = "95c93585c513ebbcb4777ff15599b3140e5ec0295faa0e483f3deadd88fa6d43f0d3703e3a4ce106e8fd6c6987f32126"
ROUND_38_RANDOMNESS = "b2fc21325a24904a6a9e81a6c63f65f6cec3f0b2400df3f4a56b214770e9ccca"


def test_quicknet_round_1000_verifies_and_gives_its_published_randomness():
    assert verify(1000, ROUND_1000, QUICKNET_KEY).hex() == ROUND_1000_RANDOMNESS


def test_a_recent_quicknet_round_verifies():
    assert verify(10024141, ROUND_10024141, QUICKNET_KEY) == hashlib.sha256(bytes.fromhex(ROUND_10024141)).digest()


def test_drands_own_test_vector_verifies():
    assert verify(38, ROUND_38, WALKTHROUGH_KEY).hex() == ROUND_38_RANDOMNESS


@pytest.mark.parametrize("wrong_round", [999, 1001, 10024141, 0])
def test_a_signature_proves_its_own_round_only(wrong_round):
    with pytest.raises(BadBeacon, match=f"round {wrong_round} does not verify"):
        verify(wrong_round, ROUND_1000, QUICKNET_KEY)


def test_a_signature_does_not_verify_under_another_chains_key():
    with pytest.raises(BadBeacon, match="does not verify"):
        verify(38, ROUND_38, QUICKNET_KEY)


@pytest.mark.parametrize(
    ("signature", "message"),
    [
        ("zz" * 48, "not hexadecimal"),
        (ROUND_1000[:-2], "has 47 bytes, not the 48"),
        (ROUND_1000 + "00", "has 49 bytes"),
        ("c0" + "00" * 47, "point at infinity"),
        ("00" * 48, "not a valid BLS12-381 point"),
        ("80" + "00" * 46 + "04", "not a valid BLS12-381 point"),  # x = 4: on the curve, outside the subgroup
        ("ff" * 48, "not a valid BLS12-381 point"),
    ],
)
def test_malformed_signatures_are_refused_with_a_reason(signature, message):
    with pytest.raises(BadBeacon, match=message):
        verify(1000, signature, QUICKNET_KEY)


def test_a_point_outside_the_subgroup_is_what_the_test_above_sends():
    """x = 4 is on y² = x³ + 4 (so only the subgroup check can refuse it): checked here with plain integers."""
    p = int("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", 16)
    right = (4**3 + 4) % p
    assert pow(right, (p - 1) // 2, p) == 1  # a square: the point exists


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("c0" + "00" * 95, "public key is the point at infinity"),
        (QUICKNET_KEY[:-2], "public key has 95 bytes"),
        (ROUND_1000, "public key has 48 bytes, not the 96"),
    ],
)
def test_malformed_public_keys_are_refused(key, message):
    with pytest.raises(BadBeacon, match=message):
        verify(1000, ROUND_1000, key)


def test_the_identity_signature_with_the_identity_key_would_verify_so_both_are_refused():
    """e(0, g) == e(H, 0) == 1: without the identity check anyone could forge with two zero points."""
    with pytest.raises(BadBeacon, match="infinity"):
        verify(1000, "c0" + "00" * 47, "c0" + "00" * 95)


def test_the_message_is_sha256_of_the_round_as_a_big_endian_uint64():
    assert round_message(1000) == hashlib.sha256(b"\x00\x00\x00\x00\x00\x00\x03\xe8").digest()
    with pytest.raises(BadBeacon):
        round_message(2**64)


def test_randomness_is_sha256_of_the_signature_bytes():
    assert randomness(ROUND_38).hex() == ROUND_38_RANDOMNESS


def test_round_times_follow_genesis_and_period():
    assert round_time(1, QUICKNET) == datetime.fromtimestamp(1692803367, UTC)
    assert round_time(1000, QUICKNET) == datetime(2023, 8, 23, 15, 59, 24, tzinfo=UTC)  # 1692803367 + 999 * 3
    assert round_at(round_time(1000, QUICKNET), QUICKNET) == 1000
    assert round_at(round_time(1000, QUICKNET) + timedelta(seconds=2.9), QUICKNET) == 1000
    assert round_at(round_time(1000, QUICKNET) - timedelta(seconds=0.1), QUICKNET) == 999
    assert round_at(datetime(2020, 1, 1, tzinfo=UTC), QUICKNET) == 0
    with pytest.raises(ValueError):
        round_time(0, QUICKNET)


def test_the_first_round_at_or_after_a_moment():
    at = round_time(1000, QUICKNET)
    assert first_round_at_or_after(at, QUICKNET) == 1000
    assert first_round_at_or_after(at + timedelta(microseconds=1), QUICKNET) == 1001
    assert first_round_at_or_after(at + timedelta(seconds=3), QUICKNET) == 1001
    assert first_round_at_or_after(datetime(2000, 1, 1, tzinfo=UTC), QUICKNET) == 1


@pytest.mark.parametrize(
    "settings_file", ["opportunities/marketplace.yaml", "tests/foundation/base/opportunities/marketplace.yaml"]
)
def test_the_marketplaces_name_drand_quicknet(settings_file):
    data = yaml.safe_load((REPO / settings_file).read_text("utf-8"))
    beacon = beacon_settings(Settings(data))
    assert (beacon.chain_hash, beacon.public_key, beacon.period, beacon.genesis, beacon.scheme) == (
        QUICKNET_HASH,
        QUICKNET_KEY,
        3,
        1692803367,
        "bls-unchained-g1-rfc9380",
    )
    assert beacon.lead_seconds >= 600 and all(url.startswith("https://") for url in beacon.urls)


def test_a_marketplace_without_a_beacon_says_where_to_add_it():
    with pytest.raises(MissingBeaconSettings, match=r"marketplace\.yaml has no `beacon` settings") as raised:
        beacon_settings(Settings({}))
    assert isinstance(raised.value, DevexError)


def test_py_ecc_agrees_with_pyblst_on_round_1000():
    """An independent, pure-Python implementation (slow: this one test only) reaches the same verdict."""
    from py_ecc.bls.hash_to_curve import hash_to_G1
    from py_ecc.bls.point_compression import decompress_G1, decompress_G2
    from py_ecc.optimized_bls12_381 import FQ12, G2, final_exponentiate, neg, pairing

    signature = decompress_G1(int(ROUND_1000, 16))
    key_bytes = bytes.fromhex(QUICKNET_KEY)
    key = decompress_G2((int.from_bytes(key_bytes[:48], "big"), int.from_bytes(key_bytes[48:], "big")))
    hashed = hash_to_G1(round_message(1000), DST, hashlib.sha256)
    # e(signature, G2) * e(H(m), -key) == 1, with one final exponentiation for both Miller loops.
    product = pairing(G2, signature, final_exponentiate=False) * pairing(neg(key), hashed, final_exponentiate=False)
    assert final_exponentiate(product) == FQ12.one()
    wrong = hash_to_G1(round_message(1001), DST, hashlib.sha256)
    other = pairing(G2, signature, final_exponentiate=False) * pairing(neg(key), wrong, final_exponentiate=False)
    assert final_exponentiate(other) != FQ12.one()
    # and pyblst's hash to G1 is the same point
    ours = BlstP1Element.hash_to_group(round_message(1000), DST).compress().hex()
    from py_ecc.bls.point_compression import compress_G1

    assert format(compress_G1(hashed), "096x") == ours

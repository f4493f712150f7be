"""What drand's tlock-js 0.9.0 seals (the library the Apply form will run), opened here: texts of many sizes
and scripts on a stand-in chain, and on quicknet itself at two rounds whose real signatures the repository
keeps. Another round's signature, another chain's key or an altered ciphertext open nothing, and before its
round exists there is no signature to open a text with."""

from __future__ import annotations

import base64
import hashlib
import os

import pytest
from beacon_standin import public_key_of, sign

from site_builder.sealing import MAX_SEALED_BYTES, NotSealed, Tampered, WrongBeacon, decrypt, parse
from site_builder.sealing.age import check_mac, open_payload, parse_age
from site_builder.sealing.armor import dearmor
from site_builder.sealing.ibe import unlock
from site_builder.selection.beacon import round_at, round_time
from site_builder.selection.fetch import BeaconClient, RoundNotYet
from tests.sealing.tlock_js import QUICKNET, ROUND_1000, armored, binary_of, seal, seal_all

# The stand-in chain of tests/selection/beacon_standin.py: its key and hash are all sealing needs, no relay.
STANDIN_SECRET = 0x5EC12E7
STANDIN_KEY = public_key_of(STANDIN_SECRET)
STANDIN_HASH = hashlib.sha256(bytes.fromhex(STANDIN_KEY)).hexdigest()
ROUND = 4242
QUICKNET_TEXT = "Application / Candidature — scellée pour quicknet\n".encode()
QUICKNET_ROUNDS = {1000: ROUND_1000, QUICKNET["round"]: QUICKNET["signature"]}

TEXTS = {
    "one byte": b"x",
    "an application": b"Application / Candidature\n\nMaple Code Co-op, Gatineau\n1. Yes: see the repository.\n",
    "French, accents and symbols": "Candidature : « Équipe Érable », délai 3 j, coût 9 500 $ — ça marche ✓\n".encode(),
    "other scripts and emoji": "ᐃᓄᒃᑎᑐᑦ · 中文 · العربية · 🍁🇨🇦 · \u200d\u0301".encode(),
    "all byte values": bytes(range(256)) * 4,
    "10 KiB": os.urandom(10 * 1024),
    "46,000 bytes, near the 64 KiB armor cap": os.urandom(46_000),
}


def standin_signature(round_number: int, secret: int = STANDIN_SECRET) -> bytes:
    return bytes.fromhex(sign(secret, round_number))


@pytest.fixture(scope="module")
def by_tlock_js() -> dict[object, str]:
    """Every text of this module sealed by tlock-js in one Node run: TEXTS by name, the quicknet text by round."""
    names = list(TEXTS)
    requests = [(TEXTS[name], ROUND, STANDIN_HASH, STANDIN_KEY) for name in names]
    requests += [(QUICKNET_TEXT, number, QUICKNET["chain_hash"], QUICKNET["public_key"]) for number in QUICKNET_ROUNDS]
    return dict(zip([*names, *QUICKNET_ROUNDS], seal_all(requests), strict=True))


@pytest.mark.parametrize("name", list(TEXTS))
def test_what_tlock_js_seals_on_a_stand_in_chain_opens_to_the_same_bytes(by_tlock_js, name):
    armor = by_tlock_js[name]
    assert len(armor) <= MAX_SEALED_BYTES
    sealed = parse(armor)
    assert (sealed.round, sealed.chain_hash) == (ROUND, STANDIN_HASH)
    assert decrypt(sealed, standin_signature(ROUND), STANDIN_KEY, STANDIN_HASH) == TEXTS[name]


def test_unicode_comes_back_as_the_same_text(by_tlock_js):
    sealed = parse(by_tlock_js["French, accents and symbols"])
    opened = decrypt(sealed, standin_signature(ROUND), STANDIN_KEY, STANDIN_HASH)
    assert opened.decode("utf-8") == "Candidature : « Équipe Érable », délai 3 j, coût 9 500 $ — ça marche ✓\n"


@pytest.mark.parametrize("round_number", list(QUICKNET_ROUNDS))
def test_what_tlock_js_seals_to_quicknet_opens_with_the_rounds_real_signature(by_tlock_js, round_number):
    sealed = parse(by_tlock_js[round_number])
    assert (sealed.round, sealed.chain_hash) == (round_number, QUICKNET["chain_hash"])
    signature = bytes.fromhex(QUICKNET_ROUNDS[round_number])
    assert decrypt(sealed, signature, QUICKNET["public_key"], QUICKNET["chain_hash"]) == QUICKNET_TEXT


def test_the_same_text_sealed_twice_differs_but_both_open():
    first, second = seal_all([(b"twice", ROUND, STANDIN_HASH, STANDIN_KEY)] * 2)
    assert first != second
    for armor in (first, second):
        assert decrypt(parse(armor), standin_signature(ROUND), STANDIN_KEY, STANDIN_HASH) == b"twice"


# ------------------------------------------------------------------ what does not open it


@pytest.fixture(scope="module")
def sealed_text(by_tlock_js) -> str:
    return by_tlock_js["an application"]


def test_another_rounds_signature_opens_nothing(sealed_text):
    with pytest.raises(WrongBeacon, match=f"the signature given is not round {ROUND}'s on the public key given"):
        decrypt(parse(sealed_text), standin_signature(ROUND - 1), STANDIN_KEY, STANDIN_HASH)


def test_another_chains_signature_opens_nothing(sealed_text):
    other = STANDIN_SECRET + 1
    with pytest.raises(WrongBeacon, match="another round's, or another chain's"):
        decrypt(parse(sealed_text), standin_signature(ROUND, other), STANDIN_KEY, STANDIN_HASH)


def test_another_chains_key_opens_nothing_even_with_that_chains_signature(sealed_text):
    """The chain hash cannot be derived from a key: a key that is not the sealing one fails the IBE's check."""
    other = STANDIN_SECRET + 1
    with pytest.raises(Tampered, match="or sealed to another key than the one given"):
        decrypt(parse(sealed_text), standin_signature(ROUND, other), public_key_of(other), STANDIN_HASH)


def test_another_chain_hash_opens_nothing(sealed_text):
    signature = bytes.fromhex(QUICKNET["signature"])
    with pytest.raises(WrongBeacon, match=r"sealed to a round of chain .*, not of the chain given"):
        decrypt(parse(sealed_text), signature, QUICKNET["public_key"], QUICKNET["chain_hash"])


@pytest.mark.parametrize(
    ("signature", "message"),
    [(b"", "48"), (bytes(48), "not a BLS12-381 G1 signature"), (b"\xc0" + bytes(47), "point at infinity")],
)
def test_a_signature_that_is_no_point_is_refused(sealed_text, signature, message):
    with pytest.raises(WrongBeacon, match=message):
        decrypt(parse(sealed_text), signature, STANDIN_KEY, STANDIN_HASH)


def test_a_public_key_that_is_no_point_is_refused(sealed_text):
    with pytest.raises(WrongBeacon, match="the public key given is not a BLS12-381 G2 key"):
        decrypt(parse(sealed_text), standin_signature(ROUND), "zz" + STANDIN_KEY[2:], STANDIN_HASH)


def flipped(binary: bytes, index: int) -> str:
    """The age file with one bit of byte `index` flipped (from the end when negative), armored again."""
    changed = bytearray(binary)
    changed[index] ^= 0x01
    return armored(bytes(changed))


def test_an_altered_payload_fails_its_tag(sealed_text):
    with pytest.raises(Tampered, match="chunk 1 of the payload fails its authentication tag"):
        decrypt(parse(flipped(binary_of(sealed_text), -1)), standin_signature(ROUND), STANDIN_KEY, STANDIN_HASH)


def test_an_altered_header_mac_fails(sealed_text):
    binary = binary_of(sealed_text)
    mac_line = binary.index(b"\n--- ") + len(b"\n--- ")
    altered = binary[:mac_line] + (b"A" if binary[mac_line : mac_line + 1] != b"A" else b"B") + binary[mac_line + 1 :]
    with pytest.raises(Tampered, match="the header's MAC does not match"):
        decrypt(parse(armored(altered)), standin_signature(ROUND), STANDIN_KEY, STANDIN_HASH)


@pytest.mark.parametrize("part", ["V", "W"])
def test_an_altered_tlock_stanza_fails_its_consistency_check(sealed_text, part):
    sealed = parse(sealed_text)
    body = sealed.u + sealed.v + sealed.w
    index = 96 if part == "V" else 112
    changed = bytearray(body)
    changed[index] ^= 0x80
    binary = binary_of(sealed_text)
    altered = binary.replace(_stanza_body(body), _stanza_body(bytes(changed)))
    assert altered != binary
    with pytest.raises(Tampered, match="consistency check"):
        decrypt(parse(armored(altered)), standin_signature(ROUND), STANDIN_KEY, STANDIN_HASH)


def test_a_text_relabelled_to_another_round_does_not_open_with_that_rounds_signature(sealed_text):
    binary = binary_of(sealed_text).replace(f"-> tlock {ROUND} ".encode(), f"-> tlock {ROUND + 1} ".encode())
    sealed = parse(armored(binary))
    assert sealed.round == ROUND + 1
    with pytest.raises(Tampered, match="consistency check"):
        decrypt(sealed, standin_signature(ROUND + 1), STANDIN_KEY, STANDIN_HASH)


def _stanza_body(data: bytes) -> bytes:
    """A stanza body as age writes it: unpadded base64 in lines of 64 columns."""
    text = base64.b64encode(data).rstrip(b"=")
    return b"\n".join(text[start : start + 64] for start in range(0, len(text), 64))


# ------------------------------------------------------------------ beyond one chunk, beyond the cap


BIG = {size: os.urandom(size) for size in (64 * 1024, 64 * 1024 + 1, 150 * 1024)}


@pytest.fixture(scope="module")
def big_by_tlock_js() -> dict[int, str]:
    sizes = list(BIG)
    return dict(zip(sizes, seal_all([(BIG[size], ROUND, STANDIN_HASH, STANDIN_KEY) for size in sizes]), strict=True))


@pytest.mark.parametrize("size", list(BIG))
def test_payloads_of_several_chunks_open_layer_by_layer_though_parse_refuses_their_size(big_by_tlock_js, size):
    """tlock-js writes 64 KiB STREAM chunks; a comment cannot hold more than one, but the chunk counter and the
    last-chunk flag are still checked against tlock-js here, below `parse`'s size cap."""
    text, armor = BIG[size], big_by_tlock_js[size]
    with pytest.raises(NotSealed, match=f"more than the {MAX_SEALED_BYTES}"):
        parse(armor)
    age_file = parse_age(dearmor(armor.encode()))
    stanza = age_file.stanzas[0]
    file_key = unlock(standin_signature(ROUND), stanza.body[:96], stanza.body[96:112], stanza.body[112:])
    check_mac(age_file, file_key)
    assert open_payload(file_key, age_file.payload) == text
    with pytest.raises(Tampered, match="payload"):
        open_payload(file_key, age_file.payload[: -(size % (64 * 1024) + 16) or -16])


# ------------------------------------------------------------------ before the round exists


@pytest.mark.parametrize("future_status", [425, 404])
def test_before_its_round_exists_nothing_opens_a_sealed_text(relay, future_status):
    relay.future_status = future_status
    settings = relay.settings()
    current = round_at(relay.now, settings)
    closing_round = current + 1200  # one hour ahead on a 3-second chain
    armor = seal(b"sealed until closing", closing_round, relay.chain_hash, relay.public_key)
    client = BeaconClient(settings, timeout=5.0, sleep=lambda _: None, now=lambda: relay.now)

    with pytest.raises(RoundNotYet, match=f"round {closing_round} is not produced yet .* answered {future_status}"):
        client.fetch_round(closing_round)
    latest = client.fetch_round(current)  # the newest signature there is opens nothing
    with pytest.raises(WrongBeacon, match=f"not round {closing_round}'s"):
        decrypt(parse(armor), bytes.fromhex(latest.signature), relay.public_key, relay.chain_hash)

    relay.now = round_time(closing_round, settings)
    published = client.fetch_round(closing_round)
    assert decrypt(parse(armor), bytes.fromhex(published.signature), relay.public_key, relay.chain_hash) == (
        b"sealed until closing"
    )

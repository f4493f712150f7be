"""Ciphertexts drand's own implementations published with the rounds' signatures, decrypted here: the Go
`tle`'s quicknet vector, and the Go ciphertexts tlock-js checks its compatibility with. Each is read out of
the upstream test file as it was written (tests/fixtures/tlock, tests/fixtures/tlock-js)."""

from __future__ import annotations

import json
import re

import pytest

from site_builder.sealing import NotSealed, WrongBeacon, decrypt, parse
from site_builder.sealing.age import check_mac, open_payload
from site_builder.sealing.ibe import unlock
from tests.prerequisites import fixture_file
from tests.sealing.tlock_js import QUICKNET


def go_test(name: str) -> str:
    """The body of one Go test function of drand/tlock's tlock_test.go."""
    text = fixture_file("tlock/tlock_test.go").read_text("utf-8")
    found = re.search(rf"^func {name}\(.*?^}}$", text, re.DOTALL | re.MULTILINE)
    assert found, f"{name} is no longer in tests/fixtures/tlock/tlock_test.go"
    return found.group(0)


def js_test(title: str) -> str:
    """The body of one test of tlock-js's compatibility.test.ts, by the start of its title."""
    text = fixture_file("tlock-js/compatibility.test.ts").read_text("utf-8")
    found = re.search(rf'^test\("{re.escape(title)}.*?^}}\)$', text, re.DOTALL | re.MULTILINE)
    assert found, f"the test {title!r} is no longer in tests/fixtures/tlock-js/compatibility.test.ts"
    return found.group(0)


def one(pattern: str, text: str) -> str:
    found = re.search(pattern, text, re.DOTALL)
    assert found, pattern
    return found.group(1)


@pytest.fixture(scope="module")
def go_quicknet() -> dict[str, object]:
    """tle's TestDecryptText: a text sealed to quicknet round 12040883, the round's signature and the chain."""
    body = go_test("TestDecryptText")
    info = json.loads(one(r"fixed\.FromInfo\(`(\{.*?\})`\)", body))
    return {
        "armor": one(r"cipher := `(-----BEGIN AGE ENCRYPTED FILE-----.*?-----END AGE ENCRYPTED FILE-----)`", body),
        "signature": bytes.fromhex(one(r'hex\.DecodeString\("([0-9a-f]+)"\)', body)),
        "plaintext": one(r'require\.Equal\(tt, "([^"]*)", plainData\.String\(\)\)', body).encode(),
        "info": info,
    }


def test_tles_quicknet_vector_decrypts_to_its_plaintext(go_quicknet):
    sealed = parse(go_quicknet["armor"])
    info = go_quicknet["info"]
    assert info["scheme"] == "bls-unchained-g1-rfc9380" and info["beacon_id"] == "quicknet"
    assert (sealed.round, sealed.chain_hash) == (12040883, info["chain_hash"])
    plaintext = decrypt(sealed, go_quicknet["signature"], info["public_key"], info["chain_hash"])
    assert plaintext == go_quicknet["plaintext"] == b"hello world"


def test_tles_quicknet_vector_is_the_marketplaces_chain(go_quicknet):
    assert go_quicknet["info"]["chain_hash"] == QUICKNET["chain_hash"]
    assert go_quicknet["info"]["public_key"] == QUICKNET["public_key"]


def test_the_vector_does_not_open_with_another_rounds_signature(go_quicknet):
    with pytest.raises(WrongBeacon, match="not round 12040883's on the public key given"):
        decrypt(
            parse(go_quicknet["armor"]),
            bytes.fromhex(QUICKNET["signature"]),
            QUICKNET["public_key"],
            QUICKNET["chain_hash"],
        )


@pytest.fixture(scope="module")
def fastnet() -> dict[str, object]:
    """tlock-js: 'payloads encrypted with the go impl should decrypt successfully with a non-rfc-compliant G1
    beacon': drand's fastnet (bls-unchained-on-g1), round 2. Its IBE is quicknet's (signatures in G1, U in G2);
    only the tag its signatures hash rounds with differs, so it checks the IBE, age and STREAM layers."""
    body = js_test("payloads encrypted with the go impl should decrypt successfully with a non-rfc-compliant G1")
    return {
        "armor": one(r"`(-----BEGIN AGE ENCRYPTED FILE-----.*?-----END AGE ENCRYPTED FILE-----)`", body),
        "signature": bytes.fromhex(one(r'signature: "([0-9a-f]+)"', body)),
        "plaintext": json.loads(one(r"\.to\.equal\((\"[^\"]*\")\)", body)).encode(),
    }


def test_the_go_fastnet_vector_opens_layer_by_layer(fastnet):
    sealed = parse(fastnet["armor"])
    assert sealed.round == 2
    assert sealed.chain_hash == "dbd506d6ef76e5f386f41c651dcb808c5bcbd75471cc4eafa3f4df7ad4e4c493"
    file_key = unlock(fastnet["signature"], sealed.u, sealed.v, sealed.w)
    check_mac(sealed.age_file, file_key)
    assert open_payload(file_key, sealed.age_file.payload) == fastnet["plaintext"] == b"Hello drand World\n"


def test_the_fastnet_vector_is_not_opened_as_quicknets(fastnet):
    sealed = parse(fastnet["armor"])
    with pytest.raises(WrongBeacon, match=r"sealed to a round of chain dbd506d6ef76e5f3\.\.\., not of the chain"):
        decrypt(sealed, fastnet["signature"], QUICKNET["public_key"], QUICKNET["chain_hash"])


@pytest.mark.parametrize(
    "title",
    [
        "payloads encrypted with the go impl should decrypt successfully with G2 beacon",
        "payloads encrypted with the old go impl should not decrypt anymore",
    ],
)
def test_ciphertexts_for_chains_signing_in_g2_are_refused_by_parse(title):
    """drand's older chains sign in G2 (pedersen-bls-unchained): their U is a 48-byte G1 point."""
    armor = one(r"(-----BEGIN AGE ENCRYPTED FILE-----.*?-----END AGE ENCRYPTED FILE-----)", js_test(title))
    armor = armor.replace('\\n" +\n        "', "\n")  # the older test writes its armor as joined JS strings
    with pytest.raises(NotSealed, match="the tlock stanza's body has 80 bytes, not the 128 of U, V and W"):
        parse(armor)

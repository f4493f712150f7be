"""tlock's IBE pieces against tlock-js's published vectors (tests/fixtures/tlock-js/ibe.test.ts): the pairing
e(G1, G2) as kyber serialises it, its square, and the H2 hash of it."""

from __future__ import annotations

import re

import pytest
from py_ecc.optimized_bls12_381 import curve_order, field_modulus

from site_builder import bls
from site_builder.sealing import ibe
from site_builder.sealing.errors import Tampered
from tests.prerequisites import fixture_file

G2_GENERATOR = bls.G2_GENERATOR


def vector(name: str) -> str:
    """One `const name = "hex"` of tlock-js's ibe.test.ts, as upstream wrote it."""
    text = fixture_file("tlock-js/ibe.test.ts").read_text("utf-8")
    found = re.search(rf'const {name} = "([0-9a-f]+)"', text)
    assert found, f"{name} is no longer in tests/fixtures/tlock-js/ibe.test.ts"
    return found.group(1)


@pytest.fixture(scope="module")
def generators_pairing():
    return ibe.tlock_pairing(bytes.fromhex(vector("expectedG1Compressed")), G2_GENERATOR)


def test_the_pairing_of_the_generators_is_the_one_kyber_and_tlock_js_serialise(generators_pairing):
    assert ibe.gt_bytes(generators_pairing).hex() == vector("expectedOutput")


def test_its_h2_hash_is_tlock_js_own(generators_pairing):
    assert ibe.h2(ibe.gt_bytes(generators_pairing), 16).hex() == vector("expectedGtToHash")


def test_another_gt_element_serialises_as_upstream_says(generators_pairing):
    """kyber's GT "Add" multiplies: tlock-js checks the square's bytes, a GT element with no zero coefficient."""
    assert ibe.gt_bytes(generators_pairing * generators_pairing).hex() == vector("expectedAdded")


def test_the_pairing_is_bilinear(generators_pairing):
    g1 = bls.g1_point(bytes.fromhex(vector("expectedG1Compressed")))
    two_g1 = g1.scalar_mul(2).compress()
    three_g2 = bls.g2_point(G2_GENERATOR).scalar_mul(3).compress()
    assert ibe.tlock_pairing(two_g1, three_g2) == generators_pairing**6


def test_the_constants_are_bls12_381s():
    assert (curve_order, field_modulus) == (ibe.CURVE_ORDER, ibe.FIELD_MODULUS)


def test_h3_gives_a_scalar_below_the_group_order_deterministically():
    scalars = {ibe.h3(bytes([i]) * 16, b"m" * 16) for i in range(50)}
    assert len(scalars) == 50 and all(0 <= s < curve_order for s in scalars)
    assert ibe.h3(b"s" * 16, b"m" * 16) == ibe.h3(b"s" * 16, b"m" * 16)


def test_a_ciphertext_that_fails_the_consistency_check_is_tampered():
    signature = bytes.fromhex(vector("expectedG1Compressed"))
    with pytest.raises(Tampered, match=r"consistency check \(U != H3"):
        ibe.unlock(signature, G2_GENERATOR, b"\x00" * 16, b"\x00" * 16)


@pytest.mark.parametrize(("v", "w"), [(b"", b""), (b"\x00" * 16, b"\x00" * 15), (b"\x00" * 33, b"\x00" * 33)])
def test_v_and_w_of_impossible_sizes_are_refused_before_any_pairing(v, w):
    with pytest.raises(Tampered, match="V and W have"):
        ibe.unlock(bytes(48), G2_GENERATOR, v, w)

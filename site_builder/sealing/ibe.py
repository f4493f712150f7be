"""tlock's identity-based encryption of the file key, opened with a round's signature (drand's kyber
`encrypt/ibe.DecryptCCAonG2`, tlock-js `decryptOnG2`: Boneh-Franklin with the Fujisaki-Okamoto check).

For a chain with signatures in G1 and its public key in G2 (quicknet), the identity is sha256(round), the
round's signature is the identity's private key, and the ciphertext is U (a G2 point, 96 bytes compressed),
V and W (16 bytes each, the size of age's file key):

    sigma = V xor H2(e(signature, U))         H2(g) = sha256("IBE-H2" || bytes(g))[:16]
    key   = W xor H4(sigma)                   H4(s) = sha256("IBE-H4" || s)[:16]
    check U == H3(sigma, key) * G2            H3: a scalar below r by rejection sampling, see `h3`

`bytes(g)` is the GT element as kyber serialises it (its Fp12 tower, big-endian, highest coefficient first;
tlock-js copies it). The pairing is py_ecc's (pure Python, about 0.2 s): pairings of different libraries
differ by a fixed exponent (the sign of the Miller loop's x, the hard part of the final exponentiation), and
tlock's GT element is py_ecc's to the power -3, as tlock-js's published e(G1, G2) vector shows
(tests/sealing/test_ibe.py). blst (pyblst) checks the points and computes H3(...) * G2, in microseconds.
"""

from __future__ import annotations

import hashlib

from py_ecc.fields import field_properties
from py_ecc.fields import optimized_bls12_381_FQ12 as FQ12
from pyblst import BlstP2Element

from site_builder.bls import G2_GENERATOR
from site_builder.sealing.errors import Tampered

FP_BYTES = 48
FIELD_MODULUS: int = field_properties["bls12_381"]["field_modulus"]
# r, the order of G1, G2 and GT (BLS12-381's scalar field); tests/sealing/test_ibe.py compares it with py_ecc's.
CURVE_ORDER = 0x73EDA753299D7D483339D80809A1D80553BDA402FFFE5BFEFFFFFFFF00000001


def unlock(signature: bytes, u: bytes, v: bytes, w: bytes) -> bytes:
    """The file key sealed as (U, V, W), given the round's signature (checked by the caller); Tampered when the
    Fujisaki-Okamoto check fails: U, V or W was altered, or they were sealed to another chain's key."""
    if len(v) != len(w) or not 0 < len(w) <= 32:
        raise Tampered(f"the tlock ciphertext's V and W have {len(v)} and {len(w)} bytes: not a sealed file key")
    shared = gt_bytes(tlock_pairing(signature, u))
    sigma = _xor(v, h2(shared, len(w)))
    key = _xor(w, h4(sigma, len(w)))
    if BlstP2Element.uncompress(G2_GENERATOR).scalar_mul(h3(sigma, key)).compress() != u:
        raise Tampered(
            "the tlock stanza fails its consistency check (U != H3(sigma, key) * G2): the text was altered, or "
            "sealed to another key than the one given"
        )
    return key


def tlock_pairing(signature: bytes, u: bytes) -> FQ12:
    """e(signature, U) as kyber and tlock-js compute it: py_ecc's optimal ate pairing to the power -3."""
    # Imported here, not above: py_ecc builds its pairing tables on import (about a second, with eth-utils for
    # the point decompression), a cost only the commands that open a sealed application should pay.
    from py_ecc.bls.point_compression import decompress_G1, decompress_G2
    from py_ecc.optimized_bls12_381 import final_exponentiate, pairing

    g1 = decompress_G1(int.from_bytes(signature, "big"))
    g2 = decompress_G2((int.from_bytes(u[:FP_BYTES], "big"), int.from_bytes(u[FP_BYTES:], "big")))
    value = final_exponentiate(pairing(g2, g1, final_exponentiate=False))
    conjugate = FQ12([c if i % 2 == 0 else -c for i, c in enumerate(value.coeffs)])  # the inverse, in GT
    return conjugate * conjugate * conjugate


def gt_bytes(value: FQ12) -> bytes:
    """The 576 bytes of a GT element in kyber's order: Fp12 = c0 + c1 w over Fp6 = b0 + b1 v + b2 v^2 over
    Fp2 = x + y u, written c1 then c0, b2 b1 b0, y then x, each 48 bytes big-endian.

    py_ecc keeps Fp12 flat, as sum a_i w^i with w^6 = u + 1 and v = w^2, so the Fp2 coefficient of v^k w^j
    is (a_(2k+j) + a_(2k+j+6)) + a_(2k+j+6) u."""
    a = [int(c) % FIELD_MODULUS for c in value.coeffs]
    out = bytearray()
    for j in (1, 0):
        for k in (2, 1, 0):
            i = 2 * k + j
            x, y = (a[i] + a[i + 6]) % FIELD_MODULUS, a[i + 6]
            out += y.to_bytes(FP_BYTES, "big") + x.to_bytes(FP_BYTES, "big")
    return bytes(out)


def h2(shared: bytes, length: int) -> bytes:
    return hashlib.sha256(b"IBE-H2" + shared).digest()[:length]


def h3(sigma: bytes, message: bytes) -> int:
    """A scalar in [0, r) from sigma and the message: sha256(i as 2 bytes little-endian || sha256("IBE-H3" ||
    sigma || message)) for i = 1, 2, ..., its top bit cleared (r has 255 bits), until it is below r."""
    seed = hashlib.sha256(b"IBE-H3" + sigma + message).digest()
    for i in range(1, 65535):
        candidate = bytearray(hashlib.sha256(i.to_bytes(2, "little") + seed).digest())
        candidate[0] >>= 1
        number = int.from_bytes(candidate, "big")
        if number < CURVE_ORDER:
            return number
    raise Tampered("H3 found no scalar: the tlock stanza cannot be checked")  # probability about 2^-65534


def h4(sigma: bytes, length: int) -> bytes:
    return hashlib.sha256(b"IBE-H4" + sigma).digest()[:length]


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))

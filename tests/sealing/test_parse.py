"""`parse` reads age's armor and header as strictly as age's Go reader, names what is wrong in one error type,
and never lets garbage through as a traceback: truncations, bit flips, random bytes and huge inputs."""

from __future__ import annotations

import base64
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.errors import DevexError
from site_builder.sealing import MAX_SEALED_BYTES, NotSealed, SealedError, decrypt, parse
from tests.prerequisites import fixture_file
from tests.sealing.tlock_js import QUICKNET, armored, binary_of

# tle's quicknet vector (tests/fixtures/tlock/tlock_test.go, TestDecryptText), the text every rule below bends.
GO_TEST = fixture_file("tlock/tlock_test.go").read_text("utf-8")
ARMOR = re.search(r"cipher := `(-----BEGIN AGE.*?-----END AGE ENCRYPTED FILE-----)`", GO_TEST, re.DOTALL).group(1)
SIGNATURE = bytes.fromhex(
    "929906c959032ab363c9f26570d215d66f5c06cb0c44fe508c12bb5839f04ec895bb6868e5b9ff13ab289bdb5266b394"
)
assert SIGNATURE.hex() in GO_TEST
BINARY = binary_of(ARMOR)
HEADER, _, REST = BINARY.partition(b"\n--- ")
STANZA_LINE = b"-> tlock 12040883 52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971"


def with_header(old: bytes, new: bytes) -> str:
    """The vector with `old` replaced by `new` in its binary header, armored again."""
    assert old in BINARY
    return armored(BINARY.replace(old, new, 1))


def refused(text: str | bytes, message: str) -> None:
    with pytest.raises(NotSealed, match=message):
        parse(text)


def test_the_error_is_the_packages_kind():
    assert issubclass(NotSealed, SealedError) and issubclass(SealedError, DevexError)


# ------------------------------------------------------------------ what it accepts


def test_armor_as_text_as_bytes_and_the_binary_file_read_the_same():
    found = {(s.round, s.chain_hash, s.u, s.v, s.w) for s in (parse(ARMOR), parse(ARMOR.encode()), parse(BINARY))}
    assert len(found) == 1 and next(iter(found))[:2] == (12040883, QUICKNET["chain_hash"])


def test_crlf_line_ends_and_surrounding_whitespace_are_forgiven_as_age_forgives_them():
    """GitHub may hand a comment back with CRLF line ends; a pasted block often has blank lines around it."""
    text = "\n\n  " + ARMOR.replace("\n", "\r\n") + "\r\n\n"
    plaintext = decrypt(parse(text), SIGNATURE, QUICKNET["public_key"], QUICKNET["chain_hash"])
    assert plaintext == b"hello world"


def test_the_sealed_text_shows_its_round_and_chain_not_its_bytes():
    assert repr(parse(ARMOR)) == f"Sealed(round=12040883, chain_hash='{QUICKNET['chain_hash']}')"


# ------------------------------------------------------------------ the armor


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not an age file"),
        ("Application / Candidature\n\n" + ARMOR, "not an age file"),
        (ARMOR.replace("-----END AGE ENCRYPTED FILE-----", ""), "must end with the line -----END AGE"),
        (ARMOR.rsplit("\n", 3)[0], "must end with the line -----END AGE"),
        (ARMOR.replace("BEGIN AGE", "BEGIN  AGE"), "not an age file"),
        ("-----BEGIN AGE ENCRYPTED FILE-----\n-----END AGE ENCRYPTED FILE-----", "holds nothing"),
        (ARMOR.replace("\n", "\n\n", 2), "line 2 of the armor is empty"),
        (" " * 1025 + ARMOR, "more than 1024 bytes of whitespace"),
        (ARMOR + "\n" * 1025, "more than 1024 bytes of whitespace"),
        (ARMOR.replace("YWdl", "YWd", 1), "line 2 of the armor has 63 characters"),
        (ARMOR.replace("YWdl", "YW=l", 1), "line 2 of the armor is not base64"),
        (ARMOR.replace("YWdl", "YW\u00e9", 1), "line 2 of the armor is not base64"),  # 64 bytes, 63 characters
        (ARMOR.replace("fwDenmKFfQaAGm0WLxdlzP8Q==", "fwDenmKFfQaAGm0WLxdlzP8R=="), "not canonical base64"),
    ],
)
def test_armor_that_age_would_refuse_is_refused_with_the_reason(text, message):
    refused(text, message)


def test_a_padded_line_must_be_the_last():
    lines = ARMOR.split("\n")
    short = base64.b64encode(base64.b64decode(lines[1])[:47]).decode()  # 64 characters with "=" padding
    refused("\n".join([lines[0], short, *lines[2:]]), "line 2 of the armor is padded")


# ------------------------------------------------------------------ the age header


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (b"age-encryption.org/v1\n", b"age-encryption.org/v2\n", "age version 'age-encryption.org/v2' is not"),
        (b"age-encryption.org/v1\n", b"age-encryption.org/v1 \n", "'age-encryption.org/v1 ' is not supported"),
        (STANZA_LINE, STANZA_LINE.replace(b"-> tlock", b"-> X25519"), "to a 'X25519' recipient, not sealed"),
        (STANZA_LINE, STANZA_LINE.replace(b"-> tlock", b"->  tlock"), "an empty argument"),
        (STANZA_LINE, STANZA_LINE.replace(b"-> tlock", b"->tlock"), "does not start with '-> TYPE'"),
        (STANZA_LINE, STANZA_LINE + b" extra", r"must read '-> tlock ROUND CHAIN_HASH'"),
        (STANZA_LINE, STANZA_LINE.replace(b" 12040883 ", b" 012040883 "), "must read '-> tlock ROUND"),
        (STANZA_LINE, STANZA_LINE.replace(b" 12040883 ", b" 0 "), "must read '-> tlock ROUND"),
        (STANZA_LINE, STANZA_LINE.replace(b" 12040883 ", b" 18446744073709551616 "), "beyond drand's 64-bit"),
        (STANZA_LINE, STANZA_LINE.replace(b"52db9ba7", b"52DB9BA7"), "64 hex digits"),
        (STANZA_LINE, STANZA_LINE + b"\xff", "outside printable ASCII"),
        (b"\n--- ", b"\n---  ", "closing line is not '--- MAC'"),
        (b"\n--- ", b"\n--- AAAA", "the header's MAC has 35 bytes"),
    ],
)
def test_headers_that_are_not_one_tlock_stanza_are_refused_with_the_reason(old, new, message):
    refused(with_header(old, new), message)


def test_two_stanzas_are_refused_even_when_both_are_tlock():
    stanza = HEADER.split(b"\n", 1)[1] + b"\n"
    refused(armored(HEADER + b"\n" + stanza + b"--- " + REST), "has 2 recipient stanzas: a sealed application has")


def test_no_stanza_is_refused():
    refused(armored(b"age-encryption.org/v1\n--- " + REST), "has 0 recipient stanzas")


def test_a_stanza_body_of_the_wrong_size_is_refused():
    body_start = BINARY.index(b"\n", BINARY.index(STANZA_LINE)) + 1
    refused(armored(BINARY[:body_start] + b"AAAA\n--- " + REST), "body has 3 bytes, not the 128 of U, V and W")


def test_a_stanza_body_in_non_canonical_or_padded_base64_is_refused():
    body_end = BINARY.index(b"\n--- ")
    last = BINARY.rindex(b"\n", 0, body_end) + 1
    refused(armored(BINARY[:body_end] + b"=" + BINARY[body_end:]), "padded base64")
    tail = BINARY[last:body_end]
    stray = tail[:-1] + (b"F" if tail[-1:] != b"F" else b"G")  # 43 characters: the last one's low bits are unused
    refused(armored(BINARY[:last] + stray + BINARY[body_end:]), "not canonical base64")


def test_a_u_that_is_no_point_of_g2_is_refused_at_parse():
    sealed = parse(ARMOR)
    bad_u = b"\x80" + bytes(95)  # compressed, x = 0: not on the curve
    old = base64.b64encode(sealed.u + sealed.v + sealed.w).rstrip(b"=")
    new = base64.b64encode(bad_u + sealed.v + sealed.w).rstrip(b"=")
    lines = lambda text: b"\n".join(text[i : i + 64] for i in range(0, len(text), 64))  # noqa: E731
    refused(with_header(lines(old), lines(new)), "the tlock stanza's U is not a point of G2")


# ------------------------------------------------------------------ size, type, garbage


@pytest.mark.parametrize("size", [MAX_SEALED_BYTES + 1, 10 * 1024 * 1024])
def test_inputs_beyond_the_size_a_comment_holds_are_refused_before_any_work(size):
    refused(" " * size, "more than the 65536 a sealed application can have")
    refused(b"\x00" * size, "more than the 65536 a sealed application can have")


@pytest.mark.parametrize("value", [None, 42, ["-----BEGIN AGE ENCRYPTED FILE-----"], bytearray(b"x")])
def test_other_types_are_refused(value):
    refused(value, "a sealed application is text or bytes")


def test_a_text_with_a_lone_surrogate_is_refused():
    refused(ARMOR + "\ud800", "not Unicode")


@pytest.mark.parametrize("cut", range(0, len(BINARY), 7))
def test_every_truncation_of_the_binary_file_is_refused(cut):
    with pytest.raises(SealedError):
        sealed = parse(BINARY[:cut])
        decrypt(sealed, SIGNATURE, QUICKNET["public_key"], QUICKNET["chain_hash"])


def test_every_truncation_of_the_armor_is_refused_or_still_the_whole_text():
    for cut in range(len(ARMOR)):
        try:
            parse(ARMOR[:cut])
        except NotSealed:
            continue
        assert ARMOR[cut:].strip() == "", cut  # only the final newline can go


@settings(max_examples=300)
@given(st.binary(max_size=2048) | st.text(max_size=2048))
def test_random_input_is_refused_by_one_error_type(data):
    with pytest.raises(NotSealed):
        parse(data)


@settings(max_examples=200)
@given(st.binary(min_size=1, max_size=400))
def test_random_bytes_after_a_valid_intro_are_refused_by_one_error_type(tail):
    with pytest.raises(NotSealed):
        parse(b"age-encryption.org/v1\n" + tail)


@settings(max_examples=40)
@given(st.integers(0, len(ARMOR) * 8 - 1))
def test_a_flipped_bit_anywhere_in_the_armor_is_refused_or_opens_to_the_same_text(bit):
    text = bytearray(ARMOR.encode())
    text[bit // 8] ^= 1 << (bit % 8)
    try:
        sealed = parse(bytes(text))
        plaintext = decrypt(sealed, SIGNATURE, QUICKNET["public_key"], QUICKNET["chain_hash"])
    except SealedError:
        return
    assert plaintext == b"hello world"  # a flip the armor forgives (whitespace), never another text


@settings(max_examples=40)
@given(st.integers(0, len(BINARY) * 8 - 1))
def test_a_flipped_bit_anywhere_in_the_binary_file_is_refused(bit):
    data = bytearray(BINARY)
    data[bit // 8] ^= 1 << (bit % 8)
    with pytest.raises(SealedError):
        decrypt(parse(bytes(data)), SIGNATURE, QUICKNET["public_key"], QUICKNET["chain_hash"])

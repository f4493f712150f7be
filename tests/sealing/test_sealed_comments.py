"""A sealed application as a supplier posts it (the application line, then tlock-js's armor) taken out of the
comment's text: what GitHub and pasting do to a text is forgiven (CRLF, trailing spaces, a code fence, blank
lines), anything else is named and never guessed at; then opened with the closing round's signature, or
flagged with its reason."""

from __future__ import annotations

import hashlib

import pytest
from beacon_standin import public_key_of, sign

from site_builder.archive.sealed import (
    BEGIN,
    END,
    Beacon,
    armor_of,
    is_sealed,
    open_application,
    read,
    unreadable_applicants,
)
from site_builder.sealing import NotSealed
from tests.sealing.tlock_js import armored, binary_of, seal_all

SECRET = 0x5EC12E7
KEY = public_key_of(SECRET)
CHAIN = hashlib.sha256(bytes.fromhex(KEY)).hexdigest()
OTHER_KEY = public_key_of(0xD1FFE2E7)
OTHER_CHAIN = hashlib.sha256(bytes.fromhex(OTHER_KEY)).hexdigest()
ROUND = 5000
LINE = "Application / Candidature"
PLAINTEXT = "Application / Candidature\n\nÉrable Code, Gatineau\n1. Oui : voir le dépôt.\n".encode()


@pytest.fixture(scope="module")
def armors() -> dict[str, str]:
    """tlock-js's armors: to the round, to the next round, and to another chain."""
    made = seal_all(
        [(PLAINTEXT, ROUND, CHAIN, KEY), (PLAINTEXT, ROUND + 1, CHAIN, KEY), (PLAINTEXT, ROUND, OTHER_CHAIN, OTHER_KEY)]
    )
    return dict(zip(["round", "next round", "other chain"], made, strict=True))


@pytest.fixture
def armor(armors) -> str:
    return armors["round"]


def beacon(round_number: int = ROUND) -> Beacon:
    return Beacon(round_number, CHAIN, sign(SECRET, round_number), KEY)


# ------------------------------------------------------------------ taking it out of the comment


def test_the_form_s_text_gives_tlock_js_s_armor_exactly(armor):
    assert armor_of(f"{LINE}\n{armor}") == armor
    assert armor_of(f"{LINE}\n\n{armor}\n\n") == armor


@pytest.mark.parametrize(
    "shape",
    [
        "crlf",
        "trailing spaces",
        "fence",
        "fence with a language",
        "tildes",
        "fence around the line too",
        "byte order mark",
    ],
)
def test_what_github_and_pasting_do_to_a_text_is_forgiven(armor, shape):
    lines = armor.rstrip("\n").split("\n")
    texts = {
        "crlf": f"{LINE}\r\n" + "\r\n".join(lines) + "\r\n",
        "trailing spaces": f"{LINE}  \n" + "\n".join(f"{line} \t" for line in lines),
        "fence": f"{LINE}\n\n```\n{armor}```\n",
        "fence with a language": f"{LINE}\n```text\n{armor}```",
        "tildes": f"{LINE}\n~~~~\n{armor}~~~~\n\n",
        "fence around the line too": f"```\n{LINE}\n\n{armor}```\n",
        "byte order mark": f"\ufeff{LINE}\n{armor}",
    }
    assert is_sealed(texts[shape])
    assert armor_of(texts[shape]) == armor


def test_a_plain_application_is_no_sealed_one_even_when_it_speaks_of_armor():
    plain = f"{LINE}\n\nI did not use the {BEGIN} form: my text is public.\n"
    assert not is_sealed(plain) and armor_of(plain) is None and read(plain) is None


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda a: f"{LINE}\nMy company: Érable Code\n{a}", "must follow the application line"),
        (lambda a: f"{LINE}\n{a}\nThanks!\n", "more than the application line and the armor"),
        (lambda a: f"{LINE}\n{a}\n{a}", "more than the application line and the armor"),
        (lambda a: f"{LINE}\n```\n{a}", "fence ``` opened before the armor is not closed"),
        (lambda a: f"{LINE}\n```\n{a}~~~\n", "fence ``` opened before the armor is not closed"),
        (lambda a: f"{LINE}\n{a.rsplit(END, 1)[0]}", "no last line"),
        (lambda a: f"{LINE}\n" + a.replace("\n", "\n\n", 2), "blank line inside"),
        (lambda a: f"{LINE}\n" + "".join(f"> {line}\n" for line in a.splitlines()), "must follow the application"),
    ],
    ids=["words before", "words after", "two armors", "unclosed fence", "other fence", "truncated", "blank", "quoted"],
)
def test_anything_else_beside_the_armor_is_named_not_guessed(armor, make, reason):
    with pytest.raises(NotSealed, match=reason):
        armor_of(make(armor))


def test_an_armor_whose_lines_were_reflowed_or_indented_is_refused_by_age_s_rules(armor):
    lines = armor.rstrip("\n").split("\n")
    indented = f"{LINE}\n{lines[0]}\n" + "\n".join(f"    {line}" for line in lines[1:-1]) + f"\n{lines[-1]}\n"
    with pytest.raises(NotSealed):
        read(indented)
    joined = f"{LINE}\n{lines[0]}\n{''.join(lines[1:-1])}\n{lines[-1]}\n"
    with pytest.raises(NotSealed, match="characters"):
        read(joined)


# ------------------------------------------------------------------ opening it with the closing round


def test_opened_with_the_closing_round_s_signature(armor):
    opened = open_application(f"{LINE}\r\n```\r\n{armor}```", beacon())
    assert opened.plaintext == PLAINTEXT
    assert opened.block["round"] == ROUND and opened.block["chain_hash"] == CHAIN
    assert opened.block["sha256"] == hashlib.sha256(PLAINTEXT).hexdigest() and opened.block["size"] == len(PLAINTEXT)
    assert len(bytes.fromhex(opened.block["file_key"])) == 16


def flagged(body: str, problem: str, detail: str) -> dict:
    opened = open_application(body, beacon())
    assert opened.plaintext is None
    assert opened.block["problem"] == problem
    assert detail in opened.block["detail"]
    assert "file_key" not in opened.block
    return opened.block


def test_sealed_to_another_round_is_flagged(armors):
    block = flagged(
        f"{LINE}\n{armors['next round']}", "another-round", f"sealed to round {ROUND + 1}, not round {ROUND}"
    )
    assert block["round"] == ROUND + 1


def test_sealed_to_another_chain_is_flagged(armors):
    block = flagged(f"{LINE}\n{armors['other chain']}", "another-chain", f"not the marketplace's {CHAIN}")
    assert block["chain_hash"] == OTHER_CHAIN


def test_an_altered_ciphertext_is_flagged_tampered(armor):
    binary = bytearray(binary_of(armor))
    binary[-5] ^= 1
    flagged(f"{LINE}\n{armored(bytes(binary))}", "tampered", "payload")


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (f"{LINE}\n{BEGIN}\nbm90IGFnZQ==\n{END}\n", "age"),
        (f"{LINE}\n{BEGIN}\n{'A' * 64}\n", "no last line"),
        (f"{LINE}\n{BEGIN}\n\u202e\u0000\n{END}\n", "base64"),
    ],
    ids=["garbage", "truncated", "control characters"],
)
def test_garbage_and_truncated_armor_are_flagged_never_raised(body, detail):
    block = flagged(body, "not-sealed", detail)
    assert block["detail"].isprintable() and len(block["detail"]) <= 300


def test_an_applicant_whose_only_application_does_not_open_is_unreadable():
    def bid(author, sealed=None, late=False):
        entry = {"author": author, "kind": "application", "late": late}
        return {**entry, "sealed": sealed} if sealed is not None else entry

    bids = {
        "bids": [
            bid("alice", {"problem": "tampered"}),
            bid("Bob", {"problem": "another-round"}),
            bid("bob", {"file_key": "00" * 16}),  # a second application that opened
            bid("carol"),
            bid("dave", {"problem": "not-sealed"}, late=True),
        ]
    }
    assert unreadable_applicants(bids) == ["alice"]

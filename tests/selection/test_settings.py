"""The `beacon` settings in marketplace.yaml: checked by the schema, with the line of what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder import schemas
from site_builder.load import load_bytes

BASE = Path(__file__).resolve().parents[1] / "foundation" / "base" / "opportunities" / "marketplace.yaml"


def problems(old: str, new: str) -> list[tuple[int, str]]:
    text = BASE.read_text("utf-8")
    assert old in text
    document = load_bytes(text.replace(old, new).encode(), "opportunities/marketplace.yaml")
    return [(p.line, p.message) for p in schemas.check(document, "marketplace")]


def line_of(text: str) -> int:
    return next(n for n, line in enumerate(BASE.read_text("utf-8").splitlines(), 1) if line.startswith(text))


def test_the_base_settings_are_valid():
    assert problems("lead_seconds: 900", "lead_seconds: 900") == []


def test_a_local_relay_is_accepted_for_tests():
    assert problems("urls: [https://api.drand.sh,", "urls: [http://127.0.0.1:8080,") == []


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("lead_seconds: 900", "lead_seconds: 60", "  lead_seconds", "must be at least 600"),
        ("urls: [https://api.drand.sh,", "urls: [http://api.drand.sh,", "  urls", "starting with https://"),
        ("period: 3", "period: 0", "  period", "must be at least 1"),
        ("scheme: bls-unchained-g1-rfc9380", "scheme: pedersen-bls-chained", "  scheme", "bls-unchained-g1-rfc9380"),
        ("chain_hash: 52db", "chain_hash: 52DB", "  chain_hash", "64-character hexadecimal"),
        ("public_key: 83cf0f", "public_key: 83cf0", "  public_key", "192-character hexadecimal"),
    ],
)
def test_wrong_beacon_settings_are_reported_at_their_line(old, new, field, words):
    found = problems(old, new)
    assert len(found) == 1 and found[0][0] == line_of(field) and words in found[0][1], found

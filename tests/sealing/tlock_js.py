"""drand's tlock-js 0.9.0 under Node (seal.mjs beside this file), sealing texts offline for the tests, and the
quicknet facts the sample marketplace keeps (its settings and a real round's signature)."""

from __future__ import annotations

import base64
import functools
import json
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.prerequisites import program

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
INSTALL = "run `scripts/setup --with-engines` (or `make test`, which runs it)"


def _quicknet() -> dict[str, str]:
    settings = yaml.safe_load((REPO / "opportunities" / "marketplace.yaml").read_text("utf-8"))["beacon"]
    sample = REPO / "opportunities" / "esdc" / "esdc-2024-031" / "selection.yaml"
    record = yaml.safe_load(sample.read_text("utf-8"))
    return {
        "chain_hash": settings["chain_hash"],
        "public_key": settings["public_key"],
        "round": record["round"],
        "signature": record["signature"],
    }


# quicknet as the marketplace names it, and round 10024141 as the chain published it (the sample's draw).
QUICKNET = _quicknet()
# quicknet round 1000, as the chain published it (also in tests/selection/test_beacon.py).
ROUND_1000 = "b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39"


def tlock_js_installed() -> Path:
    """node, once tlock-js is installed in tests/sealing/node_modules; the test fails saying how if not."""
    node = program("node", INSTALL)
    if not (HERE / "node_modules" / "tlock-js" / "package.json").exists():
        pytest.fail(f"tests/sealing/node_modules/tlock-js is missing: {INSTALL}", pytrace=False)
    return node


def seal_all(requests: list[tuple[bytes, int, str, str]]) -> list[str]:
    """The armored texts tlock-js makes, one per (plaintext, round, chain hash, public key), in one Node run."""
    asked = [
        {"plaintext": base64.b64encode(text).decode(), "round": number, "chain_hash": chain, "public_key": key}
        for text, number, chain, key in requests
    ]
    done = subprocess.run(
        [str(tlock_js_installed()), str(HERE / "seal.mjs")],
        input=json.dumps(asked).encode(),
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    armored = json.loads(done.stdout)
    assert len(armored) == len(requests)
    return armored


@functools.cache
def seal(plaintext: bytes, round_number: int, chain_hash: str, public_key: str) -> str:
    """The armored text tlock-js makes for `plaintext` sealed to `round_number` of the chain given (once per
    test session for the same arguments: `seal_all` seals afresh)."""
    return seal_all([(plaintext, round_number, chain_hash, public_key)])[0]


def armored(binary: bytes) -> str:
    """`binary` in age's armor, written here from the spec (64 columns, padded base64), to re-armor a binary
    age file after a test altered it."""
    text = base64.b64encode(binary).decode("ascii")
    lines = [text[start : start + 64] for start in range(0, len(text), 64)]
    return "-----BEGIN AGE ENCRYPTED FILE-----\n" + "\n".join(lines) + "\n-----END AGE ENCRYPTED FILE-----\n"


def binary_of(armor: str) -> bytes:
    """The binary age file inside an armored text (plain base64 decoding, not the code under test)."""
    lines = armor.strip().splitlines()[1:-1]
    return base64.b64decode("".join(lines))

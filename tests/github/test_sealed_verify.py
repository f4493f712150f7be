"""An archive of sealed applications, written by sync, then altered the way a forger would (every size, sha256
and the digest made to agree again): `devex validate` and `devex verify` refuse each alteration with its file
and line, and a clean archive passes. `devex verify` re-does the whole decryption from the archived text and
signature; `devex validate` re-opens each plaintext with its recorded file key (no pairing) and checks the
round and its signature."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from github_testkit import AFTER, devex
from test_sealed_sync import IDENT, SECRETS, posted, sync
from test_sealed_sync import due as due
from test_sealed_sync import relay as relay
from test_sealed_sync import sealed as sealed
from test_sealed_sync import sign as signer

from site_builder import archive
from site_builder.dump import write_yaml
from site_builder.selection.beacon import round_time
from site_builder.validate import validate
from tests.sealing.tlock_js import armored, binary_of


@pytest.fixture
def archived(market, world, github_env, relay, due, sealed):
    posted(market, world, relay, sealed)
    relay.now = round_time(due, relay.settings()) + timedelta(seconds=20)
    assert sync(market, world, AFTER).code == 0
    return market


def index(market) -> dict:
    return yaml.safe_load((market.folder(IDENT) / "bids.yaml").read_text("utf-8"))


def entry_of(data: dict, login: str) -> dict:
    return next(entry for entry in data["bids"] if entry["author"] == login)


def rewrite(market, data: dict) -> None:
    """bids.yaml written again with every file's size and sha256, and the digest, made to agree with the files:
    what someone covering their tracks would do."""
    folder = market.folder(IDENT)
    files = {}
    for entry in data["bids"]:
        for record in (entry, entry.get("sealed", {})):
            if "file" in record:
                raw = (folder / record["file"]).read_bytes()
                record["size"], record["sha256"] = len(raw), hashlib.sha256(raw).hexdigest()
                files[record["file"]] = raw
    data["digest"] = archive.digest_of(data["bids"], files, data.get("sealing"))
    write_yaml(folder / "bids.yaml", data, archive.SCHEMA_HINT)


def refused(market, message: str, line_of: str) -> None:
    """`devex validate` and `devex verify` both refuse, naming bids.yaml and the line holding `line_of`."""
    text = (market.folder(IDENT) / "bids.yaml").read_text("utf-8").splitlines()
    line = next(number for number, content in enumerate(text, 1) if line_of in content)
    where = f"opportunities/esdc/{IDENT}/bids.yaml:{line}:"
    problems = [p.format() for p in validate(market.root)]
    assert any(p.startswith(where) and message in p for p in problems), problems
    checked = devex("verify", IDENT, root=market.root)
    assert checked.code == 1, checked.out
    assert where in checked.out and message in checked.out, checked.out


def test_a_clean_archive_passes_both(archived):
    assert validate(archived.root) == []
    checked = devex("verify", IDENT, root=archived.root)
    assert checked.code == 0 and "opened again" in checked.out


def test_a_tampered_ciphertext_is_refused(archived):
    data = index(archived)
    alice = entry_of(data, "alice")
    path = archived.folder(IDENT) / alice["file"]
    lines = path.read_text("utf-8").splitlines()
    armor = "\n".join(
        lines[lines.index("-----BEGIN AGE ENCRYPTED FILE-----") : lines.index("-----END AGE ENCRYPTED FILE-----") + 1]
    )
    binary = bytearray(binary_of(armor))
    binary[-2] ^= 1
    path.write_bytes(f"Application / Candidature\n{armored(bytes(binary))}".encode())
    rewrite(archived, data)
    refused(archived, "does not open with `sealed.file_key`", "file_key: " + alice["sealed"]["file_key"])


def test_a_wrong_plaintext_is_refused(archived):
    data = index(archived)
    alice = entry_of(data, "alice")
    (archived.folder(IDENT) / alice["sealed"]["file"]).write_bytes(SECRETS["alice"].replace(b"5 jours", b"2 jours"))
    rewrite(archived, data)
    refused(archived, f"opens to another text than {alice['sealed']['file']}", "file: " + alice["sealed"]["file"])


def test_the_signature_of_another_round_is_refused(archived, relay):
    data = index(archived)
    due = data["sealing"]["round"]
    data["sealing"]["signature"] = signer(relay.secret, due + 1)  # a valid signature, of the next round
    rewrite(archived, data)
    refused(archived, f"the signature of round {due} does not verify", "signature: ")


def test_another_round_than_the_one_due_at_closing_is_refused(archived, relay):
    data = index(archived)
    due = data["sealing"]["round"]
    data["sealing"]["round"], data["sealing"]["signature"] = due + 1, signer(relay.secret, due + 1)
    rewrite(archived, data)
    refused(
        archived, f"round {due + 1} is not the first round at or after the closing time: that is round {due}", "round: "
    )


def test_a_readable_application_flagged_tampered_is_caught_by_the_pairing(archived):
    """The cheap check cannot tell a `tampered` flag from the text alone: `devex verify` opens it and says so."""
    data = index(archived)
    alice = entry_of(data, "alice")
    (archived.folder(IDENT) / alice["sealed"]["file"]).unlink()
    alice["sealed"] = {
        "round": alice["sealed"]["round"],
        "chain_hash": alice["sealed"]["chain_hash"],
        "problem": "tampered",
        "detail": "made up",
    }
    rewrite(archived, data)
    checked = devex("verify", IDENT, root=archived.root)
    assert checked.code == 1
    assert (
        "bids.yaml:" in checked.out and "is flagged `tampered`, yet round" in checked.out and "opens it" in checked.out
    )


def test_a_sealed_application_passed_off_as_plain_is_refused(archived):
    data = index(archived)
    alice = entry_of(data, "alice")
    (archived.folder(IDENT) / alice["sealed"]["file"]).unlink()
    del alice["sealed"]
    rewrite(archived, data)
    problems = [p.format() for p in validate(archived.root)]
    assert any("holds a sealed application but has no `sealed`" in p for p in problems), problems


def test_an_edited_plaintext_alone_breaks_its_sha256(archived):
    alice = entry_of(index(archived), "alice")
    (archived.folder(IDENT) / alice["sealed"]["file"]).write_bytes(b"another text")
    problems = [p.format() for p in validate(archived.root)]
    assert any(f"{alice['sealed']['file']} does not match its size and sha256" in p for p in problems), problems


def test_a_flag_the_text_does_not_bear_out_is_refused(archived):
    data = index(archived)
    carol = entry_of(data, "carol")
    carol["sealed"]["problem"] = "tampered"  # it is sealed to the next round: the text says so
    rewrite(archived, data)
    problems = [p.format() for p in validate(archived.root)]
    assert any("`sealed` must say `problem: another-round`" in p for p in problems), problems


def test_the_documented_addition_to_the_by_hand_check_recomputes_a_sealed_archive_s_digest(archived):
    """docs/dev/selection.md's lines for sealed applications, run inside the by-hand digest check it names."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "dev" / "selection.md").read_text("utf-8")
    [addition] = re.findall(r"```\n(for entry, bid in zip\(entries.*?)```", doc, re.S)
    folder = archived.folder(IDENT)
    bids = index(archived)
    hashed = ("author", "created", "updated", "url", "sha256", "late", "edited_after_closing")
    entries = [
        {
            **{key: bid[key] for key in hashed},
            "body": (folder / bid["file"]).read_bytes().decode("utf-8"),
        }
        for bid in bids["bids"]
    ]
    exec(addition, {"entries": entries, "bids": bids})
    canonical = json.dumps(entries, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert hashlib.sha256(canonical).hexdigest() == bids["digest"]

"""Sealed applications through sync (issue 25), against the stand-in GitHub and the stand-in drand relay, with
texts sealed by drand's tlock-js: before closing nothing of them reaches the repository and nobody can open
them; at closing sync fetches and verifies the round due at the closing time, opens each, and archives the
ciphertext, the round's signature and the plaintext; a text that does not open is flagged for its applicant
only; the round not yet out (or no relay) holds only that archive until a later run."""

from __future__ import annotations

import hashlib
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from github_standin import BOT_LOGIN
from github_testkit import AFTER, BEFORE, CLOSING, MARKET, devex, moment
from test_scenario import use_relay

from site_builder.dump import write_yaml
from site_builder.errors import RoundNotYet
from site_builder.selection.beacon import first_round_at_or_after, round_time
from site_builder.selection.fetch import BeaconClient
from site_builder.selection.records import EVALUATION_SCHEMA_HINT
from site_builder.validate import validate
from tests.sealing.tlock_js import armored, binary_of, seal_all

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "selection"))
from beacon_standin import BeaconStandin, sign

IDENT = "esdc-2026-001"
LINE = "Application / Candidature"
DURING = "2026-12-01T12:00:00-05:00"
SECRETS = {
    "alice": "Érable Code, Gatineau — nous livrons en 5 jours. SECRET-ALICE-7f3a\n".encode(),
    "carol": b"Carol's text, sealed to the next round. SECRET-CAROL-19bd\n",
    "erin": b"Erin's text, altered after sealing. SECRET-ERIN-c0de\n",
}


@pytest.fixture
def relay():
    with BeaconStandin() as standin:
        yield standin


@pytest.fixture
def due(relay) -> int:
    return first_round_at_or_after(moment(CLOSING), relay.settings())


@pytest.fixture
def sealed(relay, due) -> dict[str, str]:
    """Each applicant's comment as the Apply form makes it (the application line, then tlock-js's armor), pasted
    the way people paste: alice's in a code fence with CRLF line ends, carol's sealed to the round after the
    one due, erin's altered after sealing, dave's cut short."""
    alice, carol, erin = seal_all(
        [
            (SECRETS["alice"], due, relay.chain_hash, relay.public_key),
            (SECRETS["carol"], due + 1, relay.chain_hash, relay.public_key),
            (SECRETS["erin"], due, relay.chain_hash, relay.public_key),
        ]
    )
    altered = bytearray(binary_of(erin))
    altered[-3] ^= 0x40
    return {
        "alice": f"{LINE}\r\n\r\n```\r\n" + alice.replace("\n", "\r\n") + "```\r\n",
        "carol": f"{LINE}\n{carol}",
        "erin": f"{LINE}\n{armored(bytes(altered))}",
        "dave": f"{LINE}\n" + "\n".join(alice.splitlines()[:4]) + "\n",
    }


def sync(market, world, now: str):
    world.clock = moment(now)
    return devex("sync", "--now", now, root=market.root)


def tracked_text(market) -> bytes:
    """Every byte of every file of the checkout (what `scripts/commit-state` could push), Git's own left out."""
    files = [path for path in market.root.rglob("*") if path.is_file() and ".git" not in path.parts]
    return b"".join(path.read_bytes() for path in files)


def bids(market) -> dict:
    return yaml.safe_load((market.folder(IDENT) / "bids.yaml").read_text("utf-8"))


def posted(market, world, relay, sealed) -> object:
    use_relay(market, relay)
    assert sync(market, world, BEFORE).code == 0
    [discussion] = world.discussions(MARKET)
    for number, login in enumerate(["alice", "bob", "carol", "dave", "erin"]):
        body = sealed.get(login, f"{LINE}\n\nBob's public application.\n")
        world.comment(discussion, login, body, moment(f"2026-11-2{number + 3}T09:00:00-05:00"))
    return discussion


def test_before_closing_nothing_of_a_sealed_text_reaches_the_repository_and_nobody_can_open_it(
    market, world, github_env, relay, due, sealed
):
    discussion = posted(market, world, relay, sealed)
    relay.now = moment(DURING)
    run = sync(market, world, DURING)
    assert run.code == 0, run.out
    assert not (market.folder(IDENT) / "bids.yaml").exists() and not (market.folder(IDENT) / "bids").exists()
    every_byte = tracked_text(market)
    assert not any(secret.strip() in every_byte for secret in SECRETS.values())
    assert not any(c.body.find("SECRET-") >= 0 for c in discussion.comments)  # the bot quotes nothing either
    # the round due at closing is not out: the relay has no signature, so nothing opens the texts
    client = BeaconClient(relay.settings(), sleep=lambda _: None, now=lambda: relay.now)
    with pytest.raises(RoundNotYet, match=f"round {due} is not produced yet"):
        client.fetch_round(due)
    assert round_time(due, relay.settings()) >= moment(CLOSING)


def test_the_receipt_of_a_sealed_application_hashes_the_ciphertext_as_posted(
    market, world, github_env, relay, due, sealed
):
    discussion = posted(market, world, relay, sealed)
    relay.now = moment(DURING)
    assert sync(market, world, DURING).code == 0
    alice = next(c for c in discussion.comments if c.author == "alice")
    [receipt] = [c for c in discussion.comments if c.author == BOT_LOGIN and c.reply_to is alice]
    as_posted = hashlib.sha256(sealed["alice"].encode("utf-8")).hexdigest()
    assert f"`{as_posted}`" in receipt.body
    assert "SECRET" not in receipt.body

    relay.now = round_time(due, relay.settings()) + timedelta(seconds=20)
    assert sync(market, world, AFTER).code == 0
    [entry] = [b for b in bids(market)["bids"] if b["author"] == "alice"]
    assert entry["sha256"] == as_posted and entry["receipt"] == receipt.url
    assert (market.folder(IDENT) / entry["file"]).read_bytes() == sealed["alice"].encode()


def test_at_closing_each_sealed_application_is_opened_and_archived_with_the_round_s_signature(
    market, world, github_env, relay, due, sealed
):
    discussion = posted(market, world, relay, sealed)
    relay.now = round_time(due, relay.settings()) + timedelta(seconds=20)
    run = sync(market, world, AFTER)
    assert run.code == 0, run.out
    assert discussion.locked
    index = bids(market)
    assert index["sealing"] == {"round": due, "chain_hash": relay.chain_hash, "signature": sign(relay.secret, due)}
    by_author = {entry["author"]: entry for entry in index["bids"]}
    folder = market.folder(IDENT)

    alice = by_author["alice"]["sealed"]
    assert (folder / alice["file"]).read_bytes() == SECRETS["alice"]
    assert alice["file"] == by_author["alice"]["file"].replace(".md", ".plaintext.md")
    assert (alice["round"], alice["chain_hash"], alice["size"]) == (due, relay.chain_hash, len(SECRETS["alice"]))
    assert (folder / by_author["alice"]["file"]).read_bytes() == sealed["alice"].encode()  # the ciphertext, as posted
    assert "sealed" not in by_author["bob"]  # a plain application stays public, as before
    assert (
        by_author["carol"]["sealed"]["problem"] == "another-round" and by_author["carol"]["sealed"]["round"] == due + 1
    )
    assert by_author["dave"]["sealed"]["problem"] == "not-sealed"
    assert by_author["erin"]["sealed"]["problem"] == "tampered"
    for login in ("carol", "dave", "erin"):
        assert f"@{login}'s sealed application does not open" in run.out
        assert by_author[login]["kind"] == "application" and not by_author[login]["late"]
    assert sorted(path.name for path in (folder / "bids").iterdir()) == [
        "0001.md",
        "0001.plaintext.md",
        "0002.md",
        "0003.md",
        "0004.md",
        "0005.md",
    ]
    assert not any(secret.strip() in tracked_text(market) for login, secret in SECRETS.items() if login != "alice")
    assert validate(market.root) == []
    checked = devex("verify", IDENT, root=market.root)
    assert checked.code == 0, checked.out
    assert f"1 sealed application(s) opened again with round {due}'s signature" in checked.out
    assert "3 flagged unreadable, and unreadable indeed" in checked.out
    closing = [c for c in discussion.comments if c.author == BOT_LOGIN and c.body.startswith("<!-- devex:closing ")]
    assert len(closing) == 1
    assert sync(market, world, AFTER).out.count("done") == 0  # settled


def test_the_round_not_out_yet_holds_only_that_archive_until_a_later_run(market, world, github_env, relay, due, sealed):
    posted(market, world, relay, sealed)
    market.add("esdc-2026-002", closing="2027-01-08T14:00:00-05:00", start="2027-01-11", delivery="2027-01-22")
    relay.now = round_time(due, relay.settings()) - timedelta(seconds=1)  # the relay is behind the run's clock
    run = sync(market, world, AFTER)
    assert run.code == 0, run.out
    assert f"later {IDENT}: 4 sealed application(s) open with beacon round {due}, which cannot be had yet" in run.out
    assert "answered 425" in run.out and "the bids are archived on a later run" in run.out
    assert "done esdc-2026-002: create the discussion" in run.out
    assert yaml.safe_load(market.read(IDENT))["status"] == "closed"
    assert not (market.folder(IDENT) / "bids.yaml").exists() and not (market.folder(IDENT) / "bids").exists()
    [discussion, _] = world.discussions(MARKET)
    assert discussion.locked and not any(c.body.startswith("<!-- devex:closing ") for c in discussion.comments)
    assert validate(market.root) == []

    relay.now = round_time(due, relay.settings()) + timedelta(seconds=3)
    later = sync(market, world, "2026-12-04T14:25:00-05:00")
    assert later.code == 0, later.out
    assert f"done {IDENT}: write bids.yaml" in later.out and f"done {IDENT}: post the closing comment" in later.out
    entry = next(b for b in bids(market)["bids"] if b["author"] == "alice")
    assert (market.folder(IDENT) / entry["sealed"]["file"]).read_bytes() == SECRETS["alice"]


def test_no_relay_answering_holds_the_archive_and_a_relay_that_lies_flags_only_it(
    market, world, github_env, relay, due, sealed
):
    posted(market, world, relay, sealed)
    relay.now = round_time(due, relay.settings()) + timedelta(seconds=20)
    relay.behaviour, relay.status = "status", 503
    run = sync(market, world, AFTER)
    assert run.code == 0, run.out
    assert f"later {IDENT}: 4 sealed application(s) open with beacon round {due}" in run.out and "503" in run.out
    assert not (market.folder(IDENT) / "bids.yaml").exists()

    relay.behaviour = "tamper"  # a signature of another round: never used to open anything
    lied = sync(market, world, AFTER)
    assert lied.code == 1
    assert f"FLAGGED {IDENT}: could not write bids.yaml" in lied.out and "BadBeacon" in lied.out
    assert not (market.folder(IDENT) / "bids.yaml").exists()

    relay.behaviour = "normal"
    assert sync(market, world, AFTER).code == 0
    assert bids(market)["sealing"]["signature"] == sign(relay.secret, due)


def test_an_unreadable_sealed_application_is_received_but_cannot_pass(market, world, github_env, relay, due, sealed):
    """Carol, dave and erin applied on time: they must be evaluated (the evaluation covers exactly the on-time
    applicants) and can only fail, since nobody can read what they sent."""
    posted(market, world, relay, sealed)
    relay.now = round_time(due, relay.settings()) + timedelta(seconds=20)
    assert sync(market, world, AFTER).code == 0
    criteria = len(yaml.safe_load(market.read(IDENT))["evaluation_criteria"]["en"])
    path = market.folder(IDENT) / "evaluation.yaml"

    def evaluate(results: dict[str, str]) -> list[str]:
        applicants = [
            {
                "login": login,
                "criteria": [
                    {"criterion": n, "result": result, "reason": {"en": "Why.", "fr": "Pourquoi."}}
                    for n in range(1, criteria + 1)
                ],
            }
            for login, result in results.items()
        ]
        write_yaml(path, {"opportunity": IDENT, "applicants": applicants}, EVALUATION_SCHEMA_HINT)
        return [p.format() for p in validate(market.root)]

    everyone = ["alice", "bob", "carol", "dave", "erin"]
    without_them = evaluate({login: "pass" for login in ["alice", "bob"]})
    assert "misses the on-time applicant(s) carol, dave, erin" in without_them[0]
    for unreadable in ("carol", "dave", "erin"):
        results = {
            login: "fail" if login in ("carol", "dave", "erin") and login != unreadable else "pass"
            for login in everyone
        }
        [problem] = evaluate(results)
        assert problem.startswith(f"{path.relative_to(market.root)}:")
        assert f"{unreadable}'s sealed application could not be opened (bids.yaml, `sealed.problem`)" in problem
    fair = {login: "fail" if login in ("carol", "dave", "erin") else "pass" for login in everyone}
    assert evaluate(fair) == []


def test_the_buyer_s_table_points_at_the_plaintext_of_each_sealed_application(
    market, world, github_env, relay, due, sealed
):
    posted(market, world, relay, sealed)
    relay.now = moment(DURING)
    live = devex("applicants", IDENT, "--now", DURING, root=market.root)
    assert live.code == 0, live.err
    assert live.out.count("| sealed until closing |") == 4 and "| public |" in live.out

    relay.now = round_time(due, relay.settings()) + timedelta(seconds=20)
    assert sync(market, world, AFTER).code == 0
    table = devex("applicants", IDENT, root=market.root)
    rows = {line.split(" | ")[0].strip("| "): line for line in table.out.splitlines() if line.startswith("| @")}
    assert rows["@alice"].endswith("| sealed: bids/0001.plaintext.md |")
    assert rows["@bob"].endswith("| public: bids/0002.md |")
    assert rows["@carol"].endswith("| sealed, unreadable (another-round) |")
    assert rows["@dave"].endswith("| sealed, unreadable (not-sealed) |")
    assert rows["@erin"].endswith("| sealed, unreadable (tampered) |")


def test_the_receipt_tells_a_sealer_in_time_when_the_text_would_not_open_at_closing(
    market, world, github_env, relay, due, sealed
):
    """Before closing, each sealed application's receipt says it is sealed to the round due at closing, or why it
    would not open then (sealed to another round, cut short), in both languages, so its author can seal it again;
    nothing of the text is quoted, and a public application's receipt says nothing of sealing."""
    discussion = posted(market, world, relay, sealed)
    bob = world.comment(discussion, "bob", f"{LINE}\nA public application.", moment("2026-11-28T09:00:00-05:00"))
    relay.now = moment(DURING)
    assert sync(market, world, DURING).code == 0

    def receipt_of(login: str) -> str:
        author = next(c for c in discussion.comments if c.author == login)
        [receipt] = [c for c in discussion.comments if c.author == BOT_LOGIN and c.reply_to is author]
        return receipt.body

    alice = receipt_of("alice")
    assert f"to beacon round {due}, the first at or after the closing time" in alice
    assert f"à la ronde {due} de la balise" in alice and "⚠️" not in alice
    carol = receipt_of("carol")
    assert f"it is sealed to round {due + 1}, not to round {due}, the closing time's" in carol
    assert f"pour la ronde {due + 1}, et non pour la ronde {due}" in carol
    assert "Seal your application again" in carol and "Scellez de nouveau" in carol
    assert "it is not a whole sealed text" in receipt_of("dave")
    assert "Sealed" not in next(c.body for c in discussion.comments if c.reply_to is bob)
    assert not any("SECRET-" in c.body for c in discussion.comments if c.author == BOT_LOGIN)


def test_the_receipt_of_a_copy_says_it_will_not_count_as_the_copier_s(market, world, github_env, relay, due, sealed):
    """Before closing, the receipt of a copy of another account's sealed text tells its poster, in both
    languages, that it opens as the first's and will not count as theirs; the first keeps its plain receipt."""
    discussion = posted(market, world, relay, sealed)
    bare = f"{LINE}\n" + sealed["alice"].split("```\r\n")[1].replace("\r\n", "\n")
    copy = world.comment(discussion, "mallory", bare, moment("2026-11-29T09:00:00-05:00"))
    relay.now = moment(DURING)
    assert sync(market, world, DURING).code == 0
    [receipt] = [c.body for c in discussion.comments if c.author == BOT_LOGIN and c.reply_to is copy]
    assert "the same sealed text as the application @alice posted" in receipt
    assert "le même texte scellé que la candidature publiée par @alice" in receipt
    assert f"to beacon round {due}, the first at or after" not in receipt
    alice = next(c for c in discussion.comments if c.author == "alice")
    [first] = [c.body for c in discussion.comments if c.author == BOT_LOGIN and c.reply_to is alice]
    assert f"to beacon round {due}, the first at or after the closing time" in first and "@mallory" not in first


def test_a_copy_of_another_account_s_sealed_text_is_not_opened_as_the_copier_s(
    market, world, github_env, relay, due, sealed
):
    """Nobody can read a sealed text before closing, but anyone can copy it: mallory pastes alice's sealed text
    as her own (without the fence, LF line ends), and edits her earlier comment, written before alice's, to hold
    it too. At closing both copies open to alice's answers, so neither is opened as mallory's: each is flagged
    `copied`, naming alice, and mallory meets no criterion. Alice's stays hers; posting her text twice is no copy.
    The validator and `devex verify` re-derive it."""
    discussion = posted(market, world, relay, sealed)
    bare = f"{LINE}\n" + sealed["alice"].split("```\r\n")[1].replace("\r\n", "\n")
    public = f"{LINE}\n\nMallory's public text.\n"
    early = world.comment(discussion, "mallory", public, moment("2026-11-20T09:00:00-05:00"))
    world.edit(early, bare, moment("2026-11-28T09:00:00-05:00"))
    world.comment(discussion, "mallory", bare, moment("2026-11-29T09:00:00-05:00"))
    world.comment(discussion, "alice", bare, moment("2026-11-30T09:00:00-05:00"))
    original = next(c for c in discussion.comments if c.author == "alice")
    world.edit(original, bare, moment("2026-11-30T10:00:00-05:00"))  # alice tidies her paste: the same sealing
    relay.now = round_time(due, relay.settings()) + timedelta(seconds=20)
    run = sync(market, world, AFTER)
    assert run.code == 0, run.out
    index = bids(market)
    entries = {(entry["author"], entry["created"][:10]): entry for entry in index["bids"]}
    first = entries[("alice", "2026-11-23")]
    for key in (("mallory", "2026-11-20"), ("mallory", "2026-11-29")):
        block = entries[key]["sealed"]
        assert block["problem"] == "copied" and "file" not in block, block
        assert "@alice" in block["detail"] and first["url"] in block["detail"]
    assert "file" in entries[("alice", "2026-11-30")]["sealed"]  # her own text, posted again: still hers
    assert first["text_at"].startswith("2026-11-30") and first["sealed"]["since"] == first["created"]
    assert entries[("mallory", "2026-11-20")]["sealed"]["since"].startswith("2026-11-28")  # dated by her edit
    assert "@mallory's sealed application does not open" in run.out
    assert validate(market.root) == []
    checked = devex("verify", IDENT, root=market.root)
    assert checked.code == 0, checked.out

    # an archive that opened a copy as mallory's, or flagged alice's own, is refused
    path = market.folder(IDENT) / "bids.yaml"
    kept = path.read_text("utf-8")
    doctored = bids(market)
    copy = next(e for e in doctored["bids"] if e["author"] == "mallory" and e["created"].startswith("2026-11-29"))
    plaintext = copy["file"].replace(".md", ".plaintext.md")
    (market.folder(IDENT) / plaintext).write_bytes((market.folder(IDENT) / first["sealed"]["file"]).read_bytes())
    copy["sealed"] = {**first["sealed"], "file": plaintext, "since": copy["sealed"]["since"]}
    write_yaml(path, doctored, None)
    problems = [p.format() for p in validate(market.root)]
    assert any("copied" in p for p in problems), problems
    path.write_text(kept, "utf-8")
    (market.folder(IDENT) / plaintext).unlink()
    doctored = bids(market)
    own = next(e for e in doctored["bids"] if e["author"] == "alice" and e["created"].startswith("2026-11-30"))
    own["sealed"] = {"round": due, "chain_hash": relay.chain_hash, "problem": "copied", "detail": "x"}
    write_yaml(path, doctored, None)
    problems = [p.format() for p in validate(market.root)]
    assert any("says `problem: copied`, but no application another account wrote" in p for p in problems), problems
    path.write_text(kept, "utf-8")
    doctored = bids(market)
    copy = next(e for e in doctored["bids"] if e["author"] == "mallory" and e["created"].startswith("2026-11-29"))
    copy["sealed"]["since"] = first["created"]  # dated before mallory's comment existed
    write_yaml(path, doctored, None)
    problems = [p.format() for p in validate(market.root)]
    assert any("is not `created` or the time of one of `edits`, up to `text_at`" in p for p in problems), problems

"""Receipts and near misses (issue 22, findings 1 and 2), against the stand-in GitHub: every on-time application
gets one receipt (the applicant, GitHub's time, the sha256 of its text) that the archive links; a comment that
almost applied is told once, before closing, how to apply; forged markers and hostile texts change nothing."""

from __future__ import annotations

import hashlib

import yaml
from github_standin import BOT_LOGIN, grant
from github_testkit import AFTER, MARKET, devex, moment, posted

from site_builder.validate import validate

IDENT = "esdc-2026-001"
APPLY = "Application / Candidature\n\n"
DURING = "2026-12-01T12:00:00-05:00"


def sync(market, world, now: str):
    world.clock = moment(now)
    return devex("sync", "--now", now, root=market.root)


def replies(discussion, kind: str) -> list:
    """The automation's replies opening with the marker `kind`, oldest first."""
    return [c for c in discussion.comments if c.author == BOT_LOGIN and c.body.startswith(f"<!-- devex:{kind} ")]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def archive(market) -> dict:
    return yaml.safe_load((market.folder(IDENT) / "bids.yaml").read_text("utf-8"))


def test_every_on_time_application_gets_one_receipt_naming_its_time_and_digest(market, world, github_env):
    discussion = posted(market, world)
    grant(world, MARKET, "marie-gc", "write")
    text = f"{APPLY}Élodie Tremblay — tests with Playwright.\r\nLinks: https://example.org\r\n"
    alice = world.comment(discussion, "alice", text, moment("2026-11-25T09:00:07-05:00"))
    world.comment(discussion, "bob", "Can I work from Yukon?", moment("2026-11-26T09:00:00-05:00"))
    world.comment(discussion, "bob", f"{APPLY}As a reply", moment("2026-11-26T09:01:00-05:00"), reply_to=alice)
    world.comment(discussion, "marie-gc", f"{APPLY}The team's own text", moment("2026-11-26T10:00:00-05:00"))

    run = sync(market, world, DURING)

    assert run.code == 0, run.err
    assert "post the receipt of @alice's application" in run.out
    [receipt] = replies(discussion, "receipt")
    assert receipt.reply_to is alice
    digest = sha(text)
    assert receipt.body.startswith(f"<!-- devex:receipt {alice.id}.{digest[:16]} ")
    assert f"`{digest}`" in receipt.body and "@alice" in receipt.body
    assert "2026-11-25T14:00:07Z (UTC)" in receipt.body
    assert "November 25, 2026, 9:00:07 a.m. EST (UTC−05:00)" in receipt.body
    assert "25 novembre 2026 à 9 h 00 min 07 s HNE (UTC−05:00)" in receipt.body
    assert "as sent" in receipt.body and "tel qu'envoyé" in receipt.body
    assert "/guides/suppliers/" in receipt.body and "/fr/guides/suppliers/" in receipt.body

    again = sync(market, world, DURING)
    assert again.code == 0 and "nothing to do" in again.out, again.out
    assert len(replies(discussion, "receipt")) == 1


def test_an_edit_before_closing_gets_a_new_receipt_and_the_archive_links_the_one_of_its_text(market, world, github_env):
    discussion = posted(market, world)
    alice = world.comment(discussion, "alice", f"{APPLY}First draft.", moment("2026-11-25T09:00:00-05:00"))
    assert sync(market, world, DURING).code == 0
    world.edit(alice, f"{APPLY}Final text.", moment("2026-12-02T09:00:00-05:00"))
    assert sync(market, world, "2026-12-02T10:00:00-05:00").code == 0
    first, second = replies(discussion, "receipt")
    assert f"`{sha(APPLY + 'First draft.')}`" in first.body
    assert f"`{sha(APPLY + 'Final text.')}`" in second.body and second.reply_to is alice
    assert "as edited on 2026-12-02T14:00:00Z (UTC)" in second.body
    # posted after the last run but before closing: receipted in the run that closes, before the archive
    carol = world.comment(discussion, "carol", f"{APPLY}Just in time.", moment("2026-12-04T13:59:30-05:00"))
    world.comment(discussion, "dave", f"{APPLY}At the closing instant: late.", moment("2026-12-04T14:00:00-05:00"))
    before = len(world.mutations())

    run = sync(market, world, AFTER)

    assert run.code == 0, run.err
    assert [r.operations[0] for r in world.mutations()[before:]] == ["lockLockable"] + ["addDiscussionComment"] * 2
    *_, third = replies(discussion, "receipt")
    assert third.reply_to is carol and "as it stood at the closing time" in third.body
    bids = {entry["author"]: entry for entry in archive(market)["bids"]}
    assert bids["alice"]["receipt"] == second.url and bids["alice"]["sha256"] == sha(APPLY + "Final text.")
    assert bids["carol"]["receipt"] == third.url and f"`{bids['carol']['sha256']}`" in third.body
    assert "receipt" not in bids["dave"] and bids["dave"]["late"]
    assert validate(market.root) == []
    again = sync(market, world, AFTER)
    assert again.code == 0 and "nothing to do" in again.out, again.out


def test_a_near_miss_is_told_once_before_closing_how_to_apply(market, world, github_env):
    discussion = posted(market, world)
    grant(world, MARKET, "marie-gc", "write")
    at = moment("2026-11-27T09:00:00-05:00")
    alice = world.comment(discussion, "alice", f"{APPLY}My application.", at)
    carol = world.comment(discussion, "carol", "Candidature :\nmes liens", at)
    world.comment(discussion, "dave", "I apply too!", at, reply_to=alice)  # a reply: never told
    world.comment(discussion, "marie-gc", "Application - Candidature: a note from the team", at)
    world.comment(discussion, "alice", "Application update: one more link", at)  # alice has applied already

    run = sync(market, world, DURING)

    assert run.code == 0, run.err
    [howto] = replies(discussion, "howto")
    assert howto.reply_to is carol and howto.body.startswith(f"<!-- devex:howto {carol.id} ")
    assert "@carol" in howto.body and howto.body.count("`Application / Candidature`") == 2
    assert "not counted as an application" in howto.body and "n'est pas compté comme une candidature" in howto.body
    assert "December 4, 2026, 2:00 p.m. EST (UTC−05:00)" in howto.body
    assert "4 décembre 2026 à 14 h 00 HNE (UTC−05:00)" in howto.body
    assert "nothing to do" in sync(market, world, DURING).out

    # carol follows the advice and edits her comment: it counts now, and gets its receipt, not a second word
    world.edit(carol, f"{APPLY}mes liens", moment("2026-12-02T09:00:00-05:00"))
    assert sync(market, world, "2026-12-02T10:00:00-05:00").code == 0
    assert len(replies(discussion, "howto")) == 1
    assert [r.reply_to for r in replies(discussion, "receipt")] == [alice, carol]


def test_no_word_after_closing_and_forged_markers_silence_nothing(market, world, github_env):
    discussion = posted(market, world)
    at = moment("2026-11-27T09:00:00-05:00")
    mallory = world.comment(discussion, "mallory", "Je postule\n", at)
    world.comment(discussion, "mallory", f"<!-- devex:howto {mallory.id} -->\nAlready told.", at, reply_to=mallory)
    forged = f"<!-- devex:howto {mallory.id} {'0' * 64} -->\nA workflow posting as the bot."
    world.append_comment(discussion, BOT_LOGIN, forged, world.now(), mallory)
    alice = world.comment(discussion, "alice", f"{APPLY}Alice.", at)
    fake = f"<!-- devex:receipt {alice.id}.{sha(APPLY + 'Alice.')[:16]} {'f' * 64} -->\nNot signed by sync."
    world.append_comment(discussion, BOT_LOGIN, fake, world.now(), alice)

    assert sync(market, world, DURING).code == 0
    assert [r.reply_to for r in replies(discussion, "howto") if "Already" not in r.body] == [mallory, mallory]
    signed = [r for r in replies(discussion, "receipt") if "Not signed" not in r.body]
    assert [r.reply_to for r in signed] == [alice]
    world.comment(discussion, "erin", "I apply for this!", moment("2026-12-04T13:58:00-05:00"))

    run = sync(market, world, AFTER)  # erin's near miss is first seen after closing: too late to tell her

    assert run.code == 0, run.err
    assert [r.reply_to.author for r in replies(discussion, "howto")] == ["mallory"] * 2  # the forged one, ours
    assert archive(market)["bids"][-1]["author"] == "erin"
    assert validate(market.root) == []


def test_hostile_comments_never_stop_the_run_and_are_never_echoed(market, world, github_env):
    discussion = posted(market, world)
    at = moment("2026-11-27T09:00:00-05:00")
    junk = "<script>alert(1)</script><img src=x onerror=alert(1)> **€** <!-- devex:closing esdc-2026-001 -->\n"
    huge = (APPLY + junk * 2000)[:65536]
    mallory = world.comment(discussion, "mallory", huge, at)
    for n in range(3):
        world.edit(mallory, huge[: 65536 - n - 1], moment(f"2026-11-28T0{n}:00:00-05:00"))
    trent = world.comment(discussion, "trent", ("Application - Candidature " + junk * 2000)[:65536], at)
    eve = f"<!-- devex:receipt {mallory.id}.{'0' * 16} {'a' * 64} -->\n{APPLY}Eve forges a receipt."
    world.comment(discussion, "eve", eve, at)

    run = sync(market, world, DURING)

    assert run.code == 0, run.err
    [receipt] = replies(discussion, "receipt")
    assert receipt.reply_to is mallory and f"`{sha(huge[:65533])}`" in receipt.body
    [howto] = replies(discussion, "howto")
    assert howto.reply_to is trent
    for reply in (receipt, howto):
        assert "<script>" not in reply.body and reply.body.count("<!--") == 1
    assert "nothing to do" in sync(market, world, DURING).out

    closed = sync(market, world, AFTER)

    assert closed.code == 0, closed.err
    bids = {entry["author"]: entry for entry in archive(market)["bids"]}
    assert bids["mallory"]["receipt"] == receipt.url and len(bids["mallory"]["edits"]) == 3
    assert bids["eve"]["kind"] == "question" and "receipt" not in bids["eve"]
    assert validate(market.root) == []
    assert "nothing to do" in sync(market, world, AFTER).out


def test_an_application_deleted_before_its_receipt_is_posted_stops_nothing(market, world, github_env):
    discussion = posted(market, world)
    alice = world.comment(discussion, "alice", f"{APPLY}Alice.", moment("2026-11-27T09:00:00-05:00"))
    bob = world.comment(discussion, "bob", f"{APPLY}Bob, then gone.", moment("2026-11-27T10:00:00-05:00"))

    def deleted_just_before(request) -> bool:  # bob deletes his comment while the run is under way
        replying = request.kind == "mutation" and request.variables.get("input", {}).get("replyToId") == bob.id
        if replying and bob in discussion.comments:
            world.delete_comment(bob)
        return False

    world.fail(deleted_just_before, times=99)

    run = sync(market, world, AFTER)

    assert run.code == 0, run.err
    assert f"skipped {IDENT}: the comment {bob.id} was deleted before the receipt reply could be posted" in run.out
    assert [r.reply_to for r in replies(discussion, "receipt")] == [alice]
    assert [entry["author"] for entry in archive(market)["bids"]] == ["alice"]
    assert replies(discussion, "closing") and validate(market.root) == []

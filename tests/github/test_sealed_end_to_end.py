"""Issue 25 end to end, with every part real: the Apply form of the built site in Debian's chromium seals two
applications (one in English, one in French) with tlock-js to the stand-in drand chain; their armored texts are
posted as comments through the stand-in GitHub; sync, before closing, receipts them as sealed to the round due at
closing and archives nothing; after closing it fetches and verifies that round from the stand-in relay, opens
both and archives ciphertext, signature and plaintext; `devex validate` and `devex verify` hold; the site built
after closing shows both plaintexts on the opportunity's page in both languages, and the one built before showed
neither."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from github_standin import BOT_LOGIN
from github_testkit import AFTER, BEFORE, CLOSING, MARKET, devex, moment
from test_scenario import use_relay

from site_builder.selection.beacon import first_round_at_or_after, round_time
from tests.browsing import local_only

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "selection"))
from beacon_standin import BeaconStandin

IDENT = "esdc-2026-001"
DURING = "2026-12-01T12:00:00-05:00"
ANSWERS = {  # a marker word per supplier, to find their text (and check it is nowhere before closing)
    "alice": ("", ["I fixed focus traps in three date pickers. MARKER-ALICE-5e1d", "Yes, with NVDA and JAWS."]),
    "bob": ("fr/", ["J'ai corrigé le lecteur d'écran « élan » MARKER-BOB-77ac", "Oui, les deux langues."]),
}


@pytest.fixture
def relay() -> Iterator[BeaconStandin]:
    with BeaconStandin() as standin:
        yield standin


def build(repo_root: Path, root: Path, site: Path, when: str) -> Path:
    """`devex build` of the test's marketplace, as a user runs it, with the project's mkdocs.yml and guides."""
    command = [sys.executable, "-m", "site_builder", "build", "-q", "--site-dir", str(site), "--root", str(root)]
    env = {**os.environ, "DEVEX_NOW": when, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=repo_root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return site


def seal_in_browser(browser, url: str, answers: list[str], profile: str, now: str) -> str:
    """The supplier's browser at `now`, before the closing time (the form seals nothing after it)."""
    context = browser.new_context()
    context.route("**/*", local_only)  # nothing may leave the machine: sealing needs no network
    page = context.new_page()
    try:
        page.clock.install(time=moment(now))
        page.goto(url)
        for number, answer in enumerate(answers, 1):  # as many as the opportunity has criteria
            if page.locator(f"#devex-seal-{number}").count():
                page.fill(f"#devex-seal-{number}", answer)
        page.fill("#devex-seal-profile", profile)
        page.click(".devex-seal__button")
        page.wait_for_selector("#devex-seal-result", state="visible", timeout=30_000)
        return page.text_content("#devex-sealed-text")
    finally:
        context.close()


def test_sealed_in_the_browser_posted_on_github_opened_at_closing_and_published(
    market, world, github_env, relay, browser, serve, repo_root: Path, tmp_path: Path
) -> None:
    use_relay(market, relay)
    world.clock = moment(BEFORE)
    assert devex("sync", "--now", BEFORE, root=market.root).code == 0
    market.commit("posted")
    [discussion] = world.discussions(MARKET)
    due = first_round_at_or_after(moment(CLOSING), relay.settings())

    # The supplier's side: the page as published before closing, its form, tlock-js in chromium.
    before = build(repo_root, market.root, tmp_path / "before", DURING)
    url = serve(before)
    for number, (login, (prefix, answers)) in enumerate(ANSWERS.items()):
        address = f"{url}{prefix}opportunities/{IDENT}/"
        text = seal_in_browser(browser, address, answers, f"https://github.com/{login}", DURING)
        assert text.startswith("Application / Candidature") and "BEGIN AGE ENCRYPTED FILE" in text
        assert "MARKER" not in text
        world.comment(discussion, login, text, moment(f"2026-11-2{5 + number}T09:00:00-05:00"))

    # Before closing: receipts say sealed to the round due, nothing is archived, nothing of the texts anywhere.
    relay.now = moment(DURING)
    assert devex("sync", "--now", DURING, root=market.root).code == 0
    receipts = [c.body for c in discussion.comments if c.author == BOT_LOGIN and c.reply_to is not None]
    assert len(receipts) == 2 and all(f"to beacon round {due}, the first at or after" in body for body in receipts)
    assert not (market.folder(IDENT) / "bids.yaml").exists()
    site_text = b"".join(p.read_bytes() for p in before.rglob("*") if p.is_file())
    assert b"MARKER-" not in site_text

    # Closing: the round is out on the relay; sync fetches and verifies it, opens both, archives all three parts.
    relay.now = round_time(due, relay.settings()) + timedelta(seconds=30)
    world.clock = moment(AFTER)
    run = devex("sync", "--now", AFTER, root=market.root)
    assert run.code == 0, run.out + run.err
    folder = market.folder(IDENT)
    archive = yaml.safe_load((folder / "bids.yaml").read_text("utf-8"))
    assert archive["sealing"]["round"] == due
    for login, (_prefix, answers) in ANSWERS.items():
        [entry] = [bid for bid in archive["bids"] if bid["author"] == login]
        assert "problem" not in entry["sealed"], entry["sealed"]
        assert "BEGIN AGE ENCRYPTED FILE" in (folder / entry["file"]).read_text("utf-8")
        plaintext = (folder / entry["sealed"]["file"]).read_text("utf-8")
        assert plaintext.startswith("Application / Candidature") and answers[0] in plaintext
    assert devex("validate", str(folder), root=market.root).code == 0
    verified = devex("verify", IDENT, root=market.root)
    assert verified.code == 0, verified.out + verified.err
    assert f"2 sealed application(s) opened again with round {due}'s signature" in verified.out

    # After closing the page publishes both texts, in both languages.
    after = build(repo_root, market.root, tmp_path / "after", AFTER)
    url = serve(after)
    context = browser.new_context()
    page = context.new_page()
    try:
        for prefix in ("", "fr/"):
            page.goto(f"{url}{prefix}opportunities/{IDENT}/")
            shown = page.inner_text("main")
            for _login, (_lang, answers) in ANSWERS.items():
                assert answers[0] in shown, (prefix, answers[0])
            assert "BEGIN AGE ENCRYPTED FILE" not in shown
    finally:
        context.close()

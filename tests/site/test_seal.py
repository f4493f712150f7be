"""Sealed applications in the browser (issue 25): the Apply form of an open opportunity's page, driven in Debian's
chromium on a copy of the sample marketplace whose beacon is the stand-in chain (tests/selection/beacon_standin.py).

The form is filled in English and in French and sealed; the armored text is taken from the page's output and
opened in Python (`site_builder.sealing`) with the stand-in relay's signature of the round the page names: it
gives back exactly the application, line first, every field; an earlier round's signature does not open it.
Sealing makes no request but the bundle's, on the first seal only. Keyboard-only and no-JavaScript variants, the
round arithmetic against Python's, and axe on the form. Then the same marketplace after closing, with the sealed
comment archived as sync archives it: the plaintext is on the opportunity's pages, in both languages, and nowhere
else in the site; before closing, nothing of it is anywhere."""

from __future__ import annotations

import json
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from site_builder import archive
from site_builder.archive import sealed as sealed_texts
from site_builder.archive.applications import APPLICATION_LINE, kind_of
from site_builder.clock import closing_time
from site_builder.i18n import LABELS
from site_builder.render.sanitize import escape, render_markdown
from site_builder.sealing import WrongBeacon, decrypt, parse
from site_builder.selection.beacon import first_round_at_or_after, round_time
from tests.selection.beacon_standin import BeaconStandin

OPEN = "esdc-2026-002"  # open at the tests' clock, with its Discussion
BEFORE = "2026-11-25T12:00:00-05:00"
AFTER = "2027-01-09T12:00:00-05:00"  # a day after its closing
WITH_SELECTION = ("esdc/esdc-2024-031", "tbs/tbs-2026-011")  # their records name quicknet's rounds: not this chain's

ANSWERS = {
    "en": (
        [
            "I merged 14 pull requests touching Python,\nfor example https://github.com/example/tool/pull/7.",
            "Both: my docs are in English and French.\n\n  Indented line kept.",
        ],
        "https://github.com/example-supplier",
    ),
    "fr": (
        [
            "J'ai fusionné 14 demandes de tirage en Python : « élan » ✓",
            "Les deux langues, ᐃᓄᒃᑎᑐᑦ aussi, 中文 et عربي 🎉",
        ],
        "https://github.com/fournisseur-exemple",
    ),
}


def _before(page):
    """`page` with its clock at BEFORE, when the site was built and the opportunity is open: the form seals
    nothing after the closing time, and these tests must not depend on the day they run."""
    if not getattr(page, "devex_clock", False):
        page.clock.install(time=datetime.fromisoformat(BEFORE))
        page.devex_clock = True
    return page


@pytest.fixture(scope="module")
def relay():
    with BeaconStandin() as standin:
        yield standin


def _standin_marketplace(tools, repo_root: Path, target: Path, relay: BeaconStandin) -> Path:
    """A copy of the sample whose `beacon` is the stand-in chain (the opportunities whose records name quicknet's
    rounds left out: their signatures are not this chain's)."""
    root = tools.copy_marketplace(repo_root, target)
    for folder in WITH_SELECTION:
        for path in sorted((root / "opportunities" / folder).rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        (root / "opportunities" / folder).rmdir()
    settings = root / "opportunities" / "marketplace.yaml"
    text = settings.read_text("utf-8")
    head, _, rest = text.partition("\nbeacon:\n")
    tail = "".join(line + "\n" for line in rest.splitlines() if not line.startswith("  "))
    beacon = yaml.safe_dump({"beacon": relay.settings_data()}, sort_keys=False, default_flow_style=False)
    settings.write_text(head + "\n" + beacon + tail, "utf-8")
    return root


@pytest.fixture(scope="module")
def standin(tools, repo_root, tmp_path_factory, relay):
    root = _standin_marketplace(tools, repo_root, tmp_path_factory.mktemp("standin") / "market", relay)
    built = tools.build(repo_root, root.parent / "site", root=root, when=BEFORE)
    assert built.returncode == 0, built.stderr
    return built


@pytest.fixture(scope="module")
def standin_url(standin, serve):
    return serve(standin.site)


def _opportunity(root: Path, ident: str) -> dict:
    found = next((root / "opportunities").glob(f"*/{ident}/opportunity.yaml"))
    return yaml.safe_load(found.read_text("utf-8"))


def expected_plaintext(data: dict, lang: str, answers: list[str], profile: str) -> str:
    """The application as the form composes it: the line, the criteria as the template folds them, each answer
    under its criterion (indented three spaces, trailing blanks dropped), then the profile line and the links."""
    lines = [APPLICATION_LINE, "", LABELS["opp.template.criteria"][lang]]
    for number, (criterion, answer) in enumerate(zip(data["evaluation_criteria"][lang], answers, strict=True), 1):
        lines.append(f"{number}. {' '.join(criterion.split())}")
        lines += [f"   {line}" if line else "" for line in answer.rstrip().split("\n")] if answer.strip() else []
        lines.append("")
    lines.append(LABELS["seal.profile_heading"][lang])
    lines += profile.rstrip().split("\n") if profile.strip() else []
    return "\n".join(lines) + "\n"


def relay_signature(relay: BeaconStandin, number: int) -> str:
    """The stand-in relay's signature of round `number`, fetched over HTTP as sync fetches it."""
    relay.now = round_time(number, relay.settings()) + timedelta(seconds=1)
    with urllib.request.urlopen(f"{relay.url}/{relay.chain_hash}/public/{number}", timeout=10) as answer:
        return json.loads(answer.read())["signature"]


def _seal_in_page(page, url: str, answers: list[str], profile: str) -> str:
    requests: list[str] = []
    _before(page).goto(url)
    page.wait_for_selector("#devex-seal", state="visible")
    page.on("request", lambda request: requests.append(request.url))
    for number, answer in enumerate(answers, 1):
        page.fill(f"#devex-seal-{number}", answer)
    page.fill("#devex-seal-profile", profile)
    page.click(".devex-seal__button")
    page.wait_for_selector("#devex-seal-result", state="visible", timeout=30_000)
    assert [request.rsplit("/", 1)[1] for request in requests] == ["tlock.bundle.js"]  # no network but the bundle
    return page.text_content("#devex-sealed-text")


@pytest.mark.parametrize(("prefix", "lang"), [("", "en"), ("fr/", "fr")])
def test_a_sealed_application_opens_in_python_with_its_round_and_no_other(
    page, standin, standin_url, relay, prefix, lang
) -> None:
    data = _opportunity(standin.root, OPEN)
    answers, profile = ANSWERS[lang]
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    comment = _seal_in_page(page, f"{standin_url}{prefix}opportunities/{OPEN}/", answers, profile)
    assert not any("tlock" in url for url in loaded[: loaded.index(next(u for u in loaded if "tlock" in u))])

    # the comment: the application line, then the armor in a code fence, which the archive's rule reads
    assert comment.startswith(f"{APPLICATION_LINE}\n\n```\n-----BEGIN AGE ENCRYPTED FILE-----\n")
    assert comment.endswith("-----END AGE ENCRYPTED FILE-----\n```\n")
    assert kind_of(comment, None, "NONE", False) == "application"
    sealed = sealed_texts.read(comment)
    assert sealed == parse(sealed_texts.armor_of(comment))

    beacon = relay.settings()
    due = first_round_at_or_after(closing_time(data), beacon)
    assert sealed.round == due and sealed.chain_hash == relay.chain_hash
    assert page.text_content(".devex-seal__round") == str(due)
    until = page.text_content(".devex-seal__until")
    assert until.startswith(LABELS["seal.until"][lang].split("{closing}")[0]) and until.endswith(
        LABELS["seal.until"][lang].split("{round}")[1]
    )
    assert str(due) in until

    opened = decrypt(sealed, bytes.fromhex(relay_signature(relay, due)), relay.public_key, relay.chain_hash)
    assert opened.decode("utf-8") == expected_plaintext(data, lang, answers, profile)
    with pytest.raises(WrongBeacon):
        decrypt(sealed, bytes.fromhex(relay_signature(relay, due - 1)), relay.public_key, relay.chain_hash)
    assert page.text_content(".devex-seal__status") == LABELS["seal.done"][lang]


def test_sealing_by_keyboard_alone_moves_the_focus_to_the_result(page, standin, standin_url, relay) -> None:
    """Tab to each field and type, Tab to the button and press Enter: the status says it is sealed, the focus is on
    the result's heading, Tab reaches the sealed text and its copy button; editing an answer hides the stale text."""
    data = _opportunity(standin.root, OPEN)
    _before(page).goto(f"{standin_url}fr/opportunities/{OPEN}/")
    page.wait_for_selector("#devex-seal", state="visible")
    answers = [f"Réponse {number}" for number in range(1, len(data["evaluation_criteria"]["fr"]) + 1)]
    from tests.site.test_browser import tab_to

    tab_to(page, "devex-seal-1")
    for answer in answers:
        page.keyboard.type(answer)
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "devex-seal-profile"
    page.keyboard.type("https://github.com/clavier")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == LABELS["seal.button"]["fr"]
    page.keyboard.press("Enter")
    page.wait_for_selector("#devex-seal-result", state="visible", timeout=30_000)
    page.wait_for_function("document.activeElement && document.activeElement.id === 'sealed-application'")
    page.wait_for_function(
        f"document.querySelector('.devex-seal__status').textContent === {LABELS['seal.done']['fr']!r}"
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "PRE"  # the sealed text scrolls by keyboard
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "devex-copy-sealed"
    comment = page.text_content("#devex-sealed-text")
    sealed = sealed_texts.read(comment)
    due = first_round_at_or_after(closing_time(data), relay.settings())
    opened = decrypt(sealed, bytes.fromhex(relay_signature(relay, due)), relay.public_key, relay.chain_hash)
    assert opened.decode() == expected_plaintext(data, "fr", answers, "https://github.com/clavier")
    page.focus("#devex-seal-1")
    page.keyboard.type(" encore")
    assert page.is_hidden("#devex-seal-result")


def test_an_empty_form_is_not_sealed(page, standin_url) -> None:
    _before(page).goto(f"{standin_url}opportunities/{OPEN}/")
    page.wait_for_selector("#devex-seal", state="visible")
    page.click(".devex-seal__button")
    page.wait_for_function(
        f"document.querySelector('.devex-seal__status').textContent === {LABELS['seal.empty']['en']!r}"
    )
    assert page.evaluate("document.activeElement.id") == "devex-seal-1"
    assert page.is_hidden("#devex-seal-result")


def test_a_page_still_open_after_the_closing_time_seals_nothing(browser, standin, standin_url) -> None:
    """The page was built before closing and is read after it (the next scheduled build has not come yet): a text
    sealed now would be late and its round already out, so the form refuses and loads nothing."""
    closing = closing_time(_opportunity(standin.root, OPEN))
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        # the browser's clock a minute past the closing time
        page.clock.install(time=closing + timedelta(minutes=1))
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{standin_url}opportunities/{OPEN}/")
        page.wait_for_selector("#devex-seal", state="visible")
        page.fill("#devex-seal-1", "Too late")
        page.click(".devex-seal__button")
        page.wait_for_function(
            f"document.querySelector('.devex-seal__status').textContent === {LABELS['seal.closed']['en']!r}"
        )
        assert page.is_hidden("#devex-seal-result")
        assert not any("tlock" in url for url in requests)
    finally:
        context.close()


def test_the_sealed_text_is_copied_and_leads_to_the_discussion(browser, standin, standin_url) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1:") else r.abort())
    page = context.new_page()
    comment = _seal_in_page(page, f"{standin_url}opportunities/{OPEN}/", ["a", "b"], "c")
    page.click("#devex-copy-sealed")
    page.wait_for_function(
        f"document.querySelector('.devex-seal__copied').textContent === {LABELS['seal.copied']['en']!r}"
    )
    assert page.evaluate("navigator.clipboard.readText()") == comment
    link = page.locator(".devex-seal__post")
    assert link.get_attribute("href") == _opportunity(standin.root, OPEN)["discussion"]
    assert link.get_attribute("rel") == "nofollow noopener ugc"
    assert link.text_content() == LABELS["seal.post"]["en"]
    context.close()


def test_without_javascript_the_page_says_sealing_needs_it_and_the_template_is_there(browser, standin_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for prefix, lang in (("", "en"), ("fr/", "fr")):
        _before(page).goto(f"{standin_url}{prefix}opportunities/{OPEN}/")
        assert page.is_visible(".devex-seal__nojs")
        assert page.text_content(".devex-seal__nojs") == LABELS["seal.nojs"][lang]
        assert page.is_hidden("#devex-seal") and page.is_hidden("#devex-seal-result")
        assert page.is_visible("#devex-application-template")
        assert page.text_content("#application-template") == LABELS["public.heading"][lang]
    context.close()


def test_the_form_holds_its_place_and_loads_no_bundle_until_sealing(page, standin_url) -> None:
    """With scripting on, revealing the form moves nothing (it held its place); the bundle is not fetched on load."""
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    _before(page).goto(f"{standin_url}opportunities/{OPEN}/", wait_until="networkidle")
    assert page.is_visible("#devex-seal") and page.is_hidden(".devex-seal__nojs")
    assert not any("tlock" in url for url in loaded)
    shift = page.evaluate(
        """() => new Promise(done => {
          let total = 0;
          new PerformanceObserver(list => { for (const e of list.getEntries()) total += e.value; })
            .observe({type: 'layout-shift', buffered: true});
          setTimeout(() => done(total), 500);
        })"""
    )
    assert shift < 0.01


@pytest.mark.parametrize("prefix", ["", "fr/"])
def test_the_form_with_its_result_passes_axe(browser, standin_url, prefix) -> None:
    from tests.site.test_browser import _violations

    context = browser.new_context(viewport={"width": 375, "height": 800})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1:") else r.abort())
    page = context.new_page()
    _before(page).goto(f"{standin_url}{prefix}opportunities/{OPEN}/")
    page.wait_for_selector("#devex-seal", state="visible")
    assert _violations(page) == []
    _seal_in_page(page, f"{standin_url}{prefix}opportunities/{OPEN}/", ["x", "y"], "z")
    assert _violations(page) == []
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1]
    context.close()


# --- the round, computed in the browser as selection.beacon computes it


def test_the_round_in_the_browser_is_pythons_first_round_at_or_after(page, standin_url, relay) -> None:
    beacon = relay.settings()
    _before(page).goto(f"{standin_url}opportunities/{OPEN}/")
    page.wait_for_function("window.devexSeal")
    on_round = round_time(33_000_000, beacon)
    moments = [
        on_round,  # exactly when a round is produced: that round
        on_round + timedelta(seconds=1),  # between two rounds: the next
        on_round + timedelta(seconds=2),
        on_round + timedelta(milliseconds=1),  # a fraction of a second counts as the next whole second
        on_round - timedelta(milliseconds=500),
        datetime.fromtimestamp(beacon.genesis, UTC),  # genesis: round 1
        datetime.fromtimestamp(beacon.genesis - 100, UTC),  # before genesis: round 1
        datetime(2027, 1, 8, 19, 0, tzinfo=UTC),
    ]
    for moment in moments:
        in_browser = page.evaluate(
            "([ms, genesis, period]) => window.devexSeal.firstRoundAtOrAfter(ms, genesis, period)",
            [moment.timestamp() * 1000, beacon.genesis, beacon.period],
        )
        assert in_browser == first_round_at_or_after(moment, beacon), moment
    assert first_round_at_or_after(on_round, beacon) == 33_000_000
    assert first_round_at_or_after(on_round + timedelta(seconds=1), beacon) == 33_000_001


# --- after closing: the archive's plaintext on the page, and nowhere else; before closing, nowhere at all


@pytest.fixture(scope="module")
def sealed_comment(browser, standin_url) -> tuple[str, str]:
    """A comment sealed by the page, with a word found nowhere else, and that word."""
    marker = "Zyxwvutsrq-sealed-marker"
    context = browser.new_context()
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1:") else r.abort())
    page = context.new_page()
    comment = _seal_in_page(page, f"{standin_url}opportunities/{OPEN}/", [f"{marker} one", "two"], "links")
    context.close()
    return comment, marker


def _files_holding(site: Path, word: str) -> list[str]:
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and word.encode() in path.read_bytes()
    )


def test_before_closing_nothing_of_a_sealed_text_is_in_the_site(standin, sealed_comment) -> None:
    _comment, marker = sealed_comment
    assert _files_holding(standin.site, marker) == []
    assert not list((standin.root / "opportunities").glob(f"*/{OPEN}/bids.yaml"))  # no archive before closing


def test_after_closing_the_page_publishes_the_opened_text_in_both_languages(
    tools, repo_root, tmp_path_factory, relay, sealed_comment
) -> None:
    comment, marker = sealed_comment
    root = _standin_marketplace(tools, repo_root, tmp_path_factory.mktemp("closed") / "market", relay)
    folder = next((root / "opportunities").glob(f"*/{OPEN}"))
    data = _opportunity(root, OPEN)
    beacon = relay.settings()
    due = first_round_at_or_after(closing_time(data), beacon)
    signature = relay_signature(relay, due)
    opened = sealed_texts.open_application(
        comment, sealed_texts.Beacon(due, relay.chain_hash, signature, relay.public_key)
    )
    assert opened.plaintext is not None and marker.encode() in opened.plaintext
    public = f"{APPLICATION_LINE}\n\nA public one, <script>alert(1)</script> **bold**.\n"
    bid = {
        "comment": "DC_kwDOsealed1",
        "reply_to": None,
        "late": False,
        "edited_after_closing": False,
        "association": "NONE",
        "kind": "application",
    }
    snapshot = {
        "opportunity": OPEN,
        "discussion": data["discussion"],
        "closing": data["closing"],
        "taken": "2027-01-08T19:30:00Z",
        "application_rule": 2,
        "sealing": {"round": due, "chain_hash": relay.chain_hash, "signature": signature},
        "bids": [
            {
                **bid,
                "author": "sealed-supplier",
                "created": "2027-01-02T15:00:00Z",
                "updated": "2027-01-02T15:00:00Z",
                "url": f"{data['discussion']}#discussioncomment-1",
                "body": comment,
                "sealed": opened.block,
                "plaintext": opened.plaintext,
            },
            {
                **bid,
                "comment": "DC_kwDOpublic2",
                "author": "public-supplier",
                "created": "2027-01-03T15:00:00Z",
                "updated": "2027-01-03T15:00:00Z",
                "url": f"{data['discussion']}#discussioncomment-2",
                "body": public,
            },
        ],
    }
    copy = {  # a stranger posting the sealed text as their own: flagged, never opened as theirs
        **snapshot["bids"][0],
        "comment": "DC_kwDOcopy3",
        "author": "copier",
        "created": "2027-01-04T15:00:00Z",
        "updated": "2027-01-04T15:00:00Z",
        "url": f"{data['discussion']}#discussioncomment-3",
    }
    texts = [
        sealed_texts.written(b, b["body"]) if "sealed" in b or b is copy else None for b in [*snapshot["bids"], copy]
    ]
    assert sealed_texts.copies(texts) == {2: 0}
    snapshot["bids"].append(
        {
            **copy,
            "sealed": sealed_texts.copied(comment, snapshot["bids"][0], snapshot["bids"][0]["created"]).block,
            "plaintext": None,
        }
    )
    index, files = archive.split(snapshot)
    archive.write(folder, index, files)
    opportunity_file = folder / "opportunity.yaml"
    opportunity_file.write_text(
        opportunity_file.read_text("utf-8").replace("status: open", "status: closed", 1), "utf-8"
    )
    built = tools.build(repo_root, root.parent / "site", root=root, when=AFTER)
    assert built.returncode == 0, built.stderr

    # the plaintext on the opportunity's two pages, nowhere else (not the search index, feeds or open data)
    assert _files_holding(built.site, marker) == [
        f"fr/opportunities/{OPEN}/index.html",
        f"opportunities/{OPEN}/index.html",
    ]
    armor_line = comment.split("\n")[4]
    assert _files_holding(built.site, armor_line) == []  # never the ciphertext
    for prefix, lang in (("", "en"), ("fr/", "fr")):
        html = built.html(f"{prefix}opportunities/{OPEN}/")
        section = html.split('id="applications"')[1].split("</p></li></ol>")[0]  # the copier's item is last
        assert LABELS["received.heading"][lang] in html
        for login, kind in (("sealed-supplier", "sealed"), ("public-supplier", "public")):
            profile = f'<a href="https://github.com/{login}" rel="nofollow noopener ugc">'
            assert f">{LABELS[f'received.{kind}'][lang]}</span> {profile}" in section
        assert render_markdown(opened.plaintext.decode()) in section  # the plaintext, as descriptions are shown
        assert "<script" not in section and "alert(1)" in section  # a stranger's HTML never runs
        assert "<strong>bold</strong>" in section
        assert section.index("sealed-supplier") < section.index("public-supplier")  # the order posted
        copier = section.split('href="https://github.com/copier"')[1]
        assert escape(LABELS["received.copied"][lang]) in copier and marker not in copier

"""The Apply form of an open opportunity's page (issue 25): the supplier writes an answer per evaluation criterion
and their links, and the page seals the text in the browser with drand's timelock encryption (tlock) to the first
beacon round at or after the closing, then gives the comment to post: the application line, then the armored
age file in a code fence.

Everything the browser needs is written here, in the HTML: the chain's facts for encryption from
`opportunities/marketplace.yaml` `beacon` (public key, chain hash, scheme, genesis, period), the closing time,
the lines of the plaintext (the application line, the criteria folded onto one line each as the template folds
them, the profile line) and the messages, in the page's language. assets/javascripts/seal.js computes the round
(`selection.beacon.first_round_at_or_after`'s arithmetic), and loads assets/javascripts/tlock.bundle.js with
`import()` on the first seal only, giving tlock-js a chain client that answers `info()` from these facts: sealing
needs no network at all.

Without JavaScript the form stays hidden and a note says sealing needs it; the public template is below.
With scripting on, the form holds its place from the first paint (assets/stylesheets/apply.css), so revealing
it moves nothing."""

from __future__ import annotations

from datetime import datetime

from site_builder.archive.applications import APPLICATION_LINE
from site_builder.i18n import t
from site_builder.locale import zone_time
from site_builder.model import Settings
from site_builder.render.markup import heading, link
from site_builder.render.sanitize import escape, render_inline
from site_builder.selection.beacon import BeaconSettings

FORM_ID = "devex-seal"
OUTPUT_ID = "devex-sealed-text"


def _data(name: str, value: object) -> str:
    return f' data-{name}="{escape(str(value))}"'


def section(
    criteria: list[str],
    beacon: BeaconSettings,
    closing: datetime,
    discussion: str | None,
    settings: Settings,
    lang: str,
) -> str:
    """The *Apply sealed* part of the apply area: what stays visible and what is sealed, the form, and the place of
    the result (hidden until sealed), with the Discussion link when the Discussion exists."""
    chain = (
        _data("chain-hash", beacon.chain_hash)
        + _data("public-key", beacon.public_key)
        + _data("scheme", beacon.scheme)
        + _data("genesis", beacon.genesis)
        + _data("period", beacon.period)
        + _data("closing", closing.isoformat())
    )
    lines = (
        _data("line", APPLICATION_LINE)
        + _data("criteria-heading", t("opp.template.criteria", lang))
        + _data("profile-heading", t("seal.profile_heading", lang))
    )
    messages = "".join(
        _data(name, t(f"seal.{key}", lang, size="{size}"))  # {size}: filled in by seal.js
        for name, key in (
            ("working", "working"),
            ("done", "done"),
            ("empty", "empty"),
            ("too-long", "too_long"),
            ("failed", "failed"),
            ("closed", "closed"),
        )
    )
    when = (
        f'<time datetime="{escape(closing.isoformat())}">{escape(zone_time(closing, settings.time_zone, lang))}</time>'
    )
    until = t("seal.until", lang, closing=when, round='<strong class="devex-seal__round"></strong>')
    fields = "".join(_criterion(number, text) for number, text in enumerate(criteria, 1))
    profile = (
        f'<div class="devex-seal__field"><label for="{FORM_ID}-profile">{escape(t("seal.profile", lang))}</label>'
        f'<textarea id="{FORM_ID}-profile" name="profile" rows="2"></textarea></div>'
    )
    form = (
        f'<form class="devex-seal__form" id="{FORM_ID}" hidden{chain}{lines}{messages}>'
        f'<p class="devex-seal__until">{until}</p>'
        f"<fieldset><legend>{escape(t('seal.answers', lang))}</legend>{fields}</fieldset>{profile}"
        f'<p class="devex-seal__keep">{escape(t("seal.keep", lang))}</p>'
        f'<p><button type="submit" class="md-button md-button--primary devex-seal__button">'
        f"{escape(t('seal.button', lang))}</button></p>"
        '<p class="devex-seal__status" role="status" aria-live="polite"></p></form>'
    )
    return (
        '<section class="devex-seal" aria-labelledby="apply-sealed">'
        f"{heading(3, t('seal.heading', lang), ident='apply-sealed')}"
        f"<p>{escape(t('seal.intro', lang))}</p>"
        f'<ul class="devex-seal__terms"><li>{escape(t("seal.visible", lang))}</li>'
        f"<li>{escape(t('seal.sealed', lang))}</li></ul>"
        f'<p class="devex-seal__nojs">{escape(t("seal.nojs", lang))}</p>'
        f"{form}{_result(discussion, lang)}</section>"
    )


def _criterion(number: int, text: str) -> str:
    """One answer: labelled with the criterion as the page's numbered list shows it; the plaintext names it as the
    template does (folded onto one line), from the hidden text beside the field (text, never an attribute: a
    buyer's words are only ever element text or sanitized HTML)."""
    ident = f"{FORM_ID}-{number}"
    folded = f"{number}. {' '.join(text.split())}"
    return (
        f'<div class="devex-seal__field"><label for="{ident}">{number}. {render_inline(text)}</label>'
        f'<span class="devex-seal__criterion" hidden>{escape(folded)}</span>'
        f'<textarea id="{ident}" name="criterion-{number}" rows="4"></textarea></div>'
    )


def _result(discussion: str | None, lang: str) -> str:
    """Where the sealed comment appears: a heading the focus moves to, the text (a `<pre>` anyone can select, in a
    `<div id>` copy.js reads), the copy button and the Discussion link."""
    copy = (
        f'<div class="devex-copy" data-source="{OUTPUT_ID}" data-copied="{escape(t("seal.copied", lang))}" '
        f'data-failed="{escape(t("seal.copy_failed", lang))}" hidden>'
        '<button type="button" id="devex-copy-sealed" class="md-button devex-copy__button">'
        f"{escape(t('seal.copy', lang))}</button>"
        '<span class="devex-seal__copied" role="status" aria-live="polite"></span></div>'
    )
    post = (
        link(
            discussion,
            t("seal.post", lang),
            external=True,
            attrs='class="md-button md-button--primary devex-seal__post"',
        )
        if discussion
        else escape(t("opp.apply_pending", lang))
    )
    return (
        f'<div class="devex-seal__result" id="{FORM_ID}-result" hidden>'
        f'<h4 id="sealed-application" tabindex="-1">{escape(t("seal.result", lang))}</h4>'
        f'<div class="devex-seal__output" id="{OUTPUT_ID}">'
        f'<pre tabindex="0" role="region" aria-label="{escape(t("seal.output", lang))}">'
        f"<code></code></pre></div>{copy}<p>{post}</p></div>"
    )

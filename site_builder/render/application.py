"""How to apply, on an opportunity's page: the buttons to its GitHub Discussion and, while it is open, the rule
that tells an application from a question (archive.applications), the *Apply sealed* form (render/sealed_form.py,
issue 25: when the marketplace names a beacon) and, under *Apply in public*, an application template to copy.

The template starts with the application line, the one constant `APPLICATION_LINE` the archive judges by, then
one prompt per evaluation criterion, numbered as the evaluation numbers them (from 1), in the page's language,
and a line for the supplier's GitHub profile and links. It is plain text in a `<pre>`, readable and selectable
without JavaScript, inside a `<div id>` (Material's script renames every `<pre>`'s id); assets/javascripts/copy.js
reveals the *Copy the template* button, copies the text and says so in a polite live region (texts from i18n, in
the `data-` attributes beside the button)."""

from __future__ import annotations

from site_builder.archive.applications import APPLICATION_LINE, application_template
from site_builder.clock import closing_time
from site_builder.i18n import t
from site_builder.locale import zone_time
from site_builder.model import Opportunity, Settings
from site_builder.render import sealed_form
from site_builder.render.content import items_in
from site_builder.render.markup import heading, link
from site_builder.render.sanitize import escape
from site_builder.selection.beacon import BeaconSettings

TEMPLATE_ID = "devex-application-template"


def template(opp: Opportunity, lang: str) -> str:
    """The text to paste into a new comment (archive.applications.application_template, the Discussion's too),
    with the evaluation criteria as the page shows them."""
    return application_template(items_in(opp.document, ("evaluation_criteria",), lang), lang)


def section(opp: Opportunity, settings: Settings, status: str, lang: str) -> str:
    """The apply area under the summary: while open, the rule, the buttons and the template; once closed, the link
    to read the questions and applications."""
    discussion = opp.data.get("discussion")
    primary = 'class="md-button md-button--primary devex-apply"'
    if not discussion:
        row = escape(t("opp.apply_pending", lang))
    elif status == "open":
        apply = link(discussion, t("opp.apply", lang), external=True, attrs=primary)
        ask = link(discussion, t("opp.ask", lang), external=True, attrs='class="md-button devex-ask"')
        row = f"{apply} {ask}"
    else:
        row = link(discussion, t("opp.discussion", lang), external=True, attrs=primary)
    row = f'<p class="devex-apply-row">{row}</p>'
    if status != "open":
        return row
    closing = closing_time(opp.data)
    when = (
        f'<time datetime="{escape(closing.isoformat())}">{escape(zone_time(closing, settings.time_zone, lang))}</time>'
    )
    rule = t("opp.apply_rule", lang, line=f"<code>{escape(APPLICATION_LINE)}</code>", closing=when)
    text = escape(template(opp, lang)).replace("\n", "&#10;")  # one line: Markdown sees a single raw HTML block
    copy = (
        f'<div class="devex-copy" data-source="{TEMPLATE_ID}" data-copied="{escape(t("opp.copied", lang))}" '
        f'data-failed="{escape(t("opp.copy_failed", lang))}" hidden>'
        '<button type="button" id="devex-copy-template" class="md-button devex-copy__button">'
        f"{escape(t('opp.copy', lang))}</button>"
        '<span class="devex-copy__status" role="status" aria-live="polite"></span></div>'
    )
    beacon = settings.data.get("beacon")
    sealed = ""
    if beacon:  # sealing needs the chain's facts; without them, applications are public only
        criteria = items_in(opp.document, ("evaluation_criteria",), lang)
        chain = BeaconSettings.from_data(beacon)
        sealed = sealed_form.section(criteria, chain, closing, discussion, settings, lang)
    return (
        f'<section class="devex-application">{heading(2, t("opp.how_to_apply", lang), ident="apply")}'
        f"<p>{rule}</p><p>{escape(t('opp.question_rule', lang))}</p>{row}{sealed}"
        f'<section class="devex-public" aria-labelledby="application-template">'
        f"{heading(3, t('public.heading', lang), ident='application-template')}"
        f"<p>{escape(t('public.intro', lang))}</p>"
        f'<div class="devex-template" id="{TEMPLATE_ID}"><pre><code>{text}</code></pre></div>{copy}</section></section>'
    )

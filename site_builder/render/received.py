"""*Applications received*, on the page of an opportunity once it has closed (issue 25): every on-time application
the archive keeps (bids.yaml, `archive.applications.counts_as_application`), in the order posted, with its author,
the time it was posted, whether it was sealed or public, and its text.

Which text is the archive's word, read in one place (`archive.applications.published_text`): a public
application's comment as archived, a sealed one's plaintext as sync opened it at closing (never the ciphertext),
or, for a sealed one that did not open, the reason. The texts are strangers' Markdown: rendered and sanitized
as descriptions are (`sanitize.render_markdown`: cmark-gfm's safe mode, then nh3's allow-list, headings shifted
under the page's own). There is no archive before closing, and the section is
never drawn on an open opportunity's page, so nothing of a sealed text can reach a page before its round exists.
Not in the search documents, the feeds or the open data."""

from __future__ import annotations

from site_builder import paths
from site_builder.archive.applications import counts_as_application, published_text
from site_builder.clock import parse_utc
from site_builder.i18n import t
from site_builder.locale import zone_time
from site_builder.model import Opportunity, Settings
from site_builder.render.markup import block, heading, link
from site_builder.render.sanitize import escape, render_markdown


def section(opp: Opportunity, settings: Settings, status: str, lang: str) -> str:
    """The section, or "" while the opportunity is open or has no archive (or no application in it)."""
    if status == "open" or not opp.bids:
        return ""
    items = [
        _item(entry, opp, settings, lang)
        for entry in opp.bids["bids"]
        if not entry["late"] and counts_as_application(entry)
    ]
    if not items:
        return ""
    return "\n".join(
        [
            block(heading(2, t("received.heading", lang), ident="applications")),
            block(f'<p>{escape(t("received.intro", lang))}</p><ol class="devex-received">{"".join(items)}</ol>'),
        ]
    )


def _item(entry: dict, opp: Opportunity, settings: Settings, lang: str) -> str:
    published = published_text(entry, opp.texts)
    author = link(paths.github_profile(entry["author"]), f"@{entry['author']}", external=True)
    posted = parse_utc(entry["created"])
    when = f'<time datetime="{escape(entry["created"])}">{escape(zone_time(posted, settings.time_zone, lang))}</time>'
    comment = link(entry["url"], t("opp.comment", lang), external=True)
    kind = "sealed" if published.sealed else "public"
    mark = (
        f'<span class="devex-received__mark devex-received__mark--{kind}">{escape(t(f"received.{kind}", lang))}</span>'
    )
    if published.text is not None:
        body = f'<div class="devex-text devex-received__text">{render_markdown(published.text)}</div>'
    elif published.problem == "copied":
        body = f'<p class="devex-received__unreadable">{escape(t("received.copied", lang))}</p>'
    else:
        reason = t(f"received.problem.{published.problem}", lang)
        body = f'<p class="devex-received__unreadable">{escape(t("received.unreadable", lang, reason=reason))}</p>'
    byline = t("received.by", lang, author=author, time=when, comment=comment)
    return f'<li class="devex-received__item"><p class="devex-received__by">{mark} {byline}</p>{body}</li>'

"""Opportunity cards (Material's `grid cards` markup) and the pager under a listing."""

from __future__ import annotations

from collections.abc import Sequence

from site_builder.i18n import t
from site_builder.render import paths
from site_builder.render.markup import link
from site_builder.render.sanitize import escape
from site_builder.render.views import Card


def badge(status: str, lang: str) -> str:
    return f'<span class="devex-badge devex-badge--{escape(status)}">{escape(t(f"status.{status}", lang))}</span>'


def card_html(item: Card, here: str) -> str:
    """One card; `here` is the source path of the page it sits on, for relative links."""
    lang = item.lang
    department = link(paths.href(here, paths.listing(lang, f"departments/{item.department}")), item.department_name)
    skills = ", ".join(
        link(paths.href(here, paths.listing(lang, f"skills/{code}")), label) for code, label in item.skills
    )
    left = f" · {escape(item.time_left)}" if item.time_left else ""
    return (
        '<li class="devex-card">'
        f'<h2 class="devex-card__title">{link(paths.href(here, item.src_uri), item.title)}</h2>'
        f'<p class="devex-card__meta">{badge(item.status, lang)} <strong>{escape(item.value_text)}</strong>{left}</p>'
        f'<p class="devex-card__teaser">{escape(item.teaser)}</p>'
        f'<p class="devex-card__facts">{escape(t("card.department", lang))} {department}<br>'
        f"{escape(t('card.skills', lang))} {skills}</p>"
        "</li>"
    )


def card_list(items: Sequence[Card], here: str, lang: str) -> str:
    if not items:
        return f'<p class="devex-empty">{escape(t("listing.empty", lang))}</p>'
    body = "\n".join(card_html(item, here) for item in items)
    return f'<div class="grid cards devex-cards" id="devex-list">\n<ul>\n{body}\n</ul>\n</div>'


def pager(lang: str, here: str, number: int, total: int, page_uri) -> str:
    """Previous / page N of M / next; `page_uri(n)` gives the source path of page n."""
    if total <= 1:
        return ""
    parts = []
    if number > 1:
        parts.append(link(paths.href(here, page_uri(number - 1)), t("pager.previous", lang), attrs='rel="prev"'))
    parts.append(f"<span>{escape(t('pager.position', lang, number=number, total=total))}</span>")
    if number < total:
        parts.append(link(paths.href(here, page_uri(number + 1)), t("pager.next", lang), attrs='rel="next"'))
    label = escape(t("pager.label", lang))
    return f'<nav class="devex-pager" aria-label="{label}" id="devex-pager">{" ".join(parts)}</nav>'

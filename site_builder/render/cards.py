"""Opportunity cards (Material's `grid cards` markup) and the pager under a listing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from site_builder import paths
from site_builder.i18n import t
from site_builder.render.countdown import countdown
from site_builder.render.markup import link
from site_builder.render.sanitize import escape
from site_builder.render.views import Card


def badge(status: str, lang: str) -> str:
    return f'<span class="devex-badge devex-badge--{escape(status)}">{escape(t(f"status.{status}", lang))}</span>'


_ROOT = "\x00"  # where the page's path back to the site root goes; control characters never reach a card


def _link(target_src: str, text: str) -> str:
    return f'<a href="{_ROOT}{escape(paths.url_of(target_src))}">{escape(text)}</a>'


def card_template(item: Card) -> str:
    """One card with its links relative to the site root, made once and placed on every listing."""
    lang = item.lang
    department = _link(paths.listing(lang, f"departments/{item.department}"), item.department_name)
    skills = ", ".join(_link(paths.listing(lang, f"skills/{code}"), label) for code, label in item.skills)
    left = f" · {countdown(item.closing, item.closes, item.lang)}" if item.closes else ""
    return (
        '<li class="devex-card">'
        f'<h2 class="devex-card__title">{_link(item.src_uri, item.title)}</h2>'
        f'<p class="devex-card__meta">{badge(item.status, lang)} <strong>{escape(item.value_text)}</strong>{left}</p>'
        f'<p class="devex-card__teaser">{escape(item.teaser)}</p>'
        f'<p class="devex-card__facts">{escape(t("card.department", lang))} {department}<br>'
        f"{escape(t('card.skills', lang))} {skills}</p>"
        "</li>"
    )


@dataclass(frozen=True)
class Deck:
    """The cards of one language in listing order, each card's HTML made once for every listing."""

    cards: tuple[Card, ...]
    templates: dict[str, str]

    @classmethod
    def of(cls, cards: Sequence[Card]) -> Deck:
        return cls(tuple(cards), {item.ident: card_template(item) for item in cards})

    def html(self, items: Sequence[Card], here: str, lang: str) -> str:
        """The cards `items` as Material's grid of cards, linked relative to the page `here`."""
        if not items:
            return f'<p class="devex-empty">{escape(t("listing.empty", lang))}</p>'
        body = "\n".join(self.templates[item.ident] for item in items).replace(_ROOT, paths.to_root(here))
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

"""The guides' own page (guides/, in both languages): the menu's "Guides" leads here, and each guide is listed
with what it answers, so a visitor picks one without opening them all."""

from __future__ import annotations

from site_builder import paths
from site_builder.i18n import t
from site_builder.pages import Page
from site_builder.render.markup import block, front_matter, heading, link
from site_builder.render.navigation import GUIDES, GUIDES_INDEX
from site_builder.render.sanitize import escape


def page(lang: str) -> Page:
    here = paths.guide(lang, GUIDES_INDEX)
    title = t("nav.guides", lang)
    items = "".join(
        f"<li>{link(paths.href(here, paths.guide(lang, name)), t(key, lang))}"
        f"<br>{escape(t(f'guides.{name}', lang))}</li>"
        for key, name in GUIDES
    )
    sections = [
        front_matter(title),
        block(heading(1, title)),
        block(f'<p class="devex-lead">{escape(t("guides.intro", lang))}</p>'),
        block(f'<ul class="devex-guides">{items}</ul>'),
    ]
    return Page(here, lang, title, "\n".join(sections))

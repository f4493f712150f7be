"""The search page (`search/`, `fr/search/`): where the header's search form leads when the browser runs no
script (the form's `action`). Searching needs JavaScript (Pagefind runs in the browser; the site is static), so
the page says so and links to the listings and guides that browse the same opportunities; with scripting on,
assets/javascripts/search.js searches the page's `?q=` in the header instead, and the page says where the
results are."""

from __future__ import annotations

from site_builder import paths
from site_builder.i18n import t
from site_builder.pages import Page
from site_builder.render.markup import block, front_matter, heading, link
from site_builder.render.sanitize import escape

BROWSE = (  # (label, page) of what a reader without the search can browse instead
    ("nav.home", lambda lang: paths.home(lang)),
    ("nav.archive", lambda lang: paths.listing(lang, "archive")),
    ("nav.departments", lambda lang: paths.listing(lang, "departments")),
    ("nav.skills", lambda lang: paths.listing(lang, "skills")),
    ("nav.suppliers", lambda lang: paths.guide(lang, "suppliers")),
    ("nav.buyers", lambda lang: paths.guide(lang, "buyers")),
)


def src_uri(lang: str) -> str:
    return paths.localized(lang, "search/index.md")


def page(lang: str) -> Page:
    here = src_uri(lang)
    title = t("search.page_title", lang)
    items = "".join(f"<li>{link(paths.href(here, target(lang)), t(label, lang))}</li>" for label, target in BROWSE)
    body = (
        '<div class="devex-search-page">'
        f'<p class="devex-search-page__off"><strong>{escape(t("search.needs_script", lang))}</strong></p>'
        f'<p class="devex-search-page__on">{escape(t("search.use_field", lang))}</p>'
        f"<p>{escape(t('search.browse', lang))}</p><ul>{items}</ul></div>"
    )
    return Page(
        here, lang, title, "\n".join([front_matter(title, hide=["toc"]), block(heading(1, title)), block(body)])
    )

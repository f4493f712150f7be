"""Listing pages: home (every opportunity, open ones first), the archive, one listing per department and per
skill, and the two index pages. Each listing is paginated, so no page grows with the number of opportunities."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from site_builder.i18n import t
from site_builder.model import Settings
from site_builder.pages import Page
from site_builder.render import filters, paths
from site_builder.render.cards import card_list, pager
from site_builder.render.locale import money
from site_builder.render.markup import block, front_matter, heading, link
from site_builder.render.sanitize import escape
from site_builder.render.views import Card, department_name, skill_name

PAGE_SIZE = 50


def paginated(
    items: Sequence[Card],
    lang: str,
    page_uri: Callable[[int], str],
    title: str,
    intro: Callable[[str], str],
    page_size: int = PAGE_SIZE,
) -> list[Page]:
    """The listing split into pages of `page_size`; page 1 always exists, even when empty.
    `intro(here)` is the HTML shown above the cards of every page."""
    total = max(1, -(-len(items) // page_size))
    pages = []
    for number in range(1, total + 1):
        here = page_uri(number)
        chunk = items[(number - 1) * page_size : number * page_size]
        page_title = title if number == 1 else t("pager.title", lang, title=title, number=number)
        markdown = (
            front_matter(page_title, search=False, hide=["toc"])
            + block(heading(1, page_title))
            + block(intro(here))
            + block(card_list(chunk, here, lang))
            + block(pager(lang, here, number, total, page_uri))
        )
        pages.append(Page(here, lang, page_title, markdown))
    return pages


def _browse(lang: str, here: str, settings: Settings) -> str:
    links = [
        link(paths.href(here, paths.listing(lang, "departments")), t("nav.departments", lang)),
        link(paths.href(here, paths.listing(lang, "skills")), t("nav.skills", lang)),
        link(paths.href(here, paths.listing(lang, "archive")), t("nav.archive", lang)),
    ]
    return f'<p class="devex-browse">{escape(t("home.browse", lang))} {" · ".join(links)}</p>'


def home(items: Sequence[Card], lang: str, settings: Settings) -> list[Page]:
    def intro(here: str) -> str:
        lead = t("home.intro", lang, threshold=money(settings.threshold, lang))
        guides = t(
            "home.guides",
            lang,
            suppliers=link(paths.href(here, paths.localized(lang, "guides/suppliers.md")), t("nav.suppliers", lang)),
            buyers=link(paths.href(here, paths.localized(lang, "guides/buyers.md")), t("nav.buyers", lang)),
        )
        return (
            f'<p class="devex-lead">{escape(lead)}</p>\n<p>{guides}</p>\n'
            f"{_browse(lang, here, settings)}\n{filters.form(settings, lang, here)}"
        )

    return paginated(items, lang, lambda n: paths.home(lang, n), t("home.title", lang), intro)


def archive(items: Sequence[Card], lang: str) -> list[Page]:
    past = [item for item in items if item.status != "open"]

    def intro(here: str) -> str:
        return f'<p class="devex-lead">{escape(t("archive.intro", lang))}</p>'

    return paginated(past, lang, lambda n: paths.listing(lang, "archive", n), t("archive.title", lang), intro)


def departments(items: Sequence[Card], lang: str, settings: Settings) -> list[Page]:
    """The index of departments, then one paginated listing each."""
    pages = []
    counts: dict[str, int] = {}
    for item in items:
        counts[item.department] = counts.get(item.department, 0) + 1
    for code in settings.departments:
        name = department_name(settings, code, lang)
        mine = [item for item in items if item.department == code]
        pages += paginated(
            mine,
            lang,
            lambda n, code=code: paths.listing(lang, f"departments/{code}", n),
            name,
            lambda here, name=name: f'<p class="devex-lead">{escape(t("department.intro", lang, name=name))}</p>',
        )
    pages.append(
        _index(lang, "departments", settings.departments, counts, lambda c: department_name(settings, c, lang))
    )
    return pages


def skills(items: Sequence[Card], lang: str, settings: Settings) -> list[Page]:
    pages = []
    counts: dict[str, int] = {}
    by_skill: dict[str, list[Card]] = {code: [] for code in settings.skills}
    for item in items:
        for code, _label in item.skills:
            by_skill.setdefault(code, []).append(item)
            counts[code] = counts.get(code, 0) + 1
    for code, mine in by_skill.items():
        name = skill_name(settings, code, lang)
        title = t("skill.title", lang, name=name)
        pages += paginated(
            mine,
            lang,
            lambda n, code=code: paths.listing(lang, f"skills/{code}", n),
            title,
            lambda here, name=name: f'<p class="devex-lead">{escape(t("skill.intro", lang, name=name))}</p>',
        )
    pages.append(_index(lang, "skills", settings.skills, counts, lambda c: skill_name(settings, c, lang)))
    return pages


def _index(lang: str, kind: str, codes, counts: dict[str, int], name_of: Callable[[str], str]) -> Page:
    here = paths.listing(lang, kind)
    title = t(f"nav.{kind}", lang)
    rows = sorted(codes, key=name_of)
    items = "".join(
        f"<li>{link(paths.href(here, paths.listing(lang, f'{kind}/{code}')), name_of(code))} "
        f'<span class="devex-count">({escape(t("listing.count", lang, count=counts.get(code, 0)))})</span></li>'
        for code in rows
    )
    markdown = (
        front_matter(title, hide=["toc"])
        + block(heading(1, title))
        + block(f'<p class="devex-lead">{escape(t(f"{kind}.intro", lang))}</p>')
        + block(f'<ul class="devex-index">{items}</ul>')
    )
    return Page(here, lang, title, markdown)

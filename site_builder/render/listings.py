"""Listing pages: home (every opportunity, open ones first), the archive, one listing per department and per
skill, and the two index pages. Each listing is paginated, so no page grows with the number of opportunities."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from site_builder import paths
from site_builder.i18n import t
from site_builder.locale import department_name, money, skill_name
from site_builder.model import Settings
from site_builder.pages import Page
from site_builder.render import filters
from site_builder.render.cards import Deck, pager
from site_builder.render.markup import block, front_matter, heading, link
from site_builder.render.sanitize import escape
from site_builder.render.views import Card

PAGE_SIZE = 50


def paginated(
    deck: Deck,
    items: Sequence[Card],
    lang: str,
    page_uri: Callable[[int], str],
    title: str,
    intro: Callable[[str], str],
    page_size: int = PAGE_SIZE,
    feed: str | None = None,
    feed_shown: bool = True,
) -> list[Page]:
    """The listing split into pages of `page_size`; page 1 always exists, even when empty.
    `intro(here)` is the HTML shown above the cards of every page; `feed` is the listing's Atom feed, named in
    the head for feed readers and, if `feed_shown`, as a link above the cards."""
    total = max(1, -(-len(items) // page_size))
    pages = []
    for number in range(1, total + 1):
        here = page_uri(number)
        chunk = items[(number - 1) * page_size : number * page_size]
        page_title = title if number == 1 else t("pager.title", lang, title=title, number=number)
        follow = (paths.href(here, feed), f"{title} (Atom)") if feed else None
        markdown = (
            front_matter(page_title, search=False, hide=["toc"], feed=follow)
            + block(heading(1, page_title))
            + block(intro(here) + (_follow(follow[0], lang) if follow and feed_shown else ""))
            + block(deck.html(chunk, here, lang))
            + block(pager(lang, here, number, total, page_uri))
        )
        pages.append(Page(here, lang, page_title, markdown))
    return pages


def _follow(href: str, lang: str) -> str:
    feed = link(href, t("feed.follow", lang), attrs='type="application/atom+xml"')
    return f'\n<p class="devex-follow">{feed}</p>'


def home(deck: Deck, lang: str, settings: Settings, page_size: int = PAGE_SIZE) -> list[Page]:
    """Every opportunity. (The other listings, statistics and open data are in the header's menu.)"""

    def intro(here: str) -> str:
        lead = t("home.intro", lang, threshold=money(settings.threshold, lang))
        guides = t(
            "home.guides",
            lang,
            suppliers=link(paths.href(here, paths.guide(lang, "suppliers")), t("nav.suppliers", lang)),
            buyers=link(paths.href(here, paths.guide(lang, "buyers")), t("nav.buyers", lang)),
        )
        return f'<p class="devex-lead">{escape(lead)}</p>\n<p>{guides}</p>\n{filters.form(settings, lang, here)}'

    def page_uri(number: int) -> str:
        return paths.home(lang, number)

    # The head names the main feed for feed readers; the page shows no link to it, so the first card stays
    # high on a phone (the open data page and the guide to following opportunities show the feeds).
    title = t("home.title", lang)
    return paginated(deck, deck.cards, lang, page_uri, title, intro, page_size, paths.home_feed(lang), False)


def archive(deck: Deck, lang: str, page_size: int = PAGE_SIZE) -> list[Page]:
    past = [item for item in deck.cards if item.status != "open"]

    def intro(here: str) -> str:
        return f'<p class="devex-lead">{escape(t("archive.intro", lang))}</p>'

    title = t("archive.title", lang)
    return paginated(deck, past, lang, lambda n: paths.listing(lang, "archive", n), title, intro, page_size)


def departments(deck: Deck, lang: str, settings: Settings, page_size: int = PAGE_SIZE) -> list[Page]:
    """The index of departments, then one paginated listing each."""
    pages = []
    by_department: dict[str, list[Card]] = {code: [] for code in settings.departments}
    for item in deck.cards:
        by_department.setdefault(item.department, []).append(item)
    counts = {code: len(mine) for code, mine in by_department.items()}
    for code, mine in by_department.items():
        name = department_name(settings, code, lang)
        pages += paginated(
            deck,
            mine,
            lang,
            lambda n, code=code: paths.listing(lang, f"departments/{code}", n),
            name,
            lambda here, name=name: f'<p class="devex-lead">{escape(t("department.intro", lang, name=name))}</p>',
            page_size,
            paths.topic_feed(lang, "department", code),
        )
    pages.append(
        _index(lang, "departments", settings.departments, counts, lambda c: department_name(settings, c, lang))
    )
    return pages


def skills(deck: Deck, lang: str, settings: Settings, page_size: int = PAGE_SIZE) -> list[Page]:
    pages = []
    by_skill: dict[str, list[Card]] = {code: [] for code in settings.skills}
    for item in deck.cards:
        for code, _label in item.skills:
            by_skill.setdefault(code, []).append(item)
    counts = {code: len(mine) for code, mine in by_skill.items()}
    for code, mine in by_skill.items():
        name = skill_name(settings, code, lang)
        title = t("skill.title", lang, name=name)
        pages += paginated(
            deck,
            mine,
            lang,
            lambda n, code=code: paths.listing(lang, f"skills/{code}", n),
            title,
            lambda here, name=name: f'<p class="devex-lead">{escape(t("skill.intro", lang, name=name))}</p>',
            page_size,
            paths.topic_feed(lang, "skill", code),
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

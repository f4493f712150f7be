"""The page that says how to follow new opportunities (guides/follow/, in both languages): the Atom feeds (all,
per skill, per department), the calendar of closing times, and watching the repository's Discussions for e-mail
(sync opens one Discussion per opportunity)."""

from __future__ import annotations

from site_builder import paths
from site_builder.i18n import t
from site_builder.locale import department_name, skill_name
from site_builder.model import Settings
from site_builder.pages import Page
from site_builder.render.markup import block, front_matter, heading, link
from site_builder.render.sanitize import escape


def page(settings: Settings, lang: str) -> Page:
    here = paths.guide(lang, paths.FOLLOW_GUIDE)
    title = t("follow.title", lang)
    feed_type, calendar_type = 'type="application/atom+xml"', 'type="text/calendar"'

    def feeds(kind: str, codes: list[str], name_of) -> str:
        items = "".join(
            f"<li>{link(paths.href(here, paths.topic_feed(lang, kind, code)), name_of(code), attrs=feed_type)}</li>"
            for code in codes
        )
        return f"<ul>{items}</ul>"

    discussions = paths.github_discussions(settings.data["repository"])
    sections = [
        front_matter(title),
        block(heading(1, title)),
        block(f'<p class="devex-lead">{escape(t("follow.intro", lang))}</p>'),
        block(heading(2, t("follow.feeds", lang), ident="feeds")),
        block(
            f"<p>{escape(t('follow.feeds_text', lang))} "
            f"{link(paths.href(here, paths.feed(lang)), t('follow.all', lang), attrs=feed_type)}</p>"
        ),
        block(heading(3, t("nav.skills", lang), ident="skills")),
        block(feeds("skill", sorted(settings.skills), lambda code: skill_name(settings, code, lang))),
        block(heading(3, t("nav.departments", lang), ident="departments")),
        block(feeds("department", sorted(settings.departments), lambda c: department_name(settings, c, lang))),
        block(heading(2, t("follow.calendar", lang), ident="calendar")),
        block(
            f"<p>{escape(t('follow.calendar_text', lang))} "
            f"{link(paths.href(here, paths.CALENDAR), paths.CALENDAR, attrs=calendar_type)}</p>"
        ),
        block(heading(2, t("follow.email", lang), ident="email")),
        block(
            f"<p>{escape(t('follow.email_text', lang))} "
            f"{link(discussions, t('follow.discussions', lang), external=True)}</p>"
        ),
    ]
    return Page(here, lang, title, "\n".join(sections))

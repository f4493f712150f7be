"""The "download the data" page in both languages: every published file, its format, its licence, and how to
subscribe to new opportunities (the feeds, the calendar)."""

from __future__ import annotations

from datetime import date

from site_builder import paths
from site_builder.export import ocds
from site_builder.export.common import LICENCE
from site_builder.i18n import LANGUAGES, t
from site_builder.locale import local_day, long_date
from site_builder.model import Marketplace
from site_builder.pages import BuildContext, Page
from site_builder.render.markdown import table

# (file, format label key, description label key), in the order readers need them
DOWNLOADS = (
    (paths.OPPORTUNITIES_JSON, "data.format.json", "data.file.opportunities"),
    (paths.OCDS, "data.format.ocds", "data.file.ocds"),
    (paths.DISCLOSURE_CSV, "data.format.csv", "data.file.disclosure"),
    (paths.CALENDAR, "data.format.ical", "data.file.ical"),
    (paths.OPPORTUNITIES_SCHEMA, "data.format.schema", "data.file.schema"),
)


def pages(marketplace: Marketplace, context: BuildContext) -> list[Page]:
    listed = [row for row in DOWNLOADS if row[0] != paths.OCDS or ocds.publishes(marketplace)]
    published = local_day(context.published, marketplace.settings.time_zone)
    return [
        Page(paths.data_page(lang), lang, t("data.title", lang), render(published, lang, listed)) for lang in LANGUAGES
    ]


def render(published: date, lang: str, downloads: list[tuple[str, str, str]]) -> str:
    """The page in `lang`, listing `downloads` (every file but the OCDS package of an empty marketplace)."""
    src = paths.data_page(lang)
    name, url = LICENCE[lang]
    feed = paths.source_link(src, paths.feed(lang))
    other_feed = paths.source_link(src, paths.feed("fr" if lang == "en" else "en"))
    rows = [
        (f"[{target.rsplit('/', 1)[-1]}]({paths.source_link(src, target)})", t(kind, lang), t(what, lang))
        for target, kind, what in downloads
    ]
    rows.insert(len(rows) - 2, (f"[feed.xml]({feed})", t("data.format.atom", lang), t("data.file.feed", lang)))
    sections = [
        f"# {t('data.title', lang)}",
        t("data.intro", lang),
        f"## {t('data.subscribe', lang)}",
        f'!!! tip "{t("data.subscribe_tip_title", lang)}"\n\n    {t("data.subscribe_tip", lang)}',
        "\n".join(
            [
                f"- {t('data.feed_link', lang, link=feed)}",
                f"- {t('data.other_feed_link', lang, link=other_feed)}",
                f"- {t('data.calendar_link', lang, link=paths.source_link(src, paths.CALENDAR))}",
            ]
        ),
        f"## {t('data.downloads', lang)}",
        table([t("data.file", lang), t("data.format", lang), t("data.contents", lang)], rows),
        t("data.schemas", lang, link=paths.source_link(src, paths.schema_file("opportunity.schema.json"))),
        f"## {t('data.licence', lang)}",
        t("data.licence_text", lang, name=name, url=url),
        t("data.published", lang, date=long_date(published, lang)),
    ]
    return "\n\n".join(sections) + "\n"

"""The "download the data" page in both languages: every published file, its format, its licence, and how to
subscribe (the feeds answer the pilots' requests for notifications)."""

from __future__ import annotations

from datetime import date

from site_builder.export import disclosure, feeds, ical, ocds, opportunities_json
from site_builder.export.common import LICENCE
from site_builder.i18n import LANGUAGES, t
from site_builder.locale import local_day, long_date
from site_builder.model import Marketplace
from site_builder.pages import BuildContext, Page
from site_builder.paths import source_link
from site_builder.render.markdown import table

SRC = {"en": "data.md", "fr": "fr/data.md"}
# (file, format label key, description label key), in the order readers need them
DOWNLOADS = (
    (opportunities_json.PATH, "data.format.json", "data.file.opportunities"),
    (ocds.PATH, "data.format.ocds", "data.file.ocds"),
    (disclosure.PATH, "data.format.csv", "data.file.disclosure"),
    (ical.PATH, "data.format.ical", "data.file.ical"),
    (f"schema/{opportunities_json.SCHEMA_FILE}", "data.format.schema", "data.file.schema"),
)


def pages(marketplace: Marketplace, context: BuildContext) -> list[Page]:
    listed = [row for row in DOWNLOADS if row[0] != ocds.PATH or ocds.publishes(marketplace)]
    published = local_day(context.published, marketplace.settings.time_zone)
    return [Page(SRC[lang], lang, t("data.title", lang), render(published, lang, listed)) for lang in LANGUAGES]


def render(published: date, lang: str, downloads: list[tuple[str, str, str]]) -> str:
    """The page in `lang`, listing `downloads` (every file but the OCDS package of an empty marketplace)."""
    src = SRC[lang]
    name, url = LICENCE[lang]
    feed = source_link(src, feeds.PATHS[lang])
    other_feed = source_link(src, feeds.PATHS["fr" if lang == "en" else "en"])
    rows = [
        (f"[{target.rsplit('/', 1)[-1]}]({source_link(src, target)})", t(kind, lang), t(what, lang))
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
                f"- {t('data.calendar_link', lang, link=source_link(src, ical.PATH))}",
            ]
        ),
        f"## {t('data.downloads', lang)}",
        table([t("data.file", lang), t("data.format", lang), t("data.contents", lang)], rows),
        t("data.schemas", lang, link=source_link(src, "schema/opportunity.schema.json")),
        f"## {t('data.licence', lang)}",
        t("data.licence_text", lang, name=name, url=url),
        t("data.published", lang, date=long_date(published, lang)),
    ]
    return "\n\n".join(sections) + "\n"

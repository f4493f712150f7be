"""/feed.xml and /fr/feed.xml: Atom feeds (RFC 4287) of new opportunities, addenda, awards and cancellations (a
cancellation's entry gives its reason in the feed's language); and the same per skill and per department
(feeds/skill-<code>.xml, feeds/department-<code>.xml, and under fr/), linked from those listings, so a supplier
follows only what they can do.

The home page names the main feed as its `link rel="alternate"` through a copy in the topic feeds' folder
(paths.home_feed), so feed readers find it there. A feed reader (or a feed-to-email service) subscribed to
these is how suppliers hear of new opportunities. Entry ids are the page address plus a fragment naming the event,
so they never change; `updated` is the event's date from the files, never the build's clock. The newest
MAX_ENTRIES events are kept, so the file stays small however large the marketplace grows.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import datetime

from feedgen.feed import FeedGenerator

from site_builder import paths
from site_builder.export.common import site_url
from site_builder.export.facts import ProcessFacts, process_facts
from site_builder.i18n import t
from site_builder.locale import department_name, marketplace_name, money, skill_name, zone_time
from site_builder.model import Marketplace, Opportunity, Settings
from site_builder.pages import Asset, BuildContext

MAX_ENTRIES = 100
FEED_KINDS = ("posted", "addendum", "awarded", "cancelled")


@dataclass(frozen=True)
class Item:
    """One feed entry before rendering: which event of which opportunity."""

    opp: Opportunity
    kind: str
    moment: datetime
    index: int


def items(marketplace: Marketplace, facts: dict[str, ProcessFacts] | None = None) -> list[Item]:
    """The newest events worth a notification, newest first (ties broken by id, so the order is stable)."""
    facts = facts if facts is not None else process_facts(marketplace)
    found = (
        (event.moment, opp.id, event.kind, event.index, opp)
        for opp in marketplace.opportunities
        for event in facts[opp.id].events
        if event.kind in FEED_KINDS
    )
    newest = heapq.nlargest(MAX_ENTRIES, found, key=lambda entry: entry[:4])  # the same as sorting, then slicing
    return [Item(opp, kind, moment, index) for moment, _, kind, index, opp in newest]


@dataclass(frozen=True)
class Topic:
    """What a feed follows: the whole marketplace, or one skill or department (`kind`, `code`)."""

    kind: str = ""
    code: str = ""

    def path(self, lang: str) -> str:
        return paths.topic_feed(lang, self.kind, self.code) if self.kind else paths.feed(lang)

    def page(self, lang: str) -> str:
        plural = f"{self.kind}s/{self.code}"
        return paths.listing(lang, plural) if self.kind else paths.home(lang)

    def title(self, settings: Settings, lang: str) -> str:
        if self.kind == "skill":
            return t("feed.skill_title", lang, name=skill_name(settings, self.code, lang))
        if self.kind == "department":
            return t("feed.department_title", lang, name=department_name(settings, self.code, lang))
        return t("feed.title", lang)


def feed_bytes(
    marketplace: Marketplace,
    context: BuildContext,
    lang: str,
    chosen: list[Item] | None = None,
    topic: Topic = Topic(),
    quiet_since: datetime | None = None,
) -> bytes:
    """One language's feed of `chosen` (by default the newest items), about `topic` (by default everything).
    A feed with no entry is as new as `quiet_since` (the marketplace's newest event), else the publication."""
    base = site_url(marketplace, context)
    chosen = chosen if chosen is not None else items(marketplace)
    feed = FeedGenerator()
    feed.id(paths.absolute(base, topic.path(lang)))
    feed.title(f"{marketplace_name(marketplace.settings, lang)} - {topic.title(marketplace.settings, lang)}")
    feed.subtitle(t("feed.subtitle", lang))
    feed.language(lang)
    feed.author({"name": marketplace_name(marketplace.settings, lang), "uri": paths.absolute(base, paths.home(lang))})
    feed.link(href=paths.absolute(base, topic.path(lang)), rel="self", type="application/atom+xml")
    feed.link(href=paths.absolute(base, topic.page(lang)), rel="alternate", type="text/html")
    feed.rights(t("data.licence_notice", lang))
    feed.generator(marketplace_name(marketplace.settings, "en"), uri=base)
    feed.updated(_second(chosen[0].moment if chosen else quiet_since or context.published))
    for item in chosen:
        _entry(feed, item, base, lang, marketplace)
    return feed.atom_str(pretty=True)


def _entry(feed: FeedGenerator, item: Item, base: str, lang: str, marketplace: Marketplace) -> None:
    data = item.opp.data
    url = paths.opportunity_url(base, lang, item.opp.id)
    fragment = f"addendum-{item.index}" if item.kind == "addendum" else item.kind
    entry = feed.add_entry(order="append")
    entry.id(f"{url}#{fragment}")
    entry.title(t(f"feed.{item.kind}", lang, title=data["title"][lang], number=item.index))
    entry.updated(_second(item.moment))
    entry.published(_second(item.moment))
    entry.link(href=url, rel="alternate", type="text/html")
    entry.category(term=item.opp.department, label=department_name(marketplace.settings, item.opp.department, lang))
    entry.summary(_summary(item, lang, marketplace.settings.time_zone))


def _second(moment: datetime) -> datetime:
    """A date-time to the second, given to feedgen as a datetime: as text, feedgen parses it back with
    dateutil, which cost more than the rest of the feeds together."""
    return moment.replace(microsecond=0)


def _summary(item: Item, lang: str, zone: str) -> str:
    data = item.opp.data
    if item.kind == "addendum":
        return data["addenda"][item.index - 1]["text"][lang]
    if item.kind == "cancelled":
        return t("feed.cancelled_summary", lang, reason=data["cancellation"]["reason"][lang])
    if item.kind == "awarded":
        award = item.opp.award
        assert award is not None
        return t("feed.awarded_summary", lang, supplier=award["supplier"]["name"], amount=money(award["amount"], lang))
    closing = zone_time(data["closing"], zone, lang)
    return t(
        "feed.posted_summary", lang, teaser=data["teaser"][lang], value=money(data["value"], lang), closing=closing
    )


def topic_items(marketplace: Marketplace, facts: dict[str, ProcessFacts]) -> dict[Topic, list[Item]]:
    """The newest events of every skill and department (each registered one, even without any event yet), in
    one pass over the events: the cost stays linear in the number of opportunities, not times the topics."""
    settings = marketplace.settings
    found: dict[Topic, list[tuple[datetime, str, str, int, Opportunity]]] = {
        **{Topic("skill", code): [] for code in settings.skills},
        **{Topic("department", code): [] for code in settings.departments},
    }
    for opp in marketplace.opportunities:
        topics = [Topic("department", opp.department), *(Topic("skill", code) for code in opp.data["skills"])]
        for event in facts[opp.id].events:
            if event.kind in FEED_KINDS:
                for topic in topics:
                    found.setdefault(topic, []).append((event.moment, opp.id, event.kind, event.index, opp))
    return {
        topic: [
            Item(opp, kind, moment, index)
            for moment, _, kind, index, opp in heapq.nlargest(MAX_ENTRIES, events, key=lambda entry: entry[:4])
        ]
        for topic, events in found.items()
    }


EMPTY_SITEMAP = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)
"""Written beside the topic feeds: Material's script fetches `sitemap.xml` from the folder of every
`link rel="alternate"` of a page (the feed's), and a missing one is a 404 on every listing that links a feed."""


def assets(
    marketplace: Marketplace, context: BuildContext, facts: dict[str, ProcessFacts] | None = None
) -> list[Asset]:
    facts = facts if facts is not None else process_facts(marketplace)
    chosen = items(marketplace, facts)  # the same entries in both languages
    main = {lang: feed_bytes(marketplace, context, lang, chosen) for lang in ("en", "fr")}
    out = [Asset(paths.feed(lang), main[lang]) for lang in ("en", "fr")]
    out += [Asset(paths.home_feed(lang), main[lang]) for lang in ("en", "fr")]  # the home page's link
    newest = chosen[0].moment if chosen else None  # what an empty topic's feed says, from the data, not the clock
    for topic, mine in topic_items(marketplace, facts).items():
        for lang in ("en", "fr"):
            out.append(Asset(topic.path(lang), feed_bytes(marketplace, context, lang, mine, topic, newest)))
    out += [Asset(paths.feeds_sitemap(lang), EMPTY_SITEMAP) for lang in ("en", "fr")]
    return out

"""Money, closing times, names and addresses are written by one module each (site_builder.locale,
site_builder.paths): the site, the open-data files and the messages on GitHub say them alike. The expected
texts are written out here by hand, not computed with the functions under test."""

from __future__ import annotations

from datetime import datetime

import pytest

from site_builder import paths
from site_builder.errors import InvalidMarketplace
from site_builder.github_sync import messages
from site_builder.locale import department_name, money, number, percent, skill_name, start_of_day, zone_time
from site_builder.model import Settings
from site_builder.render import opportunity

NOW = datetime.fromisoformat("2026-03-01T12:00:00-05:00")
IDENT = "tbs-2026-002"
CLOSING = {
    "en": "April 14, 2026, 2:00 p.m. EDT (UTC\u221204:00)",
    "fr": "14 avril 2026 à 14 h 00 HAE (UTC\u221204:00)",
}
AMOUNT = {"en": "$2,500", "fr": "2\u00a0500\u00a0$"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_page_the_feed_and_the_discussion_write_amount_and_closing_alike(small, lang):
    opp = small.marketplace.by_id()[IDENT]
    settings = small.marketplace.settings
    page = opportunity.page(opp, settings, NOW, lang).markdown
    feed = small.files[f"{paths.localized(lang, 'feed.xml')}"].decode("utf-8")
    body = messages.discussion_body(opp, settings)
    for name, text in (("page", page), ("feed", feed), ("discussion", body)):
        assert CLOSING[lang] in text, f"the {name} writes the closing time another way"
        assert AMOUNT[lang] in text, f"the {name} writes the amount another way"


def test_french_uses_one_kind_of_space_everywhere(small):
    french = [small.pages["fr/statistics.md"].markdown, small.files["fr/feed.xml"].decode("utf-8")]
    assert all("\u202f" not in text for text in french)
    assert number(1234567.5, "fr", 1) == "1\u00a0234\u00a0567,5"
    assert percent(0.125, "fr") == "12,5\u00a0%" and percent(0.125, "en") == "12.5%"
    assert money(99.5, "fr") == "99,50\u00a0$" and money(1000, "fr", code=True) == "1\u00a0000\u00a0$\u00a0CA"


def test_midnight_in_the_marketplace_zone_follows_daylight_saving():
    assert start_of_day("2026-01-15", "America/Toronto").isoformat() == "2026-01-15T00:00:00-05:00"
    assert start_of_day("2026-07-15", "America/Toronto").isoformat() == "2026-07-15T00:00:00-04:00"
    assert (
        zone_time("2026-07-15T04:00:00Z", "America/Toronto", "en") == "July 15, 2026, 12:00 a.m. EDT (UTC\u221204:00)"
    )


def test_an_unknown_department_or_skill_stops_with_the_settings_file_named():
    settings = Settings({"departments": {"esdc": {"name": {"en": "ESDC", "fr": "EDSC"}}}, "skills": {}})
    assert department_name(settings, "esdc", "fr") == "EDSC"
    for ask in (lambda: department_name(settings, "nope", "en"), lambda: skill_name(settings, "python", "fr")):
        with pytest.raises(InvalidMarketplace) as caught:
            ask()
        assert caught.value.problems[0].file == "opportunities/marketplace.yaml"


def test_addresses_come_from_one_place():
    assert (
        paths.opportunity_url("https://x.example", "en", "a-2026-001") == "https://x.example/opportunities/a-2026-001/"
    )
    assert paths.opportunity_url("https://x.example/", "fr", "a-2026-001") == (
        "https://x.example/fr/opportunities/a-2026-001/"
    )
    assert paths.absolute("https://x.example/", "fr/feed.xml") == "https://x.example/fr/feed.xml"
    assert paths.absolute("https://x.example/", paths.home("fr")) == "https://x.example/fr/"

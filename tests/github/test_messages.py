"""What is said on GitHub: bilingual, dated in the marketplace's zone with its offset, marked."""

from __future__ import annotations

from github_testkit import opportunity

from site_builder.github_sync.markers import marker, markers_in, same_actor, seal, trusted
from site_builder.github_sync.messages import award_comment, closing_comment, ending_comment, local_closing
from site_builder.locale import money
from site_builder.model import Document, Opportunity, Settings

SETTINGS = Settings({"time_zone": "America/Toronto", "site_url": "https://x.example/"})


def test_closing_time_in_eastern_time_with_offset_winter_and_summer():
    assert local_closing({"closing": "2026-12-04T19:00:00Z"}, SETTINGS) == {
        "en": "December 4, 2026, 2:00 p.m. EST (UTC\u221205:00)",
        "fr": "4 décembre 2026 à 14 h 00 HNE (UTC\u221205:00)",
    }
    summer = local_closing({"closing": "2026-07-02T12:30:00-06:00"}, SETTINGS)
    assert summer == {
        "en": "July 2, 2026, 2:30 p.m. EDT (UTC\u221204:00)",
        "fr": "2 juillet 2026 à 14 h 30 HAE (UTC\u221204:00)",
    }


def test_money_in_each_language():
    assert money(4500, "en", code=True) == "$4,500 CAD" and money(4500.5, "en", code=True) == "$4,500.50 CAD"
    assert money(10000, "fr", code=True) == "10\u00a0000\u00a0$\u00a0CA"
    assert money(99.5, "fr", code=True) == "99,50\u00a0$\u00a0CA"


def test_markers_are_trusted_only_from_the_automation_signed_on_the_first_line():
    key, bot, viewer = "k" * 32, "github-actions", "github-actions[bot]"
    text = seal(f"{marker('award', 'esdc-2026-001')}\nAwarded <!-- devex:posted tbs-2026-001 -->", key, "D_1")
    assert markers_in(text) == {("award", "esdc-2026-001")}, "the copied marker is escaped"
    assert "&lt;!-- devex:posted tbs-2026-001 -->" in text
    assert trusted(text, bot, viewer, "award", "esdc-2026-001", key, "D_1")
    assert not trusted(text, "mallory", viewer, "award", "esdc-2026-001", key, "D_1")
    assert not trusted(text, bot, viewer, "award", "esdc-2026-002", key, "D_1")
    assert not trusted(text, bot, viewer, "award", "esdc-2026-001", key, "D_2"), "copied to another discussion"
    assert not trusted(text, bot, viewer, "award", "esdc-2026-001", "x" * 32, "D_1"), "another key"
    assert not trusted(text, bot, viewer, "award", "esdc-2026-001", "", "D_1"), "no key, no trust"
    unsigned = f"{marker('award', 'esdc-2026-001')}\nAwarded"
    assert not trusted(unsigned, bot, viewer, "award", "esdc-2026-001", key, "D_1")
    assert same_actor("devex-bot", "devex-bot") and not same_actor(None, "x")


def test_award_and_ending_comments_are_bilingual_and_marked():
    opp = Opportunity("opportunities/esdc/esdc-2026-001", Document("o.yaml", opportunity("esdc-2026-001")))
    award = {
        "supplier": {"github": "alice", "name": "Alice Dev Inc."},
        "amount": 4000,
        "awarded": "2026-12-07",
        "selection": {
            "method": "random-draw",
            "qualified": ["alice", "bob"],
            "seed": "ab" * 32,
            "order": ["alice", "bob"],
        },
    }
    text = award_comment(opp, award, SETTINGS)
    assert text.startswith("<!-- devex:award esdc-2026-001 -->")
    assert "Awarded to @alice (Alice Dev Inc.) for $4,000 CAD" in text
    assert "Attribuée à @alice (Alice Dev Inc.) pour 4\u00a0000\u00a0$\u00a0CA" in text
    assert "order @alice, @bob" in text and "ab" * 32 in text
    assert "\n**Awarded / Attribuée** · December 7, 2026 / 7 décembre 2026\n" in text
    for status in ("cancelled", "unsuccessful"):
        said = ending_comment(opp, status)
        assert said.startswith(f"<!-- devex:{status} esdc-2026-001 -->") and " / " in said.splitlines()[2]
    assert "\n**Cancelled / Annulée**\n" in ending_comment(opp, "cancelled")
    assert "\n**Unsuccessful / Infructueuse**\n" in ending_comment(opp, "unsuccessful")


def test_the_closing_comment_gives_the_closing_time_as_the_site_does():
    opp = Opportunity("opportunities/esdc/esdc-2026-001", Document("o.yaml", opportunity("esdc-2026-001")))
    text = closing_comment(
        opp,
        SETTINGS,
        {"bids": [{"author": "alice", "late": False}, {"author": "bob", "late": True}], "digest": "cd" * 32},
    )
    closes = local_closing(opp.data, SETTINGS)
    assert f"\n**Closed / Fermée** · {closes['en']} / {closes['fr']}\n" in text
    assert "1 application(s) arrived on time and 1 late" in text

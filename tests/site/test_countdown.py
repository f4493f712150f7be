"""The time left before closing stays true between builds (render/countdown.py, assets/javascripts/countdown.js):
the closing time is always on the page, right without JavaScript; the count is made in the browser from
`<time datetime>` and the reader's clock (fixed here with Playwright's clock), rounded as `locale.time_left`."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from site_builder.locale import time_left, zone_time

OPP = "esdc-2026-001"  # open in the sample at the tests' build time
CLOSING = datetime.fromisoformat("2026-12-04T14:00:00-05:00")
ZONE = "America/Toronto"
MOMENTS = [
    CLOSING - timedelta(days=6, hours=1),  # a build a week old would still say 10 days
    CLOSING - timedelta(hours=47, minutes=30),
    CLOSING - timedelta(minutes=30),
    CLOSING + timedelta(minutes=1),
]


def countdown_text(where, selector: str = ".devex-countdown") -> str:
    return where.locator(selector).inner_text().strip()


@pytest.mark.parametrize("moment", MOMENTS, ids=lambda moment: moment.isoformat())
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_time_left_is_counted_from_the_readers_clock(browser, served, moment: datetime, lang: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    prefix = "fr/" if lang == "fr" else ""
    page.goto(f"{served}{prefix}opportunities/{OPP}/")
    closes = zone_time(CLOSING, ZONE, lang)
    expected = f"{'Ferme le' if lang == 'fr' else 'Closes'} {closes} · {time_left(CLOSING, moment, lang)}"
    assert countdown_text(page) == expected
    assert page.get_attribute(".devex-countdown time", "datetime") == CLOSING.isoformat()
    page.goto(f"{served}{prefix}")  # the same count on the opportunity's card
    card = page.locator(".devex-card", has=page.locator(f"a[href$='opportunities/{OPP}/']"))
    assert countdown_text(card) == expected
    context.close()


def test_without_javascript_the_closing_time_alone_is_shown(browser, served) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for prefix, lang in (("", "en"), ("fr/", "fr")):
        page.goto(f"{served}{prefix}opportunities/{OPP}/")
        shown = countdown_text(page)
        assert shown == f"{'Ferme le' if lang == 'fr' else 'Closes'} {zone_time(CLOSING, ZONE, lang)}"
    context.close()


def test_cards_drawn_by_the_filters_count_too(browser, served) -> None:
    context = browser.new_context()
    page = context.new_page()
    moment = CLOSING - timedelta(days=2, hours=3)
    page.clock.set_fixed_time(moment)
    page.goto(served)
    page.wait_for_selector("#devex-filters", state="visible")
    page.select_option("#devex-filter-status", "open")
    card = page.locator("#devex-results .devex-card", has=page.locator(f"a[href$='opportunities/{OPP}/']"))
    assert countdown_text(card).endswith(" · " + time_left(CLOSING, moment, "en"))
    context.close()

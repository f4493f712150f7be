"""Issue 21: one opportunity's trouble stays its own. `load_marketplace(keep_going=True)` (sync and the site
build) sets a broken folder aside with its problems and loads the others; only the settings stop everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.errors import InvalidMarketplace
from site_builder.validate import load_marketplace

AWARDED = "opportunities/tbs/tbs-2026-001"


def test_a_broken_folder_is_set_aside_and_the_others_load(market: Path) -> None:
    path = market / AWARDED / "opportunity.yaml"
    path.write_text(path.read_text("utf-8").replace("value: 3000", "value: 99999"), "utf-8")
    with pytest.raises(InvalidMarketplace):
        load_marketplace(market)
    loaded = load_marketplace(market, keep_going=True)
    assert [opp.id for opp in loaded.opportunities] == ["esdc-2026-001", "ssc-2026-001"]
    assert list(loaded.broken) == [AWARDED]
    [problem] = loaded.broken[AWARDED]
    assert problem.format().startswith(f"{AWARDED}/opportunity.yaml:15:8: `value` 99999 is over the marketplace")


def test_an_unreadable_file_and_a_stray_file_stay_their_own(market: Path) -> None:
    (market / AWARDED / "award.yaml").write_text("supplier: [unclosed\n", "utf-8")
    (market / "opportunities" / "ssc" / "notes.txt").write_text("hello\n", "utf-8")
    loaded = load_marketplace(market, keep_going=True)
    assert [opp.id for opp in loaded.opportunities] == ["esdc-2026-001", "ssc-2026-001"]
    assert sorted(loaded.broken) == ["opportunities/ssc/notes.txt", AWARDED]


def test_broken_settings_still_stop_everything(market: Path) -> None:
    settings = market / "opportunities" / "marketplace.yaml"
    settings.write_text(settings.read_text("utf-8").replace("threshold: ", "threshold: lots #"), "utf-8")
    with pytest.raises(InvalidMarketplace) as raised:
        load_marketplace(market, keep_going=True)
    assert all(problem.file == "opportunities/marketplace.yaml" for problem in raised.value.problems)

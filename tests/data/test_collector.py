"""Validation and the exports pause Python's cyclic garbage collector while they run (site_builder.collector)
and must leave it exactly as they found it, even when the data is invalid or an export fails."""

from __future__ import annotations

import gc

import pytest

from site_builder.collector import paused
from site_builder.export import assets


def test_the_collector_is_on_again_after_the_exports(small):
    assert gc.isenabled()
    assets(small.marketplace, small.context)
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off(small):
    gc.disable()
    try:
        assets(small.marketplace, small.context)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_restored_when_an_export_raises():
    with pytest.raises(RuntimeError), paused():
        assert not gc.isenabled()
        raise RuntimeError("an export failed")
    assert gc.isenabled()


def test_validation_pauses_the_collector_and_restores_it_even_when_the_data_is_invalid(repo_root, tmp_path):
    from site_builder import validate as validation
    from site_builder.errors import InvalidMarketplace

    states = []
    real_read = validation.read

    def spying_read(source, selected):
        states.append(gc.isenabled())
        return real_read(source, selected)

    broken = tmp_path / "market"
    (broken / "opportunities").mkdir(parents=True)
    (broken / "opportunities" / "marketplace.yaml").write_text("name: [unclosed\n", "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation, "read", spying_read)
        assert validation.load_marketplace(repo_root).opportunities
        assert gc.isenabled()
        with pytest.raises(InvalidMarketplace):
            validation.load_marketplace(broken)
        assert gc.isenabled()
    assert states == [False, False], "the files were read with the collector paused"


def test_kept_freezes_what_the_block_made_until_it_is_released():
    from site_builder import collector

    before = gc.get_freeze_count()
    with collector.kept():
        assert not gc.isenabled()
        made = [{"n": n} for n in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= before + len(made)
    collector.release()
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), collector.kept():
        raise RuntimeError("the build failed")
    assert gc.isenabled() and gc.get_freeze_count() == 0, "a failed block freezes nothing"

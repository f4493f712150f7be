"""The exports pause Python's cyclic garbage collector while they run (site_builder.export.common) and must
leave it exactly as they found it, even when an export fails."""

from __future__ import annotations

import gc

import pytest

from site_builder.export import outputs
from site_builder.export.common import collector_paused


def test_the_collector_is_on_again_after_the_exports(small):
    assert gc.isenabled()
    outputs(small.marketplace, small.context)
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off(small):
    gc.disable()
    try:
        outputs(small.marketplace, small.context)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_restored_when_an_export_raises():
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("an export failed")
    assert gc.isenabled()

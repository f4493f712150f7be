"""Fixtures of the selection tests: a stand-in drand relay on 127.0.0.1 with a key made here."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from beacon_standin import BeaconStandin


@pytest.fixture
def relay() -> Iterator[BeaconStandin]:
    with BeaconStandin() as standin:
        yield standin


@pytest.fixture
def market(tmp_path, relay):
    from selection_market import SelectionMarket

    return SelectionMarket(tmp_path / "market", relay)

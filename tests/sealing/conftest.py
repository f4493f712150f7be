"""Fixtures of the sealing tests: the stand-in drand relay of the selection tests (a chain whose key is made
in the test) and drand's tlock-js, which seals offline (tlock_js.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "selection"))

from beacon_standin import BeaconStandin


@pytest.fixture
def relay() -> Iterator[BeaconStandin]:
    with BeaconStandin() as standin:
        yield standin

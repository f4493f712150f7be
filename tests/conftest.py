"""Shared test settings. Each area keeps its own fixtures in its folder's conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Wall-clock limits make property tests flaky on a busy 2-core CI machine; speed is measured in bench/.
settings.register_profile("devex", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("devex")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The project checkout, holding the sample marketplace."""
    return REPO

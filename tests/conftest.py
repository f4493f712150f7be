"""Shared test settings. Each area keeps its own fixtures in its folder's conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The project checkout, holding the sample marketplace."""
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared: read-only fixtures (GitHub's GraphQL schema, the OCDS standard zip)."""
    return SHARED

"""Fixtures of the open-data tests: three marketplaces (the repository's sample, a small one with every case,
a generated one of 1,000 opportunities), each loaded once, and their exports computed once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
if str(HERE.parents[1]) not in sys.path:
    sys.path.append(str(HERE.parents[1]))  # bench/ is not an installed package

import open_data_market  # noqa: E402
from open_data_support import Built, build  # noqa: E402

SCALE = 1000


@pytest.fixture(scope="session")
def fixture_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return open_data_market.write(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="session")
def small(fixture_root: Path) -> Built:
    """The marketplace with every case (tests/data/open_data_market.py)."""
    return build(fixture_root)


@pytest.fixture(scope="session")
def sample(repo_root: Path) -> Built:
    """The repository's own sample marketplace, whatever it holds today."""
    return build(repo_root)


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """1,000 synthetic opportunities from bench/generate.py, generated and exported once per session."""
    from bench.generate import generate

    return build(generate(tmp_path_factory.mktemp("generated"), SCALE))


@pytest.fixture(params=["sample", "small", "generated"])
def every(request: pytest.FixtureRequest) -> Built:
    """Each marketplace in turn, for the validators that must pass on all of them."""
    return request.getfixturevalue(request.param)

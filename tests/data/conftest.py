"""Fixtures of the open-data tests: three marketplaces (the repository's sample, a small one with every case,
a generated one of 1,000 opportunities), each loaded once, and their exports computed once per session."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from site_builder.export import assets, pages
from site_builder.model import Marketplace
from site_builder.pages import Asset, BuildContext, Page
from site_builder.validate import load_marketplace

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
if str(HERE.parents[1]) not in sys.path:
    sys.path.append(str(HERE.parents[1]))  # bench/ is not an installed package

import fixture_marketplace  # noqa: E402

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
PUBLISHED = datetime(2026, 11, 24, 12, 30, tzinfo=UTC)
SCALE = 1000


@dataclass(frozen=True)
class Built:
    """One marketplace, its build context and everything the exports made from it."""

    root: Path
    marketplace: Marketplace
    context: BuildContext
    files: dict[str, bytes]
    pages: dict[str, Page]


def build(root: Path) -> Built:
    marketplace = load_marketplace(root)
    context = BuildContext(now=NOW, published=PUBLISHED, site_url="")
    files = {asset.path: asset.content for asset in assets(marketplace, context)}
    generated = {page.src_uri: page for page in pages(marketplace, context)}
    return Built(root, marketplace, context, files, generated)


@pytest.fixture(scope="session")
def fixture_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_marketplace.write(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="session")
def small(fixture_root: Path) -> Built:
    """The marketplace with every case (tests/data/fixture_marketplace.py)."""
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


def as_asset(built: Built, path: str) -> Asset:
    return Asset(path, built.files[path])

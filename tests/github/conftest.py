"""Fixtures for the GitHub automation: a stand-in GitHub on 127.0.0.1 and marketplaces in temporary Git repos."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from github_standin import BOT_TOKEN, StandIn, World, load_schema
from github_testkit import MARKER_KEY, MARKET, WORK, Market, git, init_repo

from tests.prerequisites import fixture_file


@pytest.fixture(scope="session")
def graphql_schema():
    """GitHub's published schema, built once per session (about a second)."""
    return load_schema(fixture_file("github/schema.graphql"))


@pytest.fixture
def world() -> World:
    world = World()
    world.add_repository(MARKET)
    world.add_repository(WORK, categories=())
    return world


@pytest.fixture
def standin(world: World, graphql_schema) -> Iterator[StandIn]:
    server = StandIn(world, graphql_schema).start()
    yield server
    server.stop()
    assert not world.schema_errors, f"documents GitHub would reject: {world.schema_errors}"
    assert not world.crashes, f"the stand-in failed: {world.crashes}"


@pytest.fixture
def github_env(standin: StandIn, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The variables Actions provides, pointed at the stand-in, with tiny retry waits."""
    values = {
        "GITHUB_TOKEN": BOT_TOKEN,
        "GITHUB_REPOSITORY": MARKET,
        "GITHUB_API_URL": standin.url,
        "DEVEX_GITHUB_BACKOFF": "0.01",
        "DEVEX_GITHUB_ATTEMPTS": "4",
        "DEVEX_GITHUB_TIMEOUT": "2",
        "DEVEX_GITHUB_SETTLE": "0.05",
        "DEVEX_MARKER_KEY": MARKER_KEY,
    }
    monkeypatch.delenv("GITHUB_GRAPHQL_URL", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


@pytest.fixture
def market(tmp_path: Path, repo_root: Path) -> Market:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    root = tmp_path / "work"
    (root / "opportunities").mkdir(parents=True)
    shutil.copy(repo_root / "opportunities" / "marketplace.yaml", root / "opportunities" / "marketplace.yaml")
    init_repo(root)
    git(root, "remote", "add", "origin", str(remote))
    result = Market(root, remote)
    result.add("esdc-2026-001")
    result.commit("Post esdc-2026-001")
    return result

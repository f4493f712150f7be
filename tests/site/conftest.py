"""Fixtures of the site tests: built sites (each built once per session, with a fixed clock so statuses are
deterministic), one served, and a browser page that reaches nothing beyond 127.0.0.1. (The HTTP server and
Debian's chromium are tests/conftest.py's `serve` and `browser`: the GitHub tests drive the site too.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from tests.browsing import local_only, site_path

NOW = "2026-11-25T12:00:00-05:00"


@dataclass(frozen=True)
class Built:
    """The outcome of one `devex build`: where the site is, the exit code and what was printed."""

    site: Path
    returncode: int
    stderr: str
    root: Path

    def html(self, url_path: str) -> str:
        """The HTML served at a site path such as `fr/opportunities/esdc-2026-001/`."""
        target = self.site / url_path
        if url_path == "" or url_path.endswith("/"):
            target = target / "index.html"
        return target.read_text("utf-8")


def now() -> datetime:
    return datetime.fromisoformat(NOW)


def devex_build(
    repo: Path, site: Path, *, root: Path | None = None, config: Path | None = None, when: str = NOW
) -> Built:
    """Run `devex build` in a child process, as a user would, with DEVEX_NOW fixed."""
    command = [sys.executable, "-m", "site_builder", "build", "-q", "--site-dir", str(site)]
    if root is not None:
        command += ["--root", str(root)]
    if config is not None:
        command += ["--config-file", str(config)]
    env = {**os.environ, "DEVEX_NOW": when, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    return Built(site, done.returncode, done.stderr, root or repo)


def copy_marketplace(repo: Path, target: Path) -> Path:
    """A writable copy of the sample marketplace (its data and schemas), inside a fresh git repository."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(repo / "opportunities", target / "opportunities")
    shutil.copytree(repo / "schema", target / "schema")
    return target


def site_config(repo: Path, target: Path, **plugin: object) -> Path:
    """The project's mkdocs.yml with absolute folders and other devex plugin options."""
    config = yaml.safe_load((repo / "mkdocs.yml").read_text("utf-8"))
    config["docs_dir"] = str(repo / "docs")
    config["theme"]["custom_dir"] = str(repo / "overrides")
    config["plugins"] = [p if p != "devex" else {"devex": {"root": str(repo), **plugin}} for p in config["plugins"]]
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return target


@pytest.fixture(scope="session")
def sample_site(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample marketplace built exactly as `make site` builds it (mkdocs.yml of the repository)."""
    built = devex_build(repo_root, tmp_path_factory.mktemp("sample") / "site")
    assert built.returncode == 0, built.stderr
    return built


@pytest.fixture(scope="session")
def paged_site(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample marketplace with 4 cards per listing page, so that every listing has a pager."""
    folder = tmp_path_factory.mktemp("paged")
    config = site_config(repo_root, folder / "mkdocs.yml", page_size=4)
    built = devex_build(repo_root, folder / "site", config=config)
    assert built.returncode == 0, built.stderr
    return built


@pytest.fixture(scope="session")
def served(paged_site: Built, serve: Callable[[Path], str]) -> str:
    """The paged sample site on a real HTTP server on 127.0.0.1: its base URL."""
    return serve(paged_site.site)


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    # Nothing may leave 127.0.0.1: any other request is refused.
    context.route("**/*", local_only)
    opened = context.new_page()
    yield opened
    context.close()


@dataclass(frozen=True)
class Tools:
    """The helpers above, for tests that build their own marketplaces (test modules cannot import conftest)."""

    build = staticmethod(devex_build)
    copy_marketplace = staticmethod(copy_marketplace)
    site_config = staticmethod(site_config)
    site_path = staticmethod(site_path)
    now = staticmethod(now)
    NOW = NOW


@pytest.fixture(scope="session")
def tools() -> Tools:
    return Tools()

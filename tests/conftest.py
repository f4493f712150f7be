"""Shared test settings and the fixtures more than one area uses: the checkout, Debian's chromium and a server
for a built site (tests/browsing.py). Each area keeps its other fixtures in its folder's conftest.py."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.browsing import CHROMIUM, CHROMIUM_ARGS, QuietHandler, QuietServer, site_path

# Wall-clock limits make property tests flaky on a busy 2-core CI machine; speed is measured in bench/.
settings.register_profile("devex", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("devex")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The project checkout, holding the sample marketplace."""
    return REPO


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():  # a missing browser is a broken setup, never a silent skip
        pytest.fail(
            f"Debian's chromium is not installed ({CHROMIUM}): run `scripts/setup --with-browser` "
            "(or `apt-get install chromium`)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def serve(repo_root: Path) -> Iterator[Callable[[Path], str]]:
    """Serves a built site folder on a real HTTP server on 127.0.0.1 (until the session ends): `serve(folder)`
    returns its base URL."""
    QuietHandler.mount = site_path(repo_root)
    servers: list[QuietServer] = []

    def start(folder: Path) -> str:
        server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()

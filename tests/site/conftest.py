"""Fixtures of the site tests: built sites (each built once per session, with a fixed clock so statuses are
deterministic), a real HTTP server on 127.0.0.1 serving one, and Debian's chromium through Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

NOW = "2026-11-25T12:00:00-05:00"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


def site_path(repo: Path) -> str:
    """The path part of the site's public address in mkdocs.yml (`/marketplace/`)."""
    config = yaml.safe_load((repo / "mkdocs.yml").read_text("utf-8"))
    return urlsplit(config["site_url"]).path or "/"


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site at / and also under the path of its public address (site_url), which is where
    MkDocs points the assets of 404.html."""

    mount = "/"

    def translate_path(self, path: str) -> str:
        if path.startswith(self.mount):
            path = "/" + path[len(self.mount) :]
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing address answers with the site's 404.html and status 404, as GitHub Pages does."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    """The browser aborts requests it no longer needs; a broken pipe then is expected, not a failure."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def serve(repo_root: Path) -> Iterator[Callable[[Path], str]]:
    """Serves a built site folder on a real HTTP server on 127.0.0.1 (until the session ends): `serve(folder)`
    returns its base URL."""
    _QuietHandler.mount = site_path(repo_root)
    servers: list[_QuietServer] = []

    def start(folder: Path) -> str:
        server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served(paged_site: Built, serve: Callable[[Path], str]) -> str:
    """The paged sample site on a real HTTP server on 127.0.0.1: its base URL."""
    return serve(paged_site.site)


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


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    # Nothing may leave 127.0.0.1: any other request is refused.
    context.route("**/*", _local_only)
    opened = context.new_page()
    yield opened
    context.close()


def _local_only(route: object) -> None:
    url = route.request.url  # type: ignore[attr-defined]
    if url.startswith("http://127.0.0.1:"):
        route.continue_()  # type: ignore[attr-defined]
    else:
        route.abort()  # type: ignore[attr-defined]


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

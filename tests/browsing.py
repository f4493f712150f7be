"""The real parts the site's tests and the GitHub tests share to look at a built site: Debian's chromium (through
Playwright, `tests/conftest.py`'s `browser`) and an HTTP server on 127.0.0.1 that serves a built site as GitHub
Pages does (`serve`)."""

from __future__ import annotations

import http.server
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

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


def site_path(repo: Path) -> str:
    """The path part of the site's public address in mkdocs.yml (`/marketplace/`)."""
    config = yaml.safe_load((repo / "mkdocs.yml").read_text("utf-8"))
    return urlsplit(config["site_url"]).path or "/"


def local_only(route: object) -> None:
    """A Playwright route handler: requests to 127.0.0.1 go through, any other is refused."""
    url = route.request.url  # type: ignore[attr-defined]
    if url.startswith("http://127.0.0.1:"):
        route.continue_()  # type: ignore[attr-defined]
    else:
        route.abort()  # type: ignore[attr-defined]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
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


class QuietServer(http.server.ThreadingHTTPServer):
    """The browser aborts requests it no longer needs; a broken pipe then is expected, not a failure."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

"""`devex serve`: MkDocs' live-reload server and builds, run as `mkdocs serve --dirty` runs them
(mkdocs/commands/serve.py), with what a preview of this site needs besides:

- the address it really serves is announced: with the path of `site_url` (`/marketplace/` for the sample), and
  the port the system gave when asked for port 0;
- a build that fails does not leave the browser waiting for one that succeeds (MkDocs holds every request
  until then): every page is replaced by one listing the problems, `file:line:col: message`, which reloads
  itself once a build succeeds again;
- the opportunities a build set aside (their files do not validate: `devex build` exits 3) are named, with
  their problems, in a notice at the top of every page; the page of one of them is gone (404), and reloads
  when it is back;
- MkDocs' warning that a dirty build may leave the navigation and links stale is not printed when the devex
  plugin builds the site: it keeps its rebuilds exact (`rebuilds.py`).

MkDocs' server is subclassed: `serve_request` is its WSGI application. The epoch it reads (`_epoch_cond`,
`_visible_epoch`, `_wanted_epoch`), `_inject_js_into_html`, and `observer`, `serve_thread` and `_build_loop`
that its `serve` runs are MkDocs 1.6's, the live reload's own protocol (tests/site/test_serve.py drives it in
chromium). The files are watched before the first build, not from `serve` as MkDocs does: a save made as the
address is announced was missed."""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, ConfigurationError
from mkdocs.livereload import LiveReloadServer, _serve_url

log = logging.getLogger("mkdocs.devex.serve")

DIRTY_WARNING = "A 'dirty' build is being performed"
"""The start of MkDocs' warning on every dirty build (mkdocs/commands/build.py)."""


@dataclass(frozen=True)
class Outcome:
    """What the last build leaves to show: the problems that stopped it, or the folders it set aside and theirs."""

    failed: tuple[str, ...] = ()
    set_aside: tuple[str, ...] = ()
    set_aside_problems: tuple[str, ...] = ()


class Preview:
    """One `devex serve`: its builds into a temporary folder, the outcome of the last, and the server."""

    def __init__(self, config_file: str, *, dev_addr: str | None, dirty: bool) -> None:
        self.config_file = config_file
        self.options: dict[str, Any] = {"strict": False}  # a preview must survive a warning
        if dev_addr is not None:
            self.options["dev_addr"] = dev_addr
        self.dirty = dirty
        self.site_dir = ""
        self.serve_url = ""
        self.outcome = Outcome()
        self.server: PreviewServer | None = None  # while it serves: `shutdown()` stops it from another thread

    def load(self) -> MkDocsConfig:
        config = load_config(config_file=self.config_file, site_dir=self.site_dir, **self.options)
        if self.serve_url:
            config.site_url = self.serve_url
        return config

    def run(self, announce: Callable[[str], None]) -> None:
        """Build, then serve with live reload until interrupted; `announce` is given the address once it serves.
        Raises Abort when mkdocs.yml cannot be loaded, OSError when the address cannot be listened on."""
        self.site_dir = tempfile.mkdtemp(prefix="devex-serve-")
        try:
            config = self.load()
            config.plugins.on_startup(command="serve", dirty=self.dirty)
            try:
                self._serve(config, announce)
            finally:
                config.plugins.on_shutdown()
        finally:
            shutil.rmtree(self.site_dir, ignore_errors=True)

    def _serve(self, config: MkDocsConfig, announce: Callable[[str], None]) -> None:
        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path
        server = PreviewServer(
            self, builder=self.rebuild, host=host, port=port, root=self.site_dir, mount_path=mount_path
        )
        server.error_handler = self._error_page
        quiet = _NotDirty() if "devex" in config.plugins and self.dirty else None
        if quiet:
            logging.getLogger("mkdocs.commands.build").addFilter(quiet)
        try:
            server.listen()  # before building: a taken address fails at once, and port 0 is given a real one
            try:
                self.serve_url = config.site_url = server.url
                server.watch(config.docs_dir)
                if config.config_file_path:
                    server.watch(config.config_file_path)
                server = self.server = config.plugins.on_serve(server, config=config, builder=self.rebuild)
                for item in config.watch:
                    server.watch(item)
                server.start_watching()  # before the first build: a save during it, or as it is announced, is seen
                self.rebuild(config)
                announce(server.url)
                server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                server.shutdown()
        finally:
            if quiet:
                logging.getLogger("mkdocs.commands.build").removeFilter(quiet)

    def rebuild(self, config: MkDocsConfig | None = None) -> None:
        """One build into the served folder; whatever stops it is shown in place of every page until one succeeds."""
        log.info("Building documentation...")
        plugin = None
        errors = _Errors()
        logging.getLogger("mkdocs").addHandler(errors)
        try:
            if config is None:
                config = self.load()
            plugin = config.plugins.get("devex")
            build(config, serve_url=self.serve_url, dirty=self.dirty)
        except (Exception, Abort) as error:  # any failure (Abort is a SystemExit): the preview shows it, goes on
            cause = getattr(plugin, "failure", None) or error  # the devex plugin keeps what MkDocs' Abort hides
            self.outcome = Outcome(failed=problem_lines(cause, errors.lines))
            if not isinstance(cause, BuildError | ConfigurationError | Abort):
                log.error("The build failed:", exc_info=cause)  # a template's or the program's error: its traceback
            log.error("The build failed: every page of the preview shows why until a build succeeds.")
            return
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)
        broken = getattr(plugin, "broken", {})
        problems = tuple(problem.format() for found in broken.values() for problem in found)
        self.outcome = Outcome(set_aside=tuple(broken), set_aside_problems=problems)

    def _error_page(self, code: int) -> bytes | None:
        """The site's own 404 page, as MkDocs' serve answers a missing file."""
        if code != 404:
            return None
        try:
            with open(f"{self.site_dir}/404.html", "rb") as page:
                return page.read()
        except OSError:
            return None


def problem_lines(error: BaseException, logged: Sequence[str] = ()) -> tuple[str, ...]:
    """What stopped a build, a line each: the marketplace's problems with their file and line; else the errors
    MkDocs logged during the build (an invalid mkdocs.yml is told only there), then the error's own text."""
    problems = getattr(error, "problems", None)
    if problems:
        return tuple(problem.format() for problem in problems)
    text = str(error) or type(error).__name__
    return (*logged, text) if not any(text in line for line in logged) else tuple(logged)


class _Errors(logging.Handler):
    """The error messages logged during one build."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, answering a page with the preview's outcome: the failure page, or the page
    with the set-aside notice."""

    def __init__(self, preview: Preview, **options: Any) -> None:
        super().__init__(**options)
        self.preview = preview
        self.listening = False
        self.watching = False

    def listen(self) -> None:
        """Bind and listen now (`serve` then does not again); the address is the one really served."""
        super().server_bind()
        super().server_activate()
        self.listening = True
        host, port = self.server_address[:2]
        self.url = _serve_url(host, port, self.mount_path)

    def start_watching(self) -> None:
        """Watch the files from now on: watchdog has set its watches when this returns. MkDocs starts watching
        in `serve`, after the address is announced, and a save made in between was missed."""
        self.observer.start()
        self.watching = True

    def serve(self, *, open_in_browser: bool = False) -> None:
        """MkDocs' `serve`, on the address `listen` bound and with the files already watched."""
        if not self.watching:
            self.start_watching()
        log.info(f"Serving on {self.url}")
        self.serve_thread.start()
        self._build_loop()

    def server_bind(self) -> None:
        if not self.listening:
            super().server_bind()

    def server_activate(self) -> None:
        if not self.listening:
            super().server_activate()

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ["PATH_INFO"]
        if not ((path + "/").startswith(self.mount_path) and path.endswith(("/", ".html"))):
            return super().serve_request(environ, start_response)  # an asset, the live reload's poll
        with self._epoch_cond:  # as MkDocs does: never answer from a build under way
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            epoch = self._visible_epoch
            outcome = self.preview.outcome
        if outcome.failed:
            page = self._inject_js_into_html(failure_page(outcome.failed), epoch)
            start_response("500 Internal Server Error", _html_headers(page))
            return [page]
        if not outcome.set_aside:
            return super().serve_request(environ, start_response)
        return self._with_notice(environ, start_response, set_aside_notice(outcome), epoch)

    def _with_notice(
        self, environ: dict[str, Any], start_response: Callable[..., Any], notice: bytes, epoch: int
    ) -> Iterable[bytes]:
        """MkDocs' answer with the notice at the top of the page; a missing page (404) reloads too."""
        answer: dict[str, Any] = {}

        def keep(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> Callable[[bytes], None]:
            answer.update(status=status, headers=headers)
            return lambda data: None

        result = super().serve_request(environ, keep)
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        status, headers = answer["status"], answer["headers"]
        if not any(name == "Content-Type" and value.startswith("text/html") for name, value in headers):
            start_response(status, headers)
            return [body]
        body = with_notice(body, notice)
        if status.startswith("404"):
            body = self._inject_js_into_html(body, epoch)
        kept = [(name, value) for name, value in headers if name not in ("Content-Length", "Content-Type")]
        start_response(status, [*kept, *_html_headers(body)])
        return [body]


def _html_headers(body: bytes) -> list[tuple[str, str]]:
    return [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "no-store"),
    ]


_PAGE_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}"
    "li{margin:.5rem 0}code{white-space:pre-wrap;overflow-wrap:anywhere}"
    "h1{color:#8a1c13;font-size:1.6rem}"
)
_NOTICE_STYLE = (
    "background:#8a1c13;color:#fff;padding:.75rem 1rem;font:15px/1.5 system-ui,sans-serif;position:relative;z-index:10"
)


def failure_page(problems: Sequence[str]) -> bytes:
    """The page shown in place of every page while the site cannot be built; every text escaped."""
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>The site could not be built - devex serve</title><style>{_PAGE_STYLE}</style></head>"
        "<body><main><h1>The site could not be built</h1>"
        "<p>Fix what is listed below and save: this page shows in place of every page of the preview "
        "until a build succeeds, then reloads by itself.</p>"
        f'<ul id="devex-build-problems">{items}</ul></main></body></html>'
    ).encode()


def set_aside_notice(outcome: Outcome) -> bytes:
    """The notice at the top of every page naming the opportunity folders set aside and their problems."""
    folders = ", ".join(html.escape(folder) for folder in outcome.set_aside)
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in outcome.set_aside_problems)
    return (
        f'<div id="devex-set-aside" role="alert" lang="en" style="{_NOTICE_STYLE}">'
        f"<p><strong>devex serve:</strong> {len(outcome.set_aside)} opportunity folder(s) set aside, not "
        f"published, because their files do not validate ({folders}); "
        "<code>devex build</code> would exit 3. Fix them and save: the page reloads.</p>"
        f'<ul style="margin:.25rem 0 0">{items}</ul></div>'
    ).encode()


def with_notice(page: bytes, notice: bytes) -> bytes:
    """`page` with `notice` first in its body (or first of all, without a body tag)."""
    start = page.find(b"<body")
    end = page.find(b">", start) + 1 if start >= 0 else 0
    return page[:end] + notice + page[end:]


class _NotDirty(logging.Filter):
    """Drops MkDocs' warning, on every start and rebuild, that a dirty build "will likely lead to inaccurate
    navigation and other links": with the devex plugin it does not, since a rebuild is made whole when the
    navigation or anything else every page shows changes, and what was written for a page that is gone is
    removed (`rebuilds.py`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)

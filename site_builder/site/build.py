"""One site build: the marketplace loaded, the build's clock decided, every page and data file made. The
`Build` is what the later MkDocs hooks read of it; it ends once, with the build, whether it succeeds or fails."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation

from site_builder import collector, export, render, schemas
from site_builder.clock import BadTime, last_commit_time, parse_moment
from site_builder.errors import InvalidMarketplace
from site_builder.model import Marketplace, Problem
from site_builder.pages import Asset, BuildContext, Page, SearchDocument
from site_builder.site.chrome import Chrome
from site_builder.site.modified import Modified
from site_builder.validate import load_marketplace

log = logging.getLogger("mkdocs.plugins.devex")

DATA_FOLDERS = ("opportunities", "schema")
"""The marketplace's folders a build reads besides docs/: `devex serve` rebuilds when they change."""


class MarketplaceProblems(PluginError):
    """The marketplace cannot be built at all (its settings, or a text every page needs, do not validate):
    every problem, with its file and line, in `problems` (`devex serve` shows them) and in the message."""

    def __init__(self, root: Path, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(problem.format() for problem in problems)
        super().__init__(f"the marketplace in {root} is invalid:\n{lines}")


@dataclass
class Build:
    """One build's state, made whole in `on_files` and read by the later hooks; ended once, by `on_post_build`
    or `on_build_error`. The marketplace and its pages are frozen out of the garbage collector's walks while
    the build lives (at 10,000 opportunities those walks cost 3 s while MkDocs rendered)."""

    marketplace: Marketplace
    context: BuildContext
    about: list[Page]
    """The open-data and statistics pages, which the navigation lists."""
    searched: list[SearchDocument]
    """What the site's search indexes, written into the index once the pages are (search_index.py)."""
    digests: dict[str, str] = field(default_factory=dict)
    """The digest of every generated file, kept by `devex serve`'s dirty rebuilds to tell what changed."""
    navs: dict[str, Navigation] = field(default_factory=dict)
    configs: dict[str, Any] = field(default_factory=dict)
    chrome: Chrome | None = None
    """The Government of Canada header and footer's knowledge: titles for breadcrumbs, dates modified."""

    def end(self) -> None:
        collector.release()


def marketplace_root(config_file_path: str | None, root: str | None) -> Path:
    """The marketplace repository: the plugin's `root` option, relative to mkdocs.yml, or mkdocs.yml's folder."""
    base = Path(config_file_path or ".").resolve().parent
    return (base / root).resolve() if root else base


def build_context(root: Path, site_url: str) -> BuildContext:
    """The clock of this build: DEVEX_NOW (ISO-8601 with offset) if set, else now; published = last commit."""
    raw = os.environ.get("DEVEX_NOW", "").strip()
    try:
        now = parse_moment(raw, "DEVEX_NOW") if raw else datetime.now(UTC)
    except BadTime as error:
        raise PluginError(str(error)) from None
    return BuildContext(now=now, published=last_commit_time(root) or now, site_url=site_url)


def make(root: Path, page_size: int) -> tuple[Build, list[Page | Asset]]:
    """Load the marketplace, decide the build's clock, make every page and data file. An opportunity whose files
    do not validate is set aside (its problems logged; `devex build` then exits 3) and the others are published;
    invalid settings stop the build with their problems listed."""
    try:
        marketplace = load_marketplace(root, keep_going=True)
        for folder, problems in marketplace.broken.items():
            log.info("devex: %s set aside, not published: %s", folder, problems[0].format())
        context = build_context(root, marketplace.settings.site_url)
        about = render.about_pages(marketplace, context)
        made = render.site(marketplace, context, schemas.schema_documents(), page_size, about)
        assets = export.assets(marketplace, context)
    except InvalidMarketplace as error:
        raise MarketplaceProblems(root, error.problems) from None
    searched = [item for item in made if isinstance(item, SearchDocument)]
    outputs = [item for item in made if not isinstance(item, SearchDocument)] + assets
    modified = Modified.read(root, marketplace.settings.data["time_zone"], context.published)
    chrome = Chrome.of(marketplace, (item for item in outputs if isinstance(item, Page)), modified)
    return Build(marketplace, context, about, searched, chrome=chrome), outputs

"""The thin MkDocs adapter: load the marketplace, decide the build's clock, add the pages that
`site_builder.render` and `site_builder.export` return, and give each page the navigation, site name and
Material labels of its own language. Everything else is plain functions that know nothing of MkDocs."""

from __future__ import annotations

import copy
import logging
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section

from site_builder import collector, paths, search_index
from site_builder.i18n import LABELS, LANGUAGES, t
from site_builder.locale import marketplace_name
from site_builder.pages import SearchDocument
from site_builder.render import navigation
from site_builder.shared_chrome import SharedChrome
from site_builder.site import build, generated
from site_builder.site.build import Build
from site_builder.site.config import DevexConfig

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
SEARCH_LABELS = ("label", "placeholder", "submit", "results", "none", "one", "many", "loading", "failed")
"""The search form's texts (overrides/partials/devex-search.html, assets/javascripts/search.js), from i18n."""


class _ThemeIn(Mapping):
    """Material's theme settings with another `language`, so its own labels and `<html lang>` follow the page."""

    def __init__(self, theme: Any, language: str) -> None:
        self._theme, self._language = theme, language

    def __getitem__(self, key: str) -> Any:
        return self._language if key == "language" else self._theme[key]

    def __iter__(self):
        return iter(self._theme)

    def __len__(self) -> int:
        return len(self._theme)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._theme, name)


class DevexPlugin(BasePlugin[DevexConfig]):
    def __init__(self) -> None:
        self.build: Build | None = None
        self.digests: dict[str, str] = {}  # the last successful build's, for the next dirty rebuild
        self.search_digest = ""  # what the last successful build's search index was made of
        self.indexer: ThreadPoolExecutor | None = None  # `devex serve` writes its search index in this thread
        self.indexing: Future[None] | None = None
        self.chrome = SharedChrome()
        self.track_changes = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `serve` rebuilds: the digests survive.
        # Only a dirty rebuild asks which pages changed: a full build need not hash every page.
        self.track_changes = command == "serve" and dirty

    def _root(self, config: Any) -> Path:
        return build.marketplace_root(config.config_file_path, self.config.root)

    def on_files(self, files: Files, *, config: Any) -> Files:
        with collector.kept():
            self.build, outputs = build.make(self._root(config), self.config.page_size)
            previous = self.digests if self.track_changes else None
            self.build.digests = generated.add(files, config, outputs, previous)
            config["nav"] = [{lang: navigation.navigation(lang, self.build.about)} for lang in LANGUAGES]
            self._title_nav_pages(config["nav"], files)
        return files

    def _title_nav_pages(self, entries: list[Any], files: Files) -> None:
        """Generated pages exist before the navigation is made, so MkDocs keeps their own (long) titles:
        give those in the navigation their short navigation label instead."""
        for entry in entries:
            for title, target in entry.items():
                if isinstance(target, list):
                    self._title_nav_pages(target, files)
                elif (file := files.get_file_from_path(target)) is not None and file.page is not None:
                    file.page.title = title

    def on_nav(self, nav: Navigation, *, config: Any, files: Files) -> Navigation:
        """Split the two-language navigation into one per language; English also serves the 404 page."""
        assert self.build is not None
        navs, configs = self.build.navs, self.build.configs
        for section in nav.items:
            assert isinstance(section, Section)
            lang = section.title
            for child in section.children:
                child.parent = None
            pages = [page for page in nav.pages if paths.language_of(page.file.src_uri) == lang]
            navs[lang] = Navigation(section.children, pages)
            navs[lang].homepage = files.get_file_from_path(paths.home(lang)).page
            configs[lang] = self._config_in(config, lang)
        self.chrome.start({lang: frozenset(page.url for page in navs[lang].pages) for lang in navs})
        return Navigation(navs["en"].items, nav.pages)

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        env.globals["devex_shared"] = self.chrome.helper()
        return env

    def _config_in(self, config: Any, lang: str) -> Any:
        localized = copy.copy(config)
        assert self.build is not None
        localized["site_name"] = marketplace_name(self.build.marketplace.settings, lang)
        localized["copyright"] = t("site.copyright", lang)
        localized["theme"] = _ThemeIn(config.theme, lang)
        return localized

    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Navigation) -> Any:
        src = page.file.src_uri
        lang = paths.language_of(src)
        other = "en" if lang == "fr" else "fr"
        assert self.build is not None
        context["nav"] = self.build.navs[lang]
        context["config"] = self.build.configs[lang]
        context["devex_alternate"] = {
            "href": paths.href(src, paths.counterpart(src)),
            "lang": other,
            "label": t("lang.switch", lang),
            "title": t("lang.switch_title", lang),
        }
        context["devex_search"] = {key: LABELS[f"search.{key}"][lang] for key in SEARCH_LABELS}  # {count} stays
        return context

    def on_post_build(self, *, config: Any) -> None:
        if self.build is None:
            return
        searched, site_dir = self.build.searched, Path(config.site_dir)
        self.digests = self.build.digests
        self._end()
        digest = search_index.digest(searched)
        unchanged = self.track_changes and digest == self.search_digest
        if unchanged and (site_dir / search_index.FOLDER / "pagefind-entry.json").is_file():
            return  # `devex serve` after an edit that changed no searched text: the index is still right
        if self.track_changes:
            # `devex serve`: the edited page reloads now and its search follows (Pagefind takes about 1.2 ms an
            # opportunity, 2.3 s at 1,000); one Pagefind at a time writes into the folder.
            self.wait_for_search()
            self.search_digest = digest
            self.indexing = self._indexer().submit(self._index_for_serve, searched, site_dir)
            return
        try:
            search_index.index_documents(searched, site_dir)
        except search_index.SearchIndexError as error:
            self.search_digest = ""
            raise PluginError(str(error)) from None
        self.search_digest = digest

    def _indexer(self) -> ThreadPoolExecutor:
        if self.indexer is None:
            self.indexer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="devex-search")
        return self.indexer

    def _index_for_serve(self, searched: list[SearchDocument], site_dir: Path) -> None:
        """A preview's search index, written while the preview is shown: a failure is logged (the preview goes
        on, the index of the last good build stays) and the next rebuild tries again."""
        try:
            search_index.index_documents(searched, site_dir)
        except search_index.SearchIndexError as error:
            self.search_digest = ""
            log.error("the search index was not updated: %s", error)

    def wait_for_search(self) -> None:
        """Until the preview's search index being written, if any, is written."""
        if self.indexing is not None:
            self.indexing.result()
            self.indexing = None

    def on_shutdown(self) -> None:
        self.wait_for_search()
        if self.indexer is not None:
            self.indexer.shutdown()
            self.indexer = None

    def on_build_error(self, *, error: Exception) -> None:
        self.digests = {}  # the next rebuild writes every page again
        self._end()

    def _end(self) -> None:
        if self.build is not None:
            self.build.end()
            self.build = None

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        root = self._root(config)
        for folder in build.DATA_FOLDERS:
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server

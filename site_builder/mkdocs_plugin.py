"""The thin MkDocs adapter: each hook hands its work to `site_builder.site` (one build's state, the generated
pages, the navigation and configuration of each language, the search index) and to `shared_chrome.py`. What
the pages say is made by `site_builder.render` and `site_builder.export`, which know nothing of MkDocs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils import clean_directory

from site_builder import collector
from site_builder.shared_chrome import SharedChrome
from site_builder.site import build, generated, languages
from site_builder.site.build import Build
from site_builder.site.config import DevexConfig
from site_builder.site.rebuilds import Rebuilds
from site_builder.site.search_indexing import SearchIndexing


class DevexPlugin(BasePlugin[DevexConfig]):
    """The `devex` plugin of mkdocs.yml: adds the marketplace's pages and files, one navigation per language,
    and the search index once the pages are written."""

    def __init__(self) -> None:
        self.build: Build | None = None
        self.digests: dict[str, str] = {}  # the last successful build's, for the next dirty rebuild
        self.rebuilds = Rebuilds()  # whether a dirty rebuild must write every page all the same
        self.search = SearchIndexing()
        self.chrome = SharedChrome()
        self.track_changes = False
        self.broken: dict[str, tuple[Any, ...]] = {}  # folders the last build set aside (`devex build` exits 3)
        self.failure: Exception | None = None  # what stopped the last build that failed (`devex serve` shows it)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `serve` rebuilds: the digests survive.
        # Only a dirty rebuild asks which pages changed: a full build need not hash every page.
        self.track_changes = self.search.background = command == "serve" and dirty

    def _root(self, config: Any) -> Path:
        return build.marketplace_root(config.config_file_path, self.config.root)

    def on_files(self, files: Files, *, config: Any) -> Files:
        with collector.kept():
            self.build, outputs = build.make(self._root(config), self.config.page_size)
            self.broken = self.build.marketplace.broken
            previous = self.digests if self.track_changes else None
            self.build.digests = generated.add(files, config, outputs, previous)
            config["nav"] = languages.nav_config(self.build.about, files)
            if self.track_changes and self.rebuilds.whole(config, files, self.build.marketplace.settings.data):
                self.search.wait()  # its Pagefind writes into the folder
                clean_directory(config.site_dir)
                generated.rewrite_all(files)
        return files

    def on_nav(self, nav: Navigation, *, config: Any, files: Files) -> Navigation:
        """Split the two-language navigation into one per language; English also serves the 404 page."""
        assert self.build is not None
        navs, configs = languages.split(nav, files, config, self.build.marketplace.settings)
        self.build.navs, self.build.configs = navs, configs
        self.chrome.start()
        assert self.build.chrome is not None
        for language_nav in navs.values():
            self.build.chrome.learn_titles(language_nav)
        return Navigation(navs["en"].items, nav.pages)

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        env.globals["devex_shared"] = self.chrome.helper()
        return env

    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Navigation) -> Any:
        assert self.build is not None and self.build.chrome is not None
        return languages.page_context(context, page, self.build.navs, self.build.configs, self.build.chrome)

    def on_template_context(self, context: Any, *, template_name: str, config: Any) -> Any:
        """The 404 page is rendered without a page: it gets both languages and the English chrome."""
        if template_name == "404.html" and self.build is not None and self.build.chrome is not None:
            return languages.not_found_context(context, self.build.navs, self.build.configs, self.build.chrome)
        return context

    def on_post_build(self, *, config: Any) -> None:
        if self.build is None:
            return
        searched, site_dir = self.build.searched, Path(config.site_dir)
        self.digests = self.build.digests
        self._end()
        self.search.update(searched, site_dir)

    def on_shutdown(self) -> None:
        self.search.shutdown()

    def on_build_error(self, *, error: Exception) -> None:
        self.failure = error
        if self.build is not None:  # the failure came after on_files: part of the site may have been written
            self.digests = {}  # the next rebuild writes every page again
            self.rebuilds.failed()
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

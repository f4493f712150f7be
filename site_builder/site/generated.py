"""The pages and files made in memory (`render/`, `export/`), added to MkDocs' files as if they were in docs/."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from site_builder.pages import Asset, Page

_SECTION = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>')
_ANCHOR = re.compile(r'\sid="([^"]+)"')


class GeneratedFile(File):
    """A page made in memory that remembers whether its content changed since the previous build, so that
    `mkdocs serve --dirty` (what `devex serve` runs) rewrites only the pages an edit touched."""

    changed: bool = True

    def is_modified(self) -> bool:
        return self.changed


def html_only(markdown: str) -> bool:
    """True when every block of `markdown` starts with a tag: then it is raw HTML blocks only, which
    Python-Markdown passes through unchanged (tests/site compare both paths on every generated page)."""
    after_blank = True
    for line in markdown.splitlines():
        if not line.strip():
            after_blank = True
            continue
        if after_blank and not line.startswith("<"):
            return False
        after_blank = False
    return True


class GeneratedPage(MkDocsPage):
    """A generated page. Its Markdown is raw HTML blocks (the user's Markdown was already rendered and
    sanitized), so rendering it again through Python-Markdown would only cost time: it is used as it is,
    with the table of contents read from its <h2 id> headings. Anything else takes MkDocs' usual path."""

    def render(self, config: Any, files: Files) -> None:
        if self.markdown is None or not html_only(self.markdown):
            return super().render(config, files)
        self.content = self.markdown
        self.toc = get_toc(
            [{"level": 2, "id": ident, "name": name, "children": []} for ident, name in _SECTION.findall(self.markdown)]
        )
        self.present_anchor_ids = set(_ANCHOR.findall(self.markdown))
        self.links_to_anchors = {}
        return None


def add(
    files: Files, config: Any, outputs: Sequence[Page | Asset], previous: Mapping[str, str] | None
) -> dict[str, str]:
    """Add every page and file made to `files`; a file of the same name in docs/ stops the build. Given the
    previous build's digests (`devex serve`'s dirty rebuilds), mark each file changed or not and return this
    build's digests; without them, every file counts as changed and nothing is hashed."""
    digests: dict[str, str] = {}
    for item in outputs:
        uri = item.src_uri if isinstance(item, Page) else item.path
        content: str | bytes = item.markdown if isinstance(item, Page) else item.content
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"{uri} is generated from the marketplace: remove the file of that name from docs/")
        inclusion = InclusionLevel.NOT_IN_NAV if isinstance(item, Page) else InclusionLevel.UNDEFINED
        generated = GeneratedFile.generated(config, uri, content=content, inclusion=inclusion)
        if previous is not None:
            raw = content.encode("utf-8") if isinstance(content, str) else content
            digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
            generated.changed = previous.get(uri) != digest
            digests[uri] = digest
        files.append(generated)
        if isinstance(item, Page):
            GeneratedPage(None, generated, config)
    return digests


def rewrite_all(files: Files) -> None:
    """Count every generated file as changed: the rebuild writes them all (`rebuilds.py`)."""
    for file in files:
        if isinstance(file, GeneratedFile):
            file.changed = True

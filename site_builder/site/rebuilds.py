"""Keeping `devex serve`'s dirty rebuilds exact. A dirty rebuild (MkDocs' `--dirty`) writes only the pages whose
file says it changed: a generated page when its content did (`generated.py` keeps the digests), a page of docs/
when its source is newer than what was written. That is exact for what a page holds, but not for what every page
shows around it, nor for a page that is gone: what MkDocs' warning about dirty builds is about. So:

- a file gone since the last build (a deleted or set-aside opportunity, a removed guide) has what was written
  for it removed, so it is no longer served;
- the rebuild is made whole (the site folder emptied, every page written) when what every page shows besides its
  own content changed: the navigation, the marketplace's settings (its name heads every page), mkdocs.yml or the
  templates of the theme's `custom_dir`; and after a build that failed once it had started writing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files


class Rebuilds:
    """What the last build of one `devex serve` was made of: the digest of what every page shows, and what was
    written for each file (by source path)."""

    def __init__(self) -> None:
        self.shared = ""
        self.written: dict[str, str] = {}
        self.unknown = False  # the last build failed after it started writing

    def whole(self, config: Any, files: Files, settings: dict[str, Any]) -> bool:
        """Whether this rebuild must write every page (see above). Removes from `config.site_dir` what was
        written for a file that is gone. The first build of a serve writes every page anyway, into an empty
        folder, and answers False."""
        shared = shared_digest(config, settings)
        written = {file.src_uri: file.dest_uri for file in files}
        first = not self.written
        whole = not first and (self.unknown or shared != self.shared)
        if not first and not whole:
            site = Path(config.site_dir)
            for gone in self.written.keys() - written.keys():
                _remove(site, self.written[gone])
        self.shared, self.written, self.unknown = shared, written, False
        return whole

    def failed(self) -> None:
        """The last build failed after it started writing: what the site folder holds is not known."""
        self.unknown = True


def shared_digest(config: Any, settings: dict[str, Any]) -> str:
    """A digest of what every page shows besides its own content: the navigation, the settings, mkdocs.yml and
    the theme's own templates."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(json.dumps(config["nav"], sort_keys=True, default=str).encode("utf-8"))
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode("utf-8"))
    for path in _shared_files(config):
        digest.update(str(path).encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _shared_files(config: Any) -> list[Path]:
    files = [Path(config.config_file_path)] if config.config_file_path else []
    custom_dir = config.theme.custom_dir
    if custom_dir:
        files += sorted(path for path in Path(custom_dir).rglob("*") if path.is_file())
    return files


def _remove(site: Path, dest_uri: str) -> None:
    """Remove what was written at `dest_uri` of the site folder, and the folders it leaves empty."""
    target = site / dest_uri
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != site and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent

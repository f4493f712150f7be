"""Where marketplace files are read from: the working tree, a Git commit (for `validate --base`), or a draft
laid over either (for `devex new`, `devex draw` and intake, which check a file before writing it).

All answer the same questions, so the validator is written once: which files are under `opportunities/`,
and what one of them holds, parsed strictly.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Protocol

from site_builder import archive
from site_builder.errors import UsageError
from site_builder.load import MAX_BYTES, load_bytes, load_file
from site_builder.model import DATA_DIR, Document, Problem


class Source(Protocol):
    def files(self) -> list[str]:
        """Repository-relative POSIX paths of every file under opportunities/, sorted."""

    def load(self, name: str) -> Document | Problem:
        """One file, parsed strictly."""

    def is_link(self, name: str) -> bool:
        """True for a symbolic link (to a file or a folder), which the marketplace never follows."""

    def raw(self, name: str) -> bytes | Problem:
        """One file's bytes, never parsed (an archived bid's text), or a Problem."""


class WorkingTree:
    """The files as they are on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._links: dict[str, bool] = {}

    def files(self) -> list[str]:
        """One os.scandir per folder, whose entries already tell folders and links apart (no stat per file):
        hidden names are skipped, a link to a folder is listed as a file and never followed."""
        found: list[str] = []
        self._links = {}
        self._list(os.path.join(self.root, DATA_DIR), DATA_DIR, found)
        return sorted(found)

    def _list(self, folder: str, relative: str, found: list[str]) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            return  # as os.walk: a folder that cannot be listed holds nothing
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            name = f"{relative}/{entry.name}"
            link = entry.is_symlink()
            if _is_dir(entry) and not link:
                subfolders.append((entry.path, name))
            else:
                found.append(name)
                self._links[name] = link
        for path, name in subfolders:
            self._list(path, name, found)

    def is_link(self, name: str) -> bool:
        """Answered from the listing for the files it found, asked of the file system for any other."""
        link = self._links.get(name)
        return (self.root / name).is_symlink() if link is None else link

    def load(self, name: str) -> Document | Problem:
        return load_file(self.root / name, name)

    def raw(self, name: str) -> bytes | Problem:
        return archive.read_file(self.root / name, name)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """As os.walk decides: a folder, or a link to one; an entry that cannot be examined is not a folder."""
    try:
        return entry.is_dir()
    except OSError:
        return False


class Overlay:
    """Another source with some files added or replaced by texts held in memory: a draft is validated as
    if it were written, and the working tree stays untouched until it passes."""

    def __init__(self, base: Source, texts: dict[str, str]) -> None:
        self.base = base
        self.texts = texts

    def files(self) -> list[str]:
        return sorted(set(self.base.files()) | set(self.texts))

    def is_link(self, name: str) -> bool:
        return name not in self.texts and self.base.is_link(name)

    def load(self, name: str) -> Document | Problem:
        if name in self.texts:
            return load_bytes(self.texts[name].encode("utf-8"), name)
        return self.base.load(name)

    def raw(self, name: str) -> bytes | Problem:
        """One file's bytes, unparsed: the draft's own, or the base's (for sources that read raw files)."""
        if name in self.texts:
            return self.texts[name].encode("utf-8")
        return self.base.raw(name)  # type: ignore[attr-defined]


class GitCommit:
    """The files as they were at a commit, read with one `git cat-file --batch` for speed: every file, or only the
    settings and the files of `folders` when the caller reads no other (a pull request's own folders)."""

    def __init__(self, root: Path, ref: str, folders: set[str] | None = None) -> None:
        self.root = root
        self.ref = ref
        self.folders = folders
        self._entries = self._list()
        self._blobs: dict[str, bytes] | None = None

    def _git(self, *args: str, stdin: bytes | None = None) -> bytes:
        return _git(self.root, self.ref, *args, stdin=stdin)

    def _list(self) -> dict[str, tuple[str, str]]:
        self._git("rev-parse", "--verify", "--quiet", f"{self.ref}^{{commit}}")
        listing = self._git("ls-tree", "-r", "-z", self.ref, "--", DATA_DIR)
        entries: dict[str, tuple[str, str]] = {}
        for record in listing.split(b"\0"):
            if not record:
                continue
            meta, _, path = record.partition(b"\t")
            mode, _kind, sha = meta.decode().split()
            entries[path.decode("utf-8", "replace")] = (mode, sha)
        return entries

    def files(self) -> list[str]:
        return sorted(name for name in self._entries if not Path(name).name.startswith("."))

    def is_link(self, name: str) -> bool:
        return self._entries[name][0] == "120000"

    def load(self, name: str) -> Document | Problem:
        mode, _sha = self._entries[name]
        if mode == "120000":
            return Problem(name, 1, 1, "is a symbolic link: commit the file itself, not a link to it", rule="file")
        return load_bytes(self._all_blobs()[name], name)

    def raw(self, name: str) -> bytes | Problem:
        if self._entries[name][0] == "120000":
            return Problem(name, 1, 1, "is a symbolic link: commit the file itself, not a link to it", rule="file")
        return archive.limited(self._all_blobs()[name], name)

    def _wanted(self, name: str) -> bool:
        return self.folders is None or "/".join(name.split("/")[:3]) in self.folders or name.count("/") < 3

    def _all_blobs(self) -> dict[str, bytes]:
        if self._blobs is None:
            names = [n for n, (mode, _) in self._entries.items() if mode != "120000" and self._wanted(n)]
            request = "".join(f"{self._entries[n][1]}\n" for n in names).encode()
            output = self._git("cat-file", "--batch", stdin=request)
            self._blobs = {}
            position = 0
            for name in names:
                header_end = output.index(b"\n", position)
                size = int(output[position:header_end].split()[2])
                start = header_end + 1
                self._blobs[name] = output[start : start + min(size, max(MAX_BYTES, archive.MAX_BODY_BYTES) + 1)]
                position = start + size + 1
        return self._blobs


def changed_files(root: Path, ref: str) -> list[str]:
    """Repository-relative paths that differ between the commit `ref` and the working tree: edited, added,
    deleted, and new files git does not ignore. UsageError when `ref` cannot be read."""
    _git(root, ref, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    changed = _git(root, ref, "diff", "--name-only", "--no-renames", "-z", ref, "--")
    untracked = _git(root, ref, "ls-files", "--others", "--exclude-standard", "-z")
    return sorted({name.decode("utf-8", "replace") for name in (changed + untracked).split(b"\0") if name})


def _git(root: Path, ref: str, *args: str, stdin: bytes | None = None) -> bytes:
    """git's output in the repository at `root`; UsageError naming `ref` when git is missing or refuses."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=True)
    except FileNotFoundError as error:
        raise UsageError("git is not installed, so --base cannot be used") from error
    except subprocess.CalledProcessError as error:
        lines = error.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[-1] if lines else "no such commit: check the name, or fetch it first"
        raise UsageError(f"cannot read {ref!r} from git: {reason}") from error
    return done.stdout

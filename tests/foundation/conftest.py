"""Fixtures of the foundation tests: a small valid marketplace in a temporary folder, and ways to change it.

The base marketplace (tests/foundation/base) holds one open, one awarded (with bids and a random draw)
and one completed opportunity, so every rule has something valid to break. Tests never use the sample
marketplace in opportunities/, which changes as the project grows.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

HERE = Path(__file__).resolve().parent
BASE = HERE / "base"
CORPUS = HERE / "corpus"
REPO = HERE.parent.parent
OPEN = "opportunities/esdc/esdc-2026-001"
AWARDED = "opportunities/tbs/tbs-2026-001"
COMPLETED = "opportunities/ssc/ssc-2026-001"


def copy_base(target: Path) -> Path:
    """A fresh copy of the valid base marketplace at `target`."""
    shutil.copytree(BASE, target, dirs_exist_ok=True)
    return target


def apply_case(case: Path, root: Path) -> None:
    """Overlay a corpus case on a marketplace: its files replace or join the base's; case.json deletes,
    links or pads files that cannot be stored as plain files."""
    for source in sorted(case.rglob("*")):
        relative = source.relative_to(case)
        if source.is_file() and relative.parts[0] == "opportunities":
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, root / relative)
    meta = json.loads((case / "case.json").read_text("utf-8")) if (case / "case.json").exists() else {}
    for relative in meta.get("delete", []):
        (root / relative).unlink()
    for relative, target in meta.get("symlink", {}).items():
        (root / relative).unlink(missing_ok=True)
        (root / relative).symlink_to(target)
    for relative, size in meta.get("pad", {}).items():
        text = (root / relative).read_bytes()
        comment = b"# padding\n" * ((size - len(text)) // 10 + 1)
        (root / relative).write_bytes(text + comment)


def git(root: Path, *args: str) -> str:
    """Run git in `root` with a fixed identity; the output, stripped."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def commit_all(root: Path, message: str = "change") -> str:
    """Commit everything in the repository; the new commit's sha."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD")


def devex(*args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None):
    """Run the real `devex` command in a subprocess, as a buyer or CI would."""
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "site_builder", *args],
        cwd=cwd,
        env=environment,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def market(tmp_path: Path) -> Path:
    """A valid marketplace, freshly copied for one test."""
    return copy_base(tmp_path / "market")


@pytest.fixture
def repo(market: Path) -> Path:
    """The valid marketplace as a real Git repository with the base committed."""
    git(market, "init", "-q", "-b", "main")
    commit_all(market, "base")
    return market


@pytest.fixture(scope="session")
def fdn() -> SimpleNamespace:
    """The helpers above, for test modules (pytest imports them by path, so they cannot import conftest)."""
    return SimpleNamespace(
        base=BASE,
        corpus=CORPUS,
        repo=REPO,
        open=OPEN,
        awarded=AWARDED,
        completed=COMPLETED,
        copy_base=copy_base,
        apply_case=apply_case,
        git=git,
        commit_all=commit_all,
        devex=devex,
    )

"""requirements/runtime.txt, the hashed lock every workflow installs from, covers pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCK_LINE = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+) \\$")


@pytest.fixture(scope="module")
def locked(repo_root: Path) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) for every pinned package of the lock."""
    found: dict[str, tuple[str, int]] = {}
    current = ""
    for line in (repo_root / "requirements" / "runtime.txt").read_text("utf-8").splitlines():
        match = LOCK_LINE.match(line)
        if match:
            current = canonicalize_name(match["name"])
            found[current] = (match["version"], 0)
        elif line.strip().startswith("--hash=sha256:") and current:
            version, hashes = found[current]
            found[current] = (version, hashes + 1)
        elif line and not line.startswith((" ", "#")):
            pytest.fail(f"requirements/runtime.txt: {line!r} is not a pinned, hashed requirement")
    return found


def requirements(repo_root: Path) -> list[Requirement]:
    project = tomllib.loads((repo_root / "pyproject.toml").read_text("utf-8"))
    return [Requirement(text) for text in project["project"]["dependencies"] + project["build-system"]["requires"]]


def test_every_runtime_and_build_dependency_is_locked_within_its_range(repo_root, locked):
    for requirement in requirements(repo_root):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} (pyproject.toml) is missing from requirements/runtime.txt"
        version, _ = locked[name]
        assert requirement.specifier.contains(version, prereleases=True), (requirement, version)


def test_every_locked_package_has_a_sha256(locked):
    assert locked and all(hashes > 0 for _, hashes in locked.values()), locked

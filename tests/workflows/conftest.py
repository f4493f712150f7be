"""Fixtures for the GitHub-side configuration: the workflow files, read once, as text and as data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

WORKFLOW_NAMES = ("intake", "pages", "sync", "validate")


def read_workflow(path: Path) -> dict[str, Any]:
    """A workflow as data; YAML 1.1 reads the key `on` as true, so it is put back under its name."""
    data = yaml.safe_load(path.read_text("utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


@pytest.fixture(scope="session")
def workflows_dir(repo_root: Path) -> Path:
    return repo_root / ".github" / "workflows"


@pytest.fixture(scope="session")
def workflows(workflows_dir: Path) -> dict[str, dict[str, Any]]:
    """Every workflow by file stem; the test of the set itself guards against one being forgotten here."""
    return {path.stem: read_workflow(path) for path in sorted(workflows_dir.glob("*.y*ml"))}


@pytest.fixture(scope="session")
def workflow_texts(workflows_dir: Path) -> dict[str, str]:
    return {path.stem: path.read_text("utf-8") for path in sorted(workflows_dir.glob("*.y*ml"))}

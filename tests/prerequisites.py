"""What the tests need from outside the Python code: files kept in tests/fixtures/ and programs installed by
scripts/setup. A missing one fails the test that needs it with a message saying what to install or
restore, never an error deep inside a fixture or a library."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
VENV_BIN = Path(sys.executable).parent
SETUP = "run `scripts/setup --with-browser` (or `make test`, which runs it)"


def fixture_file(relative: str) -> Path:
    """A file under tests/fixtures/ (see its README for each file's source and how to refresh it)."""
    path = FIXTURES / relative
    if not path.exists():
        pytest.fail(
            f"tests/fixtures/{relative} is missing: restore it with `git checkout -- tests/fixtures` "
            "or rebuild it with `python tests/fixtures/refresh.py` (tests/fixtures/README.md)",
            pytrace=False,
        )
    return path


def program(name: str, install: str = SETUP) -> Path:
    """A command the tests run: first beside this Python (the project's .venv), then on PATH."""
    beside = VENV_BIN / name
    if beside.exists():
        return beside
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"the program `{name}` is not installed: {install}", pytrace=False)
    return Path(found)

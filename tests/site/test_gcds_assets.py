"""The GC Design System files the site serves (docs/assets/gcds/) are the locked npm packages' own: each copy
listed in scripts/gcds-files.txt equals its file in requirements/npm/node_modules, installed by `npm ci` from
requirements/npm/package-lock.json (scripts/setup --with-engines), and every version is pinned exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NPM = REPO / "requirements" / "npm"
SERVED = REPO / "docs" / "assets" / "gcds"


def copies() -> list[tuple[str, str]]:
    lines = (REPO / "scripts" / "gcds-files.txt").read_text("utf-8").splitlines()
    return [tuple(line.split()) for line in lines if line.strip()]  # type: ignore[misc]


def test_every_package_is_pinned_and_installed_from_the_lock() -> None:
    manifest = json.loads((NPM / "package.json").read_text("utf-8"))
    lock = json.loads((NPM / "package-lock.json").read_text("utf-8"))
    for name, version in manifest["dependencies"].items():
        assert version[0].isdigit(), f"{name} is not pinned to one version: {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
        installed = NPM / "node_modules" / name / "package.json"
        if not installed.is_file():  # a broken setup, never a silent skip
            pytest.fail(f"{name} is not installed: run scripts/setup --with-engines", pytrace=False)
        assert json.loads(installed.read_text("utf-8"))["version"] == version


@pytest.mark.parametrize(("source", "target"), copies())
def test_each_served_file_is_the_locked_packages_own(source: str, target: str) -> None:
    package_file = NPM / "node_modules" / "@gcds-core" / source
    assert package_file.is_file(), f"{source} is not in the installed package: run scripts/vendor-gcds"
    assert (SERVED / target).read_bytes() == package_file.read_bytes(), f"{target} differs: run scripts/vendor-gcds"


def test_nothing_else_is_served_from_the_design_system_folder() -> None:
    served = {path.relative_to(SERVED).as_posix() for path in SERVED.rglob("*") if path.is_file()}
    assert served == {target for _source, target in copies()} | {"NOTICE.txt"}

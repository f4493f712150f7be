"""The timelock encryption the Apply form loads (docs/assets/javascripts/tlock.bundle.js, issue 25) is drand's
tlock-js as locked in requirements/npm/package-lock.json, bundled by requirements/npm/bundle-tlock.mjs with the
locked esbuild: rebuilding it from the installed lock gives the same bytes, its licence notice names every package
it holds, and it is loaded only when a supplier seals (never on page load: `test_seal.py` watches the requests)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.prerequisites import program

REPO = Path(__file__).resolve().parents[2]
NPM = REPO / "requirements" / "npm"
SERVED = REPO / "docs" / "assets" / "javascripts"
INSTALL = "run `scripts/setup --with-engines` (or `make test`, which runs it)"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    node = program("node", INSTALL)
    if not (NPM / "node_modules" / "esbuild" / "package.json").is_file():  # a broken setup, never a silent skip
        pytest.fail(f"requirements/npm/node_modules/esbuild is missing: {INSTALL}", pytrace=False)
    out = tmp_path_factory.mktemp("tlock")
    done = subprocess.run(
        [str(node), str(NPM / "bundle-tlock.mjs"), str(out)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("name", ["tlock.bundle.js", "tlock.bundle.LICENSE.txt"])
def test_the_served_bundle_is_what_the_lock_builds(rebuilt: Path, name: str) -> None:
    assert (SERVED / name).read_bytes() == (rebuilt / name).read_bytes(), f"{name} differs: run scripts/vendor-tlock"


def test_tlock_js_and_esbuild_are_pinned_in_the_lock() -> None:
    manifest = json.loads((NPM / "package.json").read_text("utf-8"))
    lock = json.loads((NPM / "package-lock.json").read_text("utf-8"))
    assert manifest["dependencies"]["tlock-js"] == "0.9.0"
    assert lock["packages"]["node_modules/tlock-js"]["version"] == "0.9.0"
    assert lock["packages"]["node_modules/esbuild"]["version"] == manifest["devDependencies"]["esbuild"]


def test_the_notice_holds_the_licence_of_every_bundled_package() -> None:
    """The bundle's first line lists what it holds; the notice beside it has each one's licence text."""
    first = (SERVED / "tlock.bundle.js").read_text("utf-8").split("\n", 1)[0]
    held = re.findall(r"((?:@[\w.-]+/)?[\w.-]+)@(\d[\w.-]*) \(", first)
    names = {name for name, _version in held}
    assert {"tlock-js", "@noble/curves", "@noble/hashes", "@stablelib/chacha20poly1305", "buffer"} <= names
    notice = (SERVED / "tlock.bundle.LICENSE.txt").read_text("utf-8")
    for name, version in held:
        assert f"\n{name} {version}: " in notice, name
        section = notice.split(f"\n{name} {version}: ", 1)[1].split("\n" + "=" * 100 + "\n", 2)[1]
        grants = ("Permission is hereby granted", "Licensed under the Apache License", "Redistribution and use")
        assert any(grant in section for grant in grants), name  # a licence's own words, not only its name
    assert "MIT License" in notice and "Apache License" in notice

"""`devex serve` on a copy of the sample marketplace: editing an opportunity's YAML rebuilds its page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

OPP = "opportunities/esdc/esdc-2026-001/opportunity.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(url: str, text: str, process: subprocess.Popen, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else "devex serve stopped"
        if text in fetch(url):
            return
        time.sleep(0.2)
    raise AssertionError(f"{url} did not show {text!r} within {limit} s")


def test_editing_an_opportunity_rebuilds_its_page(repo_root: Path, tools, tmp_path: Path) -> None:
    root = tools.copy_marketplace(repo_root, tmp_path / "market")
    config = tools.site_config(repo_root, tmp_path / "mkdocs.yml")
    text = config.read_text("utf-8").replace(f"root: {repo_root}", f"root: {root}")
    config.write_text(text, "utf-8")
    port = free_port()
    command = [sys.executable, "-m", "site_builder", "serve", "-q", "--config-file", str(config)]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "DEVEX_NOW": tools.NOW, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(command, cwd=repo_root, env=env, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}{tools.site_path(repo_root)}"
    try:
        wait_for(base + "opportunities/esdc-2026-001/", "Fix keyboard focus", process)
        target = root / OPP
        target.write_text(
            target.read_text("utf-8").replace("en: Fix keyboard focus", "en: Repair keyboard focus"), "utf-8"
        )
        wait_for(base + "opportunities/esdc-2026-001/", "Repair keyboard focus", process)
        assert "Repair keyboard focus" in fetch(base)  # the home page's card too
        assert "Corriger le focus clavier" in fetch(base + "fr/opportunities/esdc-2026-001/")
    finally:
        process.terminate()
        process.wait(30)

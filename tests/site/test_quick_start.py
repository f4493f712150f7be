"""The README's quick start (issue 24): exactly two commands for a fresh machine, each a Makefile target that
sets itself up and runs its job; `make site` sets up from the hashed lock only; and what `make site` prints
about viewing the site is true: its command, run on a site built as `make site` builds it, serves the pages,
their folder addresses and the search index."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml


def quick_start(repo: Path) -> list[str]:
    """The commands of the README's quick start block, without their comments."""
    section = (repo / "README.md").read_text("utf-8").split("\n## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "the quick start has no sh block"
    return [line.split("#", 1)[0].strip() for line in block[1].splitlines() if line.strip()]


def recipe(repo: Path, target: str) -> tuple[list[str], list[str]]:
    """A Makefile target's prerequisites and command lines."""
    lines = (repo / "Makefile").read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    prerequisites = lines[start].split(":", 1)[1].split()
    commands = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        commands.append(line.strip())
    return prerequisites, commands


def printed_by_make_site(repo: Path) -> str:
    """What `make site` prints after building (its `@echo` lines, as the shell prints them)."""
    echoed = [shlex.split(command)[1] for command in recipe(repo, "site")[1] if command.startswith("@echo ")]
    assert echoed, "make site prints nothing about viewing the site"
    return "\n".join(echoed)


def test_the_quick_start_is_two_make_targets(repo_root: Path) -> None:
    assert quick_start(repo_root) == ["make site", "make test"]
    assert "make test" in (repo_root / ".ci" / "run").read_text("utf-8").splitlines()  # CI runs the second


def test_make_site_sets_up_from_the_hashed_lock_then_builds(repo_root: Path) -> None:
    prerequisites, commands = recipe(repo_root, "site")
    assert prerequisites == ["setup"]
    assert recipe(repo_root, "setup")[1] == ["scripts/setup"]  # no test extra, no browser
    assert commands[0] == ".venv/bin/devex build"
    setup = repo_root / "scripts" / "setup"
    assert os.access(setup, os.X_OK)
    script = setup.read_text("utf-8")
    assert "lock=requirements/runtime.txt" in script
    assert '--require-hashes --no-deps -r "$lock"' in script
    assert "--no-deps --no-build-isolation -e ." in script
    tests_only = script.split('if [ -n "$want_tests" ]', 1)
    assert len(tests_only) == 2 and "'.[test]'" not in tests_only[0], "the test extra is for --with-tests only"


def test_make_test_sets_up_everything_then_runs_the_suite_and_the_linters(repo_root: Path) -> None:
    commands = recipe(repo_root, "test")[1]
    assert commands[0] == "scripts/setup --with-engines"
    for tool in ("ruff check", "ruff format --check", "lint-imports", "pytest"):
        assert any(tool in command for command in commands), tool


def test_make_serve_is_there_as_make_site_says(repo_root: Path) -> None:
    assert "make serve" in printed_by_make_site(repo_root)
    assert recipe(repo_root, "serve") == (["setup"], [".venv/bin/devex serve"])


def test_what_make_site_prints_is_true(repo_root: Path, sample_site) -> None:
    """The folder it names is where `devex build` writes (mkdocs.yml's site_dir, MkDocs' default `site`); its
    command, run in the folder above a site built as `make site` builds it, serves the home page, the folder
    address of an opportunity (what file:// cannot) and the search index, at the address it gives."""
    message = printed_by_make_site(repo_root)
    config = yaml.safe_load((repo_root / "mkdocs.yml").read_text("utf-8"))
    folder = config.get("site_dir", "site")
    assert f"the site is in {folder}/" in message
    command = re.search(r"python3 -m http\.server -b 127\.0\.0\.1 -d (\S+) (\d+)", message)
    address = re.search(r"then open (http://127\.0\.0\.1:(\d+)/)", message)
    assert command and address and command[1] == folder and command[2] == address[2]
    assert sample_site.site.name == folder
    port = free_port()  # the message's 8000 may be taken on this machine: the same command on a free port
    words = [*shlex.split(command[0])[:-1], str(port)]
    server = subprocess.Popen(words, cwd=sample_site.site.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = address[1].replace(f":{address[2]}/", f":{port}/")
        home = get(base, server)
        assert "GC Developers Exchange" in home
        card = re.search(r'href="(opportunities/[^"/]+/)"', home)
        assert card, "the home page's cards link to folder addresses"
        assert "<h1" in get(base + card[1], server)
        assert "pagefind" in get(base + "pagefind/pagefind.js", server)
    finally:
        server.terminate()
        server.wait(10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, server: subprocess.Popen, limit: float = 20) -> str:
    """The text at `url` once the server answers (it starts in the background)."""
    deadline = time.monotonic() + limit
    while True:
        assert server.poll() is None, "the command make site prints stopped"
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return answer.read().decode("utf-8")
        except urllib.error.HTTPError:
            raise
        except (urllib.error.URLError, OSError):
            assert time.monotonic() < deadline, f"nothing answered at {url}"
            time.sleep(0.1)

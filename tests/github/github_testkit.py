"""Helpers for the GitHub automation tests: temporary marketplaces, running devex, time points."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from github_standin import is_mutation

from site_builder.cli import main
from site_builder.dump import write_yaml
from site_builder.scaffold import SCHEMA_HINT, Draft, opportunity_data

MARKET = "gc-devex/marketplace"
WORK = "esdc-edsc/benefits-estimator"
CLOSING = "2026-12-04T14:00:00-05:00"
BEFORE = "2026-11-21T10:00:00-05:00"
AFTER = "2026-12-04T14:10:00-05:00"
MARKER_KEY = "test-marker-key-0123456789abcdef0123456789"
# What a buyer writes with `status: cancelled` (the schema requires the reason, in both languages).
CANCELLATION = {
    "date": "2026-11-21",
    "reason": {"en": "The work is no longer needed.", "fr": "Le travail n'est plus requis."},
}


def cancelled(day: str) -> dict[str, Any]:
    """The fields a buyer sets to cancel an opportunity: the status and its bilingual reason, dated `day`."""
    reason = {"en": "The team fixed it in another way.", "fr": "L'équipe l'a corrigé autrement."}
    return {"status": "cancelled", "cancellation": {"date": day, "reason": reason}}


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    return done.stdout


def opportunity(ident: str, **overrides: Any) -> dict[str, Any]:
    department = ident.split("-")[0]
    draft = Draft(
        department=department,
        title_en=f"Fix the date picker ({ident})",
        title_fr=f"Corriger le sélecteur de date ({ident})",
        value=4500,
        repository=f"https://github.com/{WORK}",
        closing=CLOSING,
        start="2026-12-08",
        delivery="2026-12-19",
        contact_name="Marie Tremblay",
        contact_email="marie.tremblay@example.gc.ca",
        project="Benefits estimator",
        skills=("javascript", "accessibility"),
        posted="2026-11-20",
    )
    data = opportunity_data(ident, draft)
    data["teaser"] = {"en": "Keyboard focus is lost.", "fr": "Le focus clavier est perdu."}
    data["description"] = {  # the scaffold's placeholder would be an error: a buyer writes this
        "en": "Focus jumps to the top of the page when the date picker closes.",
        "fr": "Le focus revient en haut de la page à la fermeture du sélecteur de date.",
    }
    data.update(overrides)
    return data


@dataclass
class Market:
    """A marketplace checkout with a bare remote, as the sync workflow sees it."""

    root: Path
    remote: Path

    def folder(self, ident: str) -> Path:
        return self.root / "opportunities" / ident.split("-")[0] / ident

    def add(self, ident: str, **overrides: Any) -> Path:
        path = self.folder(ident) / "opportunity.yaml"
        write_yaml(path, opportunity(ident, **overrides), SCHEMA_HINT)
        return path

    def commit(self, message: str = "update") -> None:
        git(self.root, "add", "--", "opportunities")
        git(self.root, "commit", "-q", "-m", message)
        git(self.root, "push", "-q", "origin", "HEAD:main")

    def read(self, ident: str, name: str = "opportunity.yaml") -> str:
        return (self.folder(ident) / name).read_text("utf-8")


def init_repo(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Buyer")
    git(root, "config", "user.email", "buyer@example.gc.ca")
    git(root, "config", "commit.gpgsign", "false")


@dataclass
class Run:
    code: int
    out: str
    err: str


def devex(*args: str, root: Path | None = None) -> Run:
    """`devex ...` in this process (the CLI's main), with its output captured."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args, *(["--root", str(root)] if root else [])])
    return Run(code, out.getvalue(), err.getvalue())


def devex_process(args: list[str], root: Path, env: dict[str, str]) -> subprocess.Popen:
    """`devex ...` as a separate process, for tests that kill it or run two at once."""
    command = [sys.executable, "-c", "import sys; from site_builder.cli import main; sys.exit(main(sys.argv[1:]))"]
    full_env = {**os.environ, **env}
    return subprocess.Popen(
        [*command, *args, "--root", str(root)], env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


COMMIT_STATE = Path(__file__).resolve().parents[2] / "scripts" / "commit-state"


def commit_state(root: Path, **env: str) -> subprocess.CompletedProcess:
    """scripts/commit-state in `root`, as the sync workflow runs it after `devex sync`."""
    full_env = {**os.environ, "DEVEX_PUSH_WAIT": "0", **env}
    return subprocess.run([str(COMMIT_STATE)], cwd=root, env=full_env, capture_output=True, text=True)


def posted(market: Market, world: Any) -> Any:
    """esdc-2026-001 posted by a sync run before its closing, committed; its discussion."""
    world.clock = moment(BEFORE)
    assert devex("sync", "--now", BEFORE, root=market.root).code == 0
    market.commit("posted")
    [discussion] = world.discussions(MARKET)
    return discussion


def killed_after(world: Any, root: Path, env: dict[str, str], mutation: str, now: str) -> None:
    """Run `devex sync` and kill it once GitHub (the stand-in) has applied `mutation` but before the answer
    reaches it: the moment of death that leaves work done on GitHub and not yet recorded in the files."""
    fault = world.fail(is_mutation(mutation), kind="hang", release=threading.Event())
    process = devex_process(["sync", "--now", now], root, env)
    try:
        assert fault.applied.wait(30), process.stderr.read() if process.poll() is not None else "no request"
    finally:
        process.kill()
        process.wait()
        fault.release.set()

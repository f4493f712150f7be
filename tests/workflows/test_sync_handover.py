"""The sync workflow's hand-over, run as written: the `sync` job's patch of opportunities/ applied by the
`push` job carries every archived text byte for byte, and nothing outside opportunities/ gets through."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from site_builder import archive

TEXTS = ["line\r\nwith CRLF\r\n", "nul \x00 and \x1b[31m and \u202e", "no newline at end", "", "€" * 70000]


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def step(workflows: dict, job: str, name_start: str) -> str:
    (found,) = [s for s in workflows["sync"]["jobs"][job]["steps"] if s.get("name", "").startswith(name_start)]
    return found["run"]


def run(script: str, cwd: Path, **env: str) -> None:
    subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd, env={**os.environ, **env}, check=True)


def test_the_patch_carries_the_archive_exactly_and_only_opportunities(workflows, repo_root: Path, tmp_path: Path):
    source = tmp_path / "sync"
    folder = source / "opportunities" / "esdc" / "esdc-2026-001"
    folder.mkdir(parents=True)
    shutil.copy(repo_root / ".gitattributes", source / ".gitattributes")
    (folder / "opportunity.yaml").write_text("id: esdc-2026-001\nstatus: open\n")
    git(tmp_path, "init", "-q", "-b", "main", str(source))
    git(source, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(source, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    target = tmp_path / "push"
    git(tmp_path, "clone", "-q", str(source), str(target))

    (folder / "opportunity.yaml").write_text("id: esdc-2026-001\nstatus: closed\n")
    snapshot = {"opportunity": "esdc-2026-001", "discussion": "https://github.com/o/r/discussions/1"}
    snapshot |= {"closing": "2026-12-04T14:00:00-05:00", "taken": "2026-12-04T14:10:00-05:00"}
    bids = [
        {"author": "a", "created": "x", "updated": "x", "url": "u", "comment": f"DC_{n}", "reply_to": None}
        | {"body": text, "late": False, "edited_after_closing": False}
        for n, text in enumerate(TEXTS)
    ]
    archive.write(folder, *archive.split({**snapshot, "bids": bids}))
    run(step(workflows, "sync", "Write what sync changed"), source)
    patch = source / "state.patch"
    evil = "diff --git a/.github/evil.yml b/.github/evil.yml\nnew file mode 100644\n--- /dev/null\n"
    patch.write_bytes(patch.read_bytes() + (evil + "+++ b/.github/evil.yml\n@@ -0,0 +1 @@\n+on: push\n").encode())

    run(step(workflows, "push", "Apply it to opportunities/ only"), target, PATCH=str(patch))

    copied = target / "opportunities" / "esdc" / "esdc-2026-001"
    assert (copied / "opportunity.yaml").read_text() == "id: esdc-2026-001\nstatus: closed\n"
    assert [(copied / f"bids/{n:04d}.md").read_bytes() for n in range(1, len(TEXTS) + 1)] == [
        text.encode() for text in TEXTS
    ]
    assert (copied / "bids.yaml").read_bytes() == (folder / "bids.yaml").read_bytes()
    assert not (target / ".github").exists()

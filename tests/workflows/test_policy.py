"""What the workflows promise, read from the files: pinned actions, least privilege, no injection, no races.

zizmor and actionlint judge the files in general; these tests hold this project's own rules, so a change
that the linters would allow but the project forbids (a broader permission, a new trigger) fails here.
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from site_builder.cli import build_parser
from site_builder.errors import UsageError

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = REPO / ".github" / "workflows"
SHA_PIN = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+(?:/[\w./-]+)?)@(?P<sha>[0-9a-f]{40})$")
VERSION_COMMENT = re.compile(r"uses:\s*(?P<ref>\S+)\s+#\s*(?P<version>v\d+\.\d+\.\d+)\s*$")

# The whole of each job's GITHUB_TOKEN. A new job or a wider grant must be added here, on purpose.
JOB_PERMISSIONS = {
    ("validate", "validate"): {"contents": "read"},
    ("pages", "build"): {"contents": "read"},
    ("pages", "deploy"): {"pages": "write", "id-token": "write"},
    ("sync", "sync"): {"contents": "read", "discussions": "write", "issues": "write"},
    ("sync", "push"): {"contents": "write"},
    ("review", "intake-review"): {"contents": "read", "issues": "read", "pull-requests": "read"},
    ("intake", "intake"): {"contents": "write", "issues": "write", "pull-requests": "write"},
}


def _steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(job_id, step) for job_id, job in workflow["jobs"].items() for step in job.get("steps", [])]


def _uses(workflow: dict[str, Any]) -> list[str]:
    jobs = workflow["jobs"].values()
    return [step["uses"] for _, step in _steps(workflow) if "uses" in step] + [j["uses"] for j in jobs if "uses" in j]


def _devex_commands() -> list[tuple[str, str]]:
    """(workflow, command line) for every line of a `run:` script that calls devex."""
    found = []
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for job in yaml.safe_load(path.read_text("utf-8"))["jobs"].values():
            for step in job.get("steps", []):
                found += [(path.stem, line.strip()) for line in step.get("run", "").splitlines() if "devex " in line]
    return found


def _registered_commands() -> set[str]:
    """The subcommands `devex --help` lists."""
    parser = build_parser()
    return {
        name for action in parser._actions if isinstance(action, argparse._SubParsersAction) for name in action.choices
    }


def test_the_five_workflows_and_nothing_else(workflows: dict[str, dict[str, Any]]) -> None:
    assert sorted(workflows) == ["intake", "pages", "review", "sync", "validate"]


def test_every_action_is_pinned_to_a_full_commit(workflows: dict[str, dict[str, Any]]) -> None:
    uses = [ref for workflow in workflows.values() for ref in _uses(workflow)]
    assert uses
    assert [ref for ref in uses if not SHA_PIN.match(ref)] == []


def test_every_pin_names_its_version_and_one_action_has_one_pin(workflow_texts: dict[str, str]) -> None:
    lines = [line.strip() for text in workflow_texts.values() for line in text.splitlines() if "uses:" in line]
    assert [line for line in lines if not VERSION_COMMENT.search(line)] == []
    pins: dict[str, set[tuple[str, str]]] = {}
    for line in lines:
        match = VERSION_COMMENT.search(line)
        assert match
        action, sha = match["ref"].split("@")
        pins.setdefault(action, set()).add((sha, match["version"]))
    assert {action: len(found) for action, found in pins.items() if len(found) > 1} == {}


def test_no_expression_is_pasted_into_a_script(workflows: dict[str, dict[str, Any]]) -> None:
    """`${{ }}` inside `run:` is expanded before the shell reads it: values go through `env:` instead."""
    pasted = [
        (name, job_id, step.get("name"))
        for name, workflow in workflows.items()
        for job_id, step in _steps(workflow)
        if "${{" in step.get("run", "")
    ]
    assert pasted == []


def test_no_trigger_runs_pull_request_code_with_privileges(workflows: dict[str, dict[str, Any]]) -> None:
    triggers = {trigger for workflow in workflows.values() for trigger in workflow["on"]}
    assert triggers <= {"pull_request", "pull_request_review", "push", "schedule", "workflow_dispatch", "issues"}
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers


def test_top_level_permissions_are_empty(workflows: dict[str, dict[str, Any]]) -> None:
    assert {name: workflow.get("permissions", "missing") for name, workflow in workflows.items()} == {
        name: {} for name in workflows
    }


def test_each_job_holds_only_its_listed_permissions(workflows: dict[str, dict[str, Any]]) -> None:
    actual = {
        (name, job_id): job.get("permissions", "inherits the repository default")
        for name, workflow in workflows.items()
        for job_id, job in workflow["jobs"].items()
    }
    assert actual == JOB_PERMISSIONS


def test_checkouts_keep_no_credential_but_the_one_that_pushes(workflows: dict[str, dict[str, Any]]) -> None:
    checkouts = {
        (name, job_id): step.get("with", {})
        for name, workflow in workflows.items()
        for job_id, step in _steps(workflow)
        if step.get("uses", "").startswith("actions/checkout@")
    }
    keeping = {
        where: options for where, options in checkouts.items() if options.get("persist-credentials") is not False
    }
    assert list(keeping) == [("sync", "push")]
    assert keeping["sync", "push"]["persist-credentials"] is True
    assert keeping["sync", "push"]["ssh-key"] == "${{ secrets.DEVEX_SYNC_DEPLOY_KEY }}"
    assert keeping["sync", "push"]["ref"] == "${{ needs.sync.outputs.commit }}"


def test_jobs_that_read_secrets_name_an_environment(workflows: dict[str, dict[str, Any]]) -> None:
    """Environment secrets can be limited to main; repository secrets are open to any branch's workflows."""
    for name, workflow in workflows.items():
        for job_id, job in workflow["jobs"].items():
            if "secrets." in yaml.safe_dump(job):
                assert job.get("environment", {}).get("name") == job_id, (name, job_id)
                assert job["environment"].get("deployment") is False, (name, job_id)


def test_every_job_has_a_timeout(workflows: dict[str, dict[str, Any]]) -> None:
    assert [
        (name, job_id)
        for name, workflow in workflows.items()
        for job_id, job in workflow["jobs"].items()
        if not isinstance(job.get("timeout-minutes"), int)
    ] == []


def test_python_is_pinned_to_one_exact_release(workflows: dict[str, dict[str, Any]]) -> None:
    versions = {
        str(step["with"]["python-version"])
        for workflow in workflows.values()
        for _, step in _steps(workflow)
        if step.get("uses", "").startswith("actions/setup-python@")
    }
    assert len(versions) == 1
    (version,) = versions
    assert re.fullmatch(r"3\.(1[1-9])\.\d+", version), f"{version} is not an exact release of Python 3.11 or later"


def test_validate_runs_on_every_pull_request_against_its_base(workflows: dict[str, dict[str, Any]]) -> None:
    workflow = workflows["validate"]
    assert workflow["on"] == {"pull_request": None}, "a paths filter would leave the required check pending"
    job = workflow["jobs"]["validate"]
    assert job["name"] == "validate", "branch protection requires the check by this name"
    checkout = job["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0
    by_command = {step["run"]: step for step in job["steps"] if "run" in step}
    validate = by_command['devex validate --base "origin/${BASE_REF}"']
    assert validate["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert "devex codeowners --check" in by_command


def test_pages_builds_often_and_deploys_apart(workflows: dict[str, dict[str, Any]]) -> None:
    workflow = workflows["pages"]
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in workflow["on"]
    (schedule,) = workflow["on"]["schedule"]
    minute, hour, *_ = schedule["cron"].split()
    assert minute.isdigit() and hour == "*", "hourly, so statuses turn closed soon after the deadline"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    (checkout,) = [s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0, "Date modified needs the whole history (site/modified.py)"
    (site,) = [step for step in build["steps"] if step.get("id") == "site"]
    assert "\ndevex build\n" in f"\n{site['run']}" and 'if [ "$status" -eq 3 ]' in site["run"]
    (upload,) = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] in ("site", "site/")
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"] if "uses" in s] == ["actions/deploy-pages"]
    # exit 3 (opportunities set aside): the others are deployed, then the run fails loudly
    assert build["outputs"]["set_aside"] == "${{ steps.site.outputs.set_aside }}"
    (loud,) = [s for s in deploy["steps"] if "run" in s]
    assert loud["if"] == "${{ needs.build.outputs.set_aside == 'true' }}" and loud["run"].rstrip().endswith("exit 1")


def test_sync_runs_one_at_a_time_every_quarter_hour(workflows: dict[str, dict[str, Any]]) -> None:
    workflow = workflows["sync"]
    assert workflow["concurrency"] == {"group": "sync", "cancel-in-progress": False}
    assert workflow["on"]["push"] == {"branches": ["main"], "paths": ["opportunities/**"]}
    assert workflow["on"]["schedule"] == [{"cron": "*/15 * * * *"}]
    assert "workflow_dispatch" in workflow["on"]
    sync_job, push_job = workflow["jobs"]["sync"], workflow["jobs"]["push"]
    assert [step["run"] for step in sync_job["steps"] if step.get("run") == "devex sync"] == ["devex sync"]
    handing = [step for step in sync_job["steps"] if "devex sync" not in step.get("run", "")][-2:]
    assert all(step["if"] == "${{ !cancelled() }}" for step in handing), "what a failed sync wrote is kept"
    assert push_job["needs"] == "sync" and push_job["if"].startswith("${{ !cancelled()")
    assert push_job["steps"][-1]["run"] == "scripts/commit-state"


def test_the_job_holding_the_push_key_runs_no_installed_code(workflows: dict[str, dict[str, Any]]) -> None:
    """The deploy key may push to main past the ruleset: its job runs git and the repository's script only."""
    for name, workflow in workflows.items():
        for job_id, job in workflow["jobs"].items():
            scripts = "\n".join(step.get("run", "") for step in job.get("steps", []))
            if "DEVEX_SYNC_DEPLOY_KEY" in yaml.safe_dump(job):
                assert (name, job_id) == ("sync", "push")
                assert "pip" not in scripts and "devex" not in scripts and "python" not in scripts
                assert "setup-python" not in yaml.safe_dump(job)
                assert "--include='opportunities/*'" in scripts, "the patch may touch opportunities/ only"


def test_every_install_is_from_the_hashed_lock(workflows: dict[str, dict[str, Any]]) -> None:
    installs = [
        line.strip()
        for workflow in workflows.values()
        for _, step in _steps(workflow)
        for line in step.get("run", "").splitlines()
        if "pip install" in line
    ]
    assert installs and all("--no-deps" in line for line in installs)
    locked = [line for line in installs if "-r requirements/runtime.txt" in line]
    assert locked and all("--require-hashes" in line for line in locked)
    assert all(line in locked or line.endswith("--no-build-isolation -e .") for line in installs)


def test_intake_reads_the_event_file_with_its_own_token(workflows: dict[str, dict[str, Any]]) -> None:
    workflow = workflows["intake"]
    assert workflow["on"] == {"issues": {"types": ["opened", "edited"]}}
    job = workflow["jobs"]["intake"]
    assert "contains(github.event.issue.labels.*.name, 'opportunity-request')" in job["if"]
    (step,) = [s for s in job["steps"] if "devex intake" in s.get("run", "")]
    assert step["run"] == 'devex intake --event "$GITHUB_EVENT_PATH"'
    assert step["env"] == {"GITHUB_TOKEN": "${{ secrets.DEVEX_INTAKE_TOKEN || github.token }}"}


def test_intake_review_reads_team_membership_with_its_own_token(workflows: dict[str, dict[str, Any]]) -> None:
    """GITHUB_TOKEN cannot read an organization's teams: the check uses DEVEX_REVIEW_TOKEN, from its own
    environment, and runs the base branch's code on the event file."""
    workflow = workflows["review"]
    assert workflow["on"] == {
        "pull_request": {"types": ["opened", "reopened", "synchronize"]},
        "pull_request_review": {"types": ["submitted", "edited", "dismissed"]},
    }
    job = workflow["jobs"]["intake-review"]
    assert job["environment"] == {"name": "intake-review", "deployment": False}
    assert job["steps"][0]["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    (step,) = [s for s in job["steps"] if "devex intake-review" in s.get("run", "")]
    assert step["run"] == 'devex intake-review --event "$GITHUB_EVENT_PATH"'
    assert step["env"] == {"GITHUB_TOKEN": "${{ secrets.DEVEX_REVIEW_TOKEN || github.token }}"}


def test_intake_listens_for_the_label_the_issue_form_applies(
    repo_root: Path, workflows: dict[str, dict[str, Any]]
) -> None:
    form = repo_root / ".github" / "ISSUE_TEMPLATE" / "new-opportunity.yml"
    labels = yaml.safe_load(form.read_text("utf-8")).get("labels", [])
    labels = [labels] if isinstance(labels, str) else labels
    assert "opportunity-request" in labels
    assert "'opportunity-request'" in workflows["intake"]["jobs"]["intake"]["if"]


@pytest.mark.parametrize(("workflow", "command"), _devex_commands())
def test_the_devex_commands_the_workflows_call_exist(workflow: str, command: str) -> None:
    argv = shlex.split(command)[1:]
    assert argv[0] in _registered_commands(), f"{workflow}.yml calls devex {argv[0]}, which is not a command"
    try:
        build_parser().parse_args(argv)
    except UsageError as error:
        pytest.fail(f"{workflow}.yml calls `{command}`, which devex refuses: {error}")


def test_the_state_script_sync_calls_exists(repo_root: Path) -> None:
    script = repo_root / "scripts" / "commit-state"
    assert script.stat().st_mode & 0o111, "scripts/commit-state must be executable"


def test_nothing_in_the_repository_reads_outside_it(repo_root: Path) -> None:
    """The repository is self-contained: the `shared` folder beside our checkouts is where material is
    handed over, never read at test or run time (tests/fixtures/ holds what the tests need)."""
    tracked = subprocess.run(["git", "ls-files"], cwd=repo_root, capture_output=True, text=True, check=True)
    readers = [name for name in tracked.stdout.splitlines() if name.endswith((".py", ".sh", ".yml", ".toml"))]
    readers += ["Makefile", ".ci/run", "scripts/setup", "scripts/commit-state"]
    outside = re.compile(r"\.\./shared|parent\s*/\s*[\"']shared[\"']")
    found = [name for name in readers if outside.search((repo_root / name).read_text("utf-8", "replace"))]
    assert found == []

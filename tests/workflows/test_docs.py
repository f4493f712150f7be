"""The buyer's checklist and the settings page agree with the files they describe.

Settings live outside the repository, so the page is the only record of them: every secret, environment,
label and check name the workflows rely on must be on it, spelled as the workflows spell it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml


@pytest.fixture(scope="module")
def settings_page(repo_root: Path) -> str:
    """The page with its line breaks folded, so a phrase wrapped across two lines still reads as one."""
    return " ".join((repo_root / "docs" / "dev" / "repository-settings.md").read_text("utf-8").split())


@pytest.fixture(scope="module")
def template(repo_root: Path) -> str:
    return (repo_root / ".github" / "pull_request_template.md").read_text("utf-8")


@pytest.fixture(scope="module")
def marketplace_settings(repo_root: Path) -> dict[str, Any]:
    return yaml.safe_load((repo_root / "opportunities" / "marketplace.yaml").read_text("utf-8"))


def test_every_secret_and_environment_is_documented(workflow_texts: dict[str, str], settings_page: str) -> None:
    secrets = {name for text in workflow_texts.values() for name in re.findall(r"secrets\.([A-Z0-9_]+)", text)}
    environments = {
        name for text in workflow_texts.values() for name in re.findall(r"^\s+name: ([\w-]+)\s*$", text, re.M)
    } & {"sync", "push", "intake", "intake-review", "github-pages"}
    assert secrets == {"DEVEX_SYNC_DEPLOY_KEY", "DEVEX_INTAKE_TOKEN", "DEVEX_MARKER_KEY", "DEVEX_REVIEW_TOKEN"}
    assert environments == {"sync", "push", "intake", "intake-review", "github-pages"}
    assert [name for name in sorted(secrets | environments) if f"`{name}`" not in settings_page] == []


def test_the_required_check_label_and_category_are_spelled_as_configured(
    workflows: dict[str, dict[str, Any]], settings_page: str, marketplace_settings: dict[str, Any]
) -> None:
    check = workflows["validate"]["jobs"]["validate"]["name"]
    assert f"add the check `{check}`" in settings_page
    review = workflows["review"]["jobs"]["intake-review"]["name"]
    assert f"and the check `{review}`" in settings_page
    label = re.search(r"labels\.\*\.name, '([\w-]+)'", workflows["intake"]["jobs"]["intake"]["if"])
    assert label and f"`{label[1]}`" in settings_page
    assert f"(here `{marketplace_settings['discussion_category']}`)" in settings_page
    assert "**Announcement**" in settings_page


def test_the_settings_that_guard_the_workflows_are_all_named(settings_page: str) -> None:
    for setting in (
        "Require review from Code Owners",
        "Require a pull request before merging",
        "Deploy keys",
        "Source: GitHub Actions",
        "Read repository contents and packages permissions",
        "Require approval for all external contributors",
        "Require actions to be pinned to a full-length commit SHA",
        "a pull request opened with `GITHUB_TOKEN` starts no workflow",
    ):
        assert setting.lower() in settings_page.lower(), setting


def test_the_checklist_is_a_task_list_covering_what_a_buyer_must_confirm(
    template: str, marketplace_settings: dict[str, Any]
) -> None:
    items = [line[6:] for line in template.splitlines() if line.startswith("- [ ] ")]
    threshold = f"${marketplace_settings.get('threshold', 10000):,}"
    must_mention = {
        "manager approved": "funds approved",
        "French": "translation",
        "time zone": "closing time",
        f"{threshold} or less, taxes included": "value under the threshold",
        "tests": "QA wording",
        "security": "QA wording",
        "accessibility": "QA wording",
        "pass or fail": "pass/fail evaluation",
        "public and open source": "open repository",
        "OSI": "open-source licence",
        "classified": "no classified information",
    }
    missing = [why for phrase, why in must_mention.items() if not any(phrase in item for item in items)]
    assert missing == []

"""`devex codeowners`: the generated file gives each department its folder and the maintainers the rest.

Ownership is checked the way GitHub reads CODEOWNERS (the last matching pattern wins), on the committed
file and on temporary marketplaces, through the real command line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from site_builder.cli import main

MAINTAINERS = "@gc-devex/maintainers"


def owners_of(codeowners: str, path: str) -> list[str]:
    """GitHub's rule for the patterns this file uses: `*`, `/folder/` and `/file`; the last match wins."""
    owners: list[str] = []
    for line in codeowners.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *names = line.split()
        anchored = pattern.lstrip("/")
        if pattern == "*" or (pattern.endswith("/") and path.startswith(anchored)) or path == anchored:
            owners = names
    return owners


@pytest.fixture()
def marketplace(repo_root: Path, tmp_path: Path) -> Path:
    """A repository holding only a copy of the sample settings (no CODEOWNERS yet)."""
    (tmp_path / "opportunities").mkdir()
    shutil.copy(repo_root / "opportunities" / "marketplace.yaml", tmp_path / "opportunities" / "marketplace.yaml")
    return tmp_path


def _edit_settings(root: Path, change) -> None:
    path = root / "opportunities" / "marketplace.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def test_the_committed_file_matches_the_registry(repo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codeowners", "--check", "--root", str(repo_root), "--format", "text"]) == 0
    assert "matches the departments" in capsys.readouterr().out


def test_each_department_owns_its_folder_and_maintainers_own_the_rest(repo_root: Path) -> None:
    text = (repo_root / ".github" / "CODEOWNERS").read_text("utf-8")
    settings = yaml.safe_load((repo_root / "opportunities" / "marketplace.yaml").read_text("utf-8"))
    for code, department in settings["departments"].items():
        assert owners_of(text, f"opportunities/{code}/{code}-2026-001/opportunity.yaml") == department["codeowners"]
        assert owners_of(text, f"opportunities/{code}/{code}-2026-001/bids.yaml") == department["codeowners"]
    for path in (
        "opportunities/marketplace.yaml",
        "schema/opportunity.schema.json",
        "site_builder/validate.py",
        ".github/workflows/sync.yml",
        ".github/CODEOWNERS",
        "scripts/commit-state",
        "pyproject.toml",
        "README.md",
    ):
        assert owners_of(text, path) == [MAINTAINERS], path


def test_a_new_department_fails_the_check_until_the_file_is_written(
    marketplace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(marketplace)
    assert main(["codeowners", "--root", root]) == 0
    _edit_settings(
        marketplace,
        lambda data: data["departments"].update(
            {"pspc": {"name": {"en": "PSPC", "fr": "SPAC"}, "abbreviation": {"en": "PSPC", "fr": "SPAC"}}}
        ),
    )
    capsys.readouterr()

    assert main(["codeowners", "--check", "--root", root, "--format", "text"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(".github/CODEOWNERS:")
    assert "run `devex codeowners` and commit the result" in out
    assert "+/opportunities/pspc/" in out

    assert main(["codeowners", "--root", root]) == 0
    text = (marketplace / ".github" / "CODEOWNERS").read_text("utf-8")
    assert owners_of(text, "opportunities/pspc/pspc-2026-001/opportunity.yaml") == [MAINTAINERS]
    assert main(["codeowners", "--check", "--root", root]) == 0
    assert sorted(p.name for p in (marketplace / ".github").iterdir()) == ["CODEOWNERS"]


def test_owners_keep_their_order_and_departments_are_sorted(marketplace: Path) -> None:
    def change(data: dict) -> None:
        data["departments"] = dict(reversed(list(data["departments"].items())))
        data["departments"]["esdc"]["codeowners"] = ["@gc-devex/esdc-buyers", "@a-buyer"]

    _edit_settings(marketplace, change)
    assert main(["codeowners", "--root", str(marketplace)]) == 0
    lines = (marketplace / ".github" / "CODEOWNERS").read_text("utf-8").splitlines()
    folders = [
        line.split()[0]
        for line in lines
        if line.startswith("/opportunities/") and line.split()[0] != "/opportunities/marketplace.yaml"
    ]
    # department folders sorted; the corrections line last, so GitHub gives those files to the maintainers alone
    assert folders == [
        "/opportunities/esdc/",
        "/opportunities/ssc/",
        "/opportunities/tbs/",
        "/opportunities/*/*/corrections.yaml",
    ]
    assert lines[-1].split() == ["/opportunities/*/*/corrections.yaml", "@gc-devex/maintainers"]
    (esdc,) = [line for line in lines if line.startswith("/opportunities/esdc/")]
    assert esdc.split()[1:] == ["@gc-devex/esdc-buyers", "@a-buyer"]


def test_the_maintainers_team_follows_the_repository_owner(marketplace: Path) -> None:
    _edit_settings(marketplace, lambda data: data.update(repository="tbs-sct/devex"))
    assert main(["codeowners", "--root", str(marketplace)]) == 0
    text = (marketplace / ".github" / "CODEOWNERS").read_text("utf-8")
    assert owners_of(text, "schema/award.schema.json") == ["@tbs-sct/maintainers"]


def test_a_missing_file_is_reported_as_a_workflow_annotation(
    marketplace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["codeowners", "--check", "--root", str(marketplace), "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=.github/CODEOWNERS,line=1,col=1,")
    assert "is missing: run `devex codeowners` and commit it" in out


def test_invalid_settings_are_reported_with_their_line_not_a_traceback(
    marketplace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = marketplace / "opportunities" / "marketplace.yaml"
    text = settings.read_text("utf-8")
    settings.write_text(text.replace('codeowners: ["@gc-devex/tbs-buyers"]', 'codeowners: ["tbs-buyers"]'), "utf-8")
    line = next(n for n, row in enumerate(settings.read_text("utf-8").splitlines(), 1) if '"tbs-buyers"' in row)

    assert main(["codeowners", "--root", str(marketplace)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"opportunities/marketplace.yaml:{line}:")
    assert "Traceback" not in err
    assert not (marketplace / ".github" / "CODEOWNERS").exists()

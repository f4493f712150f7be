"""A symbolic link to a folder is refused in the working tree and in a commit alike, never followed."""

from __future__ import annotations

from pathlib import Path

from site_builder.validate import check, validate

LINKED = "opportunities/tbs/tbs-2026-099"
MESSAGE = "is a symbolic link: commit the folder itself, not a link"


def _link_outside(market: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "tbs-2026-099"
    outside.mkdir(parents=True)
    (outside / "opportunity.yaml").write_text("id: tbs-2026-099\n", "utf-8")
    (market / LINKED).symlink_to(outside, target_is_directory=True)


def test_linked_folder_in_working_tree_is_a_problem(market: Path, tmp_path: Path) -> None:
    _link_outside(market, tmp_path)
    problems = validate(market)
    assert [(p.file, p.line, p.col, p.message) for p in problems] == [(LINKED, 1, 1, MESSAGE)]


def test_linked_folder_at_base_commit_is_the_same_problem(repo: Path, tmp_path: Path, fdn) -> None:
    _link_outside(repo, tmp_path)
    base = fdn.commit_all(repo, "add a link")
    assert validate(repo, base=base) == []  # on main already: not this (empty) change's
    problems = check(repo, base=base)
    assert {(p.file, p.message, p.is_error) for p in problems} == {
        (LINKED, f"already on main, not this change's: {MESSAGE}", False)
    }

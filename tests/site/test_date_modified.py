""" "Date modified" comes from the last commit that changed a page's data (site_builder/site/modified.py): a
real Git repository in a temporary folder, two commits on different days, a real build."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from site_builder.site.modified import FIELD, Modified, _dates

CHANGED = "tbs-2026-004"  # an opportunity changed by the second commit
UNCHANGED = "esdc-2026-001"


def commit(root: Path, when: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", message],
        check=True,
        env=env,
    )


def modified_on(html: str) -> str:
    found = re.search(r'<dd><time datetime="(\d{4}-\d{2}-\d{2})">', html)
    assert found, "no date modified"
    return found.group(1)


def test_each_page_is_dated_by_the_last_commit_that_changed_its_data(repo_root: Path, tools, tmp_path: Path) -> None:
    root = tools.copy_marketplace(repo_root, tmp_path / "market")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    commit(root, "2026-01-05T12:00:00-05:00", "the marketplace")
    folder = next(root.glob(f"opportunities/*/{CHANGED}"))
    with (folder / "opportunity.yaml").open("a", encoding="utf-8") as file:
        file.write("# a comment, so the file changes\n")
    # 23:30 in Toronto is the next day in UTC: the date is the marketplace's own (America/Toronto).
    commit(root, "2026-03-10T23:30:00-04:00", "an edit")  # EDT
    config = tools.site_config(repo_root, tmp_path / "mkdocs.yml", root=str(root))
    built = tools.build(repo_root, tmp_path / "site", config=config)
    assert built.returncode == 0, built.stderr
    for prefix in ("", "fr/"):
        assert modified_on(built.html(f"{prefix}opportunities/{CHANGED}/")) == "2026-03-10"
        assert modified_on(built.html(f"{prefix}opportunities/{UNCHANGED}/")) == "2026-01-05"
        assert modified_on(built.html(prefix)) == "2026-03-10"  # a listing shows every opportunity
        assert modified_on(built.html(f"{prefix}statistics/")) == "2026-03-10"
        assert modified_on(built.html(f"{prefix}guides/file-format/")) == "2026-01-05"  # from schema/


def test_a_folder_is_as_new_as_the_newest_file_under_it() -> None:
    zone = ZoneInfo("America/Toronto")
    day = {n: int(datetime(2026, 1, n, 17, tzinfo=UTC).timestamp()) for n in (1, 2, 3)}
    log = "\n".join(
        [
            f"{FIELD}{day[3]}",
            "",
            "opportunities/esdc/a/award.yaml",
            f"{FIELD}{day[2]}",
            "",
            "opportunities/tbs/b/opportunity.yaml",
            "opportunities/esdc/a/opportunity.yaml",
            f"{FIELD}{day[1]}",
            "",
            "opportunities/esdc/a/award.yaml",
            "schema/x.json",
        ]
    )
    dates = {path: value.isoformat() for path, value in _dates(log, zone).items()}
    assert dates["opportunities/esdc/a/award.yaml"] == "2026-01-03"  # its newest commit, not its first
    assert dates["opportunities/esdc/a/opportunity.yaml"] == "2026-01-02"
    assert dates["opportunities/esdc/a"] == "2026-01-03"
    assert dates["opportunities/tbs/b"] == "2026-01-02"
    assert dates["opportunities"] == "2026-01-03"
    assert dates["schema"] == "2026-01-01"


def test_without_git_every_page_shows_the_build_date(tmp_path: Path) -> None:
    when = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)  # still December 6 in Toronto
    modified = Modified.read(tmp_path, "America/Toronto", when)
    assert modified.of(tmp_path / "opportunities") == "2026-12-06"


def test_a_shallow_clone_dates_nothing_by_its_boundary_commit(tmp_path: Path) -> None:
    """A shallow clone's oldest commit lists every file of its tree as if it added them: a page whose data last
    changed before it would claim that commit's date. Only the commits whose changes are known date a page; the
    others show the build date, as without git. (The pages workflow checks out the whole history.)"""
    origin = tmp_path / "origin"
    (origin / "opportunities" / "a").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(origin)], check=True)
    (origin / "opportunities" / "a" / "opportunity.yaml").write_text("a\n", "utf-8")
    commit(origin, "2026-01-05T12:00:00-05:00", "a")
    (origin / "opportunities" / "b").mkdir()
    (origin / "opportunities" / "b" / "opportunity.yaml").write_text("b\n", "utf-8")
    commit(origin, "2026-02-05T12:00:00-05:00", "b")
    (origin / "opportunities" / "b" / "opportunity.yaml").write_text("b, edited\n", "utf-8")
    commit(origin, "2026-03-05T12:00:00-05:00", "b edited")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{origin}", str(clone)], check=True)
    when = datetime(2026, 12, 7, 17, 0, tzinfo=UTC)
    full = Modified.read(origin, "America/Toronto", when)
    shallow = Modified.read(clone, "America/Toronto", when)
    assert full.of(origin / "opportunities" / "a") == "2026-01-05"
    assert shallow.of(clone / "opportunities" / "a") == "2026-12-07"  # unknown: not the boundary's 2026-02-05
    assert shallow.of(clone / "opportunities" / "b") == full.of(origin / "opportunities" / "b") == "2026-03-05"

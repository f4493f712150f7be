"""bench.parse_ratio: the bare-parse command really parses the marketplace, and the table shows the ratio.
(No timing is asserted: figures belong in docs/dev/benchmarks.md.)"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bench.generate import generate
from bench.parse_ratio import BaseRow, Row, Timing, base_command, base_table, parse_command, pull_request, table, timed


def test_the_bare_parse_reads_every_yaml_file_and_fails_on_a_broken_one(repo_root: Path, tmp_path: Path) -> None:
    assert timed(parse_command(repo_root), dict(os.environ), repo_root).cpu >= 0
    broken = tmp_path / "opportunities" / "x"
    broken.mkdir(parents=True)
    (broken / "opportunity.yaml").write_text("a: [unclosed\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="failed"):
        timed(parse_command(tmp_path), dict(os.environ), tmp_path)


def test_the_table_gives_the_ratio_and_the_cost_per_opportunity() -> None:
    row = Row(2000, 4999, Timing(2.0, 2.2), Timing(1.0, 1.1), 2.0, 2.0)
    assert "| 2,000 | 4,999 | 2.00 | 1.00 | **2.00x** | 2.20 | 1.10 | 2.00x | 1.00 |" in table([row])


def test_the_pull_request_case_changes_one_open_folder_and_devex_accepts_it(tmp_path: Path) -> None:
    """The `--base` figure is that of a real one-folder change that passes: the copy is a Git repository whose
    only difference from HEAD is one contact's name, and the timed command exits 0 (timed() requires it)."""
    root = generate(tmp_path / "market", 40, seed=3)
    repo, changed = pull_request(root, tmp_path)
    status = subprocess.run(["git", "-C", str(repo), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout.split() == ["M", f"{changed}/opportunity.yaml"]
    assert "name: Benchmark " in (repo / changed / "opportunity.yaml").read_text("utf-8")
    assert timed(base_command(repo), dict(os.environ), repo).cpu > 0
    again, same = pull_request(root, tmp_path)  # the cached copy is reset, never edited twice
    assert (again, same) == (repo, changed)
    assert (repo / changed / "opportunity.yaml").read_text("utf-8").count("Benchmark ") == 1
    row = BaseRow(2000, changed, Timing(0.5, 0.6))
    assert f"| 2,000 | `{changed}` | 0.50 | 0.60 |" in base_table([row])

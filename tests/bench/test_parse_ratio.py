"""bench.parse_ratio: the bare-parse command really parses the marketplace, and the table shows the ratio.
(No timing is asserted: figures belong in docs/dev/benchmarks.md.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.parse_ratio import Row, Timing, parse_command, table, timed


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

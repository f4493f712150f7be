"""bench.sync runs: a marketplace of generated opportunities (open and cancelled, with their reasons) synced
against the stand-in GitHub finds nothing to do, then posts new ones. No timing is asserted."""

from __future__ import annotations

import pytest

from bench.sync import main


def test_the_sync_bench_runs_and_finds_nothing_to_do(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    for name in ("GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_API_URL", "DEVEX_MARKER_KEY"):
        monkeypatch.setenv(name, "")  # main() sets them for its child processes: restored after the test
    main([10])
    header, row = capsys.readouterr().out.splitlines()[:2]
    assert "sync, nothing to do" in header and row.split()[0] == "10"

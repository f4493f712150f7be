"""The bad-file corpus: every case must give exactly its expected problems, at exactly their positions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_builder.validate import validate
from tests.guards import finishes_within

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())


def expected(case: str) -> list[str]:
    return (CORPUS / case / "expected.txt").read_text("utf-8").splitlines()


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 45


def test_base_marketplace_is_valid(market: Path) -> None:
    assert validate(market) == []


@pytest.mark.parametrize("case", CASES)
def test_case_gives_its_expected_problems(case: str, market: Path, fdn) -> None:
    fdn.apply_case(CORPUS / case, market)
    with finishes_within(30):
        problems = validate(market)
    assert [problem.format() for problem in problems] == expected(case)
    assert problems, "a corpus case must be invalid"


@pytest.mark.parametrize("case", CASES)
def test_case_positions_are_inside_the_named_file(case: str, market: Path, fdn) -> None:
    """A line and column an editor can jump to: the named file exists (or is the missing settings file)
    and the line is one of its lines."""
    fdn.apply_case(CORPUS / case, market)
    for problem in validate(market):
        path = market / problem.file
        if not path.exists() and not path.is_symlink():
            assert problem.file == "opportunities/marketplace.yaml" and (problem.line, problem.col) == (1, 1)
            continue
        lines = re.split(rb"\r\n|\r|\n", path.read_bytes())  # line ends as editors (and libyaml) count them
        assert 1 <= problem.line <= max(len(lines), 1)
        assert problem.col >= 1


@pytest.mark.parametrize("case", ["yaml-duplicate-key", "value-over-threshold", "bids-body-tampered"])
def test_cli_json_reports_the_same_problems(case: str, market: Path, fdn) -> None:
    fdn.apply_case(CORPUS / case, market)
    done = fdn.devex("validate", "--format", "json", cwd=market)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["valid"] is False
    assert [f"{row['file']}:{row['line']}:{row['col']}: {row['message']}" for row in report["problems"]] == expected(
        case
    )

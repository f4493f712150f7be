"""The strict loader against the official YAML test suite (tests/fixtures/yaml-test-suite: every case of
its `data` branch, MIT). Whatever the bytes, `load_bytes` answers in time with data or a Problem on a line
the file has; invalid YAML is refused; what it accepts reads as the suite says. The outcome of every case
is recorded in yaml_test_suite.expected, so a libyaml or PyYAML upgrade that changes any of it is caught:
regenerate with `python -m tests.foundation.test_yaml_test_suite` and read the diff before committing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.load import load_bytes
from site_builder.model import Document, Problem
from tests.guards import finishes_within
from tests.prerequisites import FIXTURES, fixture_file

SUITE = FIXTURES / "yaml-test-suite"
RECORD = Path(__file__).with_name("yaml_test_suite.expected")
CASES = sorted(str(path.parent.relative_to(SUITE)) for path in SUITE.rglob("in.yaml"))

# libyaml's known departures from YAML 1.2 on which the loader relies on libyaml, each named by the suite.
# Invalid YAML that libyaml reads without complaint:
LIBYAML_ACCEPTS = {
    "9C9N": "Wrong indented flow sequence",
    "QB6E": "Wrong indented multiline quoted scalar",
    "S98Z": "Block scalar with more spaces than first content line",
    "SU5Z": "Comment without whitespace after doublequoted scalar",
    "X4QW": "Comment without whitespace after block scalar indicator",
}
# Valid YAML that libyaml reads differently:
LIBYAML_READS_OTHERWISE = {"L24T/01": "Trailing line of spaces"}


def outcome(case: str) -> Document | Problem:
    with finishes_within(10):
        return load_bytes((SUITE / case / "in.yaml").read_bytes(), f"{case}/in.yaml")


def describe(result: Document | Problem) -> str:
    if isinstance(result, Problem):
        return f"{result.line}:{result.col}: {result.message}"
    return "read"


def shown_lines(raw: bytes) -> int:
    return max(1, len(raw.decode("utf-8", "replace").splitlines()))


def test_the_whole_suite_is_here() -> None:
    fixture_file("yaml-test-suite/LICENSE")
    assert len(CASES) == 402


@pytest.mark.parametrize("case", CASES)
def test_every_case_is_read_or_refused_on_a_line_it_has(case: str) -> None:
    result = outcome(case)
    assert isinstance(result, Document | Problem)
    if isinstance(result, Problem):
        assert 1 <= result.line <= shown_lines((SUITE / case / "in.yaml").read_bytes()), describe(result)
        assert result.col >= 1 and result.file == f"{case}/in.yaml"


@pytest.mark.parametrize("case", [case for case in CASES if (SUITE / case / "error").exists()])
def test_invalid_yaml_is_refused(case: str) -> None:
    result = outcome(case)
    if case in LIBYAML_ACCEPTS:
        assert isinstance(result, Document), f"libyaml now refuses {case}: remove it from LIBYAML_ACCEPTS"
    else:
        assert isinstance(result, Problem)


@pytest.mark.parametrize("case", [case for case in CASES if (SUITE / case / "in.json").exists()])
def test_what_is_read_is_what_the_suite_says(case: str) -> None:
    result = outcome(case)
    if isinstance(result, Problem):
        return  # refused: a tag, an anchor, a second document, a top level that is not a mapping...
    try:
        (expected,) = [json.loads((SUITE / case / "in.json").read_text("utf-8"))]
    except json.JSONDecodeError:
        pytest.fail(f"{case}: the loader read one document where the suite has several")
    if case in LIBYAML_READS_OTHERWISE:
        assert result.data != expected, f"libyaml now reads {case} right: remove it from LIBYAML_READS_OTHERWISE"
    else:
        assert result.data == expected


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("S4JQ", "4:3: uses the tag `!`: tags are not allowed, write plain values"),  # `- ! 12` is the text "12"
        ("8MK2", "1:1: uses the tag `!`: tags are not allowed, write plain values"),
        ("652Z", "1:3: uses an explicit key (`?`): write the key as `key: value`"),  # libyaml drops the `?`
    ],
)
def test_the_non_specific_tag_and_explicit_keys_are_refused(case: str, message: str) -> None:
    assert describe(outcome(case)) == message


def test_every_outcome_is_as_recorded() -> None:
    recorded = dict(line.split("\t", 1) for line in RECORD.read_text("utf-8").splitlines())
    now = {case: describe(outcome(case)) for case in CASES}
    changed = [
        f"{case}: was {recorded.get(case)!r}, now {read!r}" for case, read in now.items() if read != recorded.get(case)
    ]
    assert not changed, "the loader reads these suite cases differently:\n" + "\n".join(changed[:20])


if __name__ == "__main__":
    RECORD.write_text("".join(f"{case}\t{describe(outcome(case))}\n" for case in CASES), "utf-8")
    print(f"wrote {RECORD} ({len(CASES)} cases)")

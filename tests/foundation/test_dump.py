"""site_builder.dump: what is written reads back the same, a failed write leaves the old file whole,
and in-place edits keep the buyer's comments or refuse."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder import dump
from site_builder.dump import dump_yaml, set_fields, write_atomic, write_yaml
from site_builder.errors import RefusedWrite
from site_builder.load import load_bytes, load_file
from site_builder.model import Problem

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
CONTROLS = "".join(
    chr(c) for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0)]
)
# Anything a person could type or paste, but the invisible characters the loader refuses, even escaped
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters=BIDI + CONTROLS + "\ufffe\uffff"), max_size=40
)
TRICKY_TEXT = st.sampled_from(
    ["", "null", "~", "true", "yes", "no", "010", "0x1F", "1e5", "-1E5", "0.5e3", "1_000", "12:30", "2026-12-01",
     "- item", "key: value", "#not a comment", "'quoted'", '"double"', " leading", "trailing ", "a\nb", "a\n\nb\n",
     "\nleading newline", "line\r\nbreak", "tab\there", "é à ç", "中文", "🙂", "\u2028", "a\u2029b\nc",
     "*alias", "&anchor", "!tag", "%directive", "@at", "`tick`", "[x]", "{x: 1}", "**bold** and _em_", "<script>"]
)  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT
    | TRICKY_TEXT
)
JSON = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT | TRICKY_TEXT, children, max_size=4),
    max_leaves=20,
)
DOCUMENTS = st.dictionaries(TEXT | TRICKY_TEXT, JSON, max_size=6)


def temporary_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


# ------------------------------------------------------------------------------------------- write_yaml


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=DOCUMENTS)
def test_write_yaml_round_trips(tmp_path: Path, data: dict) -> None:
    target = tmp_path / "data.yaml"
    write_yaml(target, data)
    loaded = load_file(target)
    assert not isinstance(loaded, Problem), loaded
    assert loaded.data == data
    assert temporary_files(tmp_path) == []


@pytest.mark.parametrize("text", ["1e5", "0.5e3", "-1E5", "", "null", "True", "010", "12:30", "1e400"])
def test_text_that_looks_like_a_number_stays_text(text: str) -> None:
    loaded = load_bytes(dump_yaml({"value": text}).encode(), "x.yaml")
    assert loaded.data == {"value": text}


def test_schema_header_comes_first(tmp_path: Path) -> None:
    target = tmp_path / "opportunity.yaml"
    write_yaml(target, {"id": "esdc-2026-001"}, "../../../schema/opportunity.schema.json")
    assert target.read_text("utf-8") == (
        "# yaml-language-server: $schema=../../../schema/opportunity.schema.json\nid: esdc-2026-001\n"
    )


def test_multi_line_text_is_written_as_a_readable_block(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    write_yaml(target, {"description": {"en": "First line.\n\n- a list\n- in **Markdown**\n"}})
    assert (
        target.read_text("utf-8") == "description:\n  en: |\n    First line.\n\n    - a list\n    - in **Markdown**\n"
    )


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "bidi \u202e text", "nul\x00byte", "bell\x07"])
def test_write_yaml_refuses_what_would_not_read_back(tmp_path: Path, value: object) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("old: true\n", "utf-8")
    with pytest.raises(RefusedWrite, match="refusing to write"):
        write_yaml(target, {"value": value})
    assert target.read_text("utf-8") == "old: true\n"
    assert temporary_files(tmp_path) == []


# ----------------------------------------------------------------------------------------- write_atomic


def test_write_atomic_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "x.yaml"
    write_atomic(target, "a: 1\n")
    write_atomic(target, "a: 2\n")
    assert target.read_text("utf-8") == "a: 2\n"
    assert temporary_files(target.parent) == []


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch, failing: str) -> None:
    target = tmp_path / "opportunity.yaml"
    target.write_text("status: open\n", "utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dump.os, failing, broken)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "status: closed\n" * 1000)
    assert target.read_text("utf-8") == "status: open\n"
    assert temporary_files(tmp_path) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["opportunity.yaml"]


def test_an_interrupted_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch) -> None:
    """Ctrl-C in the middle of writing (a BaseException, not an Exception) cleans up too."""
    target = tmp_path / "opportunity.yaml"
    target.write_text("status: open\n", "utf-8")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(dump.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "status: closed\n")
    assert target.read_text("utf-8") == "status: open\n"
    assert temporary_files(tmp_path) == []


def test_write_atomic_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("a: 1\n", "utf-8")
    target.chmod(0o640)
    write_atomic(target, "a: 2\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.yaml"
    write_atomic(fresh, "a: 1\n")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_write_atomic_writes_unix_line_ends(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    write_atomic(target, "a: 1\nb: é\n")
    assert target.read_bytes() == "a: 1\nb: é\n".encode()


# ------------------------------------------------------------------------------------------- set_fields


COMMENTED = """\
# yaml-language-server: $schema=../../../schema/opportunity.schema.json
# Written by Marie; ask her before changing the criteria.
id: esdc-2026-001
status: open   # automation closes it

title:
  en: Fix the date picker
  fr: Corriger le sélecteur de date
value: 4500
"""


def test_set_fields_changes_only_those_lines(tmp_path: Path) -> None:
    target = tmp_path / "opportunity.yaml"
    target.write_text(COMMENTED, "utf-8")
    document = set_fields(target, {"status": "closed", "value": 4000})
    expected = COMMENTED.replace("status: open   # automation closes it", 'status: "closed"').replace(
        "value: 4500", "value: 4000"
    )
    assert target.read_text("utf-8") == expected
    assert document.data["status"] == "closed"
    assert document.data["title"] == {"en": "Fix the date picker", "fr": "Corriger le sélecteur de date"}


def test_set_fields_adds_missing_fields_at_the_end(tmp_path: Path) -> None:
    target = tmp_path / "opportunity.yaml"
    target.write_text(COMMENTED, "utf-8")
    set_fields(target, {"discussion": "https://github.com/o/r/discussions/3"})
    assert target.read_text("utf-8") == COMMENTED + 'discussion: "https://github.com/o/r/discussions/3"\n'


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (COMMENTED, {"title": "One language only"}),  # a block mapping cannot become one line
        ("description: first line\n  continued here\nid: x\n", {"description": "short"}),
        ('note: "quoted text\nstatus: inside the quotes"\nid: x\n', {"status": "closed"}),
        (COMMENTED, {"value": float("nan")}),
        ("a: [broken\n", {"a": 1}),
    ],
)
def test_set_fields_refuses_unsafe_edits(tmp_path: Path, text: str, values: dict) -> None:
    target = tmp_path / "opportunity.yaml"
    target.write_text(text, "utf-8")
    with pytest.raises(RefusedWrite, match="refusing to edit"):
        set_fields(target, values)
    assert target.read_text("utf-8") == text
    assert temporary_files(tmp_path) == []


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=SCALARS)
def test_set_fields_round_trips_any_scalar_or_refuses(tmp_path: Path, value: object) -> None:
    target = tmp_path / "opportunity.yaml"
    target.write_text(COMMENTED, "utf-8")
    try:
        document = set_fields(target, {"status": value})
    except RefusedWrite:
        assert target.read_text("utf-8") == COMMENTED
        return
    assert document.data["status"] == value
    assert load_file(target).data == {**load_bytes(COMMENTED.encode(), "x").data, "status": value}
    assert "# Written by Marie; ask her before changing the criteria.\n" in target.read_text("utf-8")
    os.remove(target)

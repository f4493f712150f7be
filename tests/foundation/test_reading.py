"""How a file is read: whole, up to the size limit, never through a symbolic link, whatever the size the
file system reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder import load
from site_builder.load import MAX_BYTES, load_bytes, load_file
from site_builder.model import Document, Problem


def padded(size: int) -> bytes:
    """A valid one-field YAML file of exactly `size` bytes."""
    head = b"title: "
    return head + b"x" * (size - len(head) - 1) + b"\n"


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    at_limit, over = tmp_path / "at.yaml", tmp_path / "over.yaml"
    at_limit.write_bytes(padded(MAX_BYTES))
    over.write_bytes(padded(MAX_BYTES + 1))
    loaded = load_file(at_limit, "at.yaml")
    assert isinstance(loaded, Document) and len(loaded.data["title"]) == MAX_BYTES - len("title: ") - 1
    refused = load_file(over, "over.yaml")
    assert isinstance(refused, Problem) and "larger than 1024 KiB" in refused.message


def test_a_file_whose_reported_size_is_wrong_is_still_read_whole() -> None:
    """/proc reports a size of 0 for files that hold text: the reader must not trust the size it was told."""
    status = Path("/proc/self/status")
    if not status.is_file() or status.stat().st_size != 0:
        pytest.skip("needs Linux's /proc")
    loaded = load_file(status, "status")
    # The first line is `Name:<TAB>python`: the tab is only seen if more than the first byte was read.
    assert isinstance(loaded, Problem) and "tab character" in loaded.message and (loaded.line, loaded.col) == (1, 6)


def test_a_link_to_a_file_is_refused_without_reading_its_target(tmp_path: Path) -> None:
    target = tmp_path / "secret.yaml"
    target.write_text("title: a file outside the marketplace\n", "utf-8")
    link = tmp_path / "opportunity.yaml"
    link.symlink_to(target)
    refused = load_file(link, "opportunity.yaml")
    assert isinstance(refused, Problem) and "symbolic link" in refused.message and refused.rule == "file"


@pytest.mark.parametrize(
    ("raw", "position"),
    [
        (b"a: 1\nb: [1,\n", (2, 7)),  # libyaml says line 3, which the file does not have
        (b"a: 1\nb: [1,", (2, 7)),
        (b"a: 1\r\nb: 'open\r\n", (2, 9)),
        (b"a: 1\n\n\nb: 'open\n\n", (5, 1)),  # an empty last line the editor does show
    ],
)
def test_a_problem_at_the_end_of_the_stream_is_on_a_line_that_exists(raw: bytes, position: tuple[int, int]) -> None:
    loaded = load_bytes(raw, "f.yaml")
    assert isinstance(loaded, Problem) and (loaded.line, loaded.col) == position
    assert loaded.line <= len(raw.decode().splitlines()), "reported past the last line an editor shows"


@pytest.mark.parametrize(
    ("raw", "position", "words"),
    [
        (b"a: ! 12\n", (1, 4), "the tag `!`"),
        (b"a: !\n", (1, 4), "the tag `!`"),
        (b"a: { ?foo: bar }\n", (1, 6), "explicit key"),
        (b"a:\n  ? b\n  : c\n", (2, 3), "explicit key"),
        (b"- ? a\n  : b\n", (1, 3), "explicit key"),
    ],
)
def test_non_specific_tags_and_explicit_keys_are_refused(raw: bytes, position: tuple[int, int], words: str) -> None:
    loaded = load_bytes(raw, "f.yaml")
    assert isinstance(loaded, Problem) and (loaded.line, loaded.col) == position and words in loaded.message


@pytest.mark.parametrize("raw", [b"k: Pourquoi ?\nb: c\n", b"a: '{?x'\n", b"a: [b, '?c']\n", b"?b: c\n"])
def test_question_marks_that_are_not_explicit_keys_load(raw: bytes) -> None:
    assert isinstance(load_bytes(raw, "f.yaml"), Document)


_EXPLICIT_KEY_PIECES = st.lists(st.sampled_from([*"? -[{,\n\ra:", "\t", "- ", "  ", "x"]), max_size=16).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_EXPLICIT_KEY_PIECES)
def test_the_explicit_key_pretest_matches_the_single_pattern(text: str) -> None:
    """Three patterns that re scans fast find what the one `(?m)^`-anchored pattern finds."""
    single = re.compile(r"(?m)(?:^[ ]*(?:-[ ]+)*|[\[{,][ ]*)\?")
    assert load._may_hold_explicit_key(text) is (single.search(text) is not None)

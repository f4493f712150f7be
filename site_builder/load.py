"""Strict YAML: bytes -> JSON-shaped data plus the position of every value, or a Problem.

One pass over libyaml's C event stream builds the data and the position table together, so a schema
error found later can still be reported at its line and column. Whatever the bytes, this module returns
a Problem instead of raising: no duplicate keys, anchors, aliases (no YAML bombs), tags, second
documents, tabs, bidi controls, non-UTF-8 text, oversized files or symlinks, and no tag at all (the
non-specific `!` included) nor explicit keys (`? key`, which libyaml reads differently from YAML 1.2 in
flow mappings). Plain scalars follow the JSON rules (YAML 1.2's JSON schema): `no`, `010`, `12:30` and
`2026-12-01` stay text.
"""

from __future__ import annotations

import errno
import math
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from site_builder.model import Document, JSONPath, Problem

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32

_Parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
# What YAML forbids in a stream (C0 and C1 controls but tab and line breaks, DEL, non-characters): found
# here, because libyaml would report it by offset only, without a line.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff"
# Line breaks libyaml counts but editors do not show as new lines: they would shift every reported line.
_ODD_BREAK = "\x85\u2028\u2029"
_FORBIDDEN = re.compile(f"[\t{_BIDI}{_CONTROL}{_ODD_BREAK}]")
_FORBIDDEN_IN_TEXT = re.compile(f"[{_BIDI}{_CONTROL}]")
_FORBIDDEN_MESSAGES = (
    ("\t", "contains a tab character: indent and separate with spaces"),
    (_BIDI, "contains an invisible bidirectional control character (U+{code:04X}): delete it"),
    (_CONTROL, "contains the control character U+{code:04X}, which YAML does not allow: delete it"),
    (_ODD_BREAK, "contains the unusual line break U+{code:04X}: replace it with an ordinary line break"),
)
_LINE_BREAK = re.compile("\r\n|\r|\n")
_BOM = b"\xef\xbb\xbf"
# A `?` where an explicit key could start: at a line's start (after indentation and `- `), or after `[`, `{`
# or `,`. Only files where this matches are scanned again, token by token, to be sure. Three patterns that
# each start with a literal or a character set (the first line, a later line, a flow indicator), since re
# scans for those fast, where `(?m)^` is tried at every position.
_MAYBE_EXPLICIT_KEY_FIRST_LINE = re.compile(r"[ ]*(?:-[ ]+)*\?")
_MAYBE_EXPLICIT_KEY_LATER_LINE = re.compile(r"\n[ ]*(?:-[ ]+)*\?")
_MAYBE_EXPLICIT_KEY_IN_FLOW = re.compile(r"[\[{,][ ]*\?")
_MAY_NOT_BE_TEXT = frozenset("-0123456789nNtTfF~")


_FIRST_LINE = yaml.Mark("", 0, 0, 0, None, None)


class _Stop(Exception):
    """Ends the walk at the first structural problem, with its position."""

    def __init__(self, mark: Any, message: str) -> None:
        self.line = mark.line + 1
        self.col = mark.column + 1
        super().__init__(message)


def load_file(path: Path, display: str | None = None) -> Document | Problem:
    """Read and parse one file; `display` is the name used in messages (relative to the repository)."""
    name = display or str(path)
    try:
        raw = _read_limited(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Problem(name, 1, 1, "is a symbolic link: commit the file itself, not a link to it", rule="file")
        return Problem(name, 1, 1, f"cannot be read: {error.strerror or error}", rule="file")
    return load_bytes(raw, name)


def _read_limited(path: Path) -> bytes:
    """The file's bytes, at most MAX_BYTES + 1 of them. One open that refuses a symbolic link (O_NOFOLLOW:
    ELOOP) instead of a check and then an open, and a read the size of the file rather than of the limit, with
    no buffered file object around it: the validator reads thousands of small files."""
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    if not nofollow and path.is_symlink():  # Windows: no such flag, ask first
        raise OSError(errno.ELOOP, "symbolic link", str(path))
    descriptor = os.open(path, os.O_RDONLY | nofollow)
    try:
        size = os.fstat(descriptor).st_size
        raw = os.read(descriptor, min(size, MAX_BYTES) + 1)
        while raw and len(raw) <= MAX_BYTES:  # read on to the end (it may have grown since fstat), up to the limit
            more = os.read(descriptor, MAX_BYTES + 1 - len(raw))
            if not more:
                break
            raw += more
        return raw
    finally:
        os.close(descriptor)


def load_bytes(raw: bytes, name: str) -> Document | Problem:
    """Parse bytes already read; the same checks as `load_file` but for symlinks."""
    if len(raw) > MAX_BYTES:
        return Problem(name, 1, 1, f"is larger than {MAX_BYTES // 1024} KiB: split or shorten it", rule="file")
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = _position(raw[: error.start].decode("utf-8"))
        return Problem(name, line, col, "is not UTF-8 text: save the file with UTF-8 encoding", rule="encoding")
    found = _first_forbidden_character(text, name)
    if found:
        return found
    try:
        if _may_hold_explicit_key(text):
            _refuse_explicit_keys(text)
        return _compose(text, name)
    except _Stop as stop:
        return Problem(name, *_within(text, stop.line, stop.col), str(stop), rule="yaml")
    except yaml.MarkedYAMLError as error:
        mark, context = error.problem_mark or error.context_mark, error.context_mark
        line, col = _within(text, mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or error.context or "is not valid YAML"
        since = _within(text, context.line + 1, 1)[0] if context else line
        if error.problem and error.context and since != line:
            what += f" ({error.context} from line {since})"
        return Problem(name, line, col, f"is not valid YAML: {what}: check quotes, colons and indentation", rule="yaml")
    except yaml.YAMLError as error:
        return Problem(name, 1, 1, f"is not valid YAML: {error}", rule="yaml")


def _first_forbidden_character(text: str, name: str) -> Problem | None:
    """The first character strict YAML refuses, found in one pass (the common case: none)."""
    match = _FORBIDDEN.search(text)
    if not match:
        return None
    line, col = _position(text[: match.start()])
    return Problem(name, line, col, _forbidden_message(match.group()), rule="characters")


def _forbidden_message(found: str) -> str:
    message = next(wording for chars, wording in _FORBIDDEN_MESSAGES if re.fullmatch(f"[{chars}]", found))
    return message.format(code=ord(found))


def _within(text: str, line: int, col: int) -> tuple[int, int]:
    """libyaml puts an error found at the end of the stream one line past the last: keep every position on a
    line the editor shows (a final line break ends the last line, it does not start one)."""
    lines = _LINE_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, min(col, len(lines[line - 1]) + 1)


def _position(before: str) -> tuple[int, int]:
    """Line and column just after `before`, counting line breaks as libyaml and editors do (LF, CRLF, CR)."""
    breaks = before.count("\n") + before.count("\r") - before.count("\r\n")
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return breaks + 1, len(before) - line_start + 1


def _may_hold_explicit_key(text: str) -> bool:
    """A `?` at a line's start (after indentation and `- `) or after `[`, `{` or `,`. (`(?m)^` matches at the
    start of the text and after each line feed, as the first two patterns do.)"""
    return "?" in text and (
        _MAYBE_EXPLICIT_KEY_FIRST_LINE.match(text) is not None
        or _MAYBE_EXPLICIT_KEY_LATER_LINE.search(text) is not None
        or _MAYBE_EXPLICIT_KEY_IN_FLOW.search(text) is not None
    )


def _refuse_explicit_keys(text: str) -> None:
    """An explicit key (`? key`) is a KEY token that starts before its key. Refused because libyaml and
    YAML 1.2 disagree on them (`{ ?foo: bar }` is the key `?foo` in YAML 1.2 and `foo` in libyaml), and
    because no marketplace file needs one."""
    scanner = _Parser(text)
    try:
        previous = None
        while scanner.check_token():
            token = scanner.get_token()
            if type(previous) is yaml.KeyToken and token.start_mark.index != previous.start_mark.index:
                raise _Stop(previous.start_mark, "uses an explicit key (`?`): write the key as `key: value`")
            previous = token
    finally:
        scanner.dispose()


def _compose(text: str, name: str) -> Document:
    parser = _Parser(text)
    try:
        get = parser.get_event
        get()  # StreamStart
        start = get()
        if type(start) is yaml.StreamEndEvent:
            raise _Stop(_FIRST_LINE, "is empty: write its fields as `key: value` lines")
        builder = _Builder(get)
        data = builder.node(get(), (), 0)
        get()  # DocumentEnd
        extra = get()
        if type(extra) is not yaml.StreamEndEvent:
            raise _Stop(extra.start_mark, "holds more than one YAML document (`---`): keep one document per file")
    finally:
        parser.dispose()
    if not isinstance(data, dict):
        raise _Stop(start.end_mark, "must be a mapping of fields (`key: value` lines) at its top level")
    return Document(name, data, builder.positions, builder.key_positions)


class _Builder:
    """Turns the event stream of one document into data, recording positions on the way.

    This is the validator's hot loop (three quarters of its time): events are told apart by exact type and
    the rare cases (anchors, tags, escapes) are only examined when an event carries them."""

    def __init__(self, get: Callable[[], Any]) -> None:
        self.get = get
        self.positions: dict[JSONPath, tuple[int, int]] = {}
        self.key_positions: dict[JSONPath, tuple[int, int]] = {}

    def node(self, event: Any, path: JSONPath, depth: int) -> Any:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or event.tag is not None or event.style == '"':
                _refuse_extras(event)
            mark = event.start_mark
            self.positions[path] = (mark.line + 1, mark.column + 1)
            if not event.style and event.implicit[0]:
                return plain_value(event.value)
            return event.value  # quoted or block text stays text
        _refuse_extras(event)
        if depth > MAX_DEPTH:
            raise _Stop(event.start_mark, f"is nested more than {MAX_DEPTH} levels deep: flatten it")
        mark = event.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        if kind is yaml.MappingStartEvent:
            return self.mapping(path, depth)
        if kind is yaml.SequenceStartEvent:
            return self.sequence(path, depth)
        raise _Stop(mark, "has an unexpected YAML construct")

    def sequence(self, path: JSONPath, depth: int) -> list[Any]:
        items: list[Any] = []
        get, positions = self.get, self.positions
        while True:
            event = get()
            kind = type(event)
            if kind is yaml.ScalarEvent:  # `node` inlined: most items are scalars
                if event.anchor is not None or event.tag is not None or event.style == '"':
                    _refuse_extras(event)
                mark = event.start_mark
                positions[(*path, len(items))] = (mark.line + 1, mark.column + 1)
                value = event.value
                if not event.style and event.implicit[0] and (not value or value[0] in _MAY_NOT_BE_TEXT):
                    value = plain_value(value)
                items.append(value)
            elif kind is yaml.SequenceEndEvent:
                return items
            else:
                items.append(self.node(event, (*path, len(items)), depth + 1))

    def mapping(self, path: JSONPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        get, node, positions, key_positions = self.get, self.node, self.positions, self.key_positions
        while True:
            event = get()
            kind = type(event)
            if kind is yaml.MappingEndEvent:
                return result
            if kind is not yaml.ScalarEvent:
                _refuse_extras(event)
                raise _Stop(event.start_mark, "uses a list or mapping as a key: keys must be plain names")
            if event.anchor is not None or event.tag is not None or event.style == '"':
                _refuse_extras(event)
            key = event.value
            child = (*path, key)
            if key in result:
                line = key_positions[child][0]
                raise _Stop(event.start_mark, f"repeats the key `{key}` (first given on line {line}): keep one")
            mark = event.start_mark
            key_positions[child] = (mark.line + 1, mark.column + 1)
            event = get()
            if type(event) is yaml.ScalarEvent:  # `node` inlined: most values are scalars
                if event.anchor is not None or event.tag is not None or event.style == '"':
                    _refuse_extras(event)
                mark = event.start_mark
                positions[child] = (mark.line + 1, mark.column + 1)
                value = event.value
                if not event.style and event.implicit[0] and (not value or value[0] in _MAY_NOT_BE_TEXT):
                    value = plain_value(value)
                result[key] = value
            else:
                result[key] = node(event, child, depth + 1)


def _refuse_extras(event: Any) -> None:
    if getattr(event, "style", None) == '"':  # only double quotes have escapes; raw ones were refused earlier
        hidden = _FORBIDDEN_IN_TEXT.search(event.value)
        if hidden:  # `"\u202E"` is the same Trojan Source as the raw character
            code = ord(hidden.group())
            raise _Stop(event.start_mark, f"escapes an invisible or control character (U+{code:04X}): delete it")
    if isinstance(event, yaml.AliasEvent):
        raise _Stop(event.start_mark, f"uses an alias (*{event.anchor}): write the value out in full")
    if getattr(event, "anchor", None) is not None:
        raise _Stop(event.start_mark, f"uses an anchor (&{event.anchor}): anchors and aliases are not allowed")
    tag = getattr(event, "tag", None)
    if tag is not None:  # `!` too: YAML 1.2 reads `! 12` as the text "12", where a plain 12 is a number
        raise _Stop(event.start_mark, f"uses the tag `{tag}`: tags are not allowed, write plain values")


def plain_value(value: str) -> Any:
    """What unquoted text means under the JSON rules; writers quote any text this would change."""
    if value and value[0] not in _MAY_NOT_BE_TEXT:
        return value  # most values: ordinary words
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        number = float(value)
        return number if math.isfinite(number) else value  # 1e400: JSON has no infinity, so it stays text
    return value

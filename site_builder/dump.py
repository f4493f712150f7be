"""Writing marketplace files: YAML the strict loader reads back unchanged, written atomically.

Every writer (scaffold, sync, draw) goes through here, so a killed process never leaves a half-written
file: text goes to a temporary file in the same folder, is flushed to disk, then renamed over the target.
`set_fields` edits top-level scalars in place, keeping the buyer's comments and layout.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from site_builder.errors import RefusedWrite
from site_builder.load import load_bytes, plain_value
from site_builder.model import Document, Problem


class _Dumper(yaml.SafeDumper):
    """Block style for multi-line text, never aliases, keys in the order given."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def check_simple_key(self) -> bool:
        """Every text key is written `key: value`: PyYAML would write an empty, long or multi-line key as an
        explicit key (`? key`), which the strict loader refuses. As a key, text with line breaks is written
        double-quoted, on one line. YAML allows implicit keys of up to 1024 characters; a longer one makes
        the write fail the read-back check, with a message."""
        if isinstance(self.event, yaml.ScalarEvent):
            if self.analysis is None:
                self.analysis = self.analyze_scalar(self.event.value)
            return len(self.analysis.scalar) <= 1024
        return super().check_simple_key()


_ODD_BREAKS = "\x85\u2028\u2029"


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and _block_safe(value) else None
    if style is None and plain_value(value) != value:
        style = "'"  # PyYAML leaves `1e5` unquoted (YAML 1.1 floats need a dot), but the loader reads a number
    if any(char in value for char in _ODD_BREAKS):
        style = '"'  # only double quotes escape them; written raw, the loader would refuse the file
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _block_safe(value: str) -> bool:
    return not value.startswith((" ", "\n")) and all(not line.endswith(" ") for line in value.splitlines())


_Dumper.add_representer(str, _text)


def dump_yaml(data: dict[str, Any], schema: str | None = None) -> str:
    """YAML text for `data`, with an editor hint pointing at its schema when given."""
    header = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return header + body


def write_atomic(path: Path, text: str | bytes) -> None:
    """Replace `path` with `text` (UTF-8, or bytes as they are) in one step: readers see the old file or the
    new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    content = text.encode("utf-8") if isinstance(text, str) else text
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600): keep the mode of the file replaced, or the usual 0644
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def checked_yaml(path: Path | str, data: dict[str, Any], schema: str | None = None) -> str:
    """The YAML text of `data` for the file `path`, checked to read back to exactly the same data."""
    text = dump_yaml(data, schema)
    loaded = load_bytes(text.encode("utf-8"), str(path))
    if isinstance(loaded, Problem):
        raise RefusedWrite(f"refusing to write {path}: the result would be invalid ({loaded.format()})")
    if loaded.data != data:
        raise RefusedWrite(f"refusing to write {path}: it would not read back as the same data")
    return text


def write_yaml(path: Path, data: dict[str, Any], schema: str | None = None) -> None:
    """Write `data` atomically after checking it reads back to exactly the same data."""
    write_atomic(path, checked_yaml(path, data, schema))


def set_fields(path: Path, values: dict[str, Any]) -> Document:
    """Set top-level scalar fields of a YAML file in place (add them at the end when absent).

    Only the lines of those fields change, so comments and layout survive. The result is re-read and
    must equal the old data with only those fields changed, or the file is left as it was.
    """
    text, loaded = fields_set(path, path.read_text("utf-8"), values)
    write_atomic(path, text)
    return loaded


def fields_set(path: Path | str, text: str, values: dict[str, Any]) -> tuple[str, Document]:
    """`set_fields` without the writing: the new text of the file `path` and what it reads as."""
    before = load_bytes(text.encode("utf-8"), str(path))
    if isinstance(before, Problem):
        raise RefusedWrite(f"refusing to edit {path}: it is not valid YAML now ({before.format()})")
    for key, value in values.items():
        line = f"{key}: {json.dumps(value, ensure_ascii=False)}"
        pattern = re.compile(rf"^{re.escape(key)}:[^\n]*$", re.MULTILINE)
        if pattern.search(text):
            text = pattern.sub(lambda _match, line=line: line, text, count=1)
        else:
            text = text.rstrip("\n") + "\n" + line + "\n"
    loaded = load_bytes(text.encode("utf-8"), str(path))
    if isinstance(loaded, Problem) or loaded.data != {**before.data, **values}:
        raise RefusedWrite(f"refusing to edit {path}: the field is not a plain one-line value there")
    return text, loaded

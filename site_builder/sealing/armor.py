"""age's ASCII armor, read as strictly as age's own Go reader (filippo.io/age/armor) reads it.

PEM with the type `AGE ENCRYPTED FILE`, no headers, padded base64 in lines of 64 columns: every line but the
last exactly 64, the last one at most 64, each one canonical base64 on its own (no stray bits, no padding
inside). Strict, so that one ciphertext has one text: anything else is a changed text. Two allowances, as age
makes them: up to 1024 bytes of whitespace around the block, and CRLF line ends (GitHub may store a comment's
lines that way).
"""

from __future__ import annotations

import base64
import binascii

from site_builder.sealing.errors import NotSealed

HEADER = b"-----BEGIN AGE ENCRYPTED FILE-----"
FOOTER = b"-----END AGE ENCRYPTED FILE-----"
COLUMNS = 64
MAX_WHITESPACE = 1024


def is_armored(data: bytes) -> bool:
    """Whether `data` starts, after whitespace, like an armored age file."""
    return data.lstrip().startswith(HEADER)


def dearmor(data: bytes) -> bytes:
    """The binary age file inside the armor; NotSealed saying which rule the text breaks."""
    lines = _armor_lines(data)
    if lines[0] != HEADER:
        raise NotSealed(f"the armor must start with the line {HEADER.decode()}")
    if lines[-1] != FOOTER:
        raise NotSealed(f"the armor must end with the line {FOOTER.decode()} (is part of the text missing?)")
    body = lines[1:-1]
    if not body:
        raise NotSealed("the armor holds nothing between its first and last lines")
    return b"".join(_decode_line(line, number, last=number == len(body)) for number, line in enumerate(body, 1))


def _armor_lines(data: bytes) -> list[bytes]:
    stripped = data.strip()
    leading = len(data) - len(data.lstrip())
    trailing = len(data) - len(data.rstrip())
    if leading > MAX_WHITESPACE or trailing > MAX_WHITESPACE:
        raise NotSealed(f"more than {MAX_WHITESPACE} bytes of whitespace around the armor")
    return [line.removesuffix(b"\r") for line in stripped.split(b"\n")]


def _decode_line(line: bytes, number: int, *, last: bool) -> bytes:
    where = f"line {number + 1} of the armor"
    if not line:
        raise NotSealed(f"{where} is empty: the armor has no blank lines")
    if len(line) > COLUMNS or (not last and len(line) != COLUMNS):
        raise NotSealed(f"{where} has {len(line)} characters: every line but the last has exactly {COLUMNS}")
    try:
        decoded = base64.b64decode(line, validate=True)
    except (binascii.Error, ValueError):
        raise NotSealed(f"{where} is not base64") from None
    if base64.b64encode(decoded) != line:
        raise NotSealed(f"{where} is not canonical base64 (stray bits)")
    if not last and len(decoded) != COLUMNS // 4 * 3:
        raise NotSealed(f"{where} is padded, so it must be the last line before {FOOTER.decode()}")
    return decoded

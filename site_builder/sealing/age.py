"""The age v1 file format (https://age-encryption.org/v1, C2SP), as far as a tlock file needs it.

A file is a text header, then a binary payload:

    age-encryption.org/v1
    -> TYPE ARG...              one line per recipient stanza, then its body: unpadded base64, 64 columns,
    BODY                        ended by the first line shorter than 64 (so possibly an empty one)
    --- MAC                     HMAC-SHA-256 of the header up to and including "---", keyed from the file key
    PAYLOAD                     16-byte nonce, then ChaCha20-Poly1305 STREAM of 64 KiB chunks

The rules follow age's Go reader (filippo.io/age/internal/format): printable-ASCII arguments, canonical
base64, a 32-byte MAC. Only the cipher and key derivation come from `cryptography`; nothing here is secret
(the file key is derived from a public beacon signature), so timing leaks nothing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from site_builder.sealing.errors import NotSealed, Tampered

INTRO = b"age-encryption.org/v1\n"
STANZA_PREFIX = b"->"
FOOTER_PREFIX = b"---"
COLUMNS = 64
BYTES_PER_LINE = COLUMNS // 4 * 3
MAC_BYTES = 32
NONCE_BYTES = 16
CHUNK_BYTES = 64 * 1024
TAG_BYTES = 16


@dataclass(frozen=True)
class Stanza:
    """One recipient stanza: `-> type args...` and its body."""

    type: str
    args: tuple[str, ...]
    body: bytes = field(repr=False)


@dataclass(frozen=True)
class AgeFile:
    """A parsed age file: its stanzas, the header text the MAC covers, the MAC, and the payload."""

    stanzas: tuple[Stanza, ...]
    header: bytes = field(repr=False)
    mac: bytes = field(repr=False)
    payload: bytes = field(repr=False)


def parse_age(data: bytes) -> AgeFile:
    """The header's parts and the payload of a binary age file; NotSealed naming the first broken rule."""
    if not data.startswith(INTRO):
        version = data.split(b"\n", 1)[0][:40]
        if version.startswith(b"age-encryption.org/"):
            raise NotSealed(f"age version {version.decode('ascii', 'replace')!r} is not supported, only v1")
        raise NotSealed("not an age file: it does not start with age-encryption.org/v1")
    stanzas: list[Stanza] = []
    position = len(INTRO)
    while not data.startswith(FOOTER_PREFIX, position):
        stanza, position = _read_stanza(data, position, len(stanzas) + 1)
        stanzas.append(stanza)
    line, after = _line(data, position, "the header's closing line")
    mac = _closing_mac(line)
    return AgeFile(tuple(stanzas), data[: position + len(FOOTER_PREFIX)], mac, data[after:])


def check_mac(age_file: AgeFile, file_key: bytes) -> None:
    """Tampered unless the header's MAC is the one the file key gives (age: HKDF(key, "", "header"))."""
    mac_key = _hkdf(file_key, salt=b"", info=b"header")
    expected = hmac.new(mac_key, age_file.header, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, age_file.mac):
        raise Tampered("the header's MAC does not match: the header was altered after sealing")


def open_payload(file_key: bytes, payload: bytes) -> bytes:
    """The plaintext of nonce || STREAM: ChaCha20-Poly1305 chunks of 64 KiB, nonce = 11-byte big-endian
    counter || last-chunk flag, key HKDF-SHA-256(file key, salt=nonce, info="payload")."""
    if len(payload) < NONCE_BYTES + TAG_BYTES:
        raise Tampered(f"the payload has {len(payload)} bytes: too short to hold a nonce and one sealed chunk")
    cipher = ChaCha20Poly1305(_hkdf(file_key, salt=payload[:NONCE_BYTES], info=b"payload"))
    chunks = _chunks(payload[NONCE_BYTES:])
    plain = []
    for counter, chunk in enumerate(chunks):
        nonce = counter.to_bytes(11, "big") + (b"\x01" if counter == len(chunks) - 1 else b"\x00")
        try:
            plain.append(cipher.decrypt(nonce, chunk, None))
        except InvalidTag:
            raise Tampered(f"chunk {counter + 1} of the payload fails its authentication tag: altered") from None
    return b"".join(plain)


def _chunks(sealed: bytes) -> list[bytes]:
    step = CHUNK_BYTES + TAG_BYTES
    chunks = [sealed[start : start + step] for start in range(0, len(sealed), step)]
    if len(chunks[-1]) < TAG_BYTES:
        raise Tampered("the payload's last chunk is shorter than its tag: the payload was cut")
    if len(chunks) > 1 and len(chunks[-1]) == TAG_BYTES:
        raise Tampered("the payload ends with an empty chunk, which age never writes after a full one")
    return chunks


def _read_stanza(data: bytes, position: int, number: int) -> tuple[Stanza, int]:
    line, position = _line(data, position, f"stanza {number}")
    prefix, *words = line.split(b" ")
    if prefix != STANZA_PREFIX or not words:
        raise NotSealed(f"stanza {number} does not start with '-> TYPE': {_shown(line)}")
    if not all(word and all(33 <= byte <= 126 for byte in word) for word in words):
        raise NotSealed(f"stanza {number} has an empty argument or one outside printable ASCII: {_shown(line)}")
    body = bytearray()
    while True:
        line, position = _line(data, position, f"the body of stanza {number}")
        chunk = _raw_base64(line, f"the body of stanza {number}")
        body += chunk
        if len(chunk) < BYTES_PER_LINE:
            break
    type_, *args = (word.decode("ascii") for word in words)
    return Stanza(type_, tuple(args), bytes(body)), position


def _closing_mac(line: bytes) -> bytes:
    prefix, *words = line.split(b" ")
    if prefix != FOOTER_PREFIX or len(words) != 1:
        raise NotSealed(f"the header's closing line is not '--- MAC': {_shown(line)}")
    mac = _raw_base64(words[0], "the header's MAC")
    if len(mac) != MAC_BYTES:
        raise NotSealed(f"the header's MAC has {len(mac)} bytes, not {MAC_BYTES}")
    return mac


def _line(data: bytes, position: int, what: str) -> tuple[bytes, int]:
    """The line at `position` without its newline, and where the next one starts."""
    end = data.find(b"\n", position)
    if end < 0:
        raise NotSealed(f"the header ends in the middle of {what}: the text was cut")
    return data[position:end], end + 1


def _raw_base64(text: bytes, what: str) -> bytes:
    """Unpadded, canonical standard base64 of at most one line (age's RawStdEncoding.Strict)."""
    if len(text) > COLUMNS:
        raise NotSealed(f"{what} has a line of {len(text)} characters, more than {COLUMNS}")
    if b"=" in text:
        raise NotSealed(f"{what} is padded base64; age writes it without padding")
    try:
        decoded = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise NotSealed(f"{what} is not base64: {_shown(text)}") from None
    if base64.b64encode(decoded).rstrip(b"=") != text:
        raise NotSealed(f"{what} is not canonical base64 (stray bits): {_shown(text)}")
    return decoded


def _hkdf(key: bytes, *, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def _shown(line: bytes) -> str:
    """A line quoted for a message: at most 60 characters, never raw control bytes."""
    text = line[:60].decode("ascii", "backslashreplace")
    return repr(text + ("..." if len(line) > 60 else ""))

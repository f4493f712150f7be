"""What can go wrong with a sealed application, in three kinds a caller treats differently: the text is not a
sealed application at all, the beacon round given does not open it, or it was altered after it was sealed."""

from __future__ import annotations

from site_builder.errors import DevexError


class SealedError(DevexError, ValueError):
    """Base of the sealing errors: the message says what is wrong, never with a traceback."""


class NotSealed(SealedError):
    """Not an armored or binary age file with exactly one tlock stanza, or beyond the size a comment can hold."""


class WrongBeacon(SealedError):
    """The signature, public key or chain given are not those of the round the text is sealed to."""


class Tampered(SealedError):
    """The text parses, the round's signature is right, yet a check of the ciphertext fails: it was altered."""

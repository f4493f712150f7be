"""Sealed applications (issue 25): text sealed with drand's timelock encryption (tlock) to a beacon round,
readable by nobody before the round's signature exists and by anyone after.

    sealed = parse(comment_armor)                       # NotSealed: not age, not tlock, bad armor, too big...
    sealed.round, sealed.chain_hash                     # what to fetch and check before opening it
    plaintext = decrypt(sealed, signature, public_key_hex, chain_hash)   # WrongBeacon, Tampered
    # or in two halves: the costly one (the pairing) once, the cheap one on every validation of the archive
    file_key = unlock(sealed, signature, public_key_hex, chain_hash)     # WrongBeacon, Tampered (stanza)
    plaintext = open_with_key(sealed, file_key)                          # Tampered (MAC, payload)

An independent implementation in Python: age's format and STREAM over `cryptography`, tlock's IBE over
py_ecc's pairing and blst (docs/dev/selection.md, "Sealed applications: the decryption"). It takes the chain's
facts as plain arguments, so it stays below the rules that read the marketplace's settings.
"""

from __future__ import annotations

from site_builder.sealing.errors import NotSealed, SealedError, Tampered, WrongBeacon
from site_builder.sealing.tlock import MAX_SEALED_BYTES, Sealed, decrypt, open_with_key, parse, unlock

__all__ = [
    "MAX_SEALED_BYTES",
    "NotSealed",
    "Sealed",
    "SealedError",
    "Tampered",
    "WrongBeacon",
    "decrypt",
    "open_with_key",
    "parse",
    "unlock",
]

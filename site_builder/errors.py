"""Every named exception of the package, in one place; the CLI, the MkDocs plugin and the workflows turn them into
messages. The CLI's exit codes: UsageError 2, any other DevexError 1 (invalid data, or an operation refused or
not possible yet: the message says which)."""

from __future__ import annotations

from site_builder.model import Problem  # model imports nothing of the package: no loop to hide


class DevexError(Exception):
    """Base of every error this package raises on purpose."""


class UsageError(DevexError):
    """The command was called wrongly (exit code 2)."""


class InvalidMarketplace(DevexError):
    """The data is invalid; carries the problems so callers can print them with their positions."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0].format() if problems else "invalid marketplace"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)


class RefusedWrite(DevexError, ValueError):
    """A writer would have produced a file that does not read back as intended; nothing was written."""


class BadTime(DevexError, ValueError):
    """A time that is not ISO 8601 with a UTC offset; the message says what to write instead."""


class BadAnswer(DevexError, ValueError):
    """An answer to a question of `devex new` that cannot be used; the message says why, and the question is
    asked again."""


class GitHubError(DevexError):
    """GitHub (or its configuration) failed in a way the run cannot work around: the message says what to fix."""


class BadBeacon(DevexError):
    """A signature, public key or answer that does not prove the round it claims: never used."""


class MissingBeaconSettings(DevexError):
    """The marketplace names no beacon, so nothing can be committed, drawn or verified."""


class RoundNotYet(DevexError):
    """The beacon round is not produced yet: try again after its time."""


class BeaconUnavailable(DevexError):
    """No relay gave a usable answer (network, server errors): try again later."""


class DrawRefused(DevexError):
    """A draw asked for before the evaluation is committed or before the named round exists, or made twice."""


class CommitmentRefused(DevexError):
    """Nothing to commit to yet, or something that must not be committed (bids or evaluation not right)."""

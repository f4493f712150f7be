"""The few named exceptions; the CLI, the MkDocs plugin and the workflows turn them into messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from site_builder.model import Problem


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

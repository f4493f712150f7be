"""Time, read and written one way everywhere: a time with a UTC offset given on the command line (`--now`,
`--published`) or in the environment (`DEVEX_NOW`), the clock of a run, an opportunity's closing instant, the
UTC text the records store, and the time of the last commit, the one timestamp published data may carry.
Each caller turns `BadTime` into its own kind of error (usage error, argparse error, MkDocs `PluginError`)."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from site_builder.errors import BadTime

EXAMPLE = "2026-12-04T14:00:00-05:00"


def parse_moment(text: str, name: str) -> datetime:
    """`text` as an aware datetime; `name` (`--now`, `DEVEX_NOW`) is what the message calls it."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadTime(f"{name} must be an ISO date-time such as {EXAMPLE}, not {text!r}") from None
    if moment.tzinfo is None:
        raise BadTime(f"{name} needs a UTC offset (such as -05:00 or Z): {text!r}")
    return moment


def run_clock(text: str | None, name: str = "--now") -> datetime:
    """The clock of a run: `text` (with its offset) when given, else the current time; BadTime when unreadable."""
    return parse_moment(text, name) if text else datetime.now(UTC)


def closing_time(data: Mapping[str, Any]) -> datetime:
    """An opportunity's (or its archive's) exact closing instant, aware of its offset."""
    return datetime.fromisoformat(data["closing"])


def utc_text(moment: datetime) -> str:
    """UTC to the second with a `Z`, as the records store a moment (`2026-10-16T18:00:00Z`)."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_utc(text: str) -> datetime:
    """A time GitHub or a record wrote in UTC (`...Z`) as an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def last_commit_time(root: Path) -> datetime | None:
    """The committer time of HEAD in the repository at `root`, or None without git or without a commit."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%cI"], capture_output=True, text=True, check=True
        )
        return datetime.fromisoformat(done.stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None

"""Frozen data types shared by every stage: problems, documents, opportunities and the marketplace.

The YAML stays JSON-shaped (`data` dicts exactly as written, `{en, fr}` texts, dates as strings);
these types only add where a document came from and where each value sits in its file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JSONPath = tuple[str | int, ...]

DATA_DIR = "opportunities"  # every marketplace file lives under this folder of the repository
SETTINGS_FILE = f"{DATA_DIR}/marketplace.yaml"

DEFAULT_THRESHOLD = 10000
DEFAULT_TIME_ZONE = "America/Toronto"
DEFAULT_SPLIT_WINDOW_DAYS = 30
DEFAULT_POSTING_DAYS, DEFAULT_OFFER_DAYS, DEFAULT_CURE_DAYS = 5, 2, 5
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at a 1-based line and column, with a plain-language message."""

    file: str
    line: int
    col: int
    message: str
    path: str = ""
    rule: str = "invalid"
    severity: str = ERROR
    fix: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        """`file:line:col: message`, with `warning: ` before the message of a warning (errors unchanged)."""
        label = "" if self.is_error else f"{self.severity}: "
        return f"{self.file}:{self.line}:{self.col}: {label}{self.message}"


@dataclass(frozen=True)
class Document:
    """A loaded YAML file: its data and, for every JSON path in it, the position of its value and key."""

    file: str
    data: Any
    positions: dict[JSONPath, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)
    key_positions: dict[JSONPath, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    def position(self, path: JSONPath, *, key: bool = False) -> tuple[int, int]:
        """The line and column of `path`, or of its nearest ancestor that exists."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.key_positions:
                return self.key_positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))

    def problem(
        self,
        path: JSONPath,
        message: str,
        *,
        key: bool = False,
        rule: str = "invalid",
        severity: str = ERROR,
        fix: str = "",
    ) -> Problem:
        line, col = self.position(path, key=key)
        return Problem(self.file, line, col, message, format_path(path), rule, severity, fix)


def format_path(path: JSONPath) -> str:
    """`('addenda', 0, 'text')` -> `addenda[0].text`, the way buyers read field names."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True)
class Settings:
    """Marketplace settings from opportunities/marketplace.yaml, with the documented defaults filled in."""

    data: dict[str, Any]

    @property
    def threshold(self) -> float:
        return self.data.get("threshold", DEFAULT_THRESHOLD)

    @property
    def time_zone(self) -> str:
        return self.data.get("time_zone", DEFAULT_TIME_ZONE)

    @property
    def split_window_days(self) -> int:
        """Days within which awards to one supplier for one repository count as one piece of work."""
        return self.data.get("split_window_days", DEFAULT_SPLIT_WINDOW_DAYS)

    @property
    def posting_days(self) -> int:
        """Business days a new opportunity stays open at the least, from the day CI checks it."""
        return self.data.get("posting_days", DEFAULT_POSTING_DAYS)

    @property
    def offer_days(self) -> int:
        """Business days an awarded supplier has to answer the offer before the next in order may be offered it."""
        return self.data.get("offer_days", DEFAULT_OFFER_DAYS)

    @property
    def cure_days(self) -> int:
        """Business days at the least between a cure notice and its deadline."""
        return self.data.get("cure_days", DEFAULT_CURE_DAYS)

    @property
    def departments(self) -> dict[str, dict[str, Any]]:
        return self.data.get("departments", {})

    @property
    def skills(self) -> dict[str, dict[str, str]]:
        return self.data.get("skills", {})

    @property
    def site_url(self) -> str:
        return self.data.get("site_url", "")

    @property
    def repository(self) -> str:
        return self.data.get("repository", "")


@dataclass(frozen=True)
class Opportunity:
    """One opportunity folder: its opportunity.yaml and, when present, award.yaml, bids.yaml, evaluation.yaml and
    selection.yaml (the last two read by site_builder.selection), and the maintainers' corrections.yaml; `texts`
    holds the archive's files by their name in the folder (`bids/0001.md`, a sealed one's `bids/0001.plaintext.md`),
    as validation read and checked them against bids.yaml, so the page publishes them without reading again."""

    folder: str
    document: Document
    award_document: Document | None = None
    bids_document: Document | None = None
    evaluation_document: Document | None = None
    selection_document: Document | None = None
    corrections_document: Document | None = None
    texts: Mapping[str, bytes] = field(default_factory=dict, compare=False, repr=False)

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def department(self) -> str:
        return self.data["department"]

    @property
    def status(self) -> str:
        return self.data["status"]

    @property
    def award(self) -> dict[str, Any] | None:
        return self.award_document.data if self.award_document else None

    @property
    def bids(self) -> dict[str, Any] | None:
        return self.bids_document.data if self.bids_document else None

    @property
    def corrections(self) -> list[dict[str, Any]]:
        """The maintainers' corrections, oldest first (none: an empty list)."""
        return self.corrections_document.data["corrections"] if self.corrections_document else []


@dataclass(frozen=True)
class Marketplace:
    """The whole repository, loaded and valid: settings plus opportunities sorted by id (and, when loaded to
    keep going, the folders set aside as broken)."""

    root: Path
    settings: Settings
    opportunities: tuple[Opportunity, ...]
    # Folders set aside because their files do not validate (`load_marketplace(keep_going=True)`), with their
    # problems: the others are still announced, closed, archived and published; these are reported.
    broken: dict[str, tuple[Problem, ...]] = field(default_factory=dict)

    def by_id(self) -> dict[str, Opportunity]:
        return {opp.id: opp for opp in self.opportunities}

"""Where the selection's files live in an opportunity folder, loaded strictly with the positions of every value.

evaluation.yaml  written by the buyer after closing (schema/evaluation.schema.json)
selection.yaml   written by automation: the commitment, then the draw (schema/selection.schema.json)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.model import Document, Opportunity, Problem
from site_builder.sources import WorkingTree
from site_builder.validate import checked_document

EVALUATION_FILE = "evaluation.yaml"
SELECTION_FILE = "selection.yaml"
EVALUATION_SCHEMA_HINT = "../../../schema/evaluation.schema.json"
SELECTION_SCHEMA_HINT = "../../../schema/selection.schema.json"
FIELDS = (  # selection.yaml's fields in the order automation writes them: the commitment, then the draw
    "opportunity",
    "chain_hash",
    "bids_digest",
    "evaluation_digest",
    "round",
    "committed_at",
    "commitment",
    "signature",
    "randomness",
    "seed",
    "order",
)


@dataclass(frozen=True)
class Records:
    """An opportunity's evaluation and selection record, each None while absent or unreadable."""

    evaluation: Document | None
    selection: Document | None
    problems: tuple[Problem, ...] = ()


def read_records(root: Path, opp: Opportunity) -> Records:
    """Load and schema-check evaluation.yaml and selection.yaml beside the opportunity; problems kept, not raised."""
    if opp.evaluation_document is not None or opp.selection_document is not None:
        return Records(opp.evaluation_document, opp.selection_document)  # read and checked by the validator
    problems: list[Problem] = []
    evaluation = _load(root, f"{opp.folder}/{EVALUATION_FILE}", "evaluation", problems)
    selection = _load(root, f"{opp.folder}/{SELECTION_FILE}", "selection", problems)
    return Records(evaluation, selection, tuple(problems))


def _load(root: Path, name: str, kind: str, problems: list[Problem]) -> Document | None:
    """A file written since the opportunity was read (the validator's own loader, from the working tree)."""
    path = root / name
    if not path.exists() and not path.is_symlink():
        return None
    return checked_document(WorkingTree(root), name, kind, problems)

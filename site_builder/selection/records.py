"""The selection's files of an opportunity folder: their names, schema hints and selection.yaml's field order, and
the selection as its one record says it (`selected`), which the pages and the exports both read.

evaluation.yaml  written by the buyer after closing (schema/evaluation.schema.json)
selection.yaml   written by automation: the commitment, then the draw (schema/selection.schema.json)
"""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.model import Document, Opportunity
from site_builder.selection.evaluation import qualified

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
    """An opportunity's evaluation and selection record, each None while absent."""

    evaluation: Document | None
    selection: Document | None


def records_of(opp: Opportunity) -> Records:
    """The records the reader loaded and schema-checked beside the opportunity (never read again here)."""
    return Records(opp.evaluation_document, opp.selection_document)


@dataclass(frozen=True, slots=True)
class Selected:
    """How the work was given out: `random-draw` or `sole-qualified`, who qualified, and the drawn order."""

    method: str
    qualified: tuple[str, ...]
    order: tuple[str, ...]


def selected(opp: Opportunity) -> Selected | None:
    """The selection as its one record says it. For a public draw (the folder has selection.yaml) that is the
    records: the qualified applicants derived from evaluation.yaml, the order from selection.yaml, the method
    from their number (a draw among several, or the only one), never award.yaml's `selection`, which restates
    them and may restate them wrongly. For a legacy draw, award.yaml's `selection` is the record. None before
    either exists."""
    records = records_of(opp)
    if records.selection is not None:
        order = tuple(records.selection.data.get("order") or ())
        passed = tuple(qualified(records.evaluation.data)) if records.evaluation is not None else order
        return Selected("random-draw" if len(passed) > 1 else "sole-qualified", passed, order)
    if opp.award is None:
        return None
    written = opp.award["selection"]
    return Selected(written["method"], tuple(written["qualified"]), tuple(written.get("order") or ()))

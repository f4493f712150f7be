"""The selection's files of an opportunity folder: their names, schema hints and selection.yaml's field order.

evaluation.yaml  written by the buyer after closing (schema/evaluation.schema.json)
selection.yaml   written by automation: the commitment, then the draw (schema/selection.schema.json)
"""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.model import Document, Opportunity

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

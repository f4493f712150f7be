"""/data/opportunities.json: the whole marketplace in one versioned document.

Each opportunity's `opportunity`, `award`, `evaluation` and `selection` are the YAML files exactly as written
(so a reader can rebuild the repository's data from this file alone); what is derived (status at publication, links,
the bids summary, the ocid) sits beside them. Its JSON Schema is schema/opportunities-data.schema.json.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from site_builder import paths
from site_builder.export.common import LICENCE_URL, iso, json_bytes_streamed, site_url
from site_builder.export.facts import ProcessFacts, process_facts
from site_builder.lifecycle import effective_status
from site_builder.model import Marketplace, Opportunity
from site_builder.pages import Asset, BuildContext
from site_builder.paths import opportunity_url

FORMAT_VERSION = "1.0"


def _envelope(marketplace: Marketplace, context: BuildContext) -> dict[str, Any]:
    """The document without its opportunities."""
    base = site_url(marketplace, context)
    settings = marketplace.settings
    return {
        "version": FORMAT_VERSION,
        "$schema": paths.absolute(base, paths.OPPORTUNITIES_SCHEMA),
        "published": iso(context.published),
        "license": LICENCE_URL,
        "marketplace": {
            "name": settings.data["name"],
            "site_url": base,
            "repository": settings.repository,
            "threshold": settings.threshold,
            "time_zone": settings.time_zone,
            "ocid_prefix": settings.data["ocid_prefix"],
            "departments": {code: _department(entry) for code, entry in settings.departments.items()},
        },
    }


def _entries(
    marketplace: Marketplace, context: BuildContext, facts: dict[str, ProcessFacts]
) -> Iterator[dict[str, Any]]:
    base = site_url(marketplace, context)
    prefix = marketplace.settings.data["ocid_prefix"]
    for opp in marketplace.opportunities:
        yield _entry(opp, prefix, context, base, facts[opp.id])


def _department(entry: dict[str, Any]) -> dict[str, Any]:
    public = {"name": entry["name"], "abbreviation": entry["abbreviation"]}
    if "owner_org" in entry:
        public["owner_org"] = entry["owner_org"]
    return public


def _entry(opp: Opportunity, prefix: str, context: BuildContext, base: str, facts: ProcessFacts) -> dict[str, Any]:
    return {
        "id": opp.id,
        "department": opp.department,
        "status": effective_status(opp.data, context.published),
        "ocid": f"{prefix}-{opp.id}",
        "links": {lang: opportunity_url(base, lang, opp.id) for lang in ("en", "fr")},
        "opportunity": opp.data,
        "award": opp.award,
        "evaluation": opp.evaluation_document.data if opp.evaluation_document else None,
        "selection": opp.selection_document.data if opp.selection_document else None,
        "bids": facts.bids,
    }


BATCH = 500  # entries encoded at a time


def asset(marketplace: Marketplace, context: BuildContext, facts: dict[str, ProcessFacts] | None = None) -> Asset:
    """The document, encoded a few hundred entries at a time (`common.json_bytes_streamed`). Statuses are
    those at `context.published`, so the file depends on commits only."""
    facts = facts if facts is not None else process_facts(marketplace)
    entries = _entries(marketplace, context, facts)
    batches = iter(lambda: list(islice(entries, BATCH)), [])
    return Asset(
        paths.OPPORTUNITIES_JSON, json_bytes_streamed(_envelope(marketplace, context), "opportunities", batches)
    )

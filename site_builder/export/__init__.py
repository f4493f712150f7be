"""Open data: the marketplace as machine-readable files (and the pages that present them).

`outputs` is the single entry point the site build calls; each format lives in its own module.
"""

from __future__ import annotations

from site_builder.model import Marketplace
from site_builder.pages import Asset, BuildContext, Page


def outputs(marketplace: Marketplace, context: BuildContext) -> list[Page | Asset]:
    """Every open-data file and data page of the marketplace (filled in by the open-data work)."""
    return []

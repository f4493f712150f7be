"""What the open-data tests share besides fixtures: the build of one marketplace's exports, the fixed clock."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from site_builder.export import assets
from site_builder.model import Document, Marketplace
from site_builder.pages import BuildContext, Page
from site_builder.render import about_pages
from site_builder.validate import load_marketplace

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
PUBLISHED = datetime(2026, 11, 24, 12, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Built:
    """One marketplace, its build context and everything the exports made from it."""

    root: Path
    marketplace: Marketplace
    context: BuildContext
    files: dict[str, bytes]
    pages: dict[str, Page]


def build(root: Path) -> Built:
    marketplace = load_marketplace(root)
    context = BuildContext(now=NOW, published=PUBLISHED, site_url="")
    files = {asset.path: asset.content for asset in assets(marketplace, context)}
    generated = {page.src_uri: page for page in about_pages(marketplace, context)}
    return Built(root, marketplace, context, files, generated)


ANSWER_LINK = "https://github.com/gc-devex/marketplace/discussions/1#comment-99"


def with_award(marketplace: Marketplace, ident: str, change: dict[str, Any]) -> Marketplace:
    """The marketplace with `change` made to `ident`'s award.yaml, in memory: for cases the validator does not
    know yet (the exports are given the loaded marketplace, they never validate it again)."""
    opp = marketplace.by_id()[ident]
    assert opp.award_document is not None
    document = Document(opp.award_document.file, {**opp.award_document.data, **change})
    changed = replace(opp, award_document=document)
    return replace(marketplace, opportunities=tuple(changed if o.id == ident else o for o in marketplace.opportunities))


def unanswered_then_accepted(marketplace: Marketplace) -> Marketplace:
    """tbs-2026-003 with its first offer left unanswered by its deadline (instead of declined), and the current
    supplier's answer accepting the offer, as automation records them (issue 20)."""
    award = marketplace.by_id()["tbs-2026-003"].award
    assert award is not None
    first, *rest = award["previous"]
    unanswered = {
        "supplier": first["supplier"],
        "outcome": "no-answer",
        "offered": "2026-06-03",
        "answer_by": "2026-06-05",
    }
    answer = {"kind": "accepted", "date": "2026-06-30", "link": ANSWER_LINK}
    return with_award(marketplace, "tbs-2026-003", {"previous": [unanswered, *rest], "answer": answer})

"""What the open-data tests share besides fixtures: the build of one marketplace's exports, the fixed clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from site_builder.export import assets
from site_builder.model import Marketplace
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

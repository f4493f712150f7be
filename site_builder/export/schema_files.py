"""/schema/*.json: every JSON Schema of the repository, published as-is so readers can validate the data.

The schemas refer to each other by relative `$ref`, so they only work together: all of them are published.
"""

from __future__ import annotations

from site_builder import paths
from site_builder.pages import Asset
from site_builder.schemas import SCHEMA_DIR


def assets() -> list[Asset]:
    return [Asset(paths.schema_file(path.name), path.read_bytes()) for path in sorted(SCHEMA_DIR.glob("*.schema.json"))]

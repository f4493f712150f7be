"""Small helpers every export shares: deterministic JSON, RFC 3339 dates, the site's address.

Determinism is the contract of this package: the same repository gives byte-identical files. So JSON is
written with sorted keys, dates come only from the data (or `BuildContext.published`), and nothing here
reads the clock.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any

from site_builder.locale import start_of_day
from site_builder.model import Marketplace
from site_builder.pages import BuildContext
from site_builder.paths import base_url

LICENCE = {
    "en": ("Open Government Licence - Canada", "https://open.canada.ca/en/open-government-licence-canada"),
    "fr": (
        "Licence du gouvernement ouvert - Canada",
        "https://ouvert.canada.ca/fr/licence-du-gouvernement-ouvert-canada",
    ),
}
LICENCE_URL = LICENCE["en"][1]
CURRENCY = "CAD"


JSON_SEPARATORS = (",", ":")
# Python's json module uses its C encoder only without `indent`: compact JSON is several times cheaper to
# write (and about a quarter smaller) than indented JSON; people read it through a JSON viewer anyway.
# Without the circular-reference check: the data are trees (the loader refuses YAML anchors and aliases).
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=JSON_SEPARATORS, check_circular=False)


def json_bytes_streamed(document: dict[str, Any], key: str, batches: Iterable[list[Any]]) -> bytes:
    """Canonical compact JSON (sorted keys, no whitespace, UTF-8, one final newline) of
    `document | {key: <every batch's items, in order>}`, encoded a batch at
    a time: the long list (thousands of OCDS releases) never sits in memory as objects, only as text, and
    the text is copied once, into the file's bytes."""
    parts = [b"{"]
    for number, name in enumerate(sorted({**document, key: None})):
        parts.append(b"," if number else b"")
        parts.append(_ENCODER.encode(name).encode("utf-8") + b":")
        if name != key:
            parts.append(_ENCODER.encode(document[name]).encode("utf-8"))
            continue
        parts.append(b"[")
        for count, batch in enumerate(batch for batch in batches if batch):
            parts.append(b"," if count else b"")
            parts.append(_ENCODER.encode(batch)[1:-1].encode("utf-8"))
        parts.append(b"]")
    parts.append(b"}\n")
    return b"".join(parts)


@lru_cache(maxsize=4096)
def iso_day(day: str, zone: str) -> str:
    """A calendar date of the files as RFC 3339 midnight in the marketplace's time zone. Cached: thousands of
    opportunities share a few hundred dates."""
    return iso(start_of_day(day, zone))


def iso(moment: datetime) -> str:
    """RFC 3339 text of an aware datetime, with its offset, to the second."""
    return moment.replace(microsecond=0).isoformat()


def site_url(marketplace: Marketplace, context: BuildContext) -> str:
    """The site's base address, ending in a slash: the build's own, or the one in marketplace.yaml."""
    return base_url(context.site_url or marketplace.settings.site_url)

"""Small helpers every export shares: deterministic JSON, dates in the marketplace's zone, site addresses.

Determinism is the contract of this package: the same repository gives byte-identical files. So JSON is
written with sorted keys, dates come only from the data (or `BuildContext.published`), and nothing here
reads the clock.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from site_builder.model import Marketplace
from site_builder.pages import BuildContext

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


def json_bytes(data: Any) -> bytes:
    """Canonical compact JSON: sorted keys, no whitespace, UTF-8, one final newline."""
    return (_ENCODER.encode(data) + "\n").encode("utf-8")


def json_bytes_streamed(document: dict[str, Any], key: str, batches: Iterable[list[Any]]) -> bytes:
    """The same bytes as `json_bytes(document | {key: <every batch's items, in order>})`, encoded a batch at
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
def day_start(day: str, zone: str) -> datetime:
    """A calendar date of the files as midnight in the marketplace's time zone (aware). Cached: thousands of
    opportunities share a few hundred dates, and datetimes are immutable."""
    return datetime.combine(date.fromisoformat(day), time(0), ZoneInfo(zone))


@lru_cache(maxsize=4096)
def iso_day(day: str, zone: str) -> str:
    """`iso(day_start(day, zone))`, cached for the same reason."""
    return iso(day_start(day, zone))


def iso(moment: datetime) -> str:
    """RFC 3339 text of an aware datetime, with its offset, to the second."""
    return moment.replace(microsecond=0).isoformat()


def site_url(marketplace: Marketplace, context: BuildContext) -> str:
    """The site's base address, ending in a slash: the build's own, or the one in marketplace.yaml."""
    base = context.site_url or marketplace.settings.site_url
    return base if base.endswith("/") else base + "/"


def page_url(base: str, lang: str, path: str) -> str:
    """Address of a site page: English at the top, French under fr/ (`opportunities/<id>/`)."""
    return f"{base}{'fr/' if lang == 'fr' else ''}{path}"


def opportunity_url(base: str, lang: str, opportunity_id: str) -> str:
    return page_url(base, lang, f"opportunities/{opportunity_id}/")


def marketplace_name(marketplace: Marketplace, lang: str) -> str:
    name = marketplace.settings.data.get("name", {})
    return name.get(lang) or "GC Developers Exchange"


def department_name(marketplace: Marketplace, code: str, lang: str) -> str:
    department = marketplace.settings.departments.get(code, {})
    return department.get("name", {}).get(lang, code)


def department_abbreviation(marketplace: Marketplace, code: str, lang: str) -> str:
    department = marketplace.settings.departments.get(code, {})
    return department.get("abbreviation", {}).get(lang, code.upper())

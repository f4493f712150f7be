"""The open.canada.ca "contracts" dataset as its own published schema defines it: the recombinant table
definition `contracts.yaml` and its country code list, kept verbatim in tests/fixtures/ckanext-canada/
(source, commit and licence in tests/fixtures/README.md). Read with PyYAML, independently of the project.

Columns: the public fields of the `contracts` resource (not `visible_to_public: false`) in their order,
plus `owner_org` and `owner_org_title`, which the portal adds to every published row. Choices: each coded
column's codes (but the quarters of `reporting_period`). Multiple: the columns holding several codes
(`_text`). Discontinued: codes marked so, by a flag or in their English label."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from tests.prerequisites import fixture_file

PORTAL_COLUMNS = ("owner_org", "owner_org_title")
# The quarters drop-down (choices/quarter.yaml) grows every quarter: the tests check its format instead.
ROLLING_CHOICES = frozenset({"reporting_period"})


@dataclass(frozen=True)
class Dataset:
    columns: list[str]
    choices: dict[str, list[str]]
    multiple: list[str]
    discontinued: dict[str, list[str]]


@cache
def contracts_dataset() -> Dataset:
    table = yaml.load(fixture_file("ckanext-canada/contracts.yaml").read_bytes(), Loader=yaml.CSafeLoader)
    resource = next(item for item in table["resources"] if item["resource_name"] == "contracts")
    fields = [field for field in resource["fields"] if field.get("visible_to_public", True)]
    coded = [field for field in fields if field["datastore_id"] not in ROLLING_CHOICES]
    choices = {field["datastore_id"]: _codes(field) for field in coded if "choices" in field or "choices_file" in field}
    discontinued = {
        field["datastore_id"]: sorted(str(code) for code, about in field["choices"].items() if _retired(about))
        for field in coded
        if any(_retired(about) for about in field.get("choices", {}).values())
    }
    return Dataset(
        columns=[field["datastore_id"] for field in fields] + list(PORTAL_COLUMNS),
        choices=dict(sorted(choices.items())),
        multiple=[field["datastore_id"] for field in fields if field["datastore_type"] == "_text"],
        discontinued=discontinued,
    )


def _retired(about: dict[str, Any]) -> bool:
    """Marked `discontinued: true`, or only said so in its label ("... (discontinued as of 2022-01-01)")."""
    return bool(about.get("discontinued")) or "(discontinued" in str(about.get("en", ""))


def _codes(field: dict[str, Any]) -> list[str]:
    if "choices_file" in field:
        named = json.loads(fixture_file(f"ckanext-canada/{field['choices_file']}").read_text("utf-8"))
        return sorted(named)
    return sorted(str(code) for code in field.get("choices", {}))

"""/data/opportunities.json: valid against its published JSON Schema, and a faithful copy of the YAML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from site_builder.load import load_file
from site_builder.schemas import SCHEMA_DIR

PATH = "data/opportunities.json"


def validator() -> Draft202012Validator:
    """The published schema with the schemas it refers to, resolved the way a reader would: all of /schema/."""
    documents = [json.loads(path.read_text("utf-8")) for path in SCHEMA_DIR.glob("*.schema.json")]
    registry = Registry().with_resources((doc["$id"], Resource.from_contents(doc)) for doc in documents)
    schema = json.loads((SCHEMA_DIR / "opportunities-data.schema.json").read_text("utf-8"))
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_the_document_is_valid_against_its_schema(every):
    document = json.loads(every.files[PATH])
    errors = sorted(validator().iter_errors(document), key=lambda error: list(error.path))
    assert not errors, [f"{list(error.path)}: {error.message}" for error in errors[:5]]
    assert len(document["opportunities"]) == len(every.marketplace.opportunities)


def test_the_schema_rejects_a_document_that_breaks_it(small):
    document = json.loads(small.files[PATH])
    document["opportunities"][0]["opportunity"]["value"] = -1
    del document["opportunities"][1]["links"]
    found = {tuple(error.path)[:3] for error in validator().iter_errors(document)}
    assert ("opportunities", 0, "opportunity") in found
    assert ("opportunities", 1) in found


def test_the_schema_takes_the_evaluation_and_the_selection_record_as_their_own_schemas_say(small):
    document = json.loads(small.files[PATH])
    entry = next(e for e in document["opportunities"] if e["bids"])
    reason = {"en": "Linked merged work.", "fr": "Travail fusionné fourni."}
    entry["evaluation"] = {
        "opportunity": entry["id"],
        "applicants": [{"login": "alice-dev", "criteria": [{"criterion": 1, "result": "pass", "reason": reason}]}],
    }
    entry["selection"] = {
        "opportunity": entry["id"],
        **{key: "0" * 64 for key in ("chain_hash", "bids_digest", "evaluation_digest", "commitment")},
        "round": 10024141,
        "committed_at": "2026-11-20T15:04:05Z",
    }
    assert not list(validator().iter_errors(document))
    entry["selection"]["signature"] = "ab" * 48  # a signature without the randomness, seed and order it implies
    entry["evaluation"]["applicants"][0]["criteria"][0]["result"] = "maybe"
    found = {tuple(error.path)[:3] for error in validator().iter_errors(document)}
    index = document["opportunities"].index(entry)
    assert {("opportunities", index, "evaluation"), ("opportunities", index, "selection")} <= found


def _yaml(root: Path, folder: str, name: str):
    path = root / folder / name
    return load_file(path, name).data if path.exists() else None


def test_round_trip_reads_back_exactly_the_yaml(every):
    """Reading the published file back gives each opportunity.yaml and award.yaml as written on disk."""
    document = json.loads(every.files[PATH])
    folders = {path.parent.name: path.parent for path in (every.root / "opportunities").glob("*/*/opportunity.yaml")}
    assert sorted(entry["id"] for entry in document["opportunities"]) == sorted(folders)
    for entry in document["opportunities"]:
        folder = folders[entry["id"]]
        assert entry["opportunity"] == _yaml(folder, "", "opportunity.yaml")
        assert entry["award"] == _yaml(folder, "", "award.yaml")
        assert entry["evaluation"] == _yaml(folder, "", "evaluation.yaml")
        assert entry["selection"] == _yaml(folder, "", "selection.yaml")
        bids = _yaml(folder, "", "bids.yaml")
        assert (entry["bids"] is None) == (bids is None)
        if bids:
            assert entry["bids"]["comments"] == len(bids["bids"])
            assert entry["bids"]["digest"] == bids["digest"]


def test_derived_fields_follow_the_data(small):
    document = json.loads(small.files[PATH])
    entries = {entry["id"]: entry for entry in document["opportunities"]}
    assert document["published"] == "2026-11-24T12:30:00+00:00"
    assert entries["esdc-2026-005"]["status"] == "closed"  # open in the file, past closing at publication
    assert entries["esdc-2027-001"]["status"] == "open"
    assert entries["tbs-2026-001"]["bids"] == {
        "comments": 3,
        "on_time": 3,
        "late": 0,
        "edited_after_closing": 0,
        "applicants": 2,  # the bot's comment is not an application
        "late_applicants": 0,
        "digest": entries["tbs-2026-001"]["bids"]["digest"],
        "taken": "2026-01-20T14:15:00-05:00",
    }
    assert entries["esdc-2026-002"]["bids"]["late"] == 1
    assert entries["esdc-2026-002"]["bids"]["late_applicants"] == 1  # carol, who applied after closing
    assert entries["tbs-2026-001"]["ocid"] == "ocds-gcdx01-tbs-2026-001"
    assert (
        entries["tbs-2026-001"]["links"]["fr"]
        == "https://gc-devex.github.io/marketplace/fr/opportunities/tbs-2026-001/"
    )


@pytest.mark.parametrize("name", ["opportunities-data", "opportunity", "award", "bids", "marketplace", "text"])
def test_every_schema_is_published_beside_the_data(small, name):
    published = small.files[f"schema/{name}.schema.json"]
    assert published == (SCHEMA_DIR / f"{name}.schema.json").read_bytes()
    Draft202012Validator.check_schema(json.loads(published))

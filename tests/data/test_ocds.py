"""/data/ocds.json: passes the field's own validator (libcoveocds, offline with the standard's zip) with no
validation error, no conformance error and no value outside a closed codelist; ids and events are stable."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from libcoveocds.api import ocds_json_output
from libcoveocds.config import LibCoveOCDSConfig
from open_data_support import unanswered_then_accepted

from site_builder.export import ocds
from site_builder.export.facts import process_facts
from site_builder.model import Document
from tests.prerequisites import fixture_file, program

PATH = "data/ocds.json"


def cove(data: dict, standard_zip: Path, tmp_path: Path) -> dict:
    """libcoveocds's API as its command line calls it, reading the standard from the zip (no network)."""
    config = LibCoveOCDSConfig()
    config.config["standard_zip"] = f"file://{standard_zip}"
    config.config["context"] = "api"
    return ocds_json_output(str(tmp_path), json_data=data, lib_cove_ocds_config=config)


@pytest.fixture(scope="session")
def standard_zip() -> Path:
    return fixture_file("ocds/standard-1__1__5.zip")


def assert_clean(result: dict) -> None:
    assert result["validation_errors"] == [], result["validation_errors"][:3]
    assert not result.get("conformance_errors"), result.get("conformance_errors")
    assert result["additional_closed_codelist_values"] == {}, result["additional_closed_codelist_values"]


def test_libcoveocds_finds_nothing_wrong(every, standard_zip, tmp_path):
    package = json.loads(every.files[PATH])
    result = cove(package, standard_zip, tmp_path)
    assert_clean(result)
    assert result["version_used"] == "1.1"
    assert result["unique_ocids_count"] == len(every.marketplace.opportunities)


def test_libcoveocds_command_line_agrees(small, standard_zip, tmp_path):
    target = tmp_path / "ocds.json"
    target.write_bytes(small.files[PATH])
    command = [str(program("libcoveocds")), "--standard-zip", str(standard_zip), str(target)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert_clean(json.loads(done.stdout))


@pytest.mark.parametrize(
    ("damage", "kind"),
    [
        (lambda release: release.update(tag=["finished"]), "additional_closed_codelist_values"),
        (lambda release: release.pop("date"), "validation_errors"),
        (lambda release: release.update(ocid="gcdx-" + release["ocid"]), "conformance_errors"),
    ],
)
def test_the_validator_does_catch_mistakes(small, standard_zip, tmp_path, damage, kind):
    package = json.loads(small.files[PATH])
    for release in package["releases"]:
        damage(release)
    assert cove(package, standard_zip, tmp_path).get(kind)


def _by_ocid(package: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for release in package["releases"]:
        found.setdefault(release["ocid"], []).append(release)
    return found


def test_one_release_per_event_in_order(small):
    processes = _by_ocid(json.loads(small.files[PATH]))
    ids = {
        ocid: [release["id"].removeprefix(ocid + "-") for release in releases] for ocid, releases in processes.items()
    }
    assert ids["ocds-gcdx01-esdc-2027-001"] == ["tender", "addendum-1"]
    assert ids["ocds-gcdx01-esdc-2026-002"] == ["tender", "closed"]
    assert ids["ocds-gcdx01-tbs-2026-001"] == ["tender", "closed", "award", "contract", "delivered", "accepted", "paid"]
    assert ids["ocds-gcdx01-ssc-2026-002"] == [
        *("tender", "closed", "award", "contract", "cure-notice", "terminated", "cancelled")
    ]
    assert ids["ocds-gcdx01-tbs-2026-003"] == [
        "tender",
        "closed",
        "award-1",
        "award-1-declined",
        "award-2",
        "contract-2",
        "contract-2-cure-notice",
        "contract-2-terminated",
        "award",
        "contract",
    ]
    assert ids["ocds-gcdx01-esdc-2026-003"] == ["tender", "closed", "unsuccessful"]
    assert ids["ocds-gcdx01-esdc-2026-004"] == ["tender", "addendum-1", "cancelled"]
    for releases in processes.values():
        moments = [datetime.fromisoformat(release["date"]) for release in releases]
        assert moments == sorted(moments)


def test_releases_carry_what_each_event_changed(small):
    processes = _by_ocid(json.loads(small.files[PATH]))
    completed = {release["id"].rsplit("-", 1)[-1]: release for release in processes["ocds-gcdx01-tbs-2026-001"]}
    assert completed["tender"]["tender"]["tenderPeriod"]["endDate"] == "2026-01-20T14:00:00-05:00"
    assert completed["tender"]["tender"]["title_fr"].startswith("Corriger")
    assert completed["closed"]["tender"]["numberOfTenderers"] == 2
    assert completed["award"]["awards"][0]["value"] == {"amount": 7500, "currency": "CAD"}
    assert completed["paid"]["contracts"][0]["status"] == "terminated"
    assert completed["paid"]["contracts"][0]["implementation"]["transactions"][0]["date"] == "2026-03-20T00:00:00-04:00"
    terminated = processes["ocds-gcdx01-ssc-2026-002"][-2]
    assert terminated["tag"] == ["contractTermination"]
    assert terminated["contracts"][0]["amendments"][0]["rationale"] == "No work was delivered by the delivery date."
    assert terminated["contracts"][0]["milestones"][0] == {
        "id": "delivery",
        "title": "Delivery of the work by pull request",
        "type": "delivery",
        "status": "notMet",
        "dueDate": "2026-05-29T00:00:00-04:00",
    }
    cancelled = processes["ocds-gcdx01-esdc-2026-004"][-1]
    assert (cancelled["tag"], cancelled["tender"]["status"]) == (["tenderCancellation"], "cancelled")


def test_a_cancellation_gives_its_reason_as_a_cancellation_details_document(small):
    """OCDS 1.1's core has no field for why a tender was cancelled: the reason is a tender document of the
    `cancellationDetails` type, in both languages, dated by the file, in the release that cancels."""
    processes = _by_ocid(json.loads(small.files[PATH]))
    before_closing = processes["ocds-gcdx01-esdc-2026-004"][-1]
    assert before_closing["date"] == "2026-08-25T00:00:00-04:00"
    assert before_closing["tender"]["documents"] == [
        {
            "id": "cancellation",
            "documentType": "cancellationDetails",
            "title": "Reason for the cancellation",
            "title_fr": "Motif de l'annulation",
            "description": "The team fixed it while upgrading the toolkit.",
            "description_fr": "L'équipe l'a corrigé en mettant à niveau l'outil.",
            "datePublished": "2026-08-25T00:00:00-04:00",
            "url": "https://gc-devex.github.io/marketplace/opportunities/esdc-2026-004/#cancellation",
            "format": "text/html",
        }
    ]
    after_award = processes["ocds-gcdx01-ssc-2026-002"][-1]  # the tender had completed: it stays complete
    assert (after_award["tag"], after_award["tender"]["status"]) == (["tenderUpdate"], "complete")
    assert after_award["tender"]["documents"][0]["description"].startswith("The contract was terminated;")
    merged: dict[str, dict] = {}
    for release in processes["ocds-gcdx01-esdc-2026-004"]:
        for document in release.get("tender", {}).get("documents", []):
            merged[document["id"]] = document
    assert set(merged) == {"notice-en", "notice-fr", "cancellation"}  # merged by id with the notices


def test_package_metadata(small):
    package = json.loads(small.files[PATH])
    assert package["publishedDate"] == "2026-11-24T12:30:00Z"
    assert package["uri"] == "https://gc-devex.github.io/marketplace/data/ocds.json"
    assert package["license"] == "https://open.canada.ca/en/open-government-licence-canada"
    ids = [release["id"] for release in package["releases"]]
    assert len(ids) == len(set(ids))


def test_every_attempt_is_an_award_and_every_contract_stays(small):
    """Merging tbs-2026-003's releases as OCDS does gives three awards (cancelled: declined; active, with a
    terminated contract after its cure notice; active, the contract that stands) and two contracts."""
    releases = _by_ocid(json.loads(small.files[PATH]))["ocds-gcdx01-tbs-2026-003"]
    awards: dict[str, dict] = {}
    contracts: dict[str, dict] = {}
    for release in releases:
        for award in release.get("awards", []):
            awards.setdefault(award["id"], {}).update(award)
        for contract in release.get("contracts", []):
            merged = contracts.setdefault(contract["id"], {})
            documents = merged.get("implementation", {}).get("documents", [])
            merged.update(contract)
            if documents:
                merged.setdefault("implementation", {}).setdefault("documents", []).extend(documents)
    assert {ident: award["status"] for ident, award in awards.items()} == {
        "tbs-2026-003-award-1": "cancelled",
        "tbs-2026-003-award-2": "active",
        "tbs-2026-003-award": "active",
    }
    assert awards["tbs-2026-003-award-1"]["documents"][0]["url"].startswith("https://github.com/")
    assert {ident: contract["status"] for ident, contract in contracts.items()} == {
        "tbs-2026-003-contract-2": "terminated",
        "tbs-2026-003-contract": "active",
    }
    assert contracts["tbs-2026-003-contract-2"]["awardID"] == "tbs-2026-003-award-2"
    notice = next(r for r in releases if r["id"].endswith("contract-2-cure-notice"))
    document = notice["contracts"][0]["implementation"]["documents"][0]
    assert document["datePublished"].startswith("2026-06-17") and "June 24" in document["description"]


def test_a_relaunch_names_the_process_it_posts_again(small):
    """`replaces` becomes a related process of the tender release, by ocid, with the relationship OCDS 1.1.5's
    codelist has for it: `prior` for a cancelled process, `unsuccessfulProcess` for an unsuccessful one."""
    processes = _by_ocid(json.loads(small.files[PATH]))
    uri = "https://gc-devex.github.io/marketplace/data/ocds.json"
    after_cancelled = processes["ocds-gcdx01-esdc-2027-001"][0]
    assert after_cancelled["id"].endswith("-tender")
    assert after_cancelled["relatedProcesses"] == [
        {
            "id": "esdc-2026-004",
            "relationship": ["prior"],
            "title": "Fix issue 004 in the esdc toolkit",
            "scheme": "ocid",
            "identifier": "ocds-gcdx01-esdc-2026-004",
            "uri": uri,
        }
    ]
    after_unsuccessful = processes["ocds-gcdx01-esdc-2026-002"][0]
    assert after_unsuccessful["relatedProcesses"][0]["relationship"] == ["unsuccessfulProcess"]
    assert after_unsuccessful["relatedProcesses"][0]["identifier"] == "ocds-gcdx01-esdc-2026-003"
    named = {r["ocid"] for releases in processes.values() for r in releases if "relatedProcesses" in r}
    assert named == {"ocds-gcdx01-esdc-2027-001", "ocds-gcdx01-esdc-2026-002"}


def test_a_relaunch_naming_no_opportunity_of_the_marketplace_is_skipped(small):
    """The validator refuses such a `replaces`; the export must still not fail on it, nor invent a process."""
    opp = small.marketplace.by_id()["esdc-2027-001"]
    unknown = replace(opp, document=Document(opp.document.file, {**opp.data, "replaces": "esdc-2020-999"}))
    others = tuple(unknown if o.id == opp.id else o for o in small.marketplace.opportunities)
    [asset] = ocds.assets(replace(small.marketplace, opportunities=others), small.context)
    tender = next(r for r in json.loads(asset.content)["releases"] if r["id"] == "ocds-gcdx01-esdc-2027-001-tender")
    assert "relatedProcesses" not in tender


def test_an_offer_left_unanswered_is_an_award_pending_then_cancelled(small, standard_zip, tmp_path):
    """Like a decline, on the offer's deadline (`answer_by`), with no comment to link to and no contract."""
    marketplace = unanswered_then_accepted(small.marketplace)
    events = [(e.kind, e.moment.date().isoformat()) for e in process_facts(marketplace)["tbs-2026-003"].events]
    assert ("attempt-no-answer", "2026-06-05") in events and not any(k == "attempt-declined" for k, _ in events)
    [asset] = ocds.assets(marketplace, small.context)
    package = json.loads(asset.content)
    assert_clean(cove(package, standard_zip, tmp_path))
    releases = _by_ocid(package)["ocds-gcdx01-tbs-2026-003"]
    ids = [release["id"].removeprefix("ocds-gcdx01-tbs-2026-003-") for release in releases]
    assert ids[:4] == ["tender", "closed", "award-1", "award-1-no-answer"]
    unanswered = releases[3]
    assert (unanswered["tag"], unanswered["date"]) == (["awardUpdate"], "2026-06-05T00:00:00-04:00")
    assert unanswered["awards"] == [
        {
            "id": "tbs-2026-003-award-1",
            "status": "cancelled",
            "statusDetails": "No answer from the supplier by the offer's deadline, 2026-06-05",
        }
    ]
    assert releases[2]["awards"][0]["status"] == "pending" and "contracts" not in releases[2]
    assert "contract-1" not in ids

"""/data/proactive-disclosure.csv: exactly the columns of the open.canada.ca "contracts" dataset, only its
code values, and the cross-field rules its loader enforces. The dataset is read from its own published
table definition, kept verbatim in tests/fixtures/ckanext-canada/ (contracts_dataset.py)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from site_builder.export.disclosure import COLUMNS, reporting_period
from tests.data.contracts_dataset import contracts_dataset

PATH = "data/proactive-disclosure.csv"
POSTAL = re.compile(r"^[A-Z][0-9][A-Z]$")
QUARTER = re.compile(r"^(\d{4})-(\d{4})-Q[1-4]$")


def read(content: bytes) -> tuple[list[str], list[dict[str, str]]]:
    assert content.startswith(b"\xef\xbb\xbf"), "the portal's CSV files start with a UTF-8 byte-order mark"
    reader = csv.DictReader(io.StringIO(content[3:].decode("utf-8"), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_columns_are_exactly_the_datasets(every):
    header, _ = read(every.files[PATH])
    assert header == contracts_dataset().columns == list(COLUMNS)


def test_coded_columns_use_only_the_datasets_codes(every):
    _, rows = read(every.files[PATH])
    for row in rows:
        for column, codes in contracts_dataset().choices.items():
            value = row[column]
            if not value:
                continue
            parts = value.split(",") if column in contracts_dataset().multiple else [value]
            for part in parts:
                assert part in codes, (row["reference_number"], column, part)
                assert part not in contracts_dataset().discontinued.get(column, []), (column, part)


def test_rules_of_the_datasets_loader_hold(every):
    """The checks the portal's database trigger runs on each row (contracts after 2022)."""
    _, rows = read(every.files[PATH])
    references = [row["reference_number"] for row in rows]
    assert len(references) == len(set(references)) and not any("," in ref for ref in references)
    for row in rows:
        assert (
            row["vendor_postal_code"] == "NA"
            or POSTAL.match(row["vendor_postal_code"])
            or not row["vendor_postal_code"]
        )
        if row["country_of_vendor"] != "CA":
            assert row["vendor_postal_code"] == "NA"
        for required in (
            "procurement_id",
            "vendor_name",
            "buyer_name",
            "economic_object_code",
            "description_en",
            "description_fr",
            "delivery_date",
            "contract_value",
            "original_value",
            "commodity_code",
            "contract_period_start",
            "former_public_servant",
            "reporting_period",
            "owner_org",
        ):
            assert row[required], (row["reference_number"], required)
        assert len(row["economic_object_code"]) <= 4 and len(row["commodity_code"]) <= 8
        assert row["agreement_type_code"] == ""  # archived field: must be blank after 2022
        if row["instrument_type"] == "A":
            assert row["buyer_name"] == "NA" and row["award_criteria"] == "0" and row["amendment_value"]
        if row["solicitation_procedure"] in ("TN", "AC"):
            assert row["number_of_bids"] == "1"
        else:
            assert row["article_6_exceptions"] == "0"
        assert float(row["contract_value"]) == pytest.approx(
            float(row["original_value"]) + float(row["amendment_value"])
        )
        assert QUARTER.match(row["reporting_period"])
        assert row["comments_en"] and row["comments_fr"]


def test_one_contract_row_per_award_and_an_amendment_for_each_termination(every):
    _, rows = read(every.files[PATH])
    awarded = [opp for opp in every.marketplace.opportunities if opp.award]
    contracts = [
        (opp.id, contract)
        for opp in awarded
        for contract in [*[a for a in opp.award.get("previous", []) if a["outcome"] == "terminated"], opp.award]
    ]
    terminated = [ident for ident, contract in contracts if "terminated" in contract]
    assert [row["procurement_id"] for row in rows if row["instrument_type"] == "C"] == [i for i, _ in contracts]
    assert [row["procurement_id"] for row in rows if row["instrument_type"] == "A"] == terminated


def test_each_contract_attempt_has_its_rows_and_a_decline_none(small):
    """tbs-2026-003: the first in the draw declined (no contract, no row), the second's contract was terminated
    after a cure notice (its C and A rows), the third holds the contract that stands."""
    _, rows = read(small.files[PATH])
    by_reference = {row["reference_number"]: row for row in rows if row["procurement_id"] == "tbs-2026-003"}
    assert list(by_reference) == ["tbs-2026-003-P2-C", "tbs-2026-003-P2-A1", "tbs-2026-003-C"]
    award = next(o.award for o in small.marketplace.opportunities if o.id == "tbs-2026-003")
    earlier, amendment, current = by_reference.values()
    assert (
        earlier["vendor_name"] == award["previous"][1]["supplier"]["name"] and earlier["contract_date"] == "2026-06-05"
    )
    assert (amendment["contract_value"], amendment["amendment_value"]) == ("0.00", "-4000.00")
    assert "Nothing delivered." in amendment["comments_en"] and amendment["reporting_period"] == "2026-2027-Q1"
    assert current["vendor_name"] == "Next In Order Inc." and current["contract_date"] == "2026-06-29"


def test_rows_of_the_small_marketplace(small):
    _, rows = read(small.files[PATH])
    by_reference = {row["reference_number"]: row for row in rows}
    contract, amendment = by_reference["ssc-2026-002-C"], by_reference["ssc-2026-002-A1"]
    assert (contract["vendor_name"], contract["vendor_postal_code"], contract["country_of_vendor"]) == (
        "Gustav Holm ApS",
        "NA",
        "DK",
    )
    assert (contract["contract_value"], contract["original_value"], contract["amendment_value"]) == (
        "5000.00",
        "5000.00",
        "0.00",
    )
    assert (amendment["contract_value"], amendment["amendment_value"]) == ("0.00", "-5000.00")
    assert amendment["contract_date"] == contract["contract_date"] == "2026-05-07"
    assert amendment["reporting_period"] == "2026-2027-Q1"
    assert "No work was delivered" in amendment["comments_en"] and "Aucun travail" in amendment["comments_fr"]
    assert by_reference["ssc-2026-001-C"]["former_public_servant"] == "Y"
    assert contract["former_public_servant"] == "N"
    first = by_reference["tbs-2026-001-C"]
    assert (first["number_of_bids"], first["vendor_postal_code"], first["reporting_period"]) == (
        "2",
        "K1A",
        "2025-2026-Q4",
    )
    assert first["owner_org"] == "tbs-sct"
    assert (
        first["owner_org_title"] == "Treasury Board of Canada Secretariat | Secrétariat du Conseil du Trésor du Canada"
    )
    assert first["comments_fr"].endswith("/fr/opportunities/tbs-2026-001/")


@pytest.mark.parametrize(
    ("day", "period"),
    [
        ("2026-03-31", "2025-2026-Q4"),
        ("2026-04-01", "2026-2027-Q1"),
        ("2026-11-20", "2026-2027-Q3"),
        ("2027-01-02", "2026-2027-Q4"),
    ],
)
def test_reporting_period_is_the_fiscal_quarter(day, period):
    assert reporting_period(day) == period

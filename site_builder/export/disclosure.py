"""/data/proactive-disclosure.csv: the awards as rows of the Government of Canada's proactive disclosure of
contracts dataset (open.canada.ca "contracts"), with its column ids and code values.

The columns and codes follow the dataset's published table definition (open-data/ckanext-canada,
ckanext/canada/tables/contracts.yaml; see docs/dev/open-data.md for the commit and every mapping choice).
One `C` (contract) row per contract; a contract terminated for non-delivery adds an `A` (amendment) row whose
`contract_value` is the new total (0: nothing was paid) and whose `amendment_value` is minus the award. Every
contract attempt is a contract: an earlier one terminated before the award that stands (award.yaml's `previous`)
has its own rows, `<id>-P<n>-C` and `<id>-P<n>-A1`. An offer declined, or left unanswered by its deadline,
before any contract has no row: nothing was contracted.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from site_builder import paths
from site_builder.export import spreadsheet
from site_builder.export.facts import ProcessFacts, process_facts
from site_builder.locale import department_name
from site_builder.model import Marketplace, Opportunity
from site_builder.pages import Asset
from site_builder.paths import opportunity_url

# The dataset's public columns, in its order (the table's fields less the three internal record_* ones,
# plus owner_org and owner_org_title, which the portal adds to every published row).
COLUMNS = (
    "reference_number",
    "procurement_id",
    "vendor_name",
    "vendor_postal_code",
    "buyer_name",
    "contract_date",
    "economic_object_code",
    "description_en",
    "description_fr",
    "contract_period_start",
    "delivery_date",
    "contract_value",
    "original_value",
    "amendment_value",
    "comments_en",
    "comments_fr",
    "additional_comments_en",
    "additional_comments_fr",
    "agreement_type_code",
    "trade_agreement",
    "land_claims",
    "commodity_type",
    "commodity_code",
    "country_of_vendor",
    "solicitation_procedure",
    "limited_tendering_reason",
    "trade_agreement_exceptions",
    "indigenous_business",
    "indigenous_business_excluding_psib",
    "intellectual_property",
    "potential_commercial_exploitation",
    "former_public_servant",
    "contracting_entity",
    "standing_offer_number",
    "instrument_type",
    "ministers_office",
    "number_of_bids",
    "article_6_exceptions",
    "award_criteria",
    "socioeconomic_indicator",
    "reporting_period",
    "owner_org",
    "owner_org_title",
)

# What is the same for every contract of this marketplace (reasons in docs/dev/open-data.md).
CONSTANT = {
    "economic_object_code": "0473",
    "description_en": "Information technology and telecommunications consultants",
    "description_fr": "Experts-conseils en technologie de l'information et en télécommunications",
    "agreement_type_code": "",
    "trade_agreement": "XX",
    "land_claims": "NA",
    "commodity_type": "S",
    "commodity_code": "D308",
    "solicitation_procedure": "TC",
    "limited_tendering_reason": "00",
    "trade_agreement_exceptions": "00",
    "indigenous_business": "NA",
    "indigenous_business_excluding_psib": "N",
    "intellectual_property": "B",
    "potential_commercial_exploitation": "N",
    "contracting_entity": "DC",
    "standing_offer_number": "",
    "ministers_office": "N",
    "article_6_exceptions": "0",
    "socioeconomic_indicator": "NA",
}
AWARD_CRITERIA = "5"  # pass/fail within a fixed price, then a draw: a variation of the listed methods
COMMENT = {
    "en": "Micro-contract for open-source work, awarded through the GC Developers Exchange: {url}",
    "fr": "Micro-contrat de travail en source ouverte attribué par l'Échange des développeurs du GC : {url}",
}
TERMINATION = {
    "en": "Contract terminated on {date}: {reason} Nothing was paid.",
    "fr": "Contrat résilié le {date} : {reason} Aucun paiement n'a été fait.",
}


def money(amount: float) -> str:
    """Dollars with cents, as the dataset rounds them (`4500.00`, `-5000.00`)."""
    return f"{amount:.2f}"


def reporting_period(day: str) -> str:
    """The fiscal quarter of a date in the dataset's format: 2026-11-20 -> `2026-2027-Q3` (years start April 1)."""
    moment = date.fromisoformat(day)
    first_year = moment.year if moment.month >= 4 else moment.year - 1
    quarter = (moment.month - 4) % 12 // 3 + 1
    return f"{first_year}-{first_year + 1}-Q{quarter}"


def vendor_postal_code(supplier: dict[str, Any]) -> str:
    """The first three characters for a Canadian supplier, `NA` for one abroad, blank when not recorded."""
    if supplier.get("country", "CA") != "CA":
        return "NA"
    return supplier.get("postal_code", "")


def contract_row(
    marketplace: Marketplace, opp: Opportunity, site: str, facts: ProcessFacts, attempt: int = 0
) -> dict[str, str]:
    """The contract of award.yaml (attempt 0) or of its earlier attempt number `attempt` (from 1)."""
    award, data = _contract(opp, attempt), opp.data
    supplier = award["supplier"]
    signed = award["awarded"] if attempt == 0 else award["offered"]
    department = marketplace.settings.departments[opp.department]
    return {
        **CONSTANT,
        "reference_number": f"{_prefix(opp, attempt)}C",
        "procurement_id": opp.id,
        "vendor_name": supplier["name"],
        "vendor_postal_code": vendor_postal_code(supplier),
        "buyer_name": data["contact"]["name"],
        "contract_date": signed,
        "contract_period_start": data["start"],
        "delivery_date": data["delivery"],
        "contract_value": money(award["amount"]),
        "original_value": money(award["amount"]),
        "amendment_value": money(0),
        "comments_en": f"{data['title']['en']}. {COMMENT['en'].format(url=opportunity_url(site, 'en', opp.id))}",
        "comments_fr": f"{data['title']['fr']}. {COMMENT['fr'].format(url=opportunity_url(site, 'fr', opp.id))}",
        "additional_comments_en": "",
        "additional_comments_fr": "",
        "country_of_vendor": supplier.get("country", "CA"),
        "former_public_servant": "Y" if supplier.get("former_public_servant") else "N",
        "instrument_type": "C",
        "number_of_bids": str(facts.applicants),
        "award_criteria": AWARD_CRITERIA,
        "reporting_period": reporting_period(signed),
        "owner_org": department.get("owner_org", opp.department),
        "owner_org_title": " | ".join(
            department_name(marketplace.settings, opp.department, lang) for lang in ("en", "fr")
        ),
    }


def _contract(opp: Opportunity, attempt: int) -> dict[str, Any]:
    assert opp.award is not None
    return opp.award if attempt == 0 else opp.award["previous"][attempt - 1]


def _prefix(opp: Opportunity, attempt: int) -> str:
    return f"{opp.id}-" if attempt == 0 else f"{opp.id}-P{attempt}-"


def termination_row(contract: dict[str, str], opp: Opportunity, attempt: int = 0) -> dict[str, str]:
    """The negative amendment that brings a terminated, unpaid contract to a total of zero."""
    award = _contract(opp, attempt)
    terminated = award["terminated"]
    comments = {
        lang: TERMINATION[lang].format(date=terminated["date"], reason=terminated["reason"][lang].rstrip(".") + ".")
        for lang in ("en", "fr")
    }
    return {
        **contract,
        "reference_number": f"{_prefix(opp, attempt)}A1",
        "buyer_name": "NA",
        "contract_value": money(0),
        "amendment_value": money(-award["amount"]),
        "comments_en": comments["en"],
        "comments_fr": comments["fr"],
        "instrument_type": "A",
        "award_criteria": "0",
        "reporting_period": reporting_period(terminated["date"]),
    }


def rows(marketplace: Marketplace, site: str, facts: dict[str, ProcessFacts] | None = None) -> list[dict[str, str]]:
    """Every row, by opportunity id, then contract (earlier attempts first), then instrument (contract before its
    amendment)."""
    facts = facts if facts is not None else process_facts(marketplace)
    found = []
    for opp in marketplace.opportunities:
        if opp.award is None:
            continue
        contracts = [
            number
            for number, attempt in enumerate(opp.award.get("previous") or [], start=1)
            if attempt["outcome"] == "terminated"
        ]
        for number in [*contracts, 0]:  # the earlier contracts first, in the order they were signed
            contract = contract_row(marketplace, opp, site, facts[opp.id], number)
            found.append(contract)
            if "terminated" in _contract(opp, number):
                found.append(termination_row(contract, opp, number))
    return found


def csv_bytes(found: list[dict[str, str]]) -> bytes:
    """The rows as CSV, formula-leading cells neutralised (export/spreadsheet.py)."""
    return spreadsheet.csv_bytes(COLUMNS, found)


def asset(marketplace: Marketplace, site: str, facts: dict[str, ProcessFacts] | None = None) -> Asset:
    return Asset(paths.DISCLOSURE_CSV, csv_bytes(rows(marketplace, site, facts)))

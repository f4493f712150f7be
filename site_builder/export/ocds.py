"""/data/ocds.json: an Open Contracting Data Standard 1.1 release package, one release per event.

Each opportunity is one contracting process, `ocid = <ocid_prefix>-<opportunity id>`. Its releases, in order:
`tender` (posting), `tenderAmendment` (each addendum), `tenderUpdate` (closing, with the number of applicants), then
`award` and `contract`, `implementation` releases for delivery, acceptance and payment (payment closes the contract:
status `terminated` in OCDS's sense of "come to a close"), or `contractTermination` when the supplier did not
deliver (after an `implementation` release with the cure notice). Every earlier attempt (award.yaml's `previous`) is
an award of its own, `<id>-award-<n>`: a declined offer, or one left unanswered by its deadline (`no-answer`, on its
`answer_by` date), is an award `pending` then `cancelled`; a terminated one has its contract `<id>-contract-<n>`,
its cure notice and its termination, all before the award that stands. A process that ends without a contract gets a
`tenderUpdate` (unsuccessful) or `tenderCancellation`, whose reason is a `cancellationDetails` document
(`Process._cancelled` says why). A process that posts again the work of an earlier one (`replaces`) names it in its
tender release's `relatedProcesses`. Release ids are `<ocid>-<event>`: stable across builds. Only the fields an
event changes are in its release; OCDS merging rebuilds the record. French text is in OCDS's language variants
(`title_fr`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from site_builder import paths
from site_builder.export.common import (
    CURRENCY,
    LICENCE_URL,
    iso,
    iso_day,
    json_bytes_streamed,
    site_url,
)
from site_builder.export.facts import Event, ProcessFacts, process_facts, supplier_key
from site_builder.locale import department_name, marketplace_name
from site_builder.model import Marketplace, Opportunity
from site_builder.pages import Asset, BuildContext
from site_builder.paths import opportunity_url

VERSION = "1.1"
AWARD_CRITERIA_DETAILS = (
    "Fixed price; every on-time applicant is evaluated pass/fail on each mandatory criterion, with published "
    "reasons; when several pass, the order is drawn from a public randomness beacon round named after the "
    "evaluation was fixed (earlier draws: seeded with the digest of the archived bids). If the first declines "
    "or their contract is terminated after a cure notice, the next in the order is awarded."
)


def ocid(marketplace: Marketplace, opp: Opportunity) -> str:
    return f"{marketplace.settings.data['ocid_prefix']}-{opp.id}"


def _envelope(marketplace: Marketplace, context: BuildContext) -> dict[str, Any]:
    """The package without its releases."""
    base = site_url(marketplace, context)
    return {
        "uri": paths.absolute(base, paths.OCDS),
        "version": VERSION,
        "publishedDate": iso(context.published.astimezone(UTC)).replace("+00:00", "Z"),
        "publisher": {"name": marketplace_name(marketplace.settings, "en"), "uri": base},
        "license": LICENCE_URL,
        "publicationPolicy": paths.absolute(base, paths.data_page("en")),
    }


def _batches(
    marketplace: Marketplace, context: BuildContext, facts: dict[str, ProcessFacts]
) -> Iterator[list[dict[str, Any]]]:
    """The releases, one contracting process at a time."""
    base = site_url(marketplace, context)
    for opp in marketplace.opportunities:
        yield Process(marketplace, opp, base, facts[opp.id]).releases()


def publishes(marketplace: Marketplace) -> bool:
    """OCDS requires at least one release: a marketplace with no opportunity yet publishes no package."""
    return bool(marketplace.opportunities)


def assets(
    marketplace: Marketplace, context: BuildContext, facts: dict[str, ProcessFacts] | None = None
) -> list[Asset]:
    """The package, written one process at a time (`common.json_bytes_streamed`)."""
    if not publishes(marketplace):
        return []
    facts = facts if facts is not None else process_facts(marketplace)
    releases = _batches(marketplace, context, facts)
    return [Asset(paths.OCDS, json_bytes_streamed(_envelope(marketplace, context), "releases", releases))]


class Process:
    """The releases of one opportunity; each method builds the part of a release that one event changes."""

    def __init__(self, marketplace: Marketplace, opp: Opportunity, base: str, facts: ProcessFacts) -> None:
        self.marketplace, self.opp, self.base, self.facts = marketplace, opp, base, facts
        self.zone = marketplace.settings.time_zone
        self.ocid = ocid(marketplace, opp)
        self.data, self.award = opp.data, opp.award

    def releases(self) -> list[dict[str, Any]]:
        built = []
        for event in self.facts.events:
            for suffix, tags, body in self._for_event(event):
                built.append(self._release(suffix, tags, event.moment, body))
        ending = self._ending()
        if ending:
            suffix, tags, moment, body = ending
            built.append(self._release(suffix, tags, moment, body))
        return built

    def _release(self, suffix: str, tags: list[str], moment: datetime, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "ocid": self.ocid,
            "id": f"{self.ocid}-{suffix}",
            "date": iso(moment),
            "tag": tags,
            "initiationType": "tender",
            "language": "en",
            **body,
        }

    def _for_event(self, event: Event) -> list[tuple[str, list[str], dict[str, Any]]]:
        if event.kind == "posted":
            return [("tender", ["tender"], self._tender())]
        if event.kind == "addendum":
            return [(f"addendum-{event.index}", ["tenderAmendment"], self._addendum(event.index))]
        if event.kind == "closing":
            return [("closed", ["tenderUpdate"], self._closed())] if self.opp.bids else []
        if event.kind == "awarded":
            return [("award", ["award"], self._awarded()), ("contract", ["contract"], self._contract())]
        if event.kind == "terminated":
            return [("terminated", ["contractTermination"], self._terminated())]
        if event.kind == "cancelled":
            return [self._cancelled()]
        if event.kind == "cure_notice":
            return [("cure-notice", ["implementation"], self._cure_notice(self.award, self._contract_ref()))]
        if event.kind.startswith("attempt-"):
            return self._attempt(event.kind, event.index)
        return [(event.kind, self._implementation_tags(event.kind), self._implementation(event.kind))]

    # ------------------------------------------------------------------ tender

    def _buyer(self) -> dict[str, Any]:
        code = self.opp.department
        return {"id": code, "name": department_name(self.marketplace.settings, code, "en")}

    def _buyer_party(self) -> dict[str, Any]:
        code, contact = self.opp.department, self.data["contact"]
        return {
            **self._buyer(),
            "name_fr": department_name(self.marketplace.settings, code, "fr"),
            "roles": ["buyer", "procuringEntity", "payer"],
            "contactPoint": {"name": contact["name"], "email": contact["email"]},
        }

    def _tender(self) -> dict[str, Any]:
        data, zone = self.data, self.zone
        tender = {
            "id": self.opp.id,
            "title": data["title"]["en"],
            "title_fr": data["title"]["fr"],
            "description": data["description"]["en"],
            "description_fr": data["description"]["fr"],
            "status": "active",
            "value": self._value(data["value"]),
            "procuringEntity": self._buyer(),
            "procurementMethod": "open",
            "procurementMethodDetails": "Open call posted on the marketplace and in a public GitHub Discussion.",
            "mainProcurementCategory": "services",
            "awardCriteria": "qualityOnly",
            "awardCriteriaDetails": AWARD_CRITERIA_DETAILS,
            "submissionMethod": ["electronicSubmission"],
            "submissionMethodDetails": "A comment in the opportunity's GitHub Discussion before the closing time.",
            "eligibilityCriteria": "\n".join(data["evaluation_criteria"]["en"]),
            "eligibilityCriteria_fr": "\n".join(data["evaluation_criteria"]["fr"]),
            "tenderPeriod": {"startDate": iso_day(data["posted"], zone), "endDate": data["closing"]},
            "enquiryPeriod": {"startDate": iso_day(data["posted"], zone), "endDate": data["closing"]},
            "contractPeriod": self._work_period(),
            "documents": [self._notice(lang) for lang in ("en", "fr")],
        }
        released = {"buyer": self._buyer(), "parties": [self._buyer_party()], "tender": tender}
        earlier = self.facts.relaunch.replaces
        if earlier is not None:
            released["relatedProcesses"] = [self._prior(earlier)]
        return released

    def _prior(self, earlier: Opportunity) -> dict[str, Any]:
        """The earlier process whose work this one posts again (opportunity.yaml's `replaces`). OCDS 1.1.5's
        relatedProcess codelist has no `priorProcess`; it has `unsuccessfulProcess` ("follows on from a
        previous unsuccessful process"), used for an unsuccessful call, and `prior` ("the renewal or
        replacement of the related prior process"), used for a cancelled one."""
        relationship = "unsuccessfulProcess" if earlier.status == "unsuccessful" else "prior"
        return {
            "id": earlier.id,
            "relationship": [relationship],
            "title": earlier.data["title"]["en"],
            "scheme": "ocid",
            "identifier": ocid(self.marketplace, earlier),
            "uri": paths.absolute(self.base, paths.OCDS),
        }

    def _notice(self, lang: str) -> dict[str, Any]:
        return {
            "id": f"notice-{lang}",
            "documentType": "tenderNotice",
            "title": self.data["title"][lang],
            "url": opportunity_url(self.base, lang, self.opp.id),
            "format": "text/html",
            "language": lang,
        }

    def _work_period(self) -> dict[str, str]:
        return {
            "startDate": iso_day(self.data["start"], self.zone),
            "endDate": iso_day(self.data["delivery"], self.zone),
        }

    def _value(self, amount: float) -> dict[str, Any]:
        return {"amount": amount, "currency": CURRENCY}

    def _addendum(self, number: int) -> dict[str, Any]:
        addendum = self.data["addenda"][number - 1]
        previous = "tender" if number == 1 else f"addendum-{number - 1}"
        amendment = {
            "id": str(number),
            "date": iso_day(addendum["date"], self.zone),
            "description": addendum["text"]["en"],
            "description_fr": addendum["text"]["fr"],
            "amendsReleaseID": f"{self.ocid}-{previous}",
            "releaseID": f"{self.ocid}-addendum-{number}",
        }
        return {"tender": {"id": self.opp.id, "status": "active", "amendments": [amendment]}}

    def _closed(self) -> dict[str, Any]:
        return {"tender": {"id": self.opp.id, "status": "active", "numberOfTenderers": self.facts.applicants}}

    def _ending(self) -> tuple[str, list[str], datetime, dict[str, Any]] | None:
        """How a process without a contract ends. The files date neither outcome, so the release takes the last
        date they hold: the closing time (unsuccessful, or cancelled after closing) or the last notice."""
        status = self.opp.status
        if status == "unsuccessful":
            moment = self.facts.events[-1].moment
            tender = {"id": self.opp.id, "status": "unsuccessful", "numberOfTenderers": self.facts.applicants}
            return "unsuccessful", ["tenderUpdate"], moment, {"tender": tender}
        if status == "cancelled" and self.award is None and "cancellation" not in self.data:
            moment = max(e.moment for e in self.facts.events if e.kind != "closing" or self.opp.bids)
            return "cancelled", ["tenderCancellation"], moment, {"tender": {"id": self.opp.id, "status": "cancelled"}}
        return None

    def _cancelled(self) -> tuple[str, list[str], dict[str, Any]]:
        """The cancellation, on its date, with its reason. OCDS 1.1 has no field for the reason a tender was
        cancelled: `statusDetails` is not in the 1.1 core (it comes with an extension) and `amendments[]`
        with their `rationale` record changes to a tender that goes on, not its end. What the core offers is a
        tender document of type `cancellationDetails` ("Documentation of the arrangements, or reasons, for
        cancellation of a contracting process"): the reason is its description, in both languages, with the
        opportunity's page as its address. Before any award, the release is the `tenderCancellation` that
        sets the tender's status to `cancelled`. After an award (the contract was terminated, then the
        opportunity cancelled) the tender did complete, so its status stays `complete` and the document comes
        in a `tenderUpdate`: the termination itself is the contract's (`contractTermination`)."""
        cancellation = self.data["cancellation"]
        document = {
            "id": "cancellation",
            "documentType": "cancellationDetails",
            "title": "Reason for the cancellation",
            "title_fr": "Motif de l'annulation",
            "description": cancellation["reason"]["en"],
            "description_fr": cancellation["reason"]["fr"],
            "datePublished": iso_day(cancellation["date"], self.zone),
            "url": opportunity_url(self.base, "en", self.opp.id) + "#cancellation",
            "format": "text/html",
        }
        if self.award is None:
            tender = {"id": self.opp.id, "status": "cancelled", "documents": [document]}
            return "cancelled", ["tenderCancellation"], {"tender": tender}
        tender = {"id": self.opp.id, "status": "complete", "documents": [document]}
        return "cancelled", ["tenderUpdate"], {"tender": tender}

    # ------------------------------------------------------------------ award and contract

    def _supplier(self) -> dict[str, Any]:
        assert self.award is not None
        return {"id": f"github-{supplier_key(self.award)}", "name": self.award["supplier"]["name"]}

    def _supplier_party(self) -> dict[str, Any]:
        assert self.award is not None
        return {**self._supplier(), "roles": ["supplier", "tenderer", "payee"]}

    def _awarded(self) -> dict[str, Any]:
        assert self.award is not None
        award = {
            "id": f"{self.opp.id}-award",
            "title": self.data["title"]["en"],
            "title_fr": self.data["title"]["fr"],
            "status": "active",
            "date": iso_day(self.award["awarded"], self.zone),
            "value": self._value(self.award["amount"]),
            "suppliers": [self._supplier()],
            "contractPeriod": self._work_period(),
        }
        tender = {"id": self.opp.id, "status": "complete", "numberOfTenderers": self.facts.applicants}
        return {"parties": [self._buyer_party(), self._supplier_party()], "tender": tender, "awards": [award]}

    def _contract_id(self) -> str:
        return f"{self.opp.id}-contract"

    def _contract_ref(self) -> dict[str, str]:
        """What every later release of the contract repeats: its id and the award it comes from."""
        return {"id": self._contract_id(), "awardID": f"{self.opp.id}-award"}

    def _contract(self) -> dict[str, Any]:
        assert self.award is not None
        contract = {
            **self._contract_ref(),
            "title": self.data["title"]["en"],
            "title_fr": self.data["title"]["fr"],
            "status": "active",
            "value": self._value(self.award["amount"]),
            "period": self._work_period(),
            "dateSigned": iso_day(self.award["awarded"], self.zone),
            "milestones": [self._milestone("delivery", "scheduled")],
        }
        return {"contracts": [contract]}

    def _milestone(self, step: str, status: str) -> dict[str, Any]:
        kinds = {"delivery": "delivery", "acceptance": "assessment", "payment": "payment"}
        titles = {
            "delivery": "Delivery of the work by pull request",
            "acceptance": "Acceptance of the work against the acceptance criteria",
            "payment": "Payment",
        }
        milestone = {"id": step, "title": titles[step], "type": kinds[step], "status": status}
        if step == "delivery":
            milestone["dueDate"] = iso_day(self.data["delivery"], self.zone)
        met_on = {"delivery": "delivered", "acceptance": "accepted", "payment": "paid"}[step]
        if status == "met" and self.award and met_on in self.award:
            milestone["dateMet"] = iso_day(self.award[met_on], self.zone)
        return milestone

    def _implementation_tags(self, kind: str) -> list[str]:
        return ["implementation", "contractUpdate"] if kind == "paid" else ["implementation"]

    def _implementation(self, kind: str) -> dict[str, Any]:
        assert self.award is not None
        step = {"delivered": "delivery", "accepted": "acceptance", "paid": "payment"}[kind]
        contract: dict[str, Any] = {**self._contract_ref(), "milestones": [self._milestone(step, "met")]}
        if kind == "delivered":
            work = {"id": "work", "title": "Pull request with the delivered work", "url": self.award["work"]}
            contract["implementation"] = {"documents": [work]}
        if kind == "paid":
            contract["status"] = "terminated"
            contract["implementation"] = {"transactions": [self._payment()]}
        return {"contracts": [contract]}

    def _payment(self) -> dict[str, Any]:
        assert self.award is not None
        return {
            "id": "payment",
            "source": self.base,
            "date": iso_day(self.award["paid"], self.zone),
            "value": self._value(self.award["amount"]),
            "payer": self._buyer(),
            "payee": self._supplier(),
        }

    def _terminated(self) -> dict[str, Any]:
        assert self.award is not None
        before_acceptance = "Contract terminated before acceptance; nothing was paid."
        amendment = self._termination(self.award["terminated"], before_acceptance)
        missed = "acceptance" if "delivered" in self.award else "delivery"
        contract = {
            **self._contract_ref(),
            "status": "terminated",
            "milestones": [self._milestone(missed, "notMet")],
            "amendments": [amendment],
        }
        return {"contracts": [contract]}

    def _termination(self, termination: dict[str, Any], description: str) -> dict[str, Any]:
        """The contract amendment that records a termination (the standing contract's or an earlier one's)."""
        return {
            "id": "termination",
            "date": iso_day(termination["date"], self.zone),
            "rationale": termination["reason"]["en"],
            "rationale_fr": termination["reason"]["fr"],
            "description": description,
        }

    # ------------------------------------------------------------------ earlier attempts (award.yaml's `previous`)

    def _attempt(self, kind: str, number: int) -> list[tuple[str, list[str], dict[str, Any]]]:
        assert self.award is not None
        attempt = self.award["previous"][number - 1]
        award_ref = {"id": f"{self.opp.id}-award-{number}"}
        contract_ref = {"id": f"{self.opp.id}-contract-{number}", "awardID": award_ref["id"]}
        supplier = {"id": f"github-{supplier_key(attempt)}", "name": attempt["supplier"]["name"]}
        if kind == "attempt-offered":
            return self._attempt_offered(attempt, number, award_ref, contract_ref, supplier)
        if kind == "attempt-declined":
            comment = {"id": "declined", "title": "The supplier's comment declining the work", "url": attempt["link"]}
            declined = {
                **award_ref,
                "status": "cancelled",
                "statusDetails": "Declined by the supplier in the opportunity's Discussion",
                "documents": [comment],
            }
            return [(f"award-{number}-declined", ["awardUpdate"], {"awards": [declined]})]
        if kind == "attempt-no-answer":
            unanswered = {
                **award_ref,
                "status": "cancelled",
                "statusDetails": f"No answer from the supplier by the offer's deadline, {attempt['answer_by']}",
            }
            return [(f"award-{number}-no-answer", ["awardUpdate"], {"awards": [unanswered]})]
        if kind == "attempt-cure":
            return [(f"contract-{number}-cure-notice", ["implementation"], self._cure_notice(attempt, contract_ref))]
        amendment = self._termination(
            attempt["terminated"], "Contract terminated before acceptance after its cure notice; nothing was paid."
        )
        contract = {**contract_ref, "status": "terminated", "amendments": [amendment]}
        contract["milestones"] = [
            {"id": "delivery", "title": "Delivery of the work by pull request", "type": "delivery", "status": "notMet"}
        ]
        return [(f"contract-{number}-terminated", ["contractTermination"], {"contracts": [contract]})]

    def _attempt_offered(
        self,
        attempt: dict[str, Any],
        number: int,
        award_ref: dict[str, str],
        contract_ref: dict[str, str],
        supplier: dict[str, str],
    ) -> list[tuple[str, list[str], dict[str, Any]]]:
        declined = attempt["outcome"] in ("declined", "no-answer")  # an offer never taken up: no contract
        award = {
            **award_ref,
            "title": self.data["title"]["en"],
            "title_fr": self.data["title"]["fr"],
            "status": "pending" if declined else "active",
            "date": iso_day(attempt["offered"], self.zone),
            "suppliers": [supplier],
            "contractPeriod": self._work_period(),
        }
        if "amount" in attempt:
            award["value"] = self._value(attempt["amount"])
        tender = {"id": self.opp.id, "status": "complete", "numberOfTenderers": self.facts.applicants}
        parties = [self._buyer_party(), {**supplier, "roles": ["supplier", "tenderer"]}]
        released = [(f"award-{number}", ["award"], {"parties": parties, "tender": tender, "awards": [award]})]
        if not declined:
            contract = {
                **contract_ref,
                "title": self.data["title"]["en"],
                "title_fr": self.data["title"]["fr"],
                "status": "active",
                "value": self._value(attempt["amount"]),
                "period": self._work_period(),
                "dateSigned": iso_day(attempt["offered"], self.zone),
            }
            released.append((f"contract-{number}", ["contract"], {"contracts": [contract]}))
        return released

    def _cure_notice(self, node: dict[str, Any] | None, contract_ref: dict[str, str]) -> dict[str, Any]:
        """The dated notice to deliver by a deadline, before any termination: a document of the contract."""
        assert node is not None
        notice = node["cure_notice"]
        document = {
            "id": "cure-notice",
            "title": f"Cure notice: deliver by {notice['deadline']}",
            "description": notice["text"]["en"],
            "description_fr": notice["text"]["fr"],
            "datePublished": iso_day(notice["date"], self.zone),
        }
        if notice.get("link"):
            document["url"] = notice["link"]
        return {"contracts": [{**contract_ref, "implementation": {"documents": [document]}}]}

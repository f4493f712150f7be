"""`devex verify`'s checks: the whole selection chain re-checked offline, link by link, from the loaded files.

Links, in order: bids.yaml's digest; the evaluation covers exactly the on-time applicants and every criterion;
the commitment recomputes from the bids, the evaluation and the named round; that round is the first produced
at least the lead time after the commitment; its signature verifies against the configured public key; the
randomness, the seed and the order follow; award.yaml names the first in the order not skipped for a
reason of a fixed kind. The first link that breaks is reported with its file and line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from site_builder.archive.sealed import unreadable_applicants
from site_builder.clock import closing_time
from site_builder.errors import BadBeacon, MissingBeaconSettings
from site_builder.model import SETTINGS_FILE, Document, Opportunity, Problem, Settings
from site_builder.selection import order
from site_builder.selection.beacon import BeaconSettings, beacon_settings, verify
from site_builder.selection.commitment import choose_round, commitment_digest, evaluation_digest
from site_builder.selection.evaluation import check_evaluation, on_time_applicants, qualified
from site_builder.selection.method import LEGACY, is_public
from site_builder.selection.records import Records, records_of
from site_builder.selection.unsealing import reopen


class _Broken(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.format())


@dataclass
class Verification:
    """What held, in order; the first broken link (None when the chain holds so far); the round still awaited."""

    opportunity: str
    held: list[str] = field(default_factory=list)
    problem: Problem | None = None
    waiting: str | None = None


def check_selection(
    opp: Opportunity, settings: Settings, result: Verification, read: Callable[[str], bytes | Problem] | None = None
) -> None:
    """Fill `result` link by link from the loaded opportunity; stops at the first broken one. With `read` (a file's
    bytes by repository path: `devex verify`), every sealed application is also opened again with the pairing
    (`unsealing.reopen`); without it (`devex validate`), the archive check's cheaper proof stands."""
    try:
        _chain(opp, settings, result, read)
    except _Broken as broken:
        result.problem = broken.problem


def _chain(
    opp: Opportunity, settings: Settings, result: Verification, read: Callable[[str], bytes | Problem] | None
) -> None:
    records = records_of(opp)
    if opp.bids_document is None:
        _nothing_yet(opp, records, result, "no bids are archived yet (bids.yaml appears at closing)")
        return
    digest = _check_bids(opp.bids_document, result)
    if read is not None:
        held, problem = reopen(opp, settings, read)
        if problem:
            raise _Broken(problem)
        result.held += held
    if records.evaluation is None:
        legacy = not is_public(opp, settings)
        _nothing_yet(opp, records, result, "not evaluated yet (evaluation.yaml)", legacy)
        return
    _check_evaluation(opp, records.evaluation, result)
    if records.selection is None:
        _nothing_yet(opp, records, result, "the evaluation is not committed yet (selection.yaml)")
        return
    beacon = _beacon(settings, records.selection)
    _check_commitment(opp, records, digest, beacon, result)
    record = records.selection
    if "signature" not in record.data:
        result.waiting = f"waiting for round {record.data['round']} of the beacon"
        if opp.award_document:
            raise _Broken(opp.award_document.problem((), f"exists before round {record.data['round']} was drawn"))
        return
    drawn = _check_draw(records, beacon, result)
    _check_award(opp, drawn, result)


def _nothing_yet(opp: Opportunity, records: Records, result: Verification, state: str, legacy: bool = False) -> None:
    if records.selection is not None:
        raise _Broken(records.selection.problem((), f"exists, but {state}"))
    if opp.award_document is not None and legacy:
        result.held.append(
            f"award.yaml: {LEGACY}, drawn before public_draw_since with the bids digest as seed "
            "(checked by devex validate: sha256 of '<digest>:<login>')"
        )
        return
    if opp.award_document is not None:
        raise _Broken(opp.award_document.problem((), f"exists, but {state}: the award cannot be verified"))
    result.waiting = state


def _check_bids(doc: Document, result: Verification) -> str:
    """The opportunity was read by the validator, whose archive check (`archive.check`) has recomputed the digest
    from every archived text and stopped at the first difference: the texts are not read a second time here."""
    result.held.append(f"bids.yaml: digest {doc.data['digest']} recomputed from {len(doc.data['bids'])} entries")
    return doc.data["digest"]


def _check_evaluation(opp: Opportunity, doc: Document, result: Verification) -> None:
    assert opp.bids is not None
    on_time = on_time_applicants(opp.bids)
    criteria = len(opp.data["evaluation_criteria"]["en"])
    problems = check_evaluation(doc, opp.id, on_time, criteria, unreadable_applicants(opp.bids))
    if problems:
        raise _Broken(problems[0])
    passed = qualified(doc.data)
    result.held.append(
        f"evaluation.yaml: {len(on_time)} on-time applicant(s) on {criteria} criteria, {len(passed)} qualified"
    )


def _beacon(settings: Settings, record: Document) -> BeaconSettings:
    try:
        beacon = beacon_settings(settings)
    except MissingBeaconSettings as error:
        raise _Broken(Problem(SETTINGS_FILE, 1, 1, str(error))) from None
    if record.data["chain_hash"] != beacon.chain_hash:
        message = f"names another chain than the marketplace's {beacon.chain_hash}"
        raise _Broken(record.problem(("chain_hash",), message))
    return beacon


def _check_commitment(
    opp: Opportunity, records: Records, digest: str, beacon: BeaconSettings, result: Verification
) -> None:
    record, evaluation = records.selection, records.evaluation
    assert record is not None and evaluation is not None
    data = record.data
    if data["opportunity"] != opp.id:
        raise _Broken(record.problem(("opportunity",), f"`opportunity` must be {opp.id}, the folder's"))
    if data["bids_digest"] != digest:
        raise _Broken(record.problem(("bids_digest",), "`bids_digest` is not the digest of bids.yaml"))
    if data["evaluation_digest"] != evaluation_digest(evaluation.data):
        raise _Broken(
            record.problem(("evaluation_digest",), "evaluation.yaml changed after the commitment: its digest differs")
        )
    expected = commitment_digest(opp.id, digest, data["evaluation_digest"], data["round"])
    if data["commitment"] != expected:
        raise _Broken(record.problem(("commitment",), f"`commitment` does not recompute: expected {expected}"))
    result.held.append(f"selection.yaml: commitment {expected} recomputed")
    committed_at = datetime.fromisoformat(data["committed_at"])
    if committed_at < closing_time(opp.data):
        raise _Broken(record.problem(("committed_at",), "the commitment is dated before the opportunity closed"))
    due = choose_round(committed_at, beacon)
    if data["round"] != due:
        raise _Broken(
            record.problem(
                ("round",),
                f"round {data['round']} is not the one the rules name: the first round at least "
                f"{beacon.lead_seconds} s after {data['committed_at']} is {due}",
            )
        )
    result.held.append(f"round {due} is the first at least {beacon.lead_seconds} s after the commitment")


def _check_draw(records: Records, beacon: BeaconSettings, result: Verification) -> list[str]:
    record, evaluation = records.selection, records.evaluation
    assert record is not None and evaluation is not None
    data = record.data
    try:
        randomness = verify(data["round"], data["signature"], beacon.public_key)
    except BadBeacon as error:
        raise _Broken(record.problem(("signature",), str(error))) from None
    result.held.append(f"the signature of round {data['round']} verifies against the chain's public key")
    if data["randomness"] != randomness.hex():
        raise _Broken(record.problem(("randomness",), "`randomness` is not the sha256 of the signature"))
    seed = order.seed(data["commitment"], randomness)
    if data["seed"] != seed:
        raise _Broken(record.problem(("seed",), f"`seed` does not recompute: expected {seed}"))
    ranked = order.ranked_order(seed, qualified(evaluation.data))
    if data["order"] != ranked:
        shown = ", ".join(ranked) or "nobody"
        message = f"`order` does not follow from the seed and the evaluation: {shown}"
        raise _Broken(record.problem(("order",), message, key=True))
    result.held.append(f"randomness, seed and order recomputed: {', '.join(ranked) or 'nobody qualified'}")
    return ranked


def _check_award(opp: Opportunity, ranked: list[str], result: Verification) -> None:
    doc = opp.award_document
    if doc is None:
        return
    previous = doc.data.get("previous", [])
    skips = order.attempt_skips(previous)
    for index, skip in enumerate(skips):
        error = skip.error()
        if error:
            raise _Broken(doc.problem(("previous", index, "outcome"), error))
    supplier = doc.data["supplier"]["github"]
    for index, message in order.out_of_order(ranked, skips, supplier):
        where = ("supplier", "github") if index is None else ("previous", index, "supplier", "github")
        raise _Broken(doc.problem(where, message))
    passed = f" after {', '.join(skip.login for skip in skips)} ({', '.join(skip.reason for skip in skips)})"
    result.held.append(f"award.yaml: {supplier} is the first in the order not skipped{passed if skips else ''}")

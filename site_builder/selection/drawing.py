"""The two steps automation takes, as pure functions over data, plus the refusal of a draw made too early.

  1. commit       when the evaluation lands on main: digests, the round named in advance, the time
  2. record_draw  when that round exists: its verified signature, the randomness, the seed and the order
The caller (sync, `devex draw`) reads the files, fetches the round (fetch.BeaconClient) and writes
selection.yaml (`write_record`); these functions decide nothing by themselves about time but what they are told.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from site_builder.archive.sealed import unreadable_applicants
from site_builder.clock import closing_time, utc_text
from site_builder.dump import write_yaml
from site_builder.errors import CommitmentRefused, DrawRefused
from site_builder.model import Opportunity, Settings
from site_builder.selection import order
from site_builder.selection.beacon import BeaconSettings, beacon_settings, round_time, verify
from site_builder.selection.commitment import choose_round, commitment_digest, evaluation_digest
from site_builder.selection.evaluation import check_evaluation, on_time_applicants, qualified
from site_builder.selection.fetch import BeaconClient
from site_builder.selection.records import FIELDS, SELECTION_FILE, SELECTION_SCHEMA_HINT, Records, records_of


def commit(
    opportunity: str,
    bids: dict[str, Any],
    evaluation: dict[str, Any],
    now: datetime,
    beacon: BeaconSettings,
) -> dict[str, Any]:
    """The commitment record for an evaluation fixed at `now`, naming the earliest round the lead time allows.
    The bids were read by the validator, whose archive check recomputed their digest from every text."""
    digest = bids["digest"]
    committed_at = utc_text(now)
    round_number = choose_round(datetime.fromisoformat(committed_at), beacon)
    evaluated = evaluation_digest(evaluation)
    return {
        "opportunity": opportunity,
        "chain_hash": beacon.chain_hash,
        "bids_digest": digest,
        "evaluation_digest": evaluated,
        "round": round_number,
        "committed_at": committed_at,
        "commitment": commitment_digest(opportunity, digest, evaluated, round_number),
    }


def record_draw(
    record: dict[str, Any], evaluation: dict[str, Any], signature: str, beacon: BeaconSettings
) -> dict[str, Any]:
    """The record completed with the named round: BadBeacon unless its signature verifies against the key."""
    if "signature" in record:
        raise DrawRefused(f"{record['opportunity']} was drawn already (round {record['round']}): a draw is made once")
    if evaluation_digest(evaluation) != record["evaluation_digest"]:
        raise DrawRefused(f"{record['opportunity']}: evaluation.yaml changed after the commitment; nothing is drawn")
    signature = signature.lower()
    randomness = verify(record["round"], signature, beacon.public_key)
    seed = order.seed(record["commitment"], randomness)
    drawn = {"signature": signature, "randomness": randomness.hex(), "seed": seed}
    drawn["order"] = order.ranked_order(seed, qualified(evaluation))
    return {key: value for key, value in {**record, **drawn}.items() if key in FIELDS}


def refuse_early(opportunity: str, records: Records, beacon: BeaconSettings, now: datetime) -> int:
    """The round to draw with, or DrawRefused saying what is missing: an evaluation, its commitment, the round."""
    if records.evaluation is None:
        raise DrawRefused(
            f"{opportunity} has no evaluation.yaml: evaluate every on-time applicant on each criterion first"
        )
    if records.selection is None:
        raise DrawRefused(
            f"{opportunity}'s evaluation is not committed yet: automation records the commitment and names a "
            "beacon round once the evaluation is on main"
        )
    record = records.selection.data
    if "signature" in record:
        raise DrawRefused(f"{opportunity} was drawn already with round {record['round']}")
    due = round_time(record["round"], beacon)
    if due > now:
        minutes = int((due - now).total_seconds() // 60)
        raise DrawRefused(
            f"round {record['round']} of the beacon does not exist yet: it is produced at {utc_text(due)} "
            f"(in about {minutes} minute(s)); nobody can draw before it"
        )
    return record["round"]


def commit_opportunity(opp: Opportunity, settings: Settings, now: datetime) -> dict[str, Any]:
    """What automation calls when an evaluation lands on main: the commitment record, or CommitmentRefused when
    the opportunity has not closed at `now`, there are no bids, no evaluation, an evaluation that does not cover
    exactly whom and what it must, or a commitment already. A commitment before the closing would be a record
    the validator refuses and nobody may edit: automation never writes it."""
    records = records_of(opp)
    closes = closing_time(opp.data)
    if now < closes or opp.status != "closed":
        raise CommitmentRefused(
            f"{opp.id} has not closed (status {opp.status}, closing {closes.isoformat()}): "
            "no commitment before the closing time"
        )
    if opp.bids is None or records.evaluation is None:
        missing = "bids.yaml" if opp.bids is None else "evaluation.yaml"
        raise CommitmentRefused(f"{opp.id} has no {missing}: nothing to commit to yet")
    if records.selection is not None:
        raise CommitmentRefused(f"{opp.id} is committed already (round {records.selection.data['round']})")
    criteria = len(opp.data["evaluation_criteria"]["en"])
    unreadable = unreadable_applicants(opp.bids)
    problems = check_evaluation(records.evaluation, opp.id, on_time_applicants(opp.bids), criteria, unreadable)
    if problems:
        raise CommitmentRefused(problems[0].format())
    return commit(opp.id, opp.bids, records.evaluation.data, now, beacon_settings(settings))


def draw_opportunity(opp: Opportunity, settings: Settings, client: BeaconClient, now: datetime) -> dict[str, Any]:
    """What automation (or `devex draw`) calls once the round may exist: the completed record. DrawRefused when
    too early; fetch.RoundNotYet or BeaconUnavailable to try later; BadBeacon when a relay lies."""
    records = records_of(opp)
    beacon = beacon_settings(settings)
    round_number = refuse_early(opp.id, records, beacon, now)
    assert records.selection is not None and records.evaluation is not None
    fetched = client.fetch_round(round_number)
    return record_draw(records.selection.data, records.evaluation.data, fetched.signature, beacon)


def write_record(root: Path, opp: Opportunity, record: dict[str, Any]) -> Path:
    """Write selection.yaml atomically beside the opportunity, keys in the documented order."""
    path = root / opp.folder / SELECTION_FILE
    write_yaml(path, {key: record[key] for key in FIELDS if key in record}, SELECTION_SCHEMA_HINT)
    return path

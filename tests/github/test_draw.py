"""devex draw: the draft award for the first in selection.yaml's drawn order; refused, with the reason, before
the evaluation is committed, before the round is recorded, for a legacy opportunity, or against the evaluation.
And devex sync's draw when a relay lies: only that opportunity is flagged."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml
from github_testkit import devex

from site_builder import archive
from site_builder.dump import set_fields, write_yaml
from site_builder.github_sync.discussions import Comment
from site_builder.github_sync.snapshot import bids_snapshot
from site_builder.selection.beacon import round_time
from site_builder.selection.drawing import commit_opportunity, record_draw, write_record
from site_builder.selection.order import ranked_order
from site_builder.selection.records import EVALUATION_SCHEMA_HINT
from site_builder.validate import load_marketplace, validate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "selection"))
from beacon_standin import BeaconStandin, sign

IDENT = "esdc-2026-001"
URL = "https://github.com/gc-devex/marketplace/discussions/1"
APPLY = "Application / Candidature\n"
COMMITTED = datetime.fromisoformat("2026-12-05T15:00:00+00:00")


@pytest.fixture
def relay():
    with BeaconStandin() as standin:
        yield standin


@pytest.fixture
def closed(market, relay):
    """esdc-2026-001 closed with three on-time applications, one question and one late application, as sync
    leaves it, with the marketplace's beacon pointed at the stand-in relay."""
    settings = market.root / "opportunities" / "marketplace.yaml"
    text = settings.read_text("utf-8")
    b = relay.settings()
    beacon = {key: getattr(b, key) for key in ("chain_hash", "public_key", "period", "genesis", "scheme")}
    beacon = {"urls": [relay.url], **beacon, "lead_seconds": b.lead_seconds}
    settings.write_text(text[: text.index("beacon:")] + yaml.safe_dump({"beacon": beacon}, sort_keys=False), "utf-8")
    folder = market.folder(IDENT)
    set_fields(folder / "opportunity.yaml", {"status": "closed", "discussion": URL})
    comments = [
        Comment(f"DC_{i}", f"{URL}#c{i}", login, body, created, None)
        for i, (login, body, created) in enumerate(
            [
                ("Alice", f"{APPLY}Alice applies", "2026-11-25T10:00:00Z"),
                ("bob", f"{APPLY}Bob applies", "2026-11-26T10:00:00Z"),
                ("erin", "Is remote work fine?", "2026-11-26T11:00:00Z"),
                ("carol", f"{APPLY}Carol applies", "2026-11-27T10:00:00Z"),
                ("dave", f"{APPLY}Dave applies", "2026-12-04T19:30:00Z"),
            ]
        )
    ]
    taken = datetime.fromisoformat("2026-12-04T19:05:00+00:00")
    bids = bids_snapshot(yaml.safe_load((folder / "opportunity.yaml").read_text()), URL, comments, "bot", taken)
    archive.write(folder, *archive.split(bids))
    market.commit("closed")
    return market


def evaluate(market, results: dict[str, str]) -> None:
    criteria = len(yaml.safe_load(market.read(IDENT))["evaluation_criteria"]["en"])
    applicants = [
        {
            "login": login,
            "criteria": [
                {"criterion": n, "result": result, "reason": {"en": result, "fr": result}}
                for n in range(1, criteria + 1)
            ],
        }
        for login, result in results.items()
    ]
    write_yaml(
        market.folder(IDENT) / "evaluation.yaml",
        {"opportunity": IDENT, "applicants": applicants},
        EVALUATION_SCHEMA_HINT,
    )


def committed(market, results=None) -> dict:
    evaluate(market, results or {"Alice": "pass", "bob": "pass", "carol": "fail"})
    marketplace = load_marketplace(market.root)
    opp = marketplace.by_id()[IDENT]
    record = commit_opportunity(opp, marketplace.settings, COMMITTED)
    write_record(market.root, opp, record)
    return record


def drawn(market, relay, results=None) -> dict:
    record = committed(market, results)
    evaluation = yaml.safe_load(market.read(IDENT, "evaluation.yaml"))
    done = record_draw(record, evaluation, sign(relay.secret, record["round"]), relay.settings())
    write_record(market.root, load_marketplace(market.root).by_id()[IDENT], done)
    market.commit("sync: the evaluation's commitment and its draw, on main as automation pushes them")
    return done


def after(record: dict, relay) -> str:
    return (round_time(record["round"], relay.settings()) + timedelta(minutes=1)).isoformat()


def test_the_draft_award_names_the_first_in_the_drawn_order(closed, relay):
    record = drawn(closed, relay)
    run = devex("draw", IDENT, "--now", after(record, relay), root=closed.root)
    assert run.code == 0, run.err
    award = yaml.safe_load(closed.read(IDENT, "award.yaml"))
    order = ranked_order(record["seed"], ["Alice", "bob"])
    assert record["order"] == order
    assert award["selection"] == {
        "method": "random-draw",
        "qualified": ["Alice", "bob"],
        "seed": record["seed"],
        "order": order,
    }
    assert award["supplier"] == {"github": order[0], "name": order[0]}
    assert award["amount"] == 4500 and award["awarded"] >= "2026-12-04"
    assert yaml.safe_load(closed.read(IDENT))["status"] == "awarded"
    assert validate(closed.root, base="HEAD") == []
    assert f"default: supplier.name is the GitHub login {order[0]}: write the legal name" in run.out
    assert f"beacon round {record['round']}" in run.out and f"devex verify {IDENT}" in run.out
    for rank, login in enumerate(order, 1):
        assert f"{rank:>4}. {login}" in run.out
    assert devex("verify", IDENT, root=closed.root).code == 0


def test_one_qualified_applicant_is_sole_qualified_and_the_cross_check_passes(closed, relay):
    record = drawn(closed, relay, {"Alice": "fail", "bob": "pass", "carol": "fail"})
    run = devex(
        "draw",
        IDENT,
        "--qualified",
        "@BOB",
        "--name",
        "Bob Ltd",
        "--amount",
        "4000",
        "--awarded",
        "2026-12-06",
        "--now",
        after(record, relay),
        root=closed.root,
    )
    assert run.code == 0, run.err
    award = yaml.safe_load(closed.read(IDENT, "award.yaml"))
    assert award == {
        "opportunity": IDENT,
        "supplier": {"github": "bob", "name": "Bob Ltd"},
        "amount": 4000,
        "awarded": "2026-12-06",
        "selection": {"method": "sole-qualified", "qualified": ["bob"]},
    }
    assert "default" not in run.out


def test_a_draw_is_refused_before_the_evaluation_and_before_the_commitment(closed):
    run = devex("draw", IDENT, root=closed.root)
    assert run.code == 1 and "has no evaluation.yaml: evaluate every on-time applicant" in run.err
    evaluate(closed, {"Alice": "pass", "bob": "pass", "carol": "fail"})
    run = devex("draw", IDENT, root=closed.root)
    assert run.code == 1 and "evaluation is not committed yet" in run.err


def test_a_draw_is_refused_before_the_round_and_until_sync_records_it(closed, relay):
    record = committed(closed)
    due = round_time(record["round"], relay.settings())
    early = devex("draw", IDENT, "--now", (due - timedelta(minutes=5)).isoformat(), root=closed.root)
    assert early.code == 1 and f"round {record['round']} of the beacon does not exist yet" in early.err
    assert "in about 5 minute(s)" in early.err
    late = devex("draw", IDENT, "--now", after(record, relay), root=closed.root)
    assert late.code == 1 and "exists but is not recorded in selection.yaml yet: devex sync" in late.err
    assert not (closed.folder(IDENT) / "award.yaml").exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--qualified", "Alice"], 2, "--qualified (Alice) is not who the evaluation qualified (Alice, bob)"),
        (["--qualified", "Alice,bob,carol"], 2, "is not who the evaluation qualified"),
        (["--qualified", ""], 2, "--qualified needs at least one login"),
        (["--awarded", "soon"], 2, "--awarded must be a date"),
        (["--amount", "9000"], 1, "`amount` 9000 is more than the opportunity's value of 4500"),
        (["--awarded", "2026-12-01"], 1, "`awarded` is before the opportunity closed"),
    ],
)
def test_refusals_name_the_reason_and_leave_the_files_as_they_were(closed, relay, args, code, message):
    record = drawn(closed, relay)
    before = closed.read(IDENT)
    run = devex("draw", IDENT, *args, "--now", after(record, relay), root=closed.root)
    assert run.code == code and message in run.err and "Traceback" not in run.err
    assert closed.read(IDENT) == before
    assert not (closed.folder(IDENT) / "award.yaml").exists()


def test_nobody_qualified_means_no_award(closed, relay):
    record = drawn(closed, relay, {"Alice": "fail", "bob": "fail", "carol": "fail"})
    run = devex("draw", IDENT, "--now", after(record, relay), root=closed.root)
    assert run.code == 2 and "nobody qualified for esdc-2026-001: set its status to unsuccessful" in run.err


def test_no_draw_twice_nor_before_closing_nor_for_a_legacy_opportunity(closed, relay):
    record = drawn(closed, relay)
    assert devex("draw", IDENT, "--now", after(record, relay), root=closed.root).code == 0
    second = devex("draw", IDENT, "--now", after(record, relay), root=closed.root)
    assert second.code == 2 and "is awarded: a draw is made once it is closed" in second.err
    closed.add("esdc-2026-002")
    open_one = devex("draw", "esdc-2026-002", root=closed.root)
    assert open_one.code == 2 and "esdc-2026-002 is open" in open_one.err
    closed.add("esdc-2026-003", status="closed", closing="2026-11-20T14:00:00-05:00", start="2026-11-24")
    legacy = devex("draw", "esdc-2026-003", root=closed.root)
    assert legacy.code == 2 and "closed before public_draw_since (2026-12-01)" in legacy.err
    unknown = devex("draw", "esdc-2026-099", root=closed.root)
    assert unknown.code == 2 and "no opportunity esdc-2026-099" in unknown.err


def test_the_draft_award_is_validated_before_anything_is_written(closed, relay, monkeypatch):
    """A run stopped while the draft is validated leaves both files as they were."""
    from site_builder import award_draft

    record = drawn(closed, relay)
    folder = closed.folder(IDENT)
    before = (folder / "opportunity.yaml").read_bytes()
    checked = []
    relative = folder.relative_to(closed.root).as_posix()

    def crashing_check(root, texts):
        checked.extend(sorted(texts))
        assert not (folder / "award.yaml").exists() and (folder / "opportunity.yaml").read_bytes() == before
        assert yaml.safe_load(texts[f"{relative}/opportunity.yaml"])["status"] == "awarded"
        raise KeyboardInterrupt

    monkeypatch.setattr(award_draft, "check_draft", crashing_check)
    now = datetime.fromisoformat(after(record, relay))
    market = load_marketplace(closed.root)
    draw = award_draft.make_draw(market, award_draft.find(market, IDENT), ["bob", "Alice"], now=now)
    with pytest.raises(KeyboardInterrupt):
        award_draft.write_draw(draw)
    assert checked == [f"{relative}/award.yaml", f"{relative}/opportunity.yaml"]
    assert not (folder / "award.yaml").exists() and (folder / "opportunity.yaml").read_bytes() == before

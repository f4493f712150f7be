"""`devex verify`: exit 0 when the chain holds, 1 at the first broken link with its file:line, 2 for usage."""

from __future__ import annotations

import pytest
from beacon_standin import sign
from selection_market import FOLDER, IDENT

from site_builder.cli import main
from site_builder.dump import set_fields
from site_builder.selection.commitment import commitment_digest
from site_builder.validate import validate


def verify(market, capsys, ident: str = IDENT) -> tuple[int, str, str]:
    code = main(["verify", ident, "--root", str(market.root)])
    out = capsys.readouterr()
    return code, out.out, out.err


def broken_at(market, capsys, name: str, pattern: str) -> str:
    """Run verify, expect exit 1, and the report's last line to point at `name` on the line matching pattern."""
    code, out, _ = verify(market, capsys)
    assert code == 1, out
    last = out.strip().splitlines()[-1]
    assert last.startswith(f"{FOLDER}/{name}:{market.line_of(name, pattern)}:"), last
    return last


def test_the_whole_chain_holds(market, capsys):
    drawn = market.full_chain()
    code, out, _ = verify(market, capsys)
    assert code == 0
    assert f"ok  the signature of round {drawn['round']} verifies" in out
    assert "ok  award.yaml: alice-dev is the first in the order not skipped" in out
    assert out.endswith("tbs-2026-001: the selection holds from the bids to the award\n")


def test_a_commitment_waiting_for_its_round_holds_so_far(market, capsys):
    market.evaluate()
    record = market.commit()
    code, out, _ = verify(market, capsys)
    assert code == 0 and out.endswith(f"waiting for round {record['round']} of the beacon\n")


def test_an_award_before_the_draw_is_broken(market, capsys):
    market.evaluate()
    market.commit()
    market.award("alice-dev")
    assert "award.yaml:1:1: exists before round" in broken_at(market, capsys, "award.yaml", "^opportunity:")


def legacy_award(market, since: str) -> None:
    """The base's award of tbs-2026-001 as drawn before the public method, with `public_draw_since` set."""
    market.write("award.yaml", market.drafted)
    set_fields(market.folder / "opportunity.yaml", {"status": "awarded"})
    settings = market.root / "opportunities" / "marketplace.yaml"
    text = settings.read_text("utf-8").replace("public_draw_since: 2027-01-01", f"public_draw_since: {since}")
    settings.write_text(text, "utf-8")


def test_an_award_of_an_opportunity_closed_before_public_draw_since_is_legacy(market, capsys):
    legacy_award(market, "2027-01-01")  # tbs-2026-001 closed on 2026-10-15
    code, out, _ = verify(market, capsys)
    assert code == 0 and "legacy-digest-draw" in out
    assert validate(market.root) == []


def test_an_award_without_evaluation_is_broken_once_the_public_method_applies(market, capsys):
    legacy_award(market, "2026-10-15")
    code, out, _ = verify(market, capsys)
    assert code == 1 and "award.yaml:1:1: exists, but not evaluated yet" in out
    [problem] = validate(market.root)
    assert problem.file.endswith("award.yaml") and "not evaluated yet" in problem.message


def test_a_bid_edited_after_archiving_breaks_the_bids_digest(market, capsys):
    market.full_chain()
    bids = market.read("bids.yaml")
    (market.folder / bids["bids"][0]["file"]).write_text("I changed my mind.", "utf-8")
    assert "bids/0001.md does not match its size and sha256" in broken_at(market, capsys, "bids.yaml", r"^\s+sha256:")


def test_an_evaluation_edited_after_the_commitment_is_caught(market, capsys):
    market.full_chain()
    evaluation = market.read("evaluation.yaml")
    evaluation["applicants"][0]["criteria"][0]["result"] = "fail"
    market.write("evaluation.yaml", evaluation)
    assert "changed after the commitment" in broken_at(market, capsys, "selection.yaml", "^evaluation_digest:")


def test_an_evaluation_missing_an_applicant_is_caught_at_its_line(market, capsys):
    market.evaluate({"alice-dev": "pass"})
    market.commit()
    assert "misses the on-time applicant(s) bob-codes" in broken_at(market, capsys, "evaluation.yaml", "^applicants:")


def test_a_round_other_than_the_one_the_rules_name_is_caught(market, capsys):
    drawn = market.full_chain()
    later = drawn["round"] + 1
    fields = {
        "round": later,
        "commitment": commitment_digest(IDENT, drawn["bids_digest"], drawn["evaluation_digest"], later),
    }
    set_fields(market.folder / "selection.yaml", fields)
    assert f"round {later} is not the one the rules name" in broken_at(market, capsys, "selection.yaml", "^round:")


def test_a_commitment_dated_later_than_its_round_allows_is_caught(market, capsys):
    market.full_chain()
    set_fields(market.folder / "selection.yaml", {"committed_at": "2026-10-16T18:10:00Z"})
    assert "is not the one the rules name" in broken_at(market, capsys, "selection.yaml", "^round:")


def test_a_commitment_that_does_not_recompute_is_caught(market, capsys):
    market.full_chain()
    set_fields(market.folder / "selection.yaml", {"commitment": "0" * 64})
    assert "does not recompute" in broken_at(market, capsys, "selection.yaml", "^commitment:")


def test_a_signature_of_another_round_is_caught(market, capsys):
    drawn = market.full_chain()
    set_fields(market.folder / "selection.yaml", {"signature": sign(market.relay.secret, drawn["round"] + 1)})
    assert "does not verify" in broken_at(market, capsys, "selection.yaml", "^signature:")


def test_a_signature_by_another_key_is_caught(market, capsys):
    drawn = market.full_chain()
    set_fields(market.folder / "selection.yaml", {"signature": sign(market.relay.secret + 1, drawn["round"])})
    assert "does not verify" in broken_at(market, capsys, "selection.yaml", "^signature:")


@pytest.mark.parametrize("field", ["randomness", "seed"])
def test_randomness_and_seed_must_recompute(market, capsys, field):
    market.full_chain()
    set_fields(market.folder / "selection.yaml", {field: "ab" * 32})
    broken_at(market, capsys, "selection.yaml", f"^{field}:")


def test_an_order_that_does_not_follow_is_caught(market, capsys):
    drawn = market.full_chain()
    selection = market.read("selection.yaml")
    selection["order"] = list(reversed(drawn["order"]))
    market.write("selection.yaml", selection)
    assert f"follow from the seed and the evaluation: {', '.join(drawn['order'])}" in broken_at(
        market, capsys, "selection.yaml", "^order:"
    )


def test_an_award_to_someone_else_than_the_first_is_caught(market, capsys):
    drawn = market.full_chain()
    market.award(drawn["order"][1])
    message = broken_at(market, capsys, "award.yaml", "^  github:")
    assert f"the next was {drawn['order'][0]}, the first in the draw order not passed over" in message


def declined(login: str) -> dict:
    link = "https://github.com/gc-devex/marketplace/discussions/1#discussioncomment-9"
    supplier = {"github": login, "name": login}
    return {
        "supplier": supplier,
        "outcome": "declined",
        "offered": "2026-10-19",
        "declined": "2026-10-19",
        "link": link,
    }


def test_the_next_in_order_after_a_recorded_decline_holds(market, capsys):
    drawn = market.full_chain()
    award = market.read("award.yaml")
    award["supplier"]["github"] = drawn["order"][1]
    award["previous"] = [declined(drawn["order"][0])]
    market.write("award.yaml", award)
    code, out, _ = verify(market, capsys)
    assert code == 0, out
    first, second = drawn["order"]
    assert f"ok  award.yaml: {second} is the first in the order not skipped after {first} (declined)" in out


def test_an_earlier_attempt_out_of_order_is_caught(market, capsys):
    drawn = market.full_chain()
    award = market.read("award.yaml")
    award["previous"] = [declined(drawn["order"][1])]
    market.write("award.yaml", award)
    message = broken_at(
        market, capsys, "award.yaml", f"^  - github: {drawn['order'][1]}|^    github: {drawn['order'][1]}"
    )
    assert (
        f"{drawn['order'][1]} was offered the work out of the draw order: the next was {drawn['order'][0]}" in message
    )


def test_a_record_for_another_chain_is_caught(market, capsys):
    market.full_chain()
    set_fields(market.folder / "selection.yaml", {"chain_hash": "cd" * 32})
    assert "names another chain" in broken_at(market, capsys, "selection.yaml", "^chain_hash:")


def test_a_tampered_record_that_breaks_its_schema_is_reported_with_its_line(market, capsys):
    market.full_chain()
    set_fields(market.folder / "selection.yaml", {"seed": "not hex"})
    broken_at(market, capsys, "selection.yaml", "^seed:")


def test_a_marketplace_without_beacon_settings_cannot_verify(market, capsys):
    market.full_chain()
    settings = market.root / "opportunities" / "marketplace.yaml"
    text = settings.read_text("utf-8")
    settings.write_text(text[: text.index("beacon:")], "utf-8")
    code, out, _ = verify(market, capsys)
    assert code == 1 and "opportunities/marketplace.yaml:1:1: opportunities/marketplace.yaml has no `beacon`" in out


def test_an_opportunity_not_yet_closed_has_nothing_to_verify(market, capsys):
    code, out, _ = verify(market, capsys, "esdc-2026-001")
    assert code == 0 and "no bids are archived yet" in out


def test_an_unknown_opportunity_is_a_usage_error(market, capsys):
    code, _, err = verify(market, capsys, "tbs-2026-999")
    assert code == 2 and "no opportunity tbs-2026-999" in err


def test_the_validator_accepts_the_new_files(market):
    market.full_chain()
    assert validate(market.root) == []


def terminated(login: str) -> dict:
    """The first contract of the draw, ended for non-delivery: a dated cure notice, then termination."""
    discussion = "https://github.com/gc-devex/marketplace/discussions/1"
    return {
        "supplier": {"github": login, "name": login},
        "outcome": "terminated",
        "offered": "2026-10-19",
        "amount": 3000,
        "cure_notice": {
            "date": "2026-10-21",
            "deadline": "2026-10-24",
            "link": f"{discussion}#discussioncomment-11",
            "text": {"en": "Open a pull request by October 24.", "fr": "Ouvrez une demande de tirage d'ici le 24."},
        },
        "terminated": {
            "date": "2026-10-26",
            "reason": {"en": "Nothing was delivered by the deadline.", "fr": "Rien n'a été livré à l'échéance."},
        },
    }


def test_a_cure_notice_termination_and_the_next_award_hold_end_to_end(market, capsys):
    """The path of issue 11 after the draw: the winner does not deliver, is sent a cure notice, is terminated,
    and the next in the draw order is awarded on the same opportunity; the chain and every rule still hold."""
    drawn = market.full_chain()
    first, second = drawn["order"]
    award = market.read("award.yaml")
    for later in ("work", "delivered", "accepted", "paid"):
        award.pop(later, None)
    award.update(supplier={"github": second, "name": second}, awarded="2026-10-27", previous=[terminated(first)])
    market.write("award.yaml", award)
    code, out, _ = verify(market, capsys)
    assert code == 0, out
    assert f"ok  award.yaml: {second} is the first in the order not skipped after {first} (terminated)" in out
    assert validate(market.root) == []
    award["previous"][0]["terminated"]["date"] = "2026-10-23"  # before the cure notice's deadline
    market.write("award.yaml", award)
    assert [problem.rule for problem in validate(market.root)], "terminating before the deadline is refused"

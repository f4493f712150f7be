"""The evaluation: qualified is derived, and it covers exactly the on-time applicants and every criterion."""

from __future__ import annotations

from site_builder import schemas
from site_builder.load import load_bytes
from site_builder.selection.evaluation import check_evaluation, on_time_applicants, qualified

GOOD = """\
opportunity: tbs-2026-001
applicants:
  - login: alice-dev
    criteria:
      - {criterion: 1, result: pass, reason: {en: Fluent French., fr: Français courant.}}
      - {criterion: 2, result: pass, reason: {en: Tests shown., fr: Tests montrés.}}
  - login: bob-codes
    criteria:
      - {criterion: 1, result: pass, reason: {en: Fluent French., fr: Français courant.}}
      - {criterion: 2, result: fail, reason: {en: No tests., fr: Aucun test.}}
"""


def doc(text: str):
    document = load_bytes(text.encode(), "evaluation.yaml")
    assert schemas.check(document, "evaluation") == []
    return document


def messages(text: str, on_time=("alice-dev", "bob-codes"), criteria=2, ident="tbs-2026-001"):
    return [(p.line, p.message) for p in check_evaluation(doc(text), ident, on_time, criteria)]


def test_qualified_means_passing_every_criterion():
    assert qualified(doc(GOOD).data) == ["alice-dev"]


def test_a_complete_evaluation_has_no_problem():
    assert messages(GOOD) == []
    assert messages(GOOD, on_time=("Alice-Dev", "BOB-codes")) == []  # logins ignore case


def test_a_missing_applicant_is_named():
    assert messages(GOOD, on_time=("alice-dev", "bob-codes", "dana")) == [
        (2, "misses the on-time applicant(s) dana: evaluate every one of them")
    ]


def test_someone_who_did_not_apply_on_time_is_refused_at_their_line():
    assert messages(GOOD, on_time=("alice-dev",)) == [
        (7, "bob-codes has no on-time application: evaluate only on-time applicants")
    ]


def test_an_applicant_evaluated_twice_is_refused():
    twice = GOOD + GOOD[GOOD.index("  - login: bob-codes") :].replace("bob-codes", "Bob-Codes")
    assert messages(twice) == [(11, "Bob-Codes is evaluated twice (first on line 7): keep one")]


def test_a_missing_unknown_or_repeated_criterion_is_refused():
    text = GOOD.replace("{criterion: 2, result: fail", "{criterion: 3, result: fail")
    assert messages(text) == [
        (8, "bob-codes has no result for criterion 2: give pass or fail on each of the opportunity's 2 criteria"),
        (10, "criterion 3 does not exist: the opportunity has 2 criteria"),
    ]
    repeated = GOOD.replace("{criterion: 2, result: pass", "{criterion: 1, result: pass")
    assert (6, "criterion 1 is given twice for alice-dev") in messages(repeated)


def test_another_opportunitys_evaluation_is_refused():
    assert messages(GOOD, ident="tbs-2026-002") == [(1, "`opportunity` must be tbs-2026-002, the folder's")]


def test_the_schema_wants_pass_or_fail_and_both_languages():
    text = GOOD.replace("result: fail", "result: maybe").replace("fr: Aucun test.", "de: Kein Test.")
    found = schemas.check(load_bytes(text.encode(), "evaluation.yaml"), "evaluation")
    assert {p.line for p in found} == {10} and len(found) >= 2


def test_the_schema_has_no_place_to_type_qualified():
    text = GOOD.replace("  - login: alice-dev\n", "  - login: alice-dev\n    qualified: true\n")
    found = schemas.check(load_bytes(text.encode(), "evaluation.yaml"), "evaluation")
    assert [p.message for p in found] == [
        "`qualified` is not a field of evaluation files: remove it (accepted here: criteria, login)"
    ]


def test_on_time_applicants_are_the_authors_of_on_time_entries_once_each():
    bids = {
        "bids": [
            {"author": "alice-dev", "late": False},
            {"author": "Alice-Dev", "late": False},
            {"author": "bob-codes", "late": False},
            {"author": "carol", "late": True},
        ]
    }
    assert on_time_applicants(bids) == ["alice-dev", "bob-codes"]

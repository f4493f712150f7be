"""Awards under the public method: a free-text rationale never skips anyone ahead in the draw order, and the
legacy digest draw's rules no longer apply to them (the chain does)."""

from __future__ import annotations

from site_builder.validate import validate


def test_a_rationale_alone_does_not_let_the_second_in_order_win(market):
    drawn = market.full_chain()
    award = market.read("award.yaml")
    award["supplier"]["github"] = drawn["order"][1]
    award["selection"]["rationale"] = {"en": "The first did not answer.", "fr": "Le premier n'a pas répondu."}
    market.write("award.yaml", award)
    [problem] = validate(market.root)
    assert problem.file.endswith("award.yaml") and f"{drawn['order'][1]}" in problem.message
    assert drawn["order"][0] in problem.message


def test_the_first_in_the_drawn_order_is_valid_with_the_public_seed(market):
    drawn = market.full_chain()
    award = market.read("award.yaml")
    award["selection"] |= {"method": "random-draw", "seed": drawn["seed"], "order": drawn["order"]}
    market.write("award.yaml", award)
    assert validate(market.root) == []  # the legacy rule (seed = bids digest) is not applied to a public draw

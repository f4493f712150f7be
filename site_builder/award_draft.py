"""`devex draw` (and devex sync once the round is recorded): the draft award.yaml for the first in the order.

The order is selection.yaml's, drawn from the commitment and a public beacon round (site_builder.selection);
nothing here chooses who qualified (evaluation.yaml does) nor ranks anyone. The draft names the first in the
order as supplier and sets the opportunity's status to `awarded`, so the buyer's pull request is valid as it
stands; what the draw cannot know (the supplier's legal name, the amount, the date) comes from flags, with
defaults the command prints so nobody mistakes them for facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from site_builder.clock import closing_time
from site_builder.dump import checked_yaml, fields_set, write_atomic
from site_builder.errors import DrawRefused, InvalidMarketplace, UsageError
from site_builder.locale import local_day
from site_builder.model import Marketplace, Opportunity
from site_builder.selection.beacon import beacon_settings
from site_builder.selection.drawing import refuse_early
from site_builder.selection.evaluation import qualified
from site_builder.selection.method import is_public
from site_builder.selection.records import records_of
from site_builder.validate import check_draft

SCHEMA_HINT = "../../../schema/award.schema.json"


@dataclass(frozen=True)
class Draw:
    opportunity: Opportunity
    seed: str
    order: list[str]
    award: dict[str, Any]
    defaults: list[str]
    root: Path
    """The marketplace repository; award.yaml goes to `path`, in the opportunity's folder."""
    round: int = 0

    @property
    def path(self) -> Path:
        return self.root / self.opportunity.folder / "award.yaml"


def find(marketplace: Marketplace, ident: str) -> Opportunity:
    opp = marketplace.by_id().get(ident)
    if opp is None:
        raise UsageError(f"no opportunity {ident} in {marketplace.root / 'opportunities'}")
    return opp


def drawn_order(marketplace: Marketplace, opp: Opportunity, now: datetime) -> tuple[dict[str, Any], list[str]]:
    """The drawn selection record and the qualified logins (from the evaluation), or DrawRefused saying what is
    missing: an evaluation, its commitment, the round (not produced yet, or produced but not recorded yet)."""
    if not is_public(opp, marketplace.settings):
        raise UsageError(
            f"{opp.id} closed before public_draw_since ({marketplace.settings.data.get('public_draw_since')}): "
            "its draw is a legacy one, recorded already"
        )
    records = records_of(opp)
    if records.selection is None or "signature" not in records.selection.data:
        round_number = refuse_early(opp.id, records, beacon_settings(marketplace.settings), now)
        raise DrawRefused(
            f"round {round_number} of the beacon exists but is not recorded in selection.yaml yet: devex sync "
            "fetches, verifies and records it at its next run (then the award is drafted)"
        )
    assert records.evaluation is not None
    return records.selection.data, qualified(records.evaluation.data)


def make_draw(
    marketplace: Marketplace,
    opp: Opportunity,
    cross_check: list[str] | None = None,
    name: str | None = None,
    amount: float | None = None,
    awarded: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> Draw:
    """The draft award for the first in the drawn order, without writing anything. `cross_check`, when given,
    must be exactly the logins the evaluation qualified (a buyer's check, never a choice)."""
    ident = opp.id
    if opp.status != "closed":
        raise UsageError(f"{ident} is {opp.status}: a draw is made once it is closed and before it is awarded")
    record, passed = drawn_order(marketplace, opp, now or datetime.now(UTC))
    order = record["order"]
    if cross_check is not None and {login.lower() for login in cross_check} != {login.lower() for login in passed}:
        raise UsageError(
            f"--qualified ({', '.join(cross_check)}) is not who the evaluation qualified "
            f"({', '.join(passed) or 'nobody'}): evaluation.yaml decides, and it is frozen"
        )
    if not order:
        raise UsageError(f"nobody qualified for {ident}: set its status to unsuccessful instead of drawing")
    defaults = []
    if name is None:
        name = order[0]
        defaults.append(f"supplier.name is the GitHub login {order[0]}: write the legal name")
    if amount is None:
        amount = opp.data["value"]
        defaults.append(f"amount is the opportunity's value, {amount}")
    if awarded is None:
        closed_on = local_day(closing_time(opp.data), marketplace.settings.time_zone)
        awarded = max(today or date.today(), closed_on).isoformat()
        defaults.append(f"awarded is {awarded}")
    selection: dict[str, Any] = {"method": "random-draw" if len(order) > 1 else "sole-qualified"}
    selection["qualified"] = passed
    if len(order) > 1:
        selection |= {"seed": record["seed"], "order": order}
    award = {
        "opportunity": ident,
        "supplier": {"github": order[0], "name": name},
        "amount": amount,
        "awarded": awarded,
        "selection": selection,
    }
    return Draw(opp, record["seed"], order, award, defaults, marketplace.root, record["round"])


def write_draw(draw: Draw) -> None:
    """Write award.yaml and set the status to awarded, once both files pass validation together (checked in
    memory first, so an invalid draft leaves the checkout as it was)."""
    if draw.path.exists():
        raise UsageError(f"{draw.path} exists already: the draw is made once")
    folder = draw.opportunity.folder
    opportunity_file = draw.root / folder / "opportunity.yaml"
    texts = {
        f"{folder}/award.yaml": checked_yaml(draw.path, draw.award, SCHEMA_HINT),
        f"{folder}/opportunity.yaml": fields_set(
            opportunity_file, opportunity_file.read_text("utf-8"), {"status": "awarded"}
        )[0],
    }
    problems = check_draft(draw.root, texts)
    if problems:
        raise InvalidMarketplace(problems)
    for name, text in texts.items():  # award.yaml first: without it, an awarded status is reported invalid
        write_atomic(draw.root / name, text)


def describe(draw: Draw) -> str:
    """What the buyer reads: the method, the seed, the order, and which values are only defaults."""
    lines = [
        f"Draw for {draw.opportunity.id}, from selection.yaml: the qualified applicants of evaluation.yaml sorted by",
        f"sha256(seed + login in lower case); the seed follows from the commitment and beacon round {draw.round}.",
        f"  seed   {draw.seed} (anyone can re-check it: devex verify {draw.opportunity.id})",
    ]
    lines += [f"  {rank:>4}. {login}" for rank, login in enumerate(draw.order, 1)]
    lines.append(f"Wrote {draw.path.name} (supplier {draw.order[0]}) and set status: awarded.")
    lines += [f"  default: {text}" for text in draw.defaults]
    if draw.defaults:
        lines.append("Check the defaults, then open a pull request with both files.")
    return "\n".join(lines) + "\n"

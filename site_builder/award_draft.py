"""`devex draw`: the reproducible draw among qualified applicants, written as a draft award.yaml.

The seed is the `digest` of bids.yaml, public since closing; the method is `site_builder.draw.draw_order`.
The draft names the first in the draw as supplier and sets the opportunity's status to `awarded`, so the
buyer's pull request is valid as it stands; what the draw cannot know (the supplier's legal name, the
amount, the date) comes from flags, with defaults the command prints so nobody mistakes them for facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from site_builder.draw import draw_order
from site_builder.dump import checked_yaml, fields_set, write_atomic
from site_builder.errors import InvalidMarketplace, UsageError
from site_builder.lifecycle import closing_time
from site_builder.locale import local_day
from site_builder.model import Marketplace, Opportunity
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

    @property
    def path(self) -> Path:
        return self.root / self.opportunity.folder / "award.yaml"


def find(marketplace: Marketplace, ident: str) -> Opportunity:
    opp = marketplace.by_id().get(ident)
    if opp is None:
        raise UsageError(f"no opportunity {ident} in {marketplace.root / 'opportunities'}")
    return opp


def qualified_logins(opp: Opportunity, requested: list[str]) -> list[str]:
    """The logins as the bids spell them; every one must have bid on time."""
    if opp.bids is None:
        raise UsageError(f"{opp.id} has no bids.yaml yet: the draw is seeded by the bids archived at closing")
    on_time = {bid["author"].lower(): bid["author"] for bid in opp.bids["bids"] if not bid["late"]}
    unknown = [login for login in requested if login.lower() not in on_time]
    if unknown:
        raise UsageError(
            f"{', '.join(unknown)} did not bid on time for {opp.id}: only on-time applicants can qualify "
            f"(on time: {', '.join(sorted(on_time.values())) or 'nobody'})"
        )
    spelled = [on_time[login.lower()] for login in requested]
    if len({login.lower() for login in spelled}) != len(spelled):
        raise UsageError("--qualified names the same applicant twice")
    return spelled


def make_draw(
    marketplace: Marketplace,
    ident: str,
    requested: list[str],
    name: str | None = None,
    amount: float | None = None,
    awarded: str | None = None,
    today: date | None = None,
) -> Draw:
    """The draw and the draft award, without writing anything."""
    opp = find(marketplace, ident)
    if opp.status != "closed":
        raise UsageError(f"{ident} is {opp.status}: a draw is made once it is closed and before it is awarded")
    qualified = qualified_logins(opp, requested)
    assert opp.bids is not None
    seed = opp.bids["digest"]
    order = draw_order(seed, qualified)
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
    selection: dict[str, Any] = {"method": "random-draw" if len(qualified) > 1 else "sole-qualified"}
    selection["qualified"] = qualified
    if len(qualified) > 1:
        selection |= {"seed": seed, "order": order}
    award = {
        "opportunity": ident,
        "supplier": {"github": order[0], "name": name},
        "amount": amount,
        "awarded": awarded,
        "selection": selection,
    }
    return Draw(opp, seed, order, award, defaults, marketplace.root)


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
        f"Draw for {draw.opportunity.id}: sha256('<seed>:<login in lower case>') for each qualified applicant,",
        "sorted from lowest to highest; anyone can repeat it from bids.yaml.",
        f"  seed   {draw.seed} (the digest of bids.yaml)",
    ]
    lines += [f"  {rank:>4}. {login}" for rank, login in enumerate(draw.order, 1)]
    lines.append(f"Wrote {draw.path.name} (supplier {draw.order[0]}) and set status: awarded.")
    lines += [f"  default: {text}" for text in draw.defaults]
    if draw.defaults:
        lines.append("Check the defaults, then open a pull request with both files.")
    return "\n".join(lines) + "\n"

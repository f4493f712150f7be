"""A marketplace in a temporary folder taken through the selection: the foundation's base marketplace with the
stand-in beacon's chain in its settings, an evaluation of tbs-2026-001, a commitment and a drawn round."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from beacon_standin import BeaconStandin, sign

from site_builder.dump import set_fields, write_yaml
from site_builder.selection.beacon import BeaconSettings
from site_builder.selection.drawing import commit, record_draw
from site_builder.selection.evaluation import qualified
from site_builder.selection.records import EVALUATION_SCHEMA_HINT, SELECTION_SCHEMA_HINT
from site_builder.validate import load_marketplace

BASE = Path(__file__).resolve().parent.parent / "foundation" / "base"
IDENT = "tbs-2026-001"
FOLDER = f"opportunities/tbs/{IDENT}"
COMMITTED = datetime(2026, 10, 16, 18, 0, 0, tzinfo=UTC)  # the day after closing


def reason(text: str) -> dict[str, str]:
    return {"en": text, "fr": f"{text} (fr)"}


def evaluation(results: dict[str, str]) -> dict[str, Any]:
    """An evaluation of tbs-2026-001 (one criterion): login -> pass | fail."""
    return {
        "opportunity": IDENT,
        "applicants": [
            {"login": login, "criteria": [{"criterion": 1, "result": result, "reason": reason(f"{login} {result}")}]}
            for login, result in results.items()
        ],
    }


class SelectionMarket:
    """The files of one opportunity's selection, written step by step as automation would."""

    def __init__(self, root: Path, relay: BeaconStandin) -> None:
        self.root, self.relay = root, relay
        shutil.copytree(BASE, root, dirs_exist_ok=True)
        settings = root / "opportunities" / "marketplace.yaml"
        text = settings.read_text("utf-8")
        text = text[: text.index("beacon:")] + yaml.safe_dump({"beacon": self.relay.settings_data()}, sort_keys=False)
        settings.write_text(text, "utf-8")
        self.folder = root / FOLDER
        # the base awards tbs-2026-001 by the legacy draw; here it is taken through the public method instead,
        # so it is closed and not awarded until `award`
        self.drafted = yaml.safe_load((self.folder / "award.yaml").read_text("utf-8"))
        (self.folder / "award.yaml").unlink()
        set_fields(self.folder / "opportunity.yaml", {"status": "closed"})

    @property
    def beacon(self) -> BeaconSettings:
        return self.relay.settings()

    def bids(self) -> dict[str, Any]:
        return yaml.safe_load((self.folder / "bids.yaml").read_text("utf-8"))

    def read(self, name: str) -> dict[str, Any]:
        return yaml.safe_load((self.folder / name).read_text("utf-8"))

    def write(self, name: str, data: dict[str, Any]) -> None:
        hint = {"evaluation.yaml": EVALUATION_SCHEMA_HINT, "selection.yaml": SELECTION_SCHEMA_HINT}.get(name)
        write_yaml(self.folder / name, data, hint)

    def evaluate(self, results: dict[str, str] | None = None) -> dict[str, Any]:
        data = evaluation(results or {"alice-dev": "pass", "bob-codes": "pass"})
        self.write("evaluation.yaml", data)
        return data

    def commit(self, now: datetime = COMMITTED) -> dict[str, Any]:
        record = commit(IDENT, self.bids(), self.read("evaluation.yaml"), now, self.beacon)
        self.write("selection.yaml", record)
        return record

    def draw(self) -> dict[str, Any]:
        record = self.read("selection.yaml")
        signature = sign(self.relay.secret, record["round"])
        drawn = record_draw(record, self.read("evaluation.yaml"), signature, self.beacon)
        self.write("selection.yaml", drawn)
        return drawn

    def award(self, supplier: str) -> None:
        award = self.read("award.yaml") if (self.folder / "award.yaml").exists() else self.drafted
        award["supplier"]["github"] = supplier
        award["selection"] = {"method": "random-draw", "qualified": qualified(self.read("evaluation.yaml"))}
        self.write("award.yaml", award)
        set_fields(self.folder / "opportunity.yaml", {"status": "awarded"})

    def full_chain(self) -> dict[str, Any]:
        """Evaluated, committed, drawn, and awarded to the first in the order."""
        self.evaluate()
        self.commit()
        drawn = self.draw()
        self.award(drawn["order"][0])
        return drawn

    def line_of(self, name: str, pattern: str) -> int:
        """The 1-based line of the first line of `name` matching `pattern`."""
        lines = (self.folder / name).read_text("utf-8").splitlines()
        return next(number for number, line in enumerate(lines, 1) if re.search(pattern, line))

    def marketplace(self):
        return load_marketplace(self.root)

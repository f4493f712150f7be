"""Drafts (`devex new`, `devex draw`, intake) are validated in memory over the working tree
(`sources.Overlay`, `validate.check_draft`) and written only once they pass: a crash or a refusal during
validation leaves the checkout exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder import scaffold
from site_builder.errors import InvalidMarketplace
from site_builder.model import Document, Problem
from site_builder.sources import Overlay, WorkingTree
from site_builder.validate import check_draft

OPEN = "opportunities/esdc/esdc-2026-001/opportunity.yaml"
DRAFT = scaffold.Draft(
    department="esdc",
    title_en="Add a dark theme",
    title_fr="Ajouter un thème sombre",
    value=2500,
    repository="https://github.com/esdc-edsc/benefits-estimator",
    closing="2026-12-10T14:00:00-05:00",
    start="2026-12-14",
    delivery="2026-12-21",
    contact_name="Marie Tremblay",
    contact_email="marie.tremblay@example.gc.ca",
    project="Benefits estimator",
    skills=("javascript",),
    posted="2026-11-21",
)


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_the_overlay_adds_and_replaces_files_in_memory_only(market: Path) -> None:
    before = snapshot(market)
    added = "opportunities/esdc/x-2026-001/opportunity.yaml"
    overlay = Overlay(WorkingTree(market), {added: "id: x\n", OPEN: "a: 1\n"})
    assert added in overlay.files()
    assert set(WorkingTree(market).files()) < set(overlay.files())
    replaced = overlay.load(OPEN)
    assert isinstance(replaced, Document) and replaced.data == {"a": 1}
    broken = Overlay(WorkingTree(market), {OPEN: "a: [unclosed\n"}).load(OPEN)
    assert isinstance(broken, Problem) and broken.file == OPEN
    assert not overlay.is_link(OPEN)
    assert snapshot(market) == before


def test_a_draft_is_checked_with_its_file_and_line(market: Path) -> None:
    text = (market / OPEN).read_text("utf-8").replace("value: 4500", "value: 12000")
    [problem] = check_draft(market, {OPEN: text})
    assert (problem.file, problem.line) == (OPEN, 17) and "threshold" in problem.message
    assert check_draft(market, {OPEN: (market / OPEN).read_text("utf-8")}) == []


def test_new_writes_nothing_until_the_draft_passes(market: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(market)
    seen = []

    def crashing_check(root: Path, texts: dict[str, str]) -> list[Problem]:
        seen.extend(texts)
        assert snapshot(root) == before, "nothing is written while the draft is validated"
        raise KeyboardInterrupt  # the run is stopped in the middle of validation

    monkeypatch.setattr(scaffold, "check_draft", crashing_check)
    with pytest.raises(KeyboardInterrupt):
        scaffold.create(market, DRAFT)
    assert seen == ["opportunities/esdc/esdc-2026-002/opportunity.yaml"]
    assert snapshot(market) == before


def test_new_refused_for_an_unregistered_department_leaves_no_folder(market: Path) -> None:
    before = snapshot(market)
    folders = sorted(path for path in market.rglob("*") if path.is_dir())
    with pytest.raises(InvalidMarketplace):
        scaffold.create(market, scaffold.Draft(**{**DRAFT.__dict__, "department": "nosuch"}))
    assert snapshot(market) == before
    assert sorted(path for path in market.rglob("*") if path.is_dir()) == folders


def test_new_writes_the_text_it_validated(market: Path) -> None:
    target = scaffold.create(market, DRAFT)
    assert target == market / "opportunities/esdc/esdc-2026-002/opportunity.yaml"
    drafted = check_draft(market, {"opportunities/esdc/esdc-2026-002/opportunity.yaml": target.read_text("utf-8")})
    assert {problem.rule for problem in drafted} <= scaffold.DRAFT_RULES  # only what the buyer has yet to write

"""The sample marketplace in opportunities/: a fresh checkout must validate and show every part of the lifecycle."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder import lifecycle
from site_builder.cli import main
from site_builder.model import Marketplace
from site_builder.selection.legacy import draw_order
from site_builder.validate import load_marketplace, validate

ID = re.compile(r"^(?P<department>[a-z]+)-(?P<year>20[0-9]{2})-(?:[0-9]{3}|[1-9][0-9]{3,})$")


@pytest.fixture(scope="module")
def sample(repo_root: Path) -> Marketplace:
    return load_marketplace(repo_root)


def test_sample_validates_with_no_problem(repo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert validate(repo_root) == []
    assert main(["validate", "--root", str(repo_root)]) == 0
    assert "All marketplace files are valid." in capsys.readouterr().out


def test_sample_shows_every_status_in_every_registered_department(sample: Marketplace) -> None:
    assert len(sample.opportunities) >= 10
    assert {opp.status for opp in sample.opportunities} == set(lifecycle.STATUSES)
    assert {opp.department for opp in sample.opportunities} >= {"esdc", "tbs", "ssc"}
    assert sum(opp.status == "open" for opp in sample.opportunities) >= 2


def test_sample_awards_show_both_selection_methods(sample: Marketplace) -> None:
    awarded = [opp.award for opp in sample.opportunities if opp.status == "awarded"]
    draws = [award for award in awarded if award["selection"]["method"] == "random-draw"]
    assert any(len(award["selection"]["qualified"]) == 3 for award in draws)
    assert any(award["selection"]["method"] == "sole-qualified" for award in awarded)
    for award in draws:
        assert award["selection"]["order"] == draw_order(award["selection"]["seed"], award["selection"]["qualified"])


def test_sample_has_a_completed_paid_contract_and_a_terminated_one(sample: Marketplace) -> None:
    completed = [opp.award for opp in sample.opportunities if opp.status == "completed"]
    assert completed and all(award["work"].startswith("https://github.com/") for award in completed)
    assert all({"delivered", "accepted", "paid"} <= set(award) for award in completed)
    terminated = [opp for opp in sample.opportunities if opp.award and "terminated" in opp.award]
    assert terminated and all(opp.status == "cancelled" for opp in terminated)


def test_sample_bids_include_late_and_edited_ones_and_a_closed_opportunity_awaits_evaluation(
    sample: Marketplace,
) -> None:
    bids = [(opp, bid) for opp in sample.opportunities if opp.bids for bid in opp.bids["bids"]]
    assert any(bid["late"] for _, bid in bids)
    assert any(bid["edited_after_closing"] for _, bid in bids)
    texts = [(sample.root / opp.folder / bid["file"]).read_text("utf-8") for opp, bid in bids]
    assert all(text.strip() and "https://github.com/" in text for text in texts)
    closed = [opp for opp in sample.opportunities if opp.status == "closed"]
    assert closed and all(opp.bids and not opp.award for opp in closed)
    unsuccessful = [opp for opp in sample.opportunities if opp.status == "unsuccessful"]
    assert unsuccessful and all(opp.bids and not opp.award for opp in unsuccessful)


def test_sample_has_addenda_and_is_bilingual(sample: Marketplace) -> None:
    assert any(opp.data.get("addenda") for opp in sample.opportunities)
    for opp in sample.opportunities:
        for field in ("title", "teaser", "description"):
            assert opp.data[field]["en"] != opp.data[field]["fr"], (opp.id, field)


def test_sample_ids_and_editor_hints(sample: Marketplace, repo_root: Path) -> None:
    for opp in sample.opportunities:
        match = ID.match(opp.id)
        assert match and match["department"] == opp.department, opp.id
    for path in (repo_root / "opportunities").glob("*/*/*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../../schema/{path.stem}.schema.json", path


def test_sample_shows_the_public_selection_drawn_and_waiting(repo_root: Path, sample: Marketplace) -> None:
    """esdc-2024-031: drawn with the real quicknet round 10024141 and delivered; tbs-2026-011: committed, waiting
    for its round. Both verify offline; older awards are legacy digest draws."""
    from site_builder.selection.method import is_public
    from site_builder.validate import verify_opportunity

    drawn = verify_opportunity(repo_root, "esdc-2024-031")
    assert drawn.problem is None and drawn.waiting is None
    assert any("signature of round 10024141 verifies" in line for line in drawn.held)
    waiting = verify_opportunity(repo_root, "tbs-2026-011")
    assert waiting.problem is None and waiting.waiting and waiting.waiting.startswith("waiting for round")
    public = {opp.id: is_public(opp, sample.settings) for opp in sample.opportunities if opp.award}
    assert public["esdc-2024-031"] and not public["tbs-2026-009"]
    kinds = {bid["kind"] for bid in sample.by_id()["esdc-2024-031"].bids["bids"]}
    assert kinds == {"application", "question", "team"}


def test_the_documented_hand_check_holds_on_the_sample_drawn_with_a_real_quicknet_round(
    repo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/dev/selection.md's by-hand re-check, run on esdc-2024-031: real round 10024141, real signature."""
    import re

    page = (repo_root / "docs" / "dev" / "selection.md").read_text("utf-8")
    code = "\n".join(re.findall(r"```python\n(.*?)```", page, re.S))
    monkeypatch.chdir(repo_root)
    exec(code.replace("opportunities/tbs/tbs-2026-004", "opportunities/esdc/esdc-2024-031"), {})

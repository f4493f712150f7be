"""The synthetic marketplace generator: what benchmarks and scale tests stand on must be valid and reproducible."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from bench.generate import _assign_ids, generate
from site_builder import archive, lifecycle
from site_builder.selection.legacy import draw_order
from site_builder.validate import load_marketplace, validate

COUNT = 60


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("gen") / "market", COUNT, seed=0)


def test_generated_marketplace_validates_cleanly(generated: Path) -> None:
    assert validate(generated) == []
    market = load_marketplace(generated)
    assert len(market.opportunities) == COUNT


def test_generated_marketplace_shows_every_status_and_situation(generated: Path) -> None:
    market = load_marketplace(generated)
    assert {opp.status for opp in market.opportunities} == set(lifecycle.STATUSES)
    assert {opp.department for opp in market.opportunities} == set(market.settings.departments)
    awards = [opp.award for opp in market.opportunities if opp.award]
    assert {award["selection"]["method"] for award in awards} == {"random-draw", "sole-qualified"}
    assert any("terminated" in award for award in awards)
    assert any(award.get("paid") for award in awards)
    assert any(opp.data.get("addenda") for opp in market.opportunities)
    bids = [bid for opp in market.opportunities if opp.bids for bid in opp.bids["bids"]]
    assert any(bid["late"] for bid in bids)
    assert any(bid["edited_after_closing"] for bid in bids)
    assert all(opp.bids is None for opp in market.opportunities if opp.status == "open")


def test_generated_draws_and_digests_follow_the_library(generated: Path) -> None:
    for opp in load_marketplace(generated).opportunities:
        if opp.bids:
            folder = generated / opp.folder
            texts = {bid["file"]: (folder / bid["file"]).read_bytes() for bid in opp.bids["bids"]}
            assert opp.bids["digest"] == archive.digest_of(opp.bids["bids"], texts)
        selection = opp.award["selection"] if opp.award else {}
        if selection.get("method") == "random-draw":
            assert selection["order"] == draw_order(opp.bids["digest"], selection["qualified"])


def test_generated_text_is_bilingual_and_of_realistic_length(generated: Path) -> None:
    for opp in load_marketplace(generated).opportunities:
        english, french = opp.data["description"]["en"], opp.data["description"]["fr"]
        assert len(english) > 400 and len(french) > 400
        assert english != french


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path, generated: Path) -> None:
    again = generate(tmp_path / "again", COUNT, seed=0)
    other = generate(tmp_path / "other", COUNT, seed=1)
    assert _files(again) == _files(generated)
    assert _files(other) != _files(generated)
    assert validate(other) == []


def test_ids_are_numbered_per_department_and_year(generated: Path) -> None:
    market = load_marketplace(generated)
    for opp in market.opportunities:
        assert opp.id.startswith(f"{opp.department}-{opp.data['posted'][:4]}-")
    first = [opp.id for opp in market.opportunities if opp.id.endswith("-001")]
    assert first, "every department-year starts at 001"


def test_refuses_to_write_into_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match="not empty"):
        generate(tmp_path, 3)
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_command_line_writes_a_valid_marketplace(tmp_path: Path, repo_root: Path) -> None:
    out = tmp_path / "cli"
    done = subprocess.run(
        [sys.executable, "-m", "bench.generate", "9", str(out), "--seed", "4"],
        cwd=repo_root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "wrote 9 opportunities" in done.stdout
    assert validate(out) == []
    assert _files(out) == _files(generate(tmp_path / "lib", 9, seed=4))


def test_a_department_can_post_more_than_999_opportunities_a_year() -> None:
    plans = [SimpleNamespace(index=i, department="tbs", posted=date(2027, 1, 1), ident="") for i in range(1001)]
    _assign_ids(plans)  # type: ignore[arg-type]
    assert [plan.ident for plan in plans[:1]] == ["tbs-2027-001"]
    assert [plan.ident for plan in plans[998:]] == ["tbs-2027-999", "tbs-2027-1000", "tbs-2027-1001"]

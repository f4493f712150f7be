"""devex draw: reproducible from bids.yaml, written as a valid draft award, refused with a reason otherwise."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
import yaml
from github_testkit import devex

from site_builder.draw import draw_order
from site_builder.dump import set_fields, write_yaml
from site_builder.github_sync.discussions import Comment
from site_builder.github_sync.snapshot import SCHEMA_HINT, bids_snapshot
from site_builder.validate import validate

IDENT = "esdc-2026-001"
URL = "https://github.com/gc-devex/marketplace/discussions/1"


@pytest.fixture
def closed(market):
    """esdc-2026-001 closed with three on-time bids and one late, as sync leaves it."""
    folder = market.folder(IDENT)
    set_fields(folder / "opportunity.yaml", {"status": "closed", "discussion": URL})
    comments = [
        Comment(f"DC_{i}", f"{URL}#c{i}", login, f"{login} applies", created, None)
        for i, (login, created) in enumerate(
            [
                ("Alice", "2026-11-25T10:00:00Z"),
                ("bob", "2026-11-26T10:00:00Z"),
                ("carol", "2026-11-27T10:00:00Z"),
                ("dave", "2026-12-04T19:30:00Z"),
            ]
        )
    ]
    bids = bids_snapshot(
        yaml.safe_load((folder / "opportunity.yaml").read_text()),
        URL,
        comments,
        "github-actions[bot]",
        datetime.fromisoformat("2026-12-04T19:05:00+00:00"),
    )
    write_yaml(folder / "bids.yaml", bids, SCHEMA_HINT)
    market.commit("closed")
    return bids


def by_hand(seed: str, logins: list[str]) -> list[str]:
    """The draw as the published rule says anyone can check it (site_builder/draw.py's docstring)."""
    return sorted(logins, key=lambda login: hashlib.sha256(f"{seed}:{login.lower()}".encode()).hexdigest())


def test_the_draw_order_is_the_published_rule():
    # sha256("seed:bob") starts 0f3012, "seed:dave" 4c4a28, "seed:alice" ce0933, "seed:carol" ea9ad2
    assert draw_order("seed", ["Alice", "bob", "carol", "dave"]) == ["bob", "dave", "Alice", "carol"]
    assert draw_order("seed", ["carol", "dave", "bob", "Alice", "bob"]) == ["bob", "dave", "Alice", "carol"]


def test_the_draw_is_reproducible_and_the_draft_award_is_valid(market, closed):
    run = devex("draw", IDENT, "--qualified", "carol, @bob,alice", root=market.root)
    assert run.code == 0, run.err
    award = yaml.safe_load((market.folder(IDENT) / "award.yaml").read_text())
    order = by_hand(closed["digest"], ["carol", "bob", "Alice"])
    assert award["selection"] == {
        "method": "random-draw",
        "qualified": ["carol", "bob", "Alice"],
        "seed": closed["digest"],
        "order": order,
    }
    assert award["supplier"] == {"github": order[0], "name": order[0]}
    assert award["amount"] == 4500 and award["awarded"] >= "2026-12-04"
    assert yaml.safe_load((market.folder(IDENT) / "opportunity.yaml").read_text())["status"] == "awarded"
    assert validate(market.root, base="HEAD") == []
    assert f"default: supplier.name is the GitHub login {order[0]}: write the legal name" in run.out
    for rank, login in enumerate(order, 1):
        assert f"{rank:>4}. {login}" in run.out


def test_one_qualified_applicant_is_sole_qualified(market, closed):
    run = devex(
        "draw",
        IDENT,
        "--qualified",
        "bob",
        "--name",
        "Bob Ltd",
        "--amount",
        "4000",
        "--awarded",
        "2026-12-05",
        root=market.root,
    )
    assert run.code == 0, run.err
    award = yaml.safe_load((market.folder(IDENT) / "award.yaml").read_text())
    assert award == {
        "opportunity": IDENT,
        "supplier": {"github": "bob", "name": "Bob Ltd"},
        "amount": 4000,
        "awarded": "2026-12-05",
        "selection": {"method": "sole-qualified", "qualified": ["bob"]},
    }
    assert "default" not in run.out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--qualified", "dave"], 2, "dave did not bid on time for esdc-2026-001"),
        (["--qualified", "zed,bob"], 2, "zed did not bid on time"),
        (["--qualified", "bob,BOB"], 2, "names the same applicant twice"),
        (["--qualified", ""], 2, "--qualified needs at least one login"),
        (["--qualified", "bob", "--awarded", "soon"], 2, "--awarded must be a date"),
        (["--qualified", "bob", "--amount", "9000"], 1, "`amount` 9000 is more than the opportunity's value of 4500"),
        (["--qualified", "bob", "--awarded", "2026-12-01"], 1, "`awarded` is before the opportunity closed"),
    ],
)
def test_refusals_name_the_reason_and_leave_the_files_as_they_were(market, closed, args, code, message):
    before = market.read(IDENT)
    run = devex("draw", IDENT, *args, root=market.root)
    assert run.code == code and message in run.err and "Traceback" not in run.err
    assert market.read(IDENT) == before
    assert not (market.folder(IDENT) / "award.yaml").exists()


def test_no_draw_before_closing_nor_twice(market, closed):
    assert "exists already" not in devex("draw", IDENT, "--qualified", "bob", root=market.root).err
    second = devex("draw", IDENT, "--qualified", "bob", root=market.root)
    assert second.code == 2 and "is awarded: a draw is made once it is closed" in second.err
    market.add("esdc-2026-002")
    open_one = devex("draw", "esdc-2026-002", "--qualified", "bob", root=market.root)
    assert open_one.code == 2 and "esdc-2026-002 is open" in open_one.err
    unknown = devex("draw", "esdc-2026-099", "--qualified", "bob", root=market.root)
    assert unknown.code == 2 and "no opportunity esdc-2026-099" in unknown.err


def test_the_draft_award_is_validated_before_anything_is_written(market, closed, monkeypatch):
    """A run stopped while the draft is validated leaves both files as they were."""
    from site_builder import award_draft
    from site_builder.validate import load_marketplace

    folder = market.folder(IDENT)
    before = (folder / "opportunity.yaml").read_bytes()
    checked = []

    def crashing_check(root, texts):
        checked.extend(sorted(texts))
        assert not (folder / "award.yaml").exists() and (folder / "opportunity.yaml").read_bytes() == before
        assert yaml.safe_load(texts[f"{closed_folder(market)}/opportunity.yaml"])["status"] == "awarded"
        raise KeyboardInterrupt

    monkeypatch.setattr(award_draft, "check_draft", crashing_check)
    draw = award_draft.make_draw(load_marketplace(market.root), IDENT, ["bob", "carol"])
    with pytest.raises(KeyboardInterrupt):
        award_draft.write_draw(draw)
    assert checked == [f"{closed_folder(market)}/award.yaml", f"{closed_folder(market)}/opportunity.yaml"]
    assert not (folder / "award.yaml").exists() and (folder / "opportunity.yaml").read_bytes() == before


def closed_folder(market) -> str:
    return market.folder(IDENT).relative_to(market.root).as_posix()

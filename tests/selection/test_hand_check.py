"""The by-hand re-check printed in docs/dev/selection.md runs as written and catches a tampered order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selection_market import FOLDER

DOC = Path(__file__).resolve().parents[2] / "docs" / "dev" / "selection.md"


def snippet() -> str:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text("utf-8"), re.S)
    assert len(blocks) == 2, "the page shows the digests' check, then the signature's"
    return "\n".join(blocks).replace("opportunities/tbs/tbs-2026-004", FOLDER)


def test_the_documented_check_passes_on_a_real_draw(market, monkeypatch):
    market.full_chain()
    monkeypatch.chdir(market.root)
    exec(snippet(), {})


def test_the_documented_check_fails_on_a_tampered_order(market, monkeypatch):
    drawn = market.full_chain()
    record = market.read("selection.yaml")
    record["order"] = list(reversed(drawn["order"]))
    market.write("selection.yaml", record)
    monkeypatch.chdir(market.root)
    with pytest.raises(AssertionError):
        exec(snippet(), {})


@pytest.mark.parametrize("page", ["docs/guides/selection.md", "docs/fr/guides/selection.md"])
def test_the_site_method_page_shows_the_same_check(page):
    """The page for suppliers and auditors prints the very code the test above runs."""

    def blocks(text: str) -> list[str]:  # the example folder may differ: the code may not
        return [
            re.sub(r'^folder = ".*"$', "folder = ...", b, flags=re.M)
            for b in re.findall(r"```python\n(.*?)```", text, re.S)
        ]

    shown = blocks((DOC.parents[1].parent / page).read_text("utf-8"))
    assert len(shown) == 2 and shown == blocks(DOC.read_text("utf-8"))

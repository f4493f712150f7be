"""Who applied is one number everywhere it is published (issue 19): the opportunity page, the closing comment
posted on the Discussion, OCDS `numberOfTenderers`, the disclosure CSV's `number_of_bids` (a Government of
Canada record) and the JSON's `applicants` and `late_applicants` must all state the number of people the
evaluation covers, not of people who commented.

The oracle is computed here from the archive itself (each entry's `kind` and `late` flag), not with the
function the site uses, so the test would catch that function counting wrong too. Two opportunities: one
generated with every kind of comment (questions, a team reply, the automation, an applicant applying twice,
late applications, one of them by someone who also applied on time) and the sample's esdc-2024-031."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from open_data_market import REPO, _award, _opportunity
from open_data_support import Built, build

from site_builder import archive
from site_builder.dump import dump_yaml
from site_builder.github_sync.discussions import Comment
from site_builder.github_sync.messages import closing_comment
from site_builder.github_sync.snapshot import bids_snapshot
from site_builder.i18n import LANGUAGES, t
from site_builder.model import Opportunity
from site_builder.render.opportunity import page

IDENT = "esdc-2026-010"
CLOSING = "2026-10-06T14:00:00-04:00"  # before the sample's public_draw_since: a legacy digest draw
APPLY = "Application / Candidature\n\n- Who I am: a developer\n"
DISCUSSION = "https://github.com/gc-devex/marketplace/discussions/10"
ON_TIME, LATE = "2026-10-05T15:00:00Z", "2026-10-06T19:00:00Z"


def _comments() -> list[Comment]:
    def comment(number: int, author: str, body: str, at: str = ON_TIME, reply_to=None, association="NONE"):
        return Comment(f"DC_{number}", f"{DISCUSSION}#c{number}", author, body, at, None, reply_to, association)

    return [
        comment(1, "alice-dev", APPLY),
        comment(2, "bob", "Can I work from Yukon?"),
        comment(3, "marie-gc", "Yes.", reply_to="DC_2", association="MEMBER"),
        comment(4, "Alice-Dev", APPLY),  # the same person again, spelled otherwise: one applicant
        comment(5, "carol", APPLY),
        comment(6, "erin", APPLY, reply_to="DC_1"),  # an application written as a reply is a question
        comment(7, "owner-gc", APPLY, association="OWNER"),  # the team cannot apply
        comment(8, "devex-bot", "An automated note."),
        comment(9, "dave", APPLY, at=LATE),
        comment(10, "bob", APPLY, at=LATE),  # asked on time, applied late: late
        comment(11, "carol", APPLY, at=LATE),  # applied on time too: on time only
    ]


def _market(root: Path) -> Path:
    """A marketplace holding one awarded opportunity whose discussion mixes every kind of comment."""
    data_dir = root / "opportunities"
    folder = data_dir / "esdc" / IDENT
    folder.mkdir(parents=True)
    shutil.copyfile(REPO / "opportunities" / "marketplace.yaml", data_dir / "marketplace.yaml")
    opp = _opportunity(IDENT, "awarded", "2026-09-20", CLOSING, "2026-10-12", "2026-10-30", 3000)
    taken = datetime.fromisoformat("2026-10-06T20:00:00+00:00")
    snapshot = bids_snapshot(opp, DISCUSSION, _comments(), "devex-bot", taken)
    index, texts = archive.split(snapshot)
    archive.write(folder, index, texts)
    award = _award(
        IDENT, index, ["alice-dev", "carol"], {"name": "Alice Martin Consulting"}, 3000, awarded="2026-10-08"
    )
    (folder / "opportunity.yaml").write_text(dump_yaml(opp), encoding="utf-8")
    (folder / "award.yaml").write_text(dump_yaml(award), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(_market(tmp_path_factory.mktemp("mixed")))


def oracle(bids: dict[str, Any]) -> tuple[int, int]:
    """(on-time applicants, late-only applicants) from the archive's recorded kinds and late flags."""
    applications = [bid for bid in bids["bids"] if bid["kind"] == "application"]
    on_time = {bid["author"].lower() for bid in applications if not bid["late"]}
    late = {bid["author"].lower() for bid in applications if bid["late"]} - on_time
    return len(on_time), len(late)


def stated(built: Built, opp: Opportunity) -> dict[str, tuple[int, ...]]:
    """Every number of applicants published for `opp`, by where it is published."""
    found: dict[str, tuple[int, ...]] = {}
    for lang in LANGUAGES:
        markdown = page(opp, built.marketplace.settings, built.context.now, lang).markdown
        label = re.escape(t("award.applications", lang))
        cell = re.search(rf"<dt>{label}</dt><dd>(.*?)</dd>", markdown)
        assert cell, f"the {lang} page states no number of applications"
        found[f"page {lang}"] = tuple(int(n) for n in re.findall(r"\d+", cell.group(1)))
    bids = opp.bids or {}
    comment = closing_comment(opp, built.marketplace.settings, bids)
    for lang, text in zip(LANGUAGES, comment.rstrip("\n").split("\n\n")[-2:], strict=True):  # English, then French
        found[f"closing comment {lang}"] = tuple(int(n) for n in re.findall(r"\d+", text.replace(bids["digest"], "")))
    ocid = f"{built.marketplace.settings.data['ocid_prefix']}-{opp.id}"
    releases = [r for r in json.loads(built.files["data/ocds.json"])["releases"] if r["ocid"] == ocid]
    found["OCDS numberOfTenderers"] = tuple(
        sorted({r["tender"]["numberOfTenderers"] for r in releases if "numberOfTenderers" in r.get("tender", {})})
    )
    rows = csv.DictReader(io.StringIO(built.files["data/proactive-disclosure.csv"][3:].decode("utf-8"), newline=""))
    found["CSV number_of_bids"] = tuple(
        sorted({int(row["number_of_bids"]) for row in rows if row["procurement_id"] == opp.id})
    )
    entry = next(e for e in json.loads(built.files["data/opportunities.json"])["opportunities"] if e["id"] == opp.id)
    found["JSON"] = (entry["bids"]["applicants"], entry["bids"].get("late_applicants", -1))
    return found


def test_the_generated_discussion_holds_every_kind_of_comment(mixed):
    """The case the test is about: questions, a team reply, the automation, late and repeated applications."""
    bids = mixed.marketplace.opportunities[0].bids or {}
    kinds = {(bid["kind"], bid["late"]) for bid in bids["bids"]}
    assert kinds == {
        ("application", False),
        ("question", False),
        ("team", False),
        ("bot", False),
        ("application", True),
    }
    assert oracle(bids) == (2, 2)  # alice-dev and carol on time; dave and bob late only


@pytest.mark.parametrize("market", ["mixed", "sample"])
def test_every_published_count_of_applicants_is_the_rules(market, request):
    built: Built = request.getfixturevalue(market)
    opp = next(o for o in built.marketplace.opportunities if o.id == (IDENT if market == "mixed" else "esdc-2024-031"))
    on_time, late = oracle(opp.bids or {})
    assert stated(built, opp) == {
        "page en": (on_time, late),
        "page fr": (on_time, late),
        "closing comment en": (on_time, late),
        "closing comment fr": (on_time, late),
        "OCDS numberOfTenderers": (on_time,),
        "CSV number_of_bids": (on_time,),
        "JSON": (on_time, late),
    }


def test_the_samples_evaluation_covers_exactly_the_on_time_applicants(sample):
    """The number published is the number evaluated: the sample's evaluation lists the oracle's applicants."""
    opp = next(o for o in sample.marketplace.opportunities if o.id == "esdc-2024-031")
    assert opp.evaluation_document is not None
    evaluated = {applicant["login"].lower() for applicant in opp.evaluation_document.data["applicants"]}
    assert len(evaluated) == oracle(opp.bids or {})[0] == 3

"""The plan is a pure diff: files + GitHub state + clock -> steps. Markers count only from the automation."""

from __future__ import annotations

from datetime import datetime

import pytest
from github_testkit import AFTER, BEFORE, opportunity

from site_builder.github_sync.discussions import Comment, Discussion, Repository
from site_builder.github_sync.markers import marker, seal
from site_builder.github_sync.plan import (
    CloseDiscussion,
    Lock,
    Notice,
    PostComment,
    PostDiscussion,
    RecordDiscussion,
    SetClosed,
    Snapshot,
    comments_wanted,
    compute_plan,
)
from site_builder.model import Document, Marketplace, Opportunity, Settings

VIEWER = "github-actions[bot]"
KEY = "k" * 32
AT = datetime.fromisoformat(AFTER)
URL = "https://github.com/gc-devex/marketplace/discussions/4"
SETTINGS = Settings(
    {
        "discussion_category": "Opportunities",
        "repository": "gc-devex/marketplace",
        "site_url": "https://x.example/",
        "time_zone": "America/Toronto",
        "departments": {
            code: {"name": {"en": code.upper(), "fr": code.upper()}, "abbreviation": {"en": code, "fr": code}}
            for code in ("esdc", "tbs")
        },
        "skills": {
            "javascript": {"en": "JavaScript", "fr": "JavaScript"},
            "accessibility": {"en": "A11y", "fr": "A11y"},
        },
    }
)


def market(*opps: Opportunity) -> Marketplace:
    return Marketplace(None, SETTINGS, opps)  # type: ignore[arg-type]


def opp(status: str = "open", award: dict | None = None, bids: bool = False, **fields) -> Opportunity:
    data = opportunity("esdc-2026-001", status=status, **fields)
    award_doc = Document("award.yaml", award) if award else None
    bids_doc = Document("bids.yaml", {"bids": []}) if bids else None
    return Opportunity("opportunities/esdc/esdc-2026-001", Document("opportunity.yaml", data), award_doc, bids_doc)


def signed(kind: str, scope: str, text: str = "hello", ident: str = "esdc-2026-001") -> str:
    """A text as the automation sends it: the marker on its first line, signed for `scope`."""
    return seal(f"{marker(kind, ident)}\n{text}", KEY, scope)


def discussion(body=None, author="github-actions", **flags) -> Discussion:
    body = signed("posted", "R_1") if body is None else body
    return Discussion("D_1", 4, URL, "t", author, body, flags.get("locked", False), flags.get("closed", False))


def repo(*discussions: Discussion, categories=("Opportunities",)) -> Repository:
    return Repository("R_1", VIEWER, {name: f"C_{name}" for name in categories}, discussions, KEY)


def comment(body: str, author: str = "github-actions") -> Comment:
    return Comment("DC_1", URL + "#c", author, body, "2026-12-04T19:05:00Z", None)


def kinds(plan) -> list[str]:
    return [type(step).__name__ for step in plan.steps]


def test_an_open_opportunity_without_discussion_is_posted():
    plan = compute_plan(market(opp()), repo(), {}, datetime.fromisoformat(BEFORE))
    [step] = plan.steps
    assert isinstance(step, PostDiscussion) and step.category == "Opportunities"
    assert "create the discussion" in plan.format("gc-devex/marketplace", datetime.fromisoformat(BEFORE))


def test_a_discussion_left_by_a_killed_run_is_recorded_not_posted_again():
    plan = compute_plan(market(opp()), repo(discussion()), {}, datetime.fromisoformat(BEFORE))
    assert plan.steps == (RecordDiscussion("esdc-2026-001", "opportunities/esdc/esdc-2026-001", URL),)


def test_a_forged_marker_in_someone_elses_discussion_is_ignored():
    forged = discussion(author="mallory")
    assert kinds(compute_plan(market(opp()), repo(forged), {}, datetime.fromisoformat(BEFORE))) == ["PostDiscussion"]


@pytest.mark.parametrize(
    "body",
    [
        "<!-- devex:posted esdc-2026-001 -->\nhello",  # unsigned: any Write user's workflow can post as the bot
        signed("posted", "R_2"),  # signed for another repository
        seal(marker("posted", "esdc-2026-001"), "x" * 32, "R_1"),  # signed with another key
        "Teaser first.\n" + signed("posted", "R_1"),  # not on the first line
        signed("posted", "R_1", ident="esdc-2026-002"),  # another opportunity's
    ],
)
def test_a_marker_the_automation_did_not_sign_here_changes_nothing(body):
    plan = compute_plan(market(opp()), repo(discussion(body)), {}, datetime.fromisoformat(BEFORE))
    assert kinds(plan) == ["PostDiscussion"]


def test_a_signed_closing_marker_copied_from_another_discussion_does_not_count():
    copied = {"D_1": (comment(signed("closing", "D_9", "Closed")),)}
    plan = compute_plan(market(opp("closed", bids=True, discussion=URL)), repo(discussion(locked=True)), copied, AT)
    assert kinds(plan) == ["PostComment"]


def test_past_closing_the_steps_come_in_an_order_that_keeps_every_state_valid():
    plan = compute_plan(market(opp(discussion=URL)), repo(discussion()), {"D_1": ()}, datetime.fromisoformat(AFTER))
    assert kinds(plan) == ["Lock", "SetClosed", "Snapshot", "PostComment"]
    assert plan.steps[-1].kind == "closing"


def test_a_bidder_quoting_the_closing_marker_does_not_silence_the_closing_comment():
    comments = {"D_1": (comment("<!-- devex:closing esdc-2026-001 -->", author="mallory"),)}
    plan = compute_plan(
        market(opp(discussion=URL)), repo(discussion(locked=True)), comments, datetime.fromisoformat(AFTER)
    )
    assert kinds(plan) == ["SetClosed", "Snapshot", "PostComment"]


def test_a_closed_opportunity_gets_only_what_is_missing():
    said = {"D_1": (comment(signed("closing", "D_1", "Closed")),)}
    now = datetime.fromisoformat(AFTER)
    assert (
        compute_plan(market(opp("closed", bids=True, discussion=URL)), repo(discussion(locked=True)), said, now).steps
        == ()
    )
    plan = compute_plan(market(opp("closed", discussion=URL)), repo(discussion(locked=False)), said, now)
    assert kinds(plan) == ["Lock", "Snapshot"]


@pytest.mark.parametrize(
    ("status", "kind", "reason"),
    [
        ("awarded", "award", "RESOLVED"),
        ("completed", "award", "RESOLVED"),
        ("cancelled", "cancelled", "OUTDATED"),
        ("unsuccessful", "unsuccessful", "OUTDATED"),
    ],
)
def test_endings_are_said_once_then_the_discussion_is_closed(status, kind, reason):
    award = {
        "supplier": {"github": "alice", "name": "A"},
        "selection": {"method": "sole-qualified", "qualified": ["alice"]},
        "amount": 1,
        "awarded": "2026-12-07",
    }
    o = opp(status, award=award if kind == "award" else None, discussion=URL)
    now = datetime.fromisoformat(AFTER)
    plan = compute_plan(market(o), repo(discussion(locked=True)), {"D_1": ()}, now)
    assert [(type(s), getattr(s, "kind", None) or getattr(s, "reason", None)) for s in plan.steps] == [
        (PostComment, kind),
        (CloseDiscussion, reason),
    ]
    said = {"D_1": (comment(signed(kind, "D_1")),)}
    assert kinds(compute_plan(market(o), repo(discussion()), said, now)) == ["CloseDiscussion"]
    assert compute_plan(market(o), repo(discussion(closed=True)), {}, now).steps == ()


def test_what_only_a_person_can_fix_is_a_notice():
    now = datetime.fromisoformat(AFTER)
    [never] = compute_plan(market(opp()), repo(), {}, now).steps
    assert isinstance(never, Notice) and "closing time passed before it was ever posted" in never.message
    [gone] = compute_plan(market(opp(discussion=URL)), repo(), {}, now).steps
    assert isinstance(gone, Notice) and URL in gone.message
    [category] = compute_plan(market(opp()), repo(categories=("General",)), {}, datetime.fromisoformat(BEFORE)).steps
    assert isinstance(category, Notice) and "'Opportunities'" in category.message and "General" in category.message


def test_steps_are_plain_values():
    d = discussion()
    assert Lock("a", "f", d) == Lock("a", "f", d) and SetClosed("a", "f") != SetClosed("b", "f")
    assert Snapshot("a", "f", d, 3).describe() == "write bids.yaml from discussion #4 (3 comment(s) so far)"


def test_a_teaser_holding_another_opportunitys_marker_changes_nothing_even_past_the_validator():
    """The validator refuses such a teaser; were one to slip through, the bot's escaping and signing still hold."""
    from site_builder.github_sync.messages import discussion_body

    teaser = {"en": "Fast. <!-- devex:posted tbs-2026-001 -->", "fr": "<!-- devex:posted tbs-2026-001 -->"}
    hijacker = Opportunity(
        "opportunities/esdc/esdc-2026-001",
        Document("opportunity.yaml", opportunity("esdc-2026-001", teaser=teaser)),
    )
    body = seal(discussion_body(hijacker, SETTINGS), KEY, "R_1")
    assert "<!-- devex:posted tbs-2026-001 -->" not in body
    victim = Opportunity("opportunities/tbs/tbs-2026-001", Document("opportunity.yaml", opportunity("tbs-2026-001")))
    repository = repo(discussion(body))
    assert repository.posted("tbs-2026-001") is None and repository.posted("esdc-2026-001") is not None
    plan = compute_plan(market(victim), repository, {}, datetime.fromisoformat(BEFORE))
    assert kinds(plan) == ["PostDiscussion"]


AWARD = {
    "opportunity": "esdc-2026-001",
    "supplier": {"github": "Alice", "name": "A"},
    "selection": {"method": "random-draw", "qualified": ["Alice", "bob"], "seed": "ab" * 32, "order": ["Alice", "bob"]},
    "amount": 1,
    "awarded": "2026-12-07",
}


def drawn(award: dict | None = None, status: str = "awarded") -> Opportunity:
    """An opportunity awarded under the public draw: selection.yaml and evaluation.yaml beside award.yaml."""
    data = opportunity("esdc-2026-001", status=status, discussion=URL)
    return Opportunity(
        "opportunities/esdc/esdc-2026-001",
        Document("opportunity.yaml", data),
        Document("award.yaml", award or AWARD),
        Document("bids.yaml", {"bids": []}),
        Document("evaluation.yaml", {"applicants": []}),
        Document("selection.yaml", {"order": ["Alice", "bob"], "seed": "ab" * 32}),
    )


def test_an_offer_awaiting_its_answer_reopens_unlocks_and_is_announced_once_per_contract():
    now = datetime.fromisoformat("2026-12-07T10:00:00-05:00")
    closed = repo(discussion(locked=True, closed=True))
    assert comments_wanted(market(drawn()), closed, now) == {"D_1"}, "read even though closed: an answer waits"
    plan = compute_plan(market(drawn()), closed, {"D_1": ()}, now)
    assert kinds(plan) == ["Reopen", "Unlock", "PostComment"]
    assert plan.steps[-1].kind == "award" and plan.steps[-1].mark == "esdc-2026-001.alice"
    # the first contract's announcement does not announce the next one's
    bob = {**AWARD, "supplier": {"github": "bob", "name": "B"}}
    said = {"D_1": (comment(signed("award", "D_1", ident="esdc-2026-001.alice")),)}
    assert kinds(compute_plan(market(drawn()), repo(discussion()), said, now)) == []
    assert kinds(compute_plan(market(drawn(bob)), repo(discussion()), said, now)) == ["PostComment"]


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("I accept", ["RecordAnswer", "PostComment", "CloseDiscussion"]),
        ("Je refuse", ["RecordAnswer", "PostComment"]),
        ("I accept? or decline", []),
    ],
)
def test_the_suppliers_answer_is_recorded_acknowledged_and_an_acceptance_closes(text, steps):
    now = datetime.fromisoformat("2026-12-08T10:00:00-05:00")
    offer = comment(signed("award", "D_1", ident="esdc-2026-001.alice"))  # 2026-12-04T19:05:00Z
    answer = Comment("DC_2", URL + "#c2", "alice", text, "2026-12-08T04:30:00Z", None)
    plan = compute_plan(market(drawn()), repo(discussion()), {"D_1": (offer, answer)}, now)
    assert kinds(plan) == steps
    if steps:
        assert plan.steps[0].describe() == (
            f"record in award.yaml that @Alice {'accepted' if 'accept' in text else 'declined'} the offer on "
            f"2026-12-07 ({URL}#c2)"
        ), "dated in the marketplace's zone"


def test_a_legacy_award_needs_no_answer_and_a_closed_one_is_not_read():
    legacy = opp("awarded", award=AWARD, discussion=URL)
    now = datetime.fromisoformat(AFTER)
    assert comments_wanted(market(legacy), repo(discussion(locked=True, closed=True)), now) == set()
    assert kinds(compute_plan(market(legacy), repo(discussion(locked=True)), {"D_1": ()}, now)) == [
        "PostComment",
        "CloseDiscussion",
    ]


def applications(count: int) -> tuple[Comment, ...]:
    body = "Application / Candidature\n"
    return tuple(
        Comment(f"DC_{n}", f"{URL}#c{n}", f"user{n}", body, "2026-11-20T10:00:00Z", None) for n in range(count)
    )


def test_receipts_owed_at_closing_come_before_the_archive_that_links_them():
    plan = compute_plan(market(opp(discussion=URL)), repo(discussion()), {"D_1": applications(2)}, AT)
    assert kinds(plan) == ["Lock", "SetClosed", "PostReceipt", "PostReceipt", "Snapshot", "PostComment"]


def test_a_flood_of_comments_gets_at_most_forty_replies_a_run_and_never_holds_the_archive():
    flood = {"D_1": applications(45)}
    early = compute_plan(market(opp(discussion=URL)), repo(discussion()), flood, datetime.fromisoformat(BEFORE))
    assert kinds(early) == ["PostReceipt"] * 40  # the rest in the next runs
    plan = compute_plan(market(opp(discussion=URL)), repo(discussion(locked=True)), flood, AT)
    assert kinds(plan) == ["SetClosed", *["PostReceipt"] * 40, "Notice", "Snapshot", "PostComment"]
    assert "45 applications are owed a receipt, more than the 40 one run posts" in plan.notices[0].message

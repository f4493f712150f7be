"""Applications vs questions: the one rule, recorded by the snapshot and re-derived by the validator."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from site_builder import archive
from site_builder.archive.applications import (
    application_template,
    kind_of,
    kind_problem,
    looks_like_an_attempt,
    starts_as_application,
)
from site_builder.github_sync.discussions import Comment, History, Revision
from site_builder.github_sync.snapshot import bids_snapshot
from site_builder.model import Document
from site_builder.selection.evaluation import on_time_applicants

URL = "https://github.com/gc-devex/marketplace/discussions/1"
BASE = Path(__file__).resolve().parents[1] / "foundation" / "base"
APPLY = "Application / Candidature\n\n- Who I am: a developer\n"
OPPORTUNITY = {"id": "esdc-2026-001", "closing": "2026-12-04T14:00:00-05:00"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (APPLY, True),
        ("  \n**Application / Candidature**\nhello", True),
        ("## application  /  CANDIDATURE\n", True),
        ("I would like to apply.\nApplication / Candidature", False),
        ("Application / Candidature, but first a question", False),
        ("", False),
    ],
)
def test_only_the_fixed_first_line_makes_an_application(body, expected):
    assert starts_as_application(body) is expected
    assert starts_as_application(body, rule=1) is expected


NEAR_MISSES = [  # issue 22, finding 1: each was archived as a question and never evaluated under rule 1
    "Application/Candidature\nMy links",
    "Application / Candidature:\nMy links",
    "Application / Candidature.\n",
    "_Application / Candidature_\n",
    "*Application* / *Candidature*\n",
    "```\nApplication / Candidature\n- GitHub: me\n```\n",
    "> Application / Candidature\n",
    "- application / candidature\n",
    "`Application / Candidature`\n",
    "Application\u00a0/\u00a0Candidature\n",  # no-break spaces, as some editors paste them
    "\ufeffApplication ／ Candidature\n",  # a byte order mark and a fullwidth slash
]


@pytest.mark.parametrize("body", NEAR_MISSES)
def test_the_line_is_recognised_the_way_people_write_it(body):
    assert starts_as_application(body) is True
    # archives of rule 1 keep their kinds: it already forgave a quote mark and any kind of space
    assert starts_as_application(body, rule=1) is body.startswith(("> ", "Application\u00a0"))
    assert not looks_like_an_attempt(body)


@pytest.mark.parametrize(
    ("body", "attempt"),
    [
        ("Application - Candidature\nmy links", True),
        ("Candidature :\nmes liens", True),
        ("I apply for this one\n", True),
        ("Je postule\n", True),
        ("Does the application need a portfolio?\n", True),  # speaks of applying: told how, no harm done
        ("When does the work start?\n", False),
        ("", False),
    ],
)
def test_a_first_line_that_speaks_of_applying_is_an_attempt(body, attempt):
    assert starts_as_application(body) is False
    assert looks_like_an_attempt(body) is attempt


def test_a_second_fence_or_text_after_the_line_is_still_not_the_line():
    assert not starts_as_application("```\n```\nApplication / Candidature\n")
    assert not starts_as_application("Application / Candidature please\n")
    assert not starts_as_application("Applications / Candidatures\n")


def test_replies_the_team_and_the_bot_are_never_applications():
    assert kind_of(APPLY, None, "NONE", bot=False) == "application"
    assert kind_of(APPLY, None, "CONTRIBUTOR", bot=False) == "application"
    assert kind_of(APPLY, "DC_1", "NONE", bot=False) == "question"
    assert kind_of("When does work start?", None, "NONE", bot=False) == "question"
    for team in ("OWNER", "MEMBER", "COLLABORATOR"):
        assert kind_of(APPLY, None, team, bot=False) == "team"
    assert kind_of(APPLY, None, "NONE", bot=True) == "bot"


def comment(number: int, author: str, body: str, reply_to=None, association="NONE", at="2026-11-25T10:00:00Z"):
    return Comment(f"DC_{number}", f"{URL}#c{number}", author, body, at, None, reply_to, association)


def snapshot() -> dict:
    comments = [
        comment(1, "alice", APPLY),
        comment(2, "bob", "Can I work from Yukon?"),
        comment(3, "buyer", "Yes.", reply_to="DC_2", association="MEMBER"),
        comment(4, "bob", APPLY, reply_to="DC_1"),  # an application as a reply is a question
        comment(5, "carol", APPLY, at="2026-12-04T19:30:00Z"),  # late
        comment(6, "owner", APPLY, association="OWNER"),
        comment(7, "github-actions", "A notice without marker"),
        comment(8, "dave", APPLY, at="2026-11-26T10:00:00Z"),
    ]
    taken = datetime.fromisoformat("2026-12-04T19:45:00+00:00")
    return bids_snapshot(OPPORTUNITY, URL, comments, "github-actions[bot]", taken)


def test_the_snapshot_records_kind_and_association_and_only_applicants_are_evaluated():
    bids = snapshot()["bids"]
    kinds = {(bid["author"], bid["comment"]): bid["kind"] for bid in bids}
    assert kinds == {
        ("alice", "DC_1"): "application",
        ("bob", "DC_2"): "question",
        ("buyer", "DC_3"): "team",
        ("bob", "DC_4"): "question",
        ("carol", "DC_5"): "application",
        ("owner", "DC_6"): "team",
        ("github-actions", "DC_7"): "bot",
        ("dave", "DC_8"): "application",
    }
    assert [bid["association"] for bid in bids][:3] == ["NONE", "NONE", "MEMBER"]
    assert on_time_applicants({"bids": bids}) == ["alice", "dave"]


def test_an_archive_from_before_the_rule_counts_every_on_time_author():
    bids = [
        {key: value for key, value in bid.items() if key not in ("kind", "association")} for bid in snapshot()["bids"]
    ]
    assert on_time_applicants({"bids": bids}) == ["alice", "bob", "buyer", "owner", "github-actions", "dave"]


def test_the_digest_ignores_kind_and_association_so_published_seeds_stay_checkable():
    index, files = archive.split(snapshot())
    stripped = [{k: v for k, v in entry.items() if k not in ("kind", "association")} for entry in index["bids"]]
    assert archive.digest_of(stripped, files) == index["digest"]


@pytest.mark.parametrize(
    ("position", "forged", "message"),
    [
        (1, "application", "`kind` is application, but the comment's text, reply and author make it question"),
        (0, "question", "`kind` is question, but the comment's text, reply and author make it application"),
        (0, "bot", "is marked `bot` but reads as an application"),
        (2, "question", "make it team"),
    ],
)
def test_the_validator_re_derives_each_kind_from_the_archived_text(tmp_path, position, forged, message):
    index, files = archive.split(snapshot())
    index["bids"][position]["kind"] = forged
    bodies = {name: name for name in files}
    document = Document("bids.yaml", index, {})
    problems = archive.check(document, bodies, "folder", lambda name: files[name])
    assert len(problems) == 1 and message in problems[0].message
    entry = index["bids"][position]
    assert kind_problem(entry, files[entry["file"]].decode()) is not None


def test_the_discussion_shows_the_application_template_in_both_languages():
    from site_builder.github_sync.messages import discussion_body
    from site_builder.validate import load_marketplace

    marketplace = load_marketplace(BASE)
    opp = marketplace.by_id()["esdc-2026-001"]
    body = discussion_body(opp, marketplace.settings)
    blocks = body.split("```text\n")[1:]
    assert len(blocks) == 2
    for block, lang in zip(blocks, ("en", "fr"), strict=True):
        lines = block.split("```")[0].splitlines()
        assert lines[0] == "Application / Candidature"
        assert starts_as_application(block)
        for number, criterion in enumerate(opp.data["evaluation_criteria"][lang], 1):
            assert f"{number}. {' '.join(criterion.split())}" in lines
        # one template: the page's copy button gives the same text
        criteria = opp.data["evaluation_criteria"][lang]
        assert block.split("```")[0] == application_template(criteria, lang) + "\n"
    assert "first line is exactly `Application / Candidature`" in body
    assert "dont la première ligne est exactement `Application / Candidature`" in body


def test_the_archive_records_its_rule_and_the_validator_judges_each_kind_by_it():
    """A near-miss archived today is an application (rule 2); an archive of rule 1 keeps its question."""
    comments = [comment(1, "alice", "Application/Candidature:\nMy links")]
    taken = datetime.fromisoformat("2026-12-04T19:45:00+00:00")
    index, files = archive.split(bids_snapshot(OPPORTUNITY, URL, comments, "github-actions[bot]", taken))
    assert index["application_rule"] == 2 and index["bids"][0]["kind"] == "application"

    def problems(data):
        return archive.check(Document("bids.yaml", data, {}), {n: n for n in files}, "folder", lambda n: files[n])

    assert problems(index) == []
    old = {key: value for key, value in index.items() if key != "application_rule"}
    assert "make it question" in problems(old)[0].message  # rule 1 reads the same text as a question
    old["bids"] = [{**old["bids"][0], "kind": "question"}]
    assert problems(old) == []


# ---------------------------------------------------------------- the text at closing (issue 22, finding 3)

CLOSING_UTC = "2026-12-04T19:00:00Z"


def edited(number: int, author: str, revisions: list[tuple[str, str, str | None]], created_kept: bool = True):
    """A comment with its edit history: (time, editor, text or None once deleted), oldest first, the creation
    first when GitHub kept it."""
    history = History(tuple(Revision(at, by, text) for at, by, text in revisions), created_kept, True)
    created = revisions[0][0] if created_kept else "2026-11-25T10:00:00Z"
    current = next(text for _, _, text in reversed(revisions) if text is not None)
    return replace(comment(number, author, current, at=created), edited=revisions[-1][0], history=history)


def entries(*comments: Comment) -> list[dict]:
    taken = datetime.fromisoformat("2026-12-04T19:45:00+00:00")
    return bids_snapshot(OPPORTUNITY, URL, comments, "github-actions[bot]", taken)["bids"]


def test_a_history_without_its_creation_cannot_show_an_older_text_and_says_so():
    late_edit = edited(1, "alice", [("2026-12-04T19:03:00Z", "alice", APPLY)], created_kept=False)
    [entry] = entries(late_edit)
    assert entry["body"] == APPLY and entry["kind"] == "question" and entry["history_incomplete"] is True
    early_edit = edited(2, "bob", [("2026-12-01T10:00:00Z", "bob", APPLY), ("2026-12-04T19:03:00Z", "bob", "x")], False)
    [entry] = entries(early_edit)
    assert entry["body"] == APPLY and entry["kind"] == "application" and "history_incomplete" not in entry


def test_a_revision_at_the_closing_instant_is_after_closing_as_a_comment_created_then_is_late():
    [entry] = entries(edited(1, "alice", [("2026-11-25T10:00:00Z", "alice", "Q?"), (CLOSING_UTC, "alice", APPLY)]))
    assert entry["body"] == "Q?" and entry["kind"] == "question" and entry["edited_after_closing"] is True


def test_the_new_fields_are_not_digested_and_must_agree_with_each_other():
    history = [("2026-11-25T10:00:00Z", "alice", APPLY), ("2026-11-26T10:00:00Z", "marie-gc", APPLY + "fixed")]
    index, files = archive.split({**snapshot(), "bids": entries(edited(1, "alice", history))})
    entry = index["bids"][0]
    assert entry["edits"] == [{"by": "marie-gc", "at": "2026-11-26T10:00:00Z"}] and entry["edited_by_others"] is True
    bare = [{k: v for k, v in e.items() if k not in ("edits", "text_at", "edited_by_others")} for e in index["bids"]]
    assert archive.digest_of(bare, files) == index["digest"]

    def problems(changed: dict) -> list[str]:
        data = {**index, "bids": [{**entry, **changed}]}
        found = archive.check(Document("bids.yaml", data, {}), {n: n for n in files}, "folder", lambda n: files[n])
        return [problem.message for problem in found]

    assert problems({}) == []
    assert "`edited_by_others` does not match `edits`" in problems({"edited_by_others": False})[0]
    assert "`text_at` is not `created`, `updated`" in problems({"text_at": "2026-11-30T10:00:00Z"})[0]
    assert "`receipt` is not a comment of the archive's" in problems({"receipt": "https://example.org/#x"})[0]

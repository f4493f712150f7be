"""Reading the supplier's answer (pure): forgiving in English and French, never guessing; and the two fields
automation adds to award.yaml, added as lines so the buyer's text stays."""

from __future__ import annotations

import pytest
import yaml

from site_builder.errors import RefusedWrite
from site_builder.github_sync.answers import first_answer, verdict
from site_builder.github_sync.award_file import with_answer, with_cure_link
from site_builder.github_sync.discussions import Comment

ACCEPTS = [
    "I accept",
    "Accepted!",
    "I ACCEPT / J'ACCEPTE",
    "j\u2019accepte l\u2019offre, merci",
    "Je l'accepte avec plaisir.",
    "Thanks! I would like to accept the offer.",
    "No problem, I accept. When do I start?",
    "> I decline\nI accept",  # the quoted line is someone else's text
    "<!-- I decline -->I accept",  # hidden text is not read
    "**J'ACCEPTE**",
]
DECLINES = [
    "I decline",
    "je refuse",
    "Je décline l'offre.",
    "JE DÉCLINE",
    "I can no longer take this",
    "Sorry, I can't take this on.",
    "Je ne suis plus disponible.",
    "I'm declining, sorry",
    "I withdraw.",
    "Je me désiste.",
]
NO_ANSWER = [
    "",
    "Hello, when does the work start?",
    "I accept and I decline",
    "I accept. Actually, I decline.",
    "Should I accept?",
    "I accept if the start moves to January",
    "Maybe I accept",
    "Peut-être, j'accepte",
    "pas encore, j'accepte",
    "I cannot accept",  # negated words are never guessed at
    "je n'accepte pas",
    "je n'accepte plus",
    "I do not decline",
    "I have never been happier to accept",
    "Je ne peux pas attendre de commencer",
    "That is acceptable",
    "<!-- I accept -->",
    "<details><summary>I accept</summary>I decline</details>",
    "\u20ac" * 65536,
    "lone surrogate \ud800 \u202e\x00",
]


@pytest.mark.parametrize("text", ACCEPTS, ids=lambda text: ascii(text)[:40])
def test_accepts(text):
    assert verdict(text) == "accepted"


@pytest.mark.parametrize("text", DECLINES, ids=lambda text: ascii(text)[:40])
def test_declines(text):
    assert verdict(text) == "declined"


@pytest.mark.parametrize("text", NO_ANSWER, ids=lambda text: ascii(text)[:40])
def test_no_answer(text):
    assert verdict(text) is None


def comment(number: int, author: str, body: str, created: str, edited: str | None = None) -> Comment:
    return Comment(f"DC_{number}", f"https://github.com/o/r/discussions/1#c{number}", author, body, created, edited)


def test_the_first_answer_of_the_supplier_after_the_announcement_counts():
    announced = "2026-12-07T14:00:00Z"
    comments = [
        comment(1, "alice", "I accept", "2026-11-25T14:00:00Z"),  # in the bid
        comment(2, "alice", "I accept", announced),  # the same second
        comment(3, "bob", "Alice declines", "2026-12-07T14:05:00Z"),  # someone else
        comment(4, "Alice", "Thanks, a question first", "2026-12-07T14:10:00Z"),
        comment(6, "ALICE", "I decline", "2026-12-07T15:00:00Z", edited="2026-12-07T16:00:00Z"),
        comment(5, "alice", "I accept, I decline", "2026-12-07T14:20:00Z"),
        comment(7, "alice", "I accept", "2026-12-07T17:00:00Z"),
    ]
    found = first_answer(comments, "alice", announced)
    assert found is not None and found[0].id == "DC_6" and found[1] == "declined", "edited: read as it is now"
    assert first_answer(comments[:6], "carol", announced) is None


AWARD = """# yaml-language-server: $schema=../../../schema/award.schema.json
opportunity: esdc-2026-001
supplier:
  github: alice
  name: Alice Dev Inc.  # legal name from the contract
amount: 4500
awarded: '2026-12-05'
selection:
  method: sole-qualified
  qualified:
  - alice
"""


def test_the_answer_is_added_as_lines_and_only_once():
    answer = {"kind": "accepted", "date": "2026-12-07", "link": "https://github.com/o/r/discussions/1#c7"}
    text = with_answer("award.yaml", AWARD, answer)
    assert text.startswith(AWARD) and "# legal name from the contract" in text
    assert yaml.safe_load(text)["answer"] == answer
    with pytest.raises(RefusedWrite, match="records an answer already"):
        with_answer("award.yaml", text, answer)


def test_the_cure_notice_link_is_added_inside_the_notice_or_the_file_written_again():
    link = "https://github.com/o/r/discussions/1#c9"
    block = AWARD + "cure_notice:\n    date: '2026-12-21'\n    deadline: '2027-01-04'\n    text: {en: a, fr: b}\n"
    text = with_cure_link("award.yaml", block, link)
    assert "cure_notice:\n    link: " in text and "# legal name from the contract" in text
    assert yaml.safe_load(text)["cure_notice"] == {
        "date": "2026-12-21",
        "deadline": "2027-01-04",
        "text": {"en": "a", "fr": "b"},
        "link": link,
    }
    flow = AWARD + "cure_notice: {date: '2026-12-21', deadline: '2027-01-04', text: {en: a, fr: b}}\n"
    rewritten = with_cure_link("award.yaml", flow, link)
    assert rewritten.startswith("# yaml-language-server: $schema=../../../schema/award.schema.json\n")
    assert yaml.safe_load(rewritten) == yaml.safe_load(text), "same data, only the layout differs"
    with pytest.raises(RefusedWrite, match="no cure notice without a link"):
        with_cure_link("award.yaml", text, link)

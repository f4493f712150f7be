"""Cure notices (issue 20): the buyer writes `cure_notice` (date, deadline, text) in award.yaml; sync posts it once
to the supplier in the discussion and records the comment's URL as `cure_notice.link`. A run killed between the
post and the file is finished by the next from the post's marker; a deadline too short is posted never."""

from __future__ import annotations

import re

from github_standin import BOT_LOGIN
from github_testkit import commit_state, devex, killed_after, moment
from test_offer_answer import IDENT, announced, award_data, discussion_of, drawn, settled, sync

from site_builder.validate import load_marketplace, validate

NOTICE = """cure_notice:  # sent after the review of December 18
  date: '2026-12-21'
  deadline: '2027-01-04'
  text:
    en: |-
      The date picker still loses focus.
      Deliver the fix with its tests.
    fr: |-
      Le sélecteur de date perd encore le focus.
      Livrez la correction avec ses tests.
"""


def accepted(market, world):
    """The work offered to the first in order, accepted, then the buyer's cure notice merged; the discussion
    (closed as resolved) and the supplier."""
    winner, _ = drawn(market, world)
    discussion = announced(market, world)
    world.comment(discussion, winner, "I accept", moment("2026-12-07T10:00:00-05:00"))
    settled(market, world, "2026-12-07T11:00:00-05:00")
    assert discussion.closed
    path = market.folder(IDENT) / "award.yaml"
    path.write_text(path.read_text("utf-8") + NOTICE, "utf-8")
    # the buyer's pull request, checked by CI on the notice's day
    assert validate(market.root, base="HEAD", now=moment("2026-12-21T10:00:00-05:00")) == []
    market.commit("Cure notice to the supplier")
    return discussion, winner


def cure_comments(discussion) -> list:
    return [c for c in discussion.comments if c.author == BOT_LOGIN and c.body.startswith("<!-- devex:cure ")]


def test_a_cure_notice_is_posted_once_and_its_link_recorded(market, world, github_env):
    discussion, winner = accepted(market, world)
    out = settled(market, world, "2026-12-21T09:00:00-05:00")
    assert f"post the cure notice to @{winner} on discussion #{discussion.number}, then record its link" in out
    [posted] = cure_comments(discussion)
    assert re.match(rf"<!-- devex:cure {IDENT}\.{winner}\.[0-9a-f]{{16}} [0-9a-f]{{64}} -->\n", posted.body)
    assert "**Cure notice / Avis de redressement** · January 4, 2027 / 4 janvier 2027" in posted.body
    assert f"@{winner}, this is a cure notice for the contract of {IDENT}, dated December 21, 2026." in posted.body
    assert "> The date picker still loses focus.\n> Deliver the fix with its tests." in posted.body
    assert "> Le sélecteur de date perd encore le focus." in posted.body and "4 janvier 2027" in posted.body
    assert award_data(market)["cure_notice"]["link"] == posted.url
    text = market.read(IDENT, "award.yaml")
    assert "cure_notice:  # sent after the review of December 18\n  link: " in text, "the buyer's lines are kept"
    assert discussion.closed, "posted in the closed discussion, which stays closed"
    assert validate(market.root) == []


def test_killed_between_the_post_and_the_link_the_next_run_records_it_without_posting_again(market, world, github_env):
    discussion, _ = accepted(market, world)
    now = "2026-12-21T09:00:00-05:00"
    world.clock = moment(now)
    killed_after(world, market.root, github_env, "addDiscussionComment", now)
    [posted] = cure_comments(discussion)
    assert "link" not in award_data(market)["cure_notice"]
    load_marketplace(market.root)  # every file whole and valid

    run = devex("sync", "--now", now, root=market.root)
    assert run.code == 0, run.err
    assert f"record the cure notice {posted.url} (posted by an earlier run) in award.yaml" in run.out
    assert cure_comments(discussion) == [posted]
    assert award_data(market)["cure_notice"]["link"] == posted.url
    assert commit_state(market.root).returncode == 0
    assert "nothing to do" in sync(market, world, now)


def test_a_deadline_too_short_from_the_day_it_would_be_posted_is_not_posted(market, world, github_env):
    discussion, winner = accepted(market, world)
    mutations = len(world.mutations())
    out = sync(market, world, "2026-12-29T09:00:00-05:00", code=1)  # 5 business days from then: January 5
    assert (
        f"ATTENTION: the cure notice's deadline 2027-01-04 leaves @{winner} fewer than 5 business days from "
        "2026-12-29, when it would be posted: write a deadline on or after 2027-01-05" in out
    )
    assert len(world.mutations()) == mutations and cure_comments(discussion) == []
    assert "link" not in award_data(market)["cure_notice"]


def test_a_cure_notice_on_one_opportunity_leaves_the_others_alone(market, world, github_env):
    quiet = "esdc-2026-002"
    market.add(quiet, closing="2026-12-18T14:00:00-05:00", start="2026-12-21", delivery="2027-01-08")
    market.commit("a second opportunity")
    discussion, _ = accepted(market, world)
    settled(market, world, "2026-12-21T09:00:00-05:00")
    assert len(cure_comments(discussion)) == 1
    assert cure_comments(discussion_of(world, quiet)) == []
    assert load_marketplace(market.root).by_id()[quiet].status == "closed"

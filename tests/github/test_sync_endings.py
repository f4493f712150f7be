"""sync on the edges: what only people can fix ends the run with exit 1 and a message; invalid files stop it;
cancelled and unsuccessful opportunities are said once and closed as outdated; applicants' odd cases."""

from __future__ import annotations

from github_standin import DiscussionState, is_query
from github_testkit import AFTER, BEFORE, MARKET, cancelled, devex, moment

from site_builder.dump import set_fields


def test_a_missing_category_is_a_notice_and_exit_1(market, world, github_env):
    world.repositories[MARKET].categories = {"General": "DIC_x"}
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 1
    assert "ATTENTION: the Discussions category 'Opportunities'" in run.out
    assert "devex sync: esdc-2026-001: the Discussions category 'Opportunities'" in run.err
    assert world.mutations() == []


def test_an_opportunity_never_posted_before_closing_is_flagged_not_posted(market, world, github_env):
    run = devex("sync", "--now", AFTER, root=market.root)
    assert run.code == 1 and "closing time passed before it was ever posted" in run.err
    assert world.mutations() == []


def test_discussions_turned_off_is_a_plain_error(market, world, github_env):
    world.repositories[MARKET].has_discussions = False
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 1 and "Discussions are turned off in gc-devex/marketplace" in run.err


def test_an_invalid_opportunity_is_set_aside_with_positions_and_reported(market, world, github_env):
    path = market.folder("esdc-2026-001") / "opportunity.yaml"
    path.write_text(path.read_text().replace("value: 4500", "value: 40000"))
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 1
    assert "    opportunities/esdc/esdc-2026-001/opportunity.yaml:" in run.out and "threshold" in run.out
    assert "devex sync: opportunities/esdc/esdc-2026-001: does not validate (1 problem(s)), set aside" in run.err
    assert world.mutations() == [] and world.discussions(MARKET) == []
    assert len(world.issues(MARKET)) == 1


def test_invalid_settings_still_stop_everything_and_nothing_is_sent(market, world, github_env):
    path = market.root / "opportunities" / "marketplace.yaml"
    path.write_text(path.read_text().replace("threshold: 10000", "threshold: lots"))
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 1
    assert "opportunities/marketplace.yaml:" in run.err and "threshold" in run.err
    assert world.requests == []


def test_a_cancelled_opportunity_is_said_once_and_closed_as_outdated(market, world, github_env):
    assert devex("sync", "--now", BEFORE, root=market.root).code == 0
    set_fields(market.folder("esdc-2026-001") / "opportunity.yaml", cancelled("2026-11-21"))
    for _ in range(2):
        assert devex("sync", "--now", BEFORE, root=market.root).code == 0
    [discussion] = world.discussions(MARKET)
    assert discussion.closed and discussion.state_reason == "OUTDATED" and not discussion.locked
    [said] = discussion.comments
    assert said.body.startswith("<!-- devex:cancelled esdc-2026-001 ")
    assert [r.operations[0] for r in world.mutations()] == [
        "createDiscussion",
        "addDiscussionComment",
        "closeDiscussion",
    ]


def test_many_discussions_are_listed_page_by_page(market, world, github_env):
    repo = world.repositories[MARKET]
    category = repo.categories["General"]
    for number in range(230):  # questions and chatter by others, before the opportunity's discussion
        repo.discussions.append(
            DiscussionState(f"D_other{number}", repo.next_number(), repo, category, "q", "q", "someone", world.now())
        )
    assert devex("sync", "--now", BEFORE, root=market.root).code == 0
    pages = [r for r in world.requests if is_query(r) and "DevexRepository" in r.body["query"]]
    assert [r.variables["after"] is None for r in pages] == [True, False, False]
    assert len(world.discussions(MARKET)) == 231


def test_applicants_of_an_account_gone_and_a_repository_elsewhere(market, world, github_env):
    set_fields(market.folder("esdc-2026-001") / "opportunity.yaml", {"repository": "https://gitlab.com/esdc/estimator"})
    assert devex("sync", "--now", BEFORE, root=market.root).code == 0
    [discussion] = world.discussions(MARKET)
    world.comment(discussion, "ghosted", "I apply", moment("2026-11-25T09:00:00-05:00"))
    run = devex("applicants", "esdc-2026-001", "--now", "2026-11-26T09:00:00-05:00", root=market.root)
    assert run.code == 0, run.err
    assert "| @ghosted | 1 | 2026-11-25T14:00:00Z | yes | no | account not found | ? | ? | ? | n/a | n/a |" in run.out
    assert not any(r.path.startswith("/search") or "/commits" in r.path for r in world.requests)


def test_applicants_before_anyone_applied(market, world, github_env):
    run = devex("applicants", "esdc-2026-001", root=market.root)
    assert run.code == 0 and "nobody has applied yet" in run.out

"""devex sync posts each open opportunity once, records the discussion, and a second run does nothing."""

from __future__ import annotations

from github_standin import BOT_LOGIN
from github_testkit import BEFORE, MARKET, devex, git

from site_builder.validate import load_marketplace


def test_posts_the_discussion_once_and_records_it(market, world, github_env):
    first = devex("sync", "--now", BEFORE, root=market.root)
    assert first.code == 0, first.err
    [discussion] = world.discussions(MARKET)
    assert discussion.author == BOT_LOGIN
    assert discussion.title.startswith("esdc-2026-001: Fix the date picker")
    assert discussion.category_id == world.repositories[MARKET].categories["Opportunities"]
    assert discussion.body.startswith("<!-- devex:posted esdc-2026-001 ")
    for words in (
        "## English",
        "## Français",
        "$4,500 CAD",
        "4\u00a0500\u00a0$\u00a0CA",
        "December 4, 2026, 2:00 p.m. EST (UTC\u221205:00)",
        "4 décembre 2026 à 14 h 00 HNE (UTC\u221205:00)",
        "https://gc-devex.github.io/marketplace/opportunities/esdc-2026-001/",
        "https://gc-devex.github.io/marketplace/fr/opportunities/esdc-2026-001/",
        "### How to apply",
        "### Comment postuler",
        "- [ ] I am an adult and a Canadian citizen",
        "- [ ] Has a public GitHub account with at least one merged pull request",
    ):
        assert words in discussion.body
    assert f'discussion: "{discussion.url}"' in market.read("esdc-2026-001")
    assert load_marketplace(market.root).by_id()["esdc-2026-001"].data["discussion"] == discussion.url
    assert "create the discussion" in first.out and "done esdc-2026-001" in first.out

    second = devex("sync", "--now", BEFORE, root=market.root)
    assert second.code == 0
    assert "nothing to do" in second.out
    assert len(world.mutations()) == 1
    assert len(world.discussions(MARKET)) == 1


def test_dry_run_prints_the_plan_and_changes_nothing(market, world, github_env):
    before = market.read("esdc-2026-001")
    run = devex("sync", "--now", BEFORE, "--dry-run", root=market.root)
    assert run.code == 0
    assert 'esdc-2026-001: create the discussion "esdc-2026-001: Fix the date picker' in run.out
    assert world.mutations() == []
    assert market.read("esdc-2026-001") == before
    assert git(market.root, "status", "--porcelain") == ""


def test_every_request_is_authenticated_and_unthrottled(market, world, github_env):
    assert devex("sync", "--now", BEFORE, root=market.root).code == 0
    assert world.requests
    assert {r.headers["authorization"] for r in world.requests} == {"token bot-token"}
    assert {r.path for r in world.requests if r.kind != "rest"} == {"/graphql"}
    # REST only to look for issues of broken folders to close (none): the repository, its open issues
    assert [r.path for r in world.requests if r.kind == "rest"] == [f"/repos/{MARKET}", f"/repos/{MARKET}/issues"]
    graphql = [r for r in world.requests if r.kind != "rest"]
    assert graphql[0].kind == "query" and graphql[-1].kind == "mutation"


def test_outside_actions_the_repository_comes_from_marketplace_yaml(market, world, github_env, monkeypatch):
    monkeypatch.delenv("GITHUB_REPOSITORY")
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 0, run.err
    assert run.out.startswith("Plan for gc-devex/marketplace at 2026-11-21T10:00:00-05:00:")

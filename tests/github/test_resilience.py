"""Failures on the wire, through the real PyGithub client: retried within bounds, never sent twice blindly,
and reported in one plain line (exit 1, no traceback) when the retries run out."""

from __future__ import annotations

import pytest
from github_standin import StandIn, is_mutation, is_query
from github_testkit import BEFORE, MARKET, devex

DISCUSSION_FIELD = "discussion: "


def posted(market) -> bool:
    return DISCUSSION_FIELD in market.read("esdc-2026-001")


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "status", "status": 500},
        {"kind": "status", "status": 502, "message": "Bad Gateway"},
        {
            "kind": "status",
            "status": 403,
            "headers": {"retry-after": "0"},
            "message": "You have exceeded a secondary rate limit",
        },
        {"kind": "status", "status": 429, "headers": {"retry-after": "0"}},
        {
            "kind": "status",
            "status": 403,
            "headers": {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1"},
            "message": "API rate limit exceeded",
        },
        {"kind": "graphql-error"},
        {"kind": "drop"},
    ],
    ids=["500", "502", "403-retry-after", "429", "403-rate-reset", "graphql-rate-limited", "dropped"],
)
def test_a_read_that_fails_twice_is_retried(market, world, github_env, fault):
    world.fail(is_query, times=2, **fault)
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 0, run.err
    assert "trying again" in run.err
    assert [r.fault for r in world.requests[:3]] == [fault["kind"], fault["kind"], ""]
    assert posted(market) and len(world.discussions(MARKET)) == 1


def test_a_mutation_applied_but_whose_answer_was_lost_is_not_sent_again(market, world, github_env):
    world.fail(is_mutation("createDiscussion"), kind="lost")
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 0, run.err
    assert "the earlier try went through; not sending it again" in run.err
    assert len(world.mutations("createDiscussion")) == 1
    [discussion] = world.discussions(MARKET)
    assert f'discussion: "{discussion.url}"' in market.read("esdc-2026-001")


def test_a_mutation_refused_with_a_server_error_is_sent_again_after_checking(market, world, github_env):
    world.fail(is_mutation("createDiscussion"), kind="status", status=502)
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 0, run.err
    kinds = [(r.kind, r.operations[:1]) for r in world.requests]
    create = ("mutation", ("createDiscussion",))
    first, second = (i for i, k in enumerate(kinds) if k == create)
    assert ("query", ("viewer",)) in kinds[first + 1 : second], "the marker is looked for before re-sending"
    assert len(world.applied("createDiscussion")) == 1
    assert len(world.discussions(MARKET)) == 1


def test_a_slow_answer_within_the_timeout_is_simply_waited_for(market, world, github_env):
    world.fail(is_mutation("createDiscussion"), kind="slow", delay=0.3)
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 0 and "trying again" not in run.err
    assert len(world.mutations("createDiscussion")) == 1


def test_an_answer_slower_than_the_timeout_counts_as_lost(market, world, github_env, monkeypatch):
    monkeypatch.setenv("DEVEX_GITHUB_TIMEOUT", "1")
    monkeypatch.setenv("DEVEX_GITHUB_SETTLE", "1")  # GitHub finishes the slow request 0.4 s after we gave up
    world.fail(is_mutation("createDiscussion"), kind="slow", delay=1.4)
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 0, run.err
    assert "did not answer in time" in run.err
    assert len(world.mutations("createDiscussion")) == 1, "the slow one was applied: found by its marker"
    assert len(world.discussions(MARKET)) == 1


def test_when_retries_run_out_the_message_is_plain_and_nothing_is_half_written(market, world, github_env):
    before = market.read("esdc-2026-001")
    world.fail(lambda request: True, times=100, status=503, message="Service Unavailable")
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 1
    assert run.err.strip().splitlines()[-1] == (
        "devex: reading the repository's discussions failed after 4 attempts: GitHub answered 503 (server error). "
        "Nothing half-done is left behind: the next run carries on from here."
    )
    assert "Traceback" not in run.err
    assert len(world.requests) == 4
    assert market.read("esdc-2026-001") == before


def test_a_rate_limit_longer_than_the_run_waits_ends_it_with_a_message(market, world, github_env):
    world.fail(is_query, status=429, headers={"retry-after": "3600"})
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 1
    assert "GitHub asks to wait 3600 s, longer than this run waits (120 s)" in run.err
    assert len(world.requests) == 1


def test_refusals_are_not_retried(market, world, github_env, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "wrong")
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 1
    assert run.err == "devex: reading the repository's discussions failed: 401 Bad credentials\n"
    assert len(world.requests) == 1


def test_pygithub_default_retry_and_throttle_are_off(github_env):
    from site_builder.github_sync.client import Client
    from site_builder.github_sync.config import from_env

    client = Client(from_env())
    requester = client.rest.requester
    assert requester._Requester__retry is None
    assert requester._Requester__seconds_between_requests == 0
    assert requester._Requester__seconds_between_writes == 0
    client.close()


# ---------------------------------------------------------------- GITHUB_GRAPHQL_URL


def test_graphql_goes_to_github_graphql_url_not_to_pygithubs_guess(
    market, world, graphql_schema, github_env, monkeypatch
):
    elsewhere = StandIn(world, graphql_schema, graphql_paths=("/enterprise/api/graphql",)).start()
    try:
        monkeypatch.setenv("GITHUB_API_URL", f"{elsewhere.url}/api/v3")
        monkeypatch.setenv("GITHUB_GRAPHQL_URL", f"{elsewhere.url}/enterprise/api/graphql")
        run = devex("sync", "--now", BEFORE, root=market.root)
    finally:
        elsewhere.stop()
    assert run.code == 0, run.err
    assert {r.path for r in world.requests if r.kind != "rest"} == {"/enterprise/api/graphql"}
    assert {r.path.partition("/repos/")[0] for r in world.requests if r.kind == "rest"} == {"/api/v3"}
    assert posted(market)


def test_without_github_graphql_url_it_is_derived_as_github_does(market, world, github_env, monkeypatch, standin):
    monkeypatch.setenv("GITHUB_API_URL", f"{standin.url}/api/v3")
    assert devex("sync", "--now", BEFORE, root=market.root).code == 0
    assert {r.path for r in world.requests if r.kind != "rest"} == {"/api/graphql"}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("GITHUB_GRAPHQL_URL", "http://127.0.0.1:9/api", "GITHUB_GRAPHQL_URL must end with /graphql"),
        ("GITHUB_API_URL", "ftp://example", "GITHUB_API_URL must be an http(s) address"),
        ("GITHUB_REPOSITORY", "not a repo", "GITHUB_REPOSITORY must be owner/name"),
        ("GITHUB_TOKEN", "", "GITHUB_TOKEN is not set"),
        ("DEVEX_GITHUB_ATTEMPTS", "0", "DEVEX_GITHUB_ATTEMPTS must be at least 1"),
    ],
)
def test_bad_settings_are_named(market, world, github_env, monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    run = devex("sync", "--now", BEFORE, root=market.root)
    assert run.code == 1 and message in run.err and "Traceback" not in run.err
    assert world.requests == []


def test_why_pygithubs_own_retry_is_off_it_replays_a_lost_mutation(world, standin):
    """The hazard the client avoids: with PyGithub's default GithubRetry a mutation applied by GitHub but
    whose answer was lost is sent again, and a second discussion appears."""
    from github import Auth, Github

    world.fail(is_mutation("createDiscussion"), kind="lost")
    github = Github(
        auth=Auth.Token("bot-token"), base_url=standin.url, seconds_between_requests=0, seconds_between_writes=0
    )
    repo = world.repositories[MARKET]
    payload = {"repositoryId": repo.id, "categoryId": repo.categories["General"], "title": "t", "body": "b"}
    github.requester.graphql_named_mutation("createDiscussion", payload, "discussion { id }")
    github.close()
    assert len(world.mutations("createDiscussion")) == 2
    assert len(world.discussions(MARKET)) == 2

"""Which failures are retried, how long each wait is, and that a mutation is re-sent only after its probe."""

from __future__ import annotations

import pytest
import requests
from github import GithubException

from site_builder.errors import GitHubError
from site_builder.github_sync.config import RetryPolicy
from site_builder.github_sync.retry import Retrier, classify


def failure(status: int, message: str = "", headers: dict | None = None, data: dict | None = None) -> GithubException:
    return GithubException(status, data if data is not None else {"message": message}, headers or {})


@pytest.mark.parametrize(
    ("error", "retried", "wait"),
    [
        (failure(500), True, None),
        (failure(502, "Bad Gateway"), True, None),
        (failure(403, "You have exceeded a secondary rate limit", {"retry-after": "30"}), True, 30.0),
        (failure(429, "", {"Retry-After": "7"}), True, 7.0),
        (
            failure(403, "API rate limit exceeded", {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1060"}),
            True,
            60.0,
        ),
        (failure(403, "Resource not accessible by integration"), False, None),
        (failure(404, "Not Found"), False, None),
        (failure(401, "Bad credentials"), False, None),
        (failure(400, data={"errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded"}]}), True, None),
        (failure(400, data={"errors": [{"type": "NOT_FOUND", "message": "x"}]}), False, None),
        (requests.exceptions.ConnectionError("reset"), True, None),
        (requests.exceptions.ReadTimeout("slow"), True, None),
        (KeyError("data"), False, None),
    ],
)
def test_classify(error, retried, wait):
    found = classify(error, clock=lambda: 1000.0)
    assert (found is not None) == retried
    if found:
        assert found.wait == wait


def run(policy: RetryPolicy, outcomes: list, done=None):
    waits: list[float] = []
    log: list[str] = []
    calls = iter(outcomes)

    def send():
        outcome = next(calls)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    retrier = Retrier(policy, sleep=waits.append, log=log.append)
    return retrier.call("posting", send, done), waits, log


def test_waits_double_and_honour_retry_after():
    policy = RetryPolicy(attempts=5, backoff=1.0, max_wait=100, settle=0)
    result, waits, _ = run(
        policy, [failure(500), failure(502), failure(429, headers={"retry-after": "9"}), failure(500), "ok"]
    )
    assert result == "ok" and waits == [1.0, 2.0, 9.0, 8.0]


def test_an_ambiguous_mutation_failure_waits_to_settle_then_finds_the_earlier_try():
    probes: list[int] = []

    def done():
        probes.append(1)
        return "created earlier"

    policy = RetryPolicy(attempts=3, backoff=0.5, max_wait=100, settle=10)
    result, waits, log = run(policy, [requests.exceptions.ConnectionError("lost")], done)
    assert result == "created earlier" and waits == [10] and probes == [1]
    assert "the earlier try went through; not sending it again" in log[-1]


def test_a_read_is_not_held_back_by_settle():
    _, waits, _ = run(RetryPolicy(attempts=2, backoff=0.5, settle=10), [requests.exceptions.ConnectionError("x"), 1])
    assert waits == [0.5]


def test_running_out_says_so_in_one_sentence():
    with pytest.raises(GitHubError) as raised:
        run(RetryPolicy(attempts=2, backoff=0), [failure(500), failure(503)])
    assert str(raised.value) == (
        "posting failed after 2 attempts: GitHub answered 503 (server error). "
        "Nothing half-done is left behind: the next run carries on from here."
    )


def test_a_refusal_is_reported_at_once_with_githubs_words():
    with pytest.raises(GitHubError, match=r"^posting failed: 403 Resource not accessible by integration$"):
        run(RetryPolicy(), [failure(403, "Resource not accessible by integration")])

"""Bounded retries that never send a mutation twice blindly.

PyGithub's default `GithubRetry` replays a POST after a 5xx or a dropped connection, so a GraphQL mutation
GitHub applied but whose answer was lost would run twice. The client turns that off and calls through
`Retrier.call` instead: server errors, dropped connections, timeouts and rate limits (403/429 with
`retry-after`, `x-ratelimit-reset`, or GraphQL's `RATE_LIMITED`) are retried with doubling waits; before a
mutation is sent again, its `done` probe looks for what the first try may already have left on GitHub.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import requests
from github import GithubException

from site_builder.errors import GitHubError
from site_builder.github_sync.config import RetryPolicy

T = TypeVar("T")


@dataclass(frozen=True)
class Transient:
    """A failure worth another try; `wait` is what the server asked for, if it did."""

    reason: str
    wait: float | None = None
    ambiguous: bool = False  # the request may still have been carried out (timeout, dropped connection)


def classify(error: BaseException, clock: Callable[[], float] = time.time) -> Transient | None:
    """Transient (retry) or None (give up now) for an exception raised while talking to GitHub."""
    if isinstance(error, requests.exceptions.Timeout):
        return Transient("GitHub did not answer in time", ambiguous=True)
    if isinstance(error, (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError)):
        return Transient("the connection to GitHub dropped", ambiguous=True)
    if not isinstance(error, GithubException):
        return None
    headers = {str(k).lower(): str(v) for k, v in (error.headers or {}).items()}
    if error.status >= 500:
        return Transient(f"GitHub answered {error.status} (server error)")
    if error.status in (403, 429):
        wait = _requested_wait(headers, clock)
        limited = wait is not None or error.status == 429 or "rate limit" in _message(error).lower()
        return Transient(f"GitHub rate limit ({error.status})", wait) if limited else None
    if _graphql_types(error) & {"RATE_LIMITED"}:
        return Transient("GitHub GraphQL rate limit", _requested_wait(headers, clock))
    if "something went wrong while executing your query" in _message(error).lower():
        return Transient("GitHub GraphQL timed out on its side")
    return None


def _requested_wait(headers: dict[str, str], clock: Callable[[], float]) -> float | None:
    if headers.get("retry-after", "").strip():
        try:
            return max(0.0, float(headers["retry-after"]))
        except ValueError:
            return None
    if headers.get("x-ratelimit-remaining") == "0" and headers.get("x-ratelimit-reset", "").strip():
        try:
            return max(0.0, float(headers["x-ratelimit-reset"]) - clock())
        except ValueError:
            return None
    return None


def _graphql_types(error: GithubException) -> set[str]:
    data = error.data if isinstance(error.data, dict) else {}
    return {str(item.get("type")) for item in data.get("errors") or [] if isinstance(item, dict)}


def _message(error: GithubException) -> str:
    data = error.data if isinstance(error.data, dict) else {}
    if data.get("message"):
        return str(data["message"])
    messages = [str(item.get("message")) for item in data.get("errors") or [] if isinstance(item, dict)]
    return "; ".join(m for m in messages if m) or (error.message or "")


def describe(error: BaseException) -> str:
    """One line on what went wrong, for the workflow log."""
    if isinstance(error, GithubException):
        message = _message(error)
        return f"{error.status} {message}".strip() if message else f"HTTP {error.status}"
    return f"{type(error).__name__}: {error}"


class Retrier:
    """Runs calls to GitHub under a RetryPolicy; `sleep` and `log` are injectable so tests stay fast."""

    def __init__(
        self,
        policy: RetryPolicy,
        sleep: Callable[[float], None] = time.sleep,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.policy = policy
        self.sleep = sleep
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))

    def call(self, what: str, send: Callable[[], T], done: Callable[[], Any] | None = None) -> T:
        """`send()` with bounded retries. For a mutation, `done()` returns what an earlier try already
        created (or None) and is asked before every re-send, so nothing is posted twice."""
        last: Transient | None = None
        for attempt in range(1, self.policy.attempts + 1):
            if attempt > 1 and done is not None:
                found = self.call(f"checking whether {what} went through", done)
                if found is not None:
                    self.log(f"{what}: the earlier try went through; not sending it again")
                    return found
            try:
                return send()
            except GitHubError:
                raise
            except Exception as error:
                last = classify(error)
                if last is None:
                    raise GitHubError(f"{what} failed: {describe(error)}") from None
                if attempt == self.policy.attempts:
                    break
                self._pause(what, last, attempt, mutation=done is not None)
        assert last is not None
        raise GitHubError(
            f"{what} failed after {self.policy.attempts} attempts: {last.reason}. "
            "Nothing half-done is left behind: the next run carries on from here."
        )

    def _pause(self, what: str, failure: Transient, attempt: int, mutation: bool) -> None:
        wait = failure.wait if failure.wait is not None else self.policy.backoff * 2 ** (attempt - 1)
        if mutation and failure.ambiguous:  # let GitHub finish what it may still be doing before looking
            wait = max(wait, self.policy.settle)
        if wait > self.policy.max_wait:
            raise GitHubError(
                f"{what}: {failure.reason}, and GitHub asks to wait {wait:.0f} s, longer than this run waits "
                f"({self.policy.max_wait:.0f} s). The next run carries on from here."
            )
        self.log(f"{what}: {failure.reason}; trying again in {wait:g} s ({attempt}/{self.policy.attempts})")
        self.sleep(wait)

"""Where GitHub is and how patiently to talk to it, read once from the environment Actions provides.

PyGithub derives the GraphQL address from the REST one and never reads `GITHUB_GRAPHQL_URL`; this module
keeps both so `client` can point a second requester at the GraphQL address the runner was given.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlparse

from site_builder.errors import GitHubError

DEFAULT_API_URL = "https://api.github.com"
_REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries: `attempts` tries in all, waits of `backoff` seconds doubling each time, and a
    server's `retry-after` honoured unless it asks for more than `max_wait` (then the run stops and the
    next scheduled run carries on). After a mutation timed out or lost its connection, the marker is
    looked for only `settle` seconds later: GitHub stops any request after 10 seconds, so by then the
    mutation has either been applied or abandoned."""

    attempts: int = 5
    backoff: float = 2.0
    max_wait: float = 120.0
    settle: float = 10.0


@dataclass(frozen=True)
class Config:
    token: str
    repository: str
    api_url: str
    graphql_url: str
    retry: RetryPolicy = RetryPolicy()
    timeout: int = 30
    marker_key: str = field(default="", repr=False)  # DEVEX_MARKER_KEY: signs sync's markers (github_sync.markers)

    @property
    def owner(self) -> str:
        return self.repository.split("/")[0]

    @property
    def name(self) -> str:
        return self.repository.split("/")[1]


def from_env(env: Mapping[str, str] | None = None, default_repository: str = "") -> Config:
    """The configuration from `GITHUB_*` variables (plus `DEVEX_GITHUB_*` tuning), checked with clear messages."""
    env = os.environ if env is None else env
    token = env.get("GITHUB_TOKEN", "").strip()
    if not token:
        raise GitHubError("GITHUB_TOKEN is not set: give the step `env: GITHUB_TOKEN: ${{ github.token }}` or a PAT")
    repository = env.get("GITHUB_REPOSITORY", "").strip() or default_repository
    if not _REPOSITORY.match(repository):
        raise GitHubError(f"GITHUB_REPOSITORY must be owner/name, not {repository!r}")
    api_url = (env.get("GITHUB_API_URL", "").strip() or DEFAULT_API_URL).rstrip("/")
    graphql_url = env.get("GITHUB_GRAPHQL_URL", "").strip().rstrip("/") or derived_graphql_url(api_url)
    for name, url in (("GITHUB_API_URL", api_url), ("GITHUB_GRAPHQL_URL", graphql_url)):
        if urlparse(url).scheme not in ("http", "https") or not urlparse(url).hostname:
            raise GitHubError(f"{name} must be an http(s) address, not {url!r}")
    if not graphql_url.endswith("/graphql"):
        raise GitHubError(f"GITHUB_GRAPHQL_URL must end with /graphql, not {graphql_url!r}")
    retry = RetryPolicy(
        attempts=_number(env, "DEVEX_GITHUB_ATTEMPTS", RetryPolicy.attempts, int, minimum=1),
        backoff=_number(env, "DEVEX_GITHUB_BACKOFF", RetryPolicy.backoff, float, minimum=0),
        max_wait=_number(env, "DEVEX_GITHUB_MAX_WAIT", RetryPolicy.max_wait, float, minimum=0),
        settle=_number(env, "DEVEX_GITHUB_SETTLE", RetryPolicy.settle, float, minimum=0),
    )
    timeout = _number(env, "DEVEX_GITHUB_TIMEOUT", 30, int, minimum=1)
    marker_key = env.get("DEVEX_MARKER_KEY", "").strip()
    return Config(token, repository, api_url, graphql_url, retry, timeout, marker_key)


def derived_graphql_url(api_url: str) -> str:
    """What GitHub (and PyGithub) use when no GraphQL address is given: `/v3` dropped, `/graphql` added."""
    parsed = urlparse(api_url)
    path = parsed.path.rstrip("/").removesuffix("/v3")
    return parsed._replace(path=path + "/graphql").geturl()


def _number(env: Mapping[str, str], name: str, default, kind, minimum: float):
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise GitHubError(f"{name} must be a number, not {raw!r}") from None
    if value < minimum:
        raise GitHubError(f"{name} must be at least {minimum}, not {raw!r}")
    return value

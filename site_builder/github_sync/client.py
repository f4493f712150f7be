"""The PyGithub client, set up so that only `Retrier` decides what is sent again.

Two requesters share one token: the REST one at `GITHUB_API_URL`, and a GraphQL one whose base URL is
`GITHUB_GRAPHQL_URL` without its `/graphql`, because PyGithub derives the GraphQL address from the base
URL and never reads `GITHUB_GRAPHQL_URL`. Both have retries, throttling and PyGithub's POST replays off.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from github import Auth, Github

from site_builder.errors import GitHubError
from site_builder.github_sync.config import Config
from site_builder.github_sync.retry import Retrier

T = TypeVar("T")
USER_AGENT = "gc-devex-automation"


def _github(config: Config, base_url: str) -> Github:
    return Github(
        auth=Auth.Token(config.token),
        base_url=base_url,
        timeout=config.timeout,
        user_agent=USER_AGENT,
        per_page=100,
        retry=None,
        seconds_between_requests=0,
        seconds_between_writes=0,
    )


class Client:
    """REST through PyGithub's objects, GraphQL through its requester, everything through `Retrier`."""

    def __init__(self, config: Config, retrier: Retrier | None = None) -> None:
        self.config = config
        self.rest = _github(config, config.api_url)
        self._graphql_github = _github(config, config.graphql_url.removesuffix("/graphql"))
        self._graphql = self._graphql_github.requester
        if self._graphql.graphql_url != config.graphql_url:
            raise GitHubError(
                f"cannot send GraphQL to {config.graphql_url}: PyGithub would use {self._graphql.graphql_url}"
            )
        self.retrier = retrier or Retrier(config.retry)

    @property
    def graphql_url(self) -> str:
        return self._graphql.graphql_url

    def read(self, what: str, fetch: Callable[[], T]) -> T:
        """A read: safe to repeat, so simply retried."""
        return self.retrier.call(what, fetch)

    def write(self, what: str, send: Callable[[], T], done: Callable[[], Any]) -> T:
        """A REST mutation: `done()` looks for what an earlier try left before it is sent again."""
        return self.retrier.call(what, send, done)

    def query(self, what: str, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        """A GraphQL query's `data`."""
        return self.read(what, lambda: self._graphql.graphql_query(document, variables)[1]["data"])

    def mutate(
        self, what: str, name: str, mutation_input: dict[str, Any], output: str, done: Callable[[], Any]
    ) -> dict[str, Any]:
        """A GraphQL mutation's payload, re-sent only after `done()` found no trace of an earlier try."""
        return self.retrier.call(
            what, lambda: self._graphql.graphql_named_mutation(name, mutation_input, output)[1], done
        )

    def close(self) -> None:
        self.rest.close()
        self._graphql_github.close()

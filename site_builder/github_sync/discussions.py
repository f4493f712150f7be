"""Discussions over GraphQL: the queries and mutations sync needs, as small functions over `Client`.

Discussions are listed (oldest first, so pages do not shift while someone posts) rather than searched:
GitHub's search index lags behind writes, and a rerun must see what the killed run created seconds ago.

A comment's edit history (`userContentEdits`, newest first, each revision's whole text in `diff`) is read
only when asked (`read_comments(..., history=True)`: the bids archive needs the text as it stood at
closing), one query per edited comment and page, so the comments query stays cheap on every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from typing import Any

from site_builder.errors import GitHubError
from site_builder.github_sync.client import Client
from site_builder.github_sync.markers import first_marker, same_actor, trusted

REPOSITORY_QUERY = """
query DevexRepository($owner: String!, $name: String!, $after: String) {
  viewer { login }
  repository(owner: $owner, name: $name) {
    id
    hasDiscussionsEnabled
    discussionCategories(first: 100) { nodes { id name } }
    discussions(first: 100, after: $after, orderBy: {field: CREATED_AT, direction: ASC}) {
      pageInfo { hasNextPage endCursor }
      nodes { id number url title body locked closed author { login } }
    }
  }
}
"""

_COMMENT_FIELDS = "id url body createdAt lastEditedAt authorAssociation author { login }"

COMMENTS_QUERY = f"""
query DevexComments($id: ID!, $after: String) {{
  node(id: $id) {{
    ... on Discussion {{
      comments(first: 100, after: $after) {{
        pageInfo {{ hasNextPage endCursor }}
        nodes {{
          {_COMMENT_FIELDS}
          replies(first: 100) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {_COMMENT_FIELDS} }} }}
        }}
      }}
    }}
  }}
}}
"""

REPLIES_QUERY = f"""
query DevexReplies($id: ID!, $after: String) {{
  node(id: $id) {{
    ... on DiscussionComment {{
      replies(first: 100, after: $after) {{
        pageInfo {{ hasNextPage endCursor }}
        nodes {{ {_COMMENT_FIELDS} }}
      }}
    }}
  }}
}}
"""

EDITS_QUERY = """
query DevexEdits($id: ID!, $after: String) {
  node(id: $id) {
    ... on DiscussionComment {
      includesCreatedEdit
      userContentEdits(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { editedAt deletedAt diff editor { login } }
      }
    }
  }
}
"""
MAX_EDIT_PAGES = 20  # 2,000 revisions of one comment; a longer history is read as incomplete

DISCUSSION_QUERY = """
query DevexDiscussion($id: ID!) {
  node(id: $id) { ... on Discussion { id locked closed } }
}
"""


@dataclass(frozen=True)
class Revision:
    """One revision in a comment's edit history: when, by whom, and its whole text (None once deleted)."""

    at: str
    by: str
    text: str | None


@dataclass(frozen=True)
class History:
    """A comment's edit history as GitHub gave it, oldest first. `created` tells whether its first revision is
    the creation (GitHub's `includesCreatedEdit`); `complete` is False when there were more pages than read."""

    revisions: tuple[Revision, ...]
    created: bool
    complete: bool


@dataclass(frozen=True)
class Comment:
    """One comment (or reply) as GitHub holds it; `edited` is GitHub's `lastEditedAt`, None if never edited.
    `history` is its edit history when it was read (`read_comments(..., history=True)`), else None."""

    id: str
    url: str
    author: str
    body: str
    created: str
    edited: str | None
    reply_to: str | None = None  # the id of the comment this one answers; None for a top-level comment
    association: str = "NONE"  # GitHub's authorAssociation: OWNER, MEMBER, COLLABORATOR are the team
    history: History | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Discussion:
    id: str
    number: int
    url: str
    title: str
    author: str
    body: str
    locked: bool
    closed: bool


@dataclass(frozen=True)
class Repository:
    """What sync needs to know of the marketplace repository on GitHub."""

    id: str
    viewer: str
    categories: dict[str, str]
    discussions: tuple[Discussion, ...]
    marker_key: str = field(default="", repr=False, compare=False)

    def posted(self, ident: str) -> Discussion | None:
        """The discussion the automation posted for an opportunity, found by its marker (oldest first)."""
        return self._posted.get(ident)

    def by_url(self, url: str) -> Discussion | None:
        return self._by_url.get(url)

    @cached_property
    def _posted(self) -> dict[str, Discussion]:
        found: dict[str, Discussion] = {}
        for discussion in self.discussions:
            if same_actor(discussion.author, self.viewer):
                mark = first_marker(discussion.body, self.marker_key, self.id)
                if mark and mark[0] == "posted":
                    found.setdefault(mark[1], discussion)
        return found

    @cached_property
    def _by_url(self) -> dict[str, Discussion]:
        return {discussion.url: discussion for discussion in self.discussions}


def _login(node: dict[str, Any] | None) -> str:
    return (node or {}).get("login") or "ghost"


def _discussion(node: dict[str, Any]) -> Discussion:
    return Discussion(
        node["id"],
        node["number"],
        node["url"],
        node["title"],
        _login(node.get("author")),
        node["body"],
        node["locked"],
        node["closed"],
    )


def _comment(node: dict[str, Any], reply_to: str | None = None) -> Comment:
    return Comment(
        node["id"],
        node["url"],
        _login(node.get("author")),
        node["body"],
        node["createdAt"],
        node.get("lastEditedAt"),
        reply_to,
        node.get("authorAssociation") or "NONE",
    )


def read_repository(client: Client) -> Repository:
    """The viewer, the repository's id and categories, and every discussion (one query per 100)."""
    variables: dict[str, Any] = {"owner": client.config.owner, "name": client.config.name, "after": None}
    discussions: list[Discussion] = []
    while True:
        data = client.query("reading the repository's discussions", REPOSITORY_QUERY, variables)
        repository = data.get("repository")
        if repository is None:
            raise GitHubError(f"repository {client.config.repository} not found, or the token cannot read it")
        if not repository["hasDiscussionsEnabled"]:
            raise GitHubError(f"Discussions are turned off in {client.config.repository}: turn them on in Settings")
        page = repository["discussions"]
        discussions += [_discussion(node) for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        variables["after"] = page["pageInfo"]["endCursor"]
    categories = {node["name"]: node["id"] for node in repository["discussionCategories"]["nodes"]}
    viewer = data["viewer"]["login"]
    return Repository(repository["id"], viewer, categories, tuple(discussions), client.config.marker_key)


def read_comments(client: Client, discussion_id: str, history: bool = False) -> tuple[Comment, ...]:
    """Every comment and reply of a discussion, oldest first; with `history`, each edited one with its edit
    history (one more query per edited comment)."""
    comments: list[Comment] = []
    variables: dict[str, Any] = {"id": discussion_id, "after": None}
    while True:
        data = client.query("reading a discussion's comments", COMMENTS_QUERY, variables)
        page = (data.get("node") or {}).get("comments")
        if page is None:
            raise GitHubError(f"discussion {discussion_id} not found")
        for node in page["nodes"]:
            comments.append(_comment(node))
            comments += _replies(client, node)
        if not page["pageInfo"]["hasNextPage"]:
            break
        variables["after"] = page["pageInfo"]["endCursor"]
    if history:
        comments = [replace(c, history=read_history(client, c.id)) if c.edited else c for c in comments]
    return tuple(sorted(comments, key=lambda c: (c.created, c.id)))


def read_history(client: Client, comment_id: str) -> History:
    """A comment's edit history, every page up to MAX_EDIT_PAGES (GitHub lists the newest first)."""
    revisions: list[Revision] = []
    variables: dict[str, Any] = {"id": comment_id, "after": None}
    created, complete = False, False
    for _ in range(MAX_EDIT_PAGES):
        node = client.query("reading a comment's edit history", EDITS_QUERY, variables).get("node") or {}
        page = node.get("userContentEdits") or {"nodes": [], "pageInfo": {"hasNextPage": False}}
        created = bool(node.get("includesCreatedEdit"))
        revisions += [
            Revision(item["editedAt"], _login(item.get("editor")), None if item.get("deletedAt") else item.get("diff"))
            for item in page["nodes"]
            if item
        ]
        if not page["pageInfo"]["hasNextPage"]:
            complete = True
            break
        variables["after"] = page["pageInfo"]["endCursor"]
    # oldest first: GitHub's order reversed (so revisions of the same second keep theirs), then by time
    ordered = sorted(reversed(revisions), key=lambda r: datetime.fromisoformat(r.at.replace("Z", "+00:00")))
    return History(tuple(ordered), created, complete)


def _replies(client: Client, comment: dict[str, Any]) -> list[Comment]:
    page = comment["replies"]
    replies = [_comment(node, comment["id"]) for node in page["nodes"]]
    while page["pageInfo"]["hasNextPage"]:
        variables = {"id": comment["id"], "after": page["pageInfo"]["endCursor"]}
        page = client.query("reading replies", REPLIES_QUERY, variables)["node"]["replies"]
        replies += [_comment(node, comment["id"]) for node in page["nodes"]]
    return replies


def read_flags(client: Client, discussion_id: str) -> dict[str, Any]:
    """`locked` and `closed` of one discussion, as GitHub has them now."""
    node = client.query("reading a discussion", DISCUSSION_QUERY, {"id": discussion_id}).get("node")
    if not node:
        raise GitHubError(f"discussion {discussion_id} not found")
    return node


# ---------------------------------------------------------------- mutations, each with its `done` probe


def create_discussion(client: Client, repository: Repository, category_id: str, title: str, body: str, ident: str):
    """Create the opportunity's discussion once: before any re-send, the discussions are listed again."""

    def done() -> dict[str, Any] | None:
        found = read_repository(client).posted(ident)
        return {"discussion": {"id": found.id, "number": found.number, "url": found.url}} if found else None

    payload = client.mutate(
        f"creating the discussion of {ident}",
        "createDiscussion",
        {"repositoryId": repository.id, "categoryId": category_id, "title": title, "body": body},
        "discussion { id number url }",
        done,
    )
    return payload["discussion"]


def add_comment(
    client: Client, discussion_id: str, body: str, kind: str, ident: str, viewer: str, reply_to: str | None = None
) -> dict[str, Any]:
    """Post a marked comment once (a reply to the comment `reply_to`, if given): before any re-send, the comments
    are listed again."""
    key = client.config.marker_key
    fields: dict[str, Any] = {"discussionId": discussion_id, "body": body}
    if reply_to:
        fields["replyToId"] = reply_to

    def done() -> dict[str, Any] | None:
        for comment in read_comments(client, discussion_id):
            if trusted(comment.body, comment.author, viewer, kind, ident, key, discussion_id):
                return {"comment": {"id": comment.id, "url": comment.url}}
        return None

    payload = client.mutate(
        f"posting the {kind} comment of {ident}",
        "addDiscussionComment",
        fields,
        "comment { id url }",
        done,
    )
    return payload["comment"]


def lock(client: Client, discussion_id: str, ident: str) -> None:
    def done() -> dict[str, Any] | None:
        return {"lockedRecord": {"locked": True}} if read_flags(client, discussion_id)["locked"] else None

    client.mutate(
        f"locking the discussion of {ident}",
        "lockLockable",
        {"lockableId": discussion_id, "lockReason": "RESOLVED"},
        "lockedRecord { locked }",
        done,
    )


def close(client: Client, discussion_id: str, reason: str, ident: str) -> None:
    def done() -> dict[str, Any] | None:
        return {"discussion": {"closed": True}} if read_flags(client, discussion_id)["closed"] else None

    client.mutate(
        f"closing the discussion of {ident}",
        "closeDiscussion",
        {"discussionId": discussion_id, "reason": reason},
        "discussion { closed }",
        done,
    )


def unlock(client: Client, discussion_id: str, ident: str) -> None:
    def done() -> dict[str, Any] | None:
        return None if read_flags(client, discussion_id)["locked"] else {"unlockedRecord": {"locked": False}}

    client.mutate(
        f"unlocking the discussion of {ident}",
        "unlockLockable",
        {"lockableId": discussion_id},
        "unlockedRecord { locked }",
        done,
    )


def reopen(client: Client, discussion_id: str, ident: str) -> None:
    def done() -> dict[str, Any] | None:
        return None if read_flags(client, discussion_id)["closed"] else {"discussion": {"closed": False}}

    client.mutate(
        f"reopening the discussion of {ident}",
        "reopenDiscussion",
        {"discussionId": discussion_id},
        "discussion { closed }",
        done,
    )

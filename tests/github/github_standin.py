"""A stand-in for the GitHub API on 127.0.0.1: the REST and GraphQL subset the marketplace uses.

Every GraphQL document is first validated against GitHub's published schema (tests/fixtures/github), so a
query GitHub would reject fails here too; it is then executed by graphql-core with resolvers over an
in-memory `World`. REST answers carry the fields and headers PyGithub reads (`url`, `Link`, rate limits).
Every request is recorded, and `Fault`s inject what real networks do: 5xx, 403/429 with `retry-after`,
GraphQL rate limits, slow answers, dropped connections, and a mutation applied whose answer is lost.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import itertools
import json
import re
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from graphql import GraphQLError, GraphQLSchema, build_schema, execute, parse, validate
from graphql.language import OperationDefinitionNode

BOT_TOKEN = "bot-token"
BOT_VIEWER = "github-actions[bot]"
BOT_LOGIN = "github-actions"
WEB = "https://github.com"


def load_schema(sdl: Path) -> GraphQLSchema:
    schema = build_schema(sdl.read_text("utf-8"), assume_valid_sdl=True)
    schema._validation_errors = []  # the published schema breaks two strict deprecation rules of graphql-core
    return schema


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- the state of the world


@dataclass
class EditState:
    """One revision of a comment, as GitHub keeps it in `userContentEdits`: `diff` holds the revision's whole
    text; once someone deletes the revision from the history, `deletedAt` is set and `diff` is null."""

    id: str
    at: str
    editor: str | None  # None: the editor's account is gone (GitHub answers a null `editor`)
    text: str | None
    deleted: str | None = None


@dataclass
class CommentState:
    id: str
    database_id: int
    discussion: DiscussionState
    author: str
    body: str
    created: str
    edited: str | None = None
    reply_to: CommentState | None = None
    edits: list[EditState] = field(default_factory=list)  # oldest first; the creation first once ever edited

    @property
    def url(self) -> str:
        return f"{self.discussion.url}#discussioncomment-{self.database_id}"


@dataclass
class DiscussionState:
    id: str
    number: int
    repository: RepositoryState
    category_id: str
    title: str
    body: str
    author: str
    created: str
    locked: bool = False
    closed: bool = False
    state_reason: str | None = None
    comments: list[CommentState] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{WEB}/{self.repository.full_name}/discussions/{self.number}"


@dataclass
class RepositoryState:
    full_name: str
    id: str
    database_id: int
    has_discussions: bool = True
    categories: dict[str, str] = field(default_factory=dict)  # name -> id
    discussions: list[DiscussionState] = field(default_factory=list)
    collaborators: set[str] = field(default_factory=set)
    commits: list[dict[str, str]] = field(default_factory=list)  # {author, date}
    pulls: list[dict[str, Any]] = field(default_factory=list)
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)
    files: dict[str, dict[str, str]] = field(default_factory=dict)  # branch -> path -> text
    last_number: int = 0

    def next_number(self) -> int:
        """Discussions, issues and pull requests share one sequence of numbers, as on GitHub."""
        self.last_number += 1
        return self.last_number


@dataclass
class Fault:
    """What to do instead of (or around) answering the next `times` requests that `match`."""

    match: Callable[[Request], bool]
    kind: str  # status | slow | drop | lost | hang | graphql-error
    times: int = 1
    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    message: str = "Server Error"
    delay: float = 0.0
    release: threading.Event | None = None
    reached: threading.Event = field(default_factory=threading.Event)
    applied: threading.Event = field(default_factory=threading.Event)  # set once a `lost`/`hang` request was applied


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any
    operations: tuple[str, ...] = ()  # GraphQL root fields (mutation names, or repository/node/...)
    kind: str = "rest"  # rest | query | mutation
    status: int = 0
    fault: str = ""

    @property
    def variables(self) -> dict[str, Any]:
        return (self.body or {}).get("variables") or {}


class World:
    """Everything the stand-in knows; tests change it directly (an applicant commenting, a clock moving)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.clock = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
        self.repositories: dict[str, RepositoryState] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, str] = {BOT_TOKEN: BOT_VIEWER}
        self.requests: list[Request] = []
        self.faults: list[Fault] = []
        self.schema_errors: list[str] = []
        self.crashes: list[str] = []  # the stand-in's own bugs, answered 500 and failed at teardown
        self._ids = itertools.count(1001)

    # -- setting the scene
    def now(self) -> str:
        return iso(self.clock)

    def next_id(self) -> int:
        return next(self._ids)

    def add_repository(self, full_name: str, categories: tuple[str, ...] = ("Opportunities", "General")):
        database_id = self.next_id()
        repo = RepositoryState(full_name, _node("R_", database_id), database_id)
        repo.categories = {name: _node("DIC_", self.next_id()) for name in categories}
        repo.refs["refs/heads/main"] = hashlib.sha1(full_name.encode()).hexdigest()
        repo.files["main"] = {}
        self.repositories[full_name] = repo
        return repo

    def add_user(self, login: str, created: str, public_repos: int = 3, followers: int = 1, kind: str = "User"):
        self.users[login] = {"created_at": created, "public_repos": public_repos, "followers": followers, "type": kind}

    def fail(self, match: Callable[[Request], bool], kind: str = "status", **options: Any) -> Fault:
        fault = Fault(match, kind, **options)
        with self.lock:
            self.faults.append(fault)
        return fault

    # -- what applicants and maintainers do in the browser
    def comment(self, discussion: DiscussionState, author: str, body: str, at: datetime | None = None, reply_to=None):
        """An applicant comments in the browser (refused once the discussion is locked)."""
        with self.lock:
            if discussion.locked and author not in discussion.repository.collaborators:
                raise PermissionError("locked")
            return self.append_comment(discussion, author, body, iso(at) if at else self.now(), reply_to)

    def append_comment(self, discussion: DiscussionState, author: str, body: str, created: str, reply_to=None):
        number = self.next_id()
        comment = CommentState(_node("DC_", number), number, discussion, author, body, created, None, reply_to)
        discussion.comments.append(comment)
        return comment

    def add_issue(self, full_name: str, title: str, body: str, author: str) -> int:
        repo = self.repositories[full_name]
        number = repo.next_number()
        repo.issues[number] = {
            "title": title,
            "body": body,
            "author": author,
            "comments": [],
            "state": "open",
            "state_reason": None,
            "created": self.now(),
        }
        return number

    def edit(self, comment: CommentState, body: str, at: datetime, editor: str | None = None) -> None:
        """`editor` (the author unless given: anyone with Write may edit anyone's comment) changes the text at
        `at`. As on GitHub, the first edit also records the creation as the oldest revision (`includesCreatedEdit`)."""
        with self.lock:
            if not comment.edits:
                creation = EditState(_node("UCE_", self.next_id()), comment.created, comment.author, comment.body)
                comment.edits.append(creation)
            comment.edits.append(EditState(_node("UCE_", self.next_id()), iso(at), editor or comment.author, body))
            comment.body, comment.edited = body, iso(at)

    def delete_comment(self, comment: CommentState) -> None:
        """Its author deletes a comment: it is gone from the discussion (a later reply to it is refused)."""
        with self.lock:
            comment.discussion.comments.remove(comment)

    def delete_revision(self, comment: CommentState, index: int, at: datetime) -> None:
        """Delete the `index`-th revision (oldest first) from the history, as its author or a maintainer can:
        GitHub keeps its time and editor, drops its text; the current revision cannot be deleted."""
        with self.lock:
            if index in (-1, len(comment.edits) - 1):
                raise PermissionError("the current revision cannot be deleted")
            revision = comment.edits[index]
            revision.text, revision.deleted = None, iso(at)

    # -- what tests look at
    def discussions(self, full_name: str) -> list[DiscussionState]:
        return self.repositories[full_name].discussions

    def issues(self, full_name: str, author: str | None = None) -> dict[int, dict[str, Any]]:
        """The repository's issues by number (those `author` opened, when given)."""
        issues = self.repositories[full_name].issues
        return {number: issue for number, issue in issues.items() if author is None or issue["author"] == author}

    def rest_writes(self, path_part: str = "") -> list[Request]:
        """REST requests that change something (POST, PATCH, PUT, DELETE) answered with success."""
        return [
            r
            for r in self.requests
            if r.kind == "rest" and r.method != "GET" and path_part in r.path and 200 <= r.status < 300
        ]

    def mutations(self, name: str | None = None) -> list[Request]:
        return [r for r in self.requests if r.kind == "mutation" and (name is None or name in r.operations)]

    def applied(self, name: str) -> list[Request]:
        return [r for r in self.mutations(name) if r.fault in ("", "slow", "lost", "hang")]


def _node(prefix: str, number: int) -> str:
    return prefix + base64.b64encode(f"0:{number}".encode()).decode().rstrip("=")


# ---------------------------------------------------------------- GraphQL resolvers


class GraphQLFailure(GraphQLError):
    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message, extensions={"type": kind})


def _page(
    items: list[Any],
    name: str,
    first: int | None,
    after: str | None,
    last: int | None = None,
    render: Callable[[Any], Any] = lambda item: item,
) -> dict:
    if first is None and last is None:
        raise GraphQLFailure(
            f"You must provide a `first` or `last` value to properly paginate the `{name}` connection.",
            "MISSING_PAGINATION_BOUNDARIES",
        )
    limit = first if first is not None else last
    if limit > 100 or limit < 0:
        raise GraphQLFailure(
            f"Requesting {limit} records on the `{name}` connection exceeds the `first` limit of 100 records.",
            "EXCESSIVE_PAGINATION",
        )
    start = int(base64.b64decode(after).decode().split(":")[1]) + 1 if after else 0
    chunk = items[start : start + limit]
    end = start + len(chunk) - 1
    cursor = base64.b64encode(f"cursor:{end}".encode()).decode() if chunk else None
    return {
        "nodes": [render(item) for item in chunk],
        "totalCount": len(items),
        "pageInfo": {
            "hasNextPage": start + limit < len(items),
            "endCursor": cursor,
            "hasPreviousPage": start > 0,
            "startCursor": None,
        },
    }


def _actor(login: str) -> dict[str, Any]:
    kind = "Bot" if login == BOT_LOGIN else "User"
    return {"__typename": kind, "login": login, "url": f"{WEB}/{login}"}


def _user_content_edit(edit: EditState) -> dict[str, Any]:
    return {
        "__typename": "UserContentEdit",
        "id": edit.id,
        "createdAt": edit.at,
        "editedAt": edit.at,
        "updatedAt": edit.deleted or edit.at,
        "deletedAt": edit.deleted,
        "diff": edit.text,
        "editor": _actor(edit.editor) if edit.editor else None,
    }


class Resolvers:
    """Builds the dict-and-callable trees graphql-core walks, for one request by one viewer."""

    def __init__(self, world: World, viewer: str) -> None:
        self.world, self.viewer = world, viewer
        self.author = BOT_LOGIN if viewer == BOT_VIEWER else viewer

    def root(self) -> dict[str, Any]:
        return {
            "viewer": {"__typename": "User", "login": self.viewer},
            "repository": self.repository,
            "node": self.node,
            "createDiscussion": self.create_discussion,
            "addDiscussionComment": self.add_comment,
            "lockLockable": self.lock,
            "unlockLockable": self.unlock,
            "closeDiscussion": self.close,
            "reopenDiscussion": self.reopen,
        }

    def repository(self, info, owner: str, name: str, **_: Any) -> dict[str, Any] | None:
        repo = self.world.repositories.get(f"{owner}/{name}")
        if repo is None:
            raise GraphQLFailure(f"Could not resolve to a Repository with the name '{owner}/{name}'.", "NOT_FOUND")
        categories = [
            {"__typename": "DiscussionCategory", "id": i, "name": n, "slug": n.lower()}
            for n, i in repo.categories.items()
        ]
        return {
            "__typename": "Repository",
            "id": repo.id,
            "nameWithOwner": repo.full_name,
            "hasDiscussionsEnabled": repo.has_discussions,
            "discussionCategories": lambda info, first=None, after=None, **_: _page(
                categories, "discussionCategories", first, after
            ),
            "discussions": lambda info, first=None, after=None, orderBy=None, categoryId=None, last=None, **_: (
                self._discussions(repo, first, after, orderBy, categoryId, last)
            ),
            "discussion": lambda info, number: next(
                (self.discussion(d) for d in repo.discussions if d.number == number), None
            ),
        }

    def _discussions(self, repo, first, after, order, category_id, last):
        items = [d for d in repo.discussions if category_id is None or d.category_id == category_id]
        order = order or {"field": "UPDATED_AT", "direction": "DESC"}
        if order["field"] == "CREATED_AT":
            items.sort(key=lambda d: d.number, reverse=order["direction"] == "DESC")
        else:  # UPDATED_AT: what changed last moves, so pages may shift while someone posts
            items.sort(key=lambda d: max([d.created] + [c.edited or c.created for c in d.comments]), reverse=True)
        return _page(items, "discussions", first, after, last, self.discussion)

    def discussion(self, d: DiscussionState) -> dict[str, Any]:
        top = [c for c in d.comments if c.reply_to is None]
        return {
            "__typename": "Discussion",
            "id": d.id,
            "number": d.number,
            "url": d.url,
            "title": d.title,
            "body": d.body,
            "locked": d.locked,
            "closed": d.closed,
            "stateReason": d.state_reason,
            "createdAt": d.created,
            "author": _actor(d.author),
            "category": {
                "__typename": "DiscussionCategory",
                "id": d.category_id,
                "name": next(n for n, i in d.repository.categories.items() if i == d.category_id),
            },
            "comments": lambda info, first=None, after=None, last=None, **_: _page(
                [self.comment(c) for c in top], "comments", first, after, last
            ),
        }

    def comment(self, c: CommentState) -> dict[str, Any]:
        replies = [r for r in c.discussion.comments if r.reply_to is c]
        return {
            "__typename": "DiscussionComment",
            "id": c.id,
            "databaseId": c.database_id,
            "url": c.url,
            "body": c.body,
            "createdAt": c.created,
            "updatedAt": c.edited or c.created,
            "lastEditedAt": c.edited,
            "authorAssociation": self.association(c),
            "author": _actor(c.author),
            "editor": _actor(c.edits[-1].editor) if c.edits and c.edits[-1].editor else None,
            "includesCreatedEdit": bool(c.edits),
            "replies": lambda info, first=None, after=None, last=None, **_: _page(
                [self.comment(r) for r in replies], "replies", first, after, last
            ),
            # newest first, as GitHub lists them
            "userContentEdits": lambda info, first=None, after=None, last=None, **_: _page(
                list(reversed(c.edits)), "userContentEdits", first, after, last, _user_content_edit
            ),
        }

    @staticmethod
    def association(c: CommentState) -> str:
        """GitHub's authorAssociation: OWNER for the repository's owner, COLLABORATOR, or NONE."""
        repo = c.discussion.repository
        if c.author.lower() == repo.full_name.split("/")[0].lower():
            return "OWNER"
        return "COLLABORATOR" if c.author in repo.collaborators else "NONE"

    def _find(self, node_id: str) -> DiscussionState | CommentState | None:
        for repo in self.world.repositories.values():
            for d in repo.discussions:
                if d.id == node_id:
                    return d
                for c in d.comments:
                    if c.id == node_id:
                        return c
        return None

    def node(self, info, id: str) -> dict[str, Any] | None:
        found = self._find(id)
        if found is None:
            raise GraphQLFailure(f"Could not resolve to a node with the global id of '{id}'", "NOT_FOUND")
        return self.discussion(found) if isinstance(found, DiscussionState) else self.comment(found)

    def _discussion_for(self, node_id: str) -> DiscussionState:
        found = self._find(node_id)
        if not isinstance(found, DiscussionState):
            raise GraphQLFailure(f"Could not resolve to a node with the global id of '{node_id}'", "NOT_FOUND")
        return found

    # mutations
    def create_discussion(self, info, input: dict[str, Any]) -> dict[str, Any]:
        repo = next((r for r in self.world.repositories.values() if r.id == input["repositoryId"]), None)
        if repo is None:
            raise GraphQLFailure(
                f"Could not resolve to a node with the global id of '{input['repositoryId']}'", "NOT_FOUND"
            )
        if input["categoryId"] not in repo.categories.values():
            raise GraphQLFailure("Category not found", "NOT_FOUND")
        number = repo.next_number()
        d = DiscussionState(
            _node("D_", self.world.next_id()),
            number,
            repo,
            input["categoryId"],
            input["title"],
            input["body"],
            self.author,
            self.world.now(),
        )
        repo.discussions.append(d)
        return {"clientMutationId": None, "discussion": self.discussion(d)}

    def add_comment(self, info, input: dict[str, Any]) -> dict[str, Any]:
        d = self._discussion_for(input["discussionId"])
        if d.locked and self.author not in d.repository.collaborators and self.author != BOT_LOGIN:
            raise GraphQLFailure("Discussion is locked", "FORBIDDEN")
        reply_to = self._find(input["replyToId"]) if input.get("replyToId") else None
        if input.get("replyToId") and not isinstance(reply_to, CommentState):  # deleted since, or never was
            raise GraphQLFailure(
                f"Could not resolve to a node with the global id of '{input['replyToId']}'", "NOT_FOUND"
            )
        comment = self.world.append_comment(d, self.author, input["body"], self.world.now(), reply_to)
        return {"clientMutationId": None, "comment": self.comment(comment)}

    def lock(self, info, input: dict[str, Any]) -> dict[str, Any]:
        d = self._discussion_for(input["lockableId"])
        d.locked = True
        return {"clientMutationId": None, "actor": _actor(self.author), "lockedRecord": self.discussion(d)}

    def unlock(self, info, input: dict[str, Any]) -> dict[str, Any]:
        d = self._discussion_for(input["lockableId"])
        d.locked = False
        return {"clientMutationId": None, "actor": _actor(self.author), "unlockedRecord": self.discussion(d)}

    def close(self, info, input: dict[str, Any]) -> dict[str, Any]:
        d = self._discussion_for(input["discussionId"])
        d.closed, d.state_reason = True, input.get("reason") or "RESOLVED"
        return {"clientMutationId": None, "discussion": self.discussion(d)}

    def reopen(self, info, input: dict[str, Any]) -> dict[str, Any]:
        d = self._discussion_for(input["discussionId"])
        d.closed, d.state_reason = False, "REOPENED"
        return {"clientMutationId": None, "discussion": self.discussion(d)}


# ---------------------------------------------------------------- the HTTP server


class _Drop(Exception):
    """Close the connection without an answer."""


class StandIn:
    """The server: `start()`, point `GITHUB_API_URL` at `url`, read `world.requests`, `stop()`."""

    def __init__(
        self, world: World, schema: GraphQLSchema, graphql_paths: tuple[str, ...] = ("/graphql", "/api/graphql")
    ):
        self.world, self.schema, self.graphql_paths = world, schema, graphql_paths
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                standin._handle(self, "GET")

            def do_POST(self) -> None:
                standin._handle(self, "POST")

            def do_PUT(self) -> None:
                standin._handle(self, "PUT")

            def do_PATCH(self) -> None:
                standin._handle(self, "PATCH")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> StandIn:
        self.thread.start()
        return self

    def stop(self) -> None:
        for fault in self.world.faults:
            if fault.release:
                fault.release.set()
        self.server.shutdown()
        self.server.server_close()

    # -- one request
    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        parsed = urlparse(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        request = Request(
            method, parsed.path, parse_qs(parsed.query), {k.lower(): v for k, v in handler.headers.items()}, body
        )
        if parsed.path in self.graphql_paths and method == "POST":
            request.kind, request.operations = _classify(body)
        with self.world.lock:
            self.world.requests.append(request)
            fault = next((f for f in self.world.faults if f.times > 0 and f.match(request)), None)
            if fault:
                fault.times -= 1
                request.fault = fault.kind
        try:
            status, headers, payload = self._answer(request, fault)
        except _Drop:
            handler.close_connection = True
            with contextlib.suppress(OSError):
                handler.connection.shutdown(2)
            return
        except Exception as error:  # the stand-in's own bug: answer 500 and fail the test at teardown
            self.world.crashes.append(f"{request.method} {request.path}: {type(error).__name__}: {error}")
            status, headers, payload = 500, {}, {"message": "stand-in crashed"}
        request.status = status
        data = json.dumps(payload).encode()
        handler.send_response(status)
        for name, value in {
            "Content-Type": "application/json; charset=utf-8",
            "Content-Length": str(len(data)),
            "Connection": "close",
            **headers,
        }.items():
            handler.send_header(name, value)
        handler.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up waiting
            handler.wfile.write(data)
        handler.close_connection = True

    def _answer(self, request: Request, fault: Fault | None) -> tuple[int, dict[str, str], Any]:
        if fault:
            fault.reached.set()
            if fault.kind == "slow":
                time.sleep(fault.delay)
            elif fault.kind == "drop":
                raise _Drop
            elif fault.kind == "status":
                return (
                    fault.status,
                    fault.headers,
                    {"message": fault.message, "documentation_url": "https://docs.github.com/rest"},
                )
            elif fault.kind == "graphql-error":
                return (
                    200,
                    fault.headers,
                    {"errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded for installation."}]},
                )
        token = request.headers.get("authorization", "").split(" ")[-1]
        viewer = self.world.tokens.get(token)
        if viewer is None:
            return 401, {}, {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}
        with self.world.lock:
            if request.path in self.graphql_paths and request.method == "POST":
                answer = self._graphql(request, viewer)
            else:
                answer = RestRoutes(self.world, self.url, viewer).answer(request)
        if fault and fault.kind in ("lost", "hang"):
            fault.applied.set()
            if fault.kind == "hang" and fault.release is not None:
                fault.release.wait(30)
            raise _Drop
        return answer

    def _graphql(self, request: Request, viewer: str) -> tuple[int, dict[str, str], Any]:
        body = request.body or {}
        try:
            document = parse(body.get("query") or "")
        except GraphQLError as error:
            self.world.schema_errors.append(error.message)
            return 200, {}, {"errors": [{"message": error.message}]}
        errors = validate(self.schema, document)
        if errors:
            self.world.schema_errors += [e.message for e in errors]
            return (
                200,
                {},
                {
                    "errors": [
                        {"message": e.message, "locations": [loc._asdict() for loc in e.locations or []]}
                        for e in errors
                    ]
                },
            )
        result = execute(
            self.schema,
            document,
            root_value=Resolvers(self.world, viewer).root(),
            variable_values=body.get("variables") or {},
        )
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:
            payload["errors"] = [_github_error(e) for e in result.errors]
        return 200, _rate_headers(), payload


def _github_error(error: GraphQLError) -> dict[str, Any]:
    formatted = {
        "message": error.message,
        "path": error.path,
        "locations": [loc._asdict() for loc in error.locations or []],
    }
    kind = (error.extensions or {}).get("type")
    if kind:
        formatted["type"] = kind
    return formatted


def _classify(body: Any) -> tuple[str, tuple[str, ...]]:
    try:
        document = parse((body or {}).get("query") or "")
    except GraphQLError:
        return "query", ()
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            names = tuple(s.name.value for s in definition.selection_set.selections if hasattr(s, "name"))
            return definition.operation.value, names
    return "query", ()


def _rate_headers() -> dict[str, str]:
    return {
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "4999",
        "x-ratelimit-reset": str(int(time.time()) + 3600),
    }


# ---------------------------------------------------------------- REST


class RestRoutes:
    """The REST subset: repositories, users, commits, search, issues (listed, opened, edited, closed) and their
    comments, refs, contents, pulls."""

    def __init__(self, world: World, base: str, viewer: str) -> None:
        self.world, self.viewer = world, viewer
        self.author = BOT_LOGIN if viewer == BOT_VIEWER else viewer
        self.base = base

    def answer(self, request: Request) -> tuple[int, dict[str, str], Any]:
        path = request.path.removeprefix("/api/v3")
        self.api = self.base + ("/api/v3" if request.path.startswith("/api/v3") else "")
        answered = answer_access(self, request, path)  # who may approve: the last section of this file
        if answered is not None:
            return answered
        routes: list[tuple[str, str, Callable]] = [
            ("GET", r"/users/(?P<login>[^/]+)", self.user),
            ("GET", r"/repos/(?P<repo>[^/]+/[^/]+)", self.repository),
            ("GET", r"/repos/(?P<repo>[^/]+/[^/]+)/commits", self.commits),
            ("GET", r"/search/issues", self.search),
            ("GET", r"/repos/(?P<repo>[^/]+/[^/]+)/issues", self.list_issues),
            ("POST", r"/repos/(?P<repo>[^/]+/[^/]+)/issues", self.create_issue),
            ("GET", r"/repos/(?P<repo>[^/]+/[^/]+)/issues/(?P<number>\d+)", self.issue),
            ("PATCH", r"/repos/(?P<repo>[^/]+/[^/]+)/issues/(?P<number>\d+)", self.edit_issue),
            ("GET", r"/repos/(?P<repo>[^/]+/[^/]+)/issues/(?P<number>\d+)/comments", self.issue_comments),
            ("POST", r"/repos/(?P<repo>[^/]+/[^/]+)/issues/(?P<number>\d+)/comments", self.add_issue_comment),
            ("PATCH", r"/repos/(?P<repo>[^/]+/[^/]+)/issues/comments/(?P<comment>\d+)", self.edit_issue_comment),
            ("GET", r"/repos/(?P<repo>[^/]+/[^/]+)/git/ref/(?P<ref>.+)", self.get_ref),
            ("POST", r"/repos/(?P<repo>[^/]+/[^/]+)/git/refs", self.create_ref),
            ("GET", r"/repos/(?P<repo>[^/]+/[^/]+)/contents/(?P<path>.+)", self.get_content),
            ("PUT", r"/repos/(?P<repo>[^/]+/[^/]+)/contents/(?P<path>.+)", self.put_content),
            ("GET", r"/repos/(?P<repo>[^/]+/[^/]+)/pulls", self.list_pulls),
            ("GET", r"/repos/(?P<repo>[^/]+/[^/]+)/pulls/(?P<number>\d+)", self.get_pull),
            ("GET", r"/repos/(?P<repo>[^/]+/[^/]+)/pulls/(?P<number>\d+)/reviews", self.list_reviews),
            ("POST", r"/repos/(?P<repo>[^/]+/[^/]+)/pulls", self.create_pull),
        ]
        for method, pattern, route in routes:
            match = re.fullmatch(pattern, path)
            if method == request.method and match:
                params = {k: unquote(v) for k, v in match.groupdict().items()}
                if "repo" in params and params["repo"] not in self.world.repositories:
                    break
                status, headers, payload = route(request, **params)
                return status, {**_rate_headers(), **headers}, payload
        return 404, _rate_headers(), {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}

    def _repo(self, name: str) -> RepositoryState:
        return self.world.repositories[name]

    def user(self, request: Request, login: str):
        if login not in self.world.users:
            return 404, {}, {"message": "Not Found"}
        user = self.world.users[login]
        return (
            200,
            {},
            {
                "login": login,
                "id": abs(hash(login)) % 10**8,
                "type": user["type"],
                "url": f"{self.api}/users/{login}",
                "html_url": f"{WEB}/{login}",
                **user,
            },
        )

    def repository(self, request: Request, repo: str):
        state = self._repo(repo)
        owner, name = repo.split("/")
        return (
            200,
            {},
            {
                "id": state.database_id,
                "node_id": state.id,
                "name": name,
                "full_name": repo,
                "owner": {"login": owner, "url": f"{self.api}/users/{owner}"},
                "url": f"{self.api}/repos/{repo}",
                "html_url": f"{WEB}/{repo}",
                "default_branch": "main",
                "has_discussions": state.has_discussions,
            },
        )

    def commits(self, request: Request, repo: str):
        author = request.query.get("author", [None])[0]
        until = request.query.get("until", [None])[0]
        items = [
            c
            for c in self._repo(repo).commits
            if (author is None or c["author"] == author) and (until is None or c["date"] <= until)
        ]
        return self._paged(
            request,
            items,
            f"/repos/{repo}/commits",
            lambda c: {
                "sha": hashlib.sha1(json.dumps(c).encode()).hexdigest(),
                "commit": {"author": {"date": c["date"]}},
                "author": {"login": c["author"]},
                "url": f"{self.api}/repos/{repo}/commits/x",
            },
        )

    def _paged(self, request: Request, items: list, path: str, render: Callable):
        per_page = int(request.query.get("per_page", ["30"])[0])
        page = int(request.query.get("page", ["1"])[0])
        chunk = items[(page - 1) * per_page : page * per_page]
        pages = max(1, -(-len(items) // per_page))
        others = {k: v[0] for k, v in request.query.items() if k not in ("page",)}
        query = "&".join(f"{k}={v}" for k, v in others.items())
        links = []
        if page < pages:
            links.append(f'<{self.api}{path}?{query}&page={page + 1}>; rel="next"')
            links.append(f'<{self.api}{path}?{query}&page={pages}>; rel="last"')
        return 200, ({"Link": ", ".join(links)} if links else {}), [render(item) for item in chunk]

    def search(self, request: Request):
        query = request.query.get("q", [""])[0]
        terms = dict(re.findall(r"(repo|author|is|type|created):(\S+)", query))
        flags = set(re.findall(r"is:(\S+)", query))
        before = terms.get("created", "").removeprefix("<")
        repo = self._repo(terms["repo"]) if terms.get("repo") in self.world.repositories else None
        found = [
            p
            for p in (repo.pulls if repo else [])
            if p["author"] == terms.get("author")
            and ("merged" not in flags or p["merged"])
            and (not before or p["created"] < before)
        ]
        return (
            200,
            {},
            {
                "total_count": len(found),
                "incomplete_results": False,
                "items": [{"number": p["number"], "title": p["title"]} for p in found[:30]],
            },
        )

    # issues, comments
    def issue(self, request: Request, repo: str, number: str):
        issue = self._repo(repo).issues.get(int(number))
        if issue is None:
            return 404, {}, {"message": "Not Found"}
        return 200, {}, self._issue_json(repo, int(number), issue)

    def _issue_json(self, repo: str, number: int, issue: dict[str, Any]) -> dict[str, Any]:
        author = issue["author"]
        return {
            "id": number,
            "node_id": _node("I_", number),
            "number": number,
            "title": issue["title"],
            "body": issue["body"],
            "state": issue.get("state", "open"),
            "state_reason": issue.get("state_reason"),
            "locked": False,
            "labels": [],
            "comments": len(issue["comments"]),
            "created_at": issue.get("created", self.world.now()),
            "user": {"login": author, "type": "Bot" if author == BOT_LOGIN else "User"},
            "url": f"{self.api}/repos/{repo}/issues/{number}",
            "html_url": f"{WEB}/{repo}/issues/{number}",
            "comments_url": f"{self.api}/repos/{repo}/issues/{number}/comments",
            "repository_url": f"{self.api}/repos/{repo}",
        }

    def list_issues(self, request: Request, repo: str):
        """Issues and pull requests (GitHub lists both here), newest first unless asked otherwise."""
        state = request.query.get("state", ["open"])[0]
        ascending = request.query.get("direction", ["desc"])[0] == "asc"
        items = [(number, self._issue_json(repo, number, issue)) for number, issue in self._repo(repo).issues.items()]
        for pull in self._repo(repo).pulls:
            rendered = self._pull_json(repo, pull) if pull.get("head") else {}
            if rendered:
                as_issue = {
                    **rendered,
                    "url": f"{self.api}/repos/{repo}/issues/{pull['number']}",
                    "pull_request": {"url": rendered["url"], "html_url": rendered["html_url"]},
                }
                items.append((pull["number"], as_issue))
        chosen = [item for number, item in sorted(items, key=lambda pair: pair[0], reverse=not ascending)]
        chosen = [item for item in chosen if state == "all" or item["state"] == state]
        return self._paged(request, chosen, f"/repos/{repo}/issues", lambda item: item)

    def create_issue(self, request: Request, repo: str):
        body = request.body or {}
        if not body.get("title"):
            return 422, {}, {"message": "Validation Failed", "errors": [{"field": "title", "code": "missing_field"}]}
        if len(body.get("body") or "") > 65536:
            return 422, {}, {"message": "Validation Failed", "errors": [{"field": "body", "code": "custom"}]}
        state = self._repo(repo)
        number = state.next_number()
        state.issues[number] = {
            "title": body["title"],
            "body": body.get("body") or "",
            "author": self.author,
            "comments": [],
            "state": "open",
            "state_reason": None,
            "created": self.world.now(),
        }
        return 201, {}, self._issue_json(repo, number, state.issues[number])

    def edit_issue(self, request: Request, repo: str, number: str):
        issue = self._repo(repo).issues.get(int(number))
        if issue is None:
            return 404, {}, {"message": "Not Found"}
        body = request.body or {}
        for name in ("title", "body"):
            if name in body:
                issue[name] = body[name]
        if "state" in body:
            issue["state"] = body["state"]
            issue["state_reason"] = body.get("state_reason") or ("completed" if body["state"] == "closed" else None)
        return 200, {}, self._issue_json(repo, int(number), issue)

    def issue_comments(self, request: Request, repo: str, number: str):
        issue = self._repo(repo).issues.get(int(number))
        if issue is None:
            return 404, {}, {"message": "Not Found"}
        return self._paged(request, issue["comments"], f"/repos/{repo}/issues/{number}/comments", lambda c: c)

    def add_issue_comment(self, request: Request, repo: str, number: str):
        issue = self._repo(repo).issues.get(int(number))
        if issue is None:
            return 404, {}, {"message": "Not Found"}
        database_id = self.world.next_id()
        comment = {
            "id": database_id,
            "body": request.body["body"],
            "user": {"login": self.author, "type": "Bot" if self.author == BOT_LOGIN else "User"},
            "created_at": self.world.now(),
            "url": f"{self.api}/repos/{repo}/issues/comments/{database_id}",
            "html_url": f"{WEB}/{repo}/issues/{number}#issuecomment-{database_id}",
        }
        issue["comments"].append(comment)
        return 201, {}, comment

    def edit_issue_comment(self, request: Request, repo: str, comment: str):
        for issue in self._repo(repo).issues.values():
            for item in issue["comments"]:
                if item["id"] == int(comment):
                    if item["user"]["login"] != self.author:
                        return 403, {}, {"message": "Resource not accessible by integration"}
                    item["body"] = request.body["body"]
                    return 200, {}, item
        return 404, {}, {"message": "Not Found"}

    # git refs, contents, pulls
    def get_ref(self, request: Request, repo: str, ref: str):
        sha = self._repo(repo).refs.get(f"refs/{ref}")
        if sha is None:
            return 404, {}, {"message": "Not Found"}
        return (
            200,
            {},
            {
                "ref": f"refs/{ref}",
                "url": f"{self.api}/repos/{repo}/git/refs/{ref}",
                "object": {"sha": sha, "type": "commit", "url": f"{self.api}/repos/{repo}/git/commits/{sha}"},
            },
        )

    def create_ref(self, request: Request, repo: str):
        state, ref, sha = self._repo(repo), request.body["ref"], request.body["sha"]
        if ref in state.refs:
            return (
                422,
                {},
                {
                    "message": "Reference already exists",
                    "documentation_url": "https://docs.github.com/rest/git/refs#create-a-reference",
                },
            )
        state.refs[ref] = sha
        branch = ref.removeprefix("refs/heads/")
        state.files[branch] = dict(state.files.get("main", {}))
        return (
            201,
            {},
            {
                "ref": ref,
                "url": f"{self.api}/repos/{repo}/git/refs/{ref.removeprefix('refs/')}",
                "object": {"sha": sha, "type": "commit"},
            },
        )

    def _content_json(self, repo: str, path: str, text: str) -> dict[str, Any]:
        sha = hashlib.sha1(text.encode()).hexdigest()
        return {
            "type": "file",
            "encoding": "base64",
            "path": path,
            "name": path.rsplit("/", 1)[-1],
            "sha": sha,
            "content": base64.b64encode(text.encode()).decode(),
            "url": f"{self.api}/repos/{repo}/contents/{path}",
        }

    def get_content(self, request: Request, repo: str, path: str):
        branch = request.query.get("ref", ["main"])[0]
        text = self._repo(repo).files.get(branch, {}).get(path)
        if text is None:
            return 404, {}, {"message": "Not Found"}
        return 200, {}, self._content_json(repo, path, text)

    def put_content(self, request: Request, repo: str, path: str):
        state, body = self._repo(repo), request.body
        branch = body.get("branch", "main")
        files = state.files.setdefault(branch, {})
        existing = files.get(path)
        if existing is not None and body.get("sha") != hashlib.sha1(existing.encode()).hexdigest():
            return (
                422,
                {},
                {
                    "message": 'Invalid request.\n\n"sha" wasn\'t supplied.',
                    "documentation_url": "https://docs.github.com/rest",
                },
            )
        files[path] = base64.b64decode(body["content"]).decode()
        commit_sha = hashlib.sha1(f"{branch}{path}{files[path]}".encode()).hexdigest()
        state.refs[f"refs/heads/{branch}"] = commit_sha
        return (
            (200 if existing is not None else 201),
            {},
            {
                "content": self._content_json(repo, path, files[path]),
                "commit": {
                    "sha": commit_sha,
                    "message": body["message"],
                    "url": f"{self.api}/repos/{repo}/git/commits/{commit_sha}",
                },
            },
        )

    def list_pulls(self, request: Request, repo: str):
        head = request.query.get("head", [None])[0]
        state = request.query.get("state", ["open"])[0]
        items = [
            p
            for p in self._repo(repo).pulls
            if p.get("head") and (head is None or p["head"] == head) and (state == "all" or p["state"] == state)
        ]
        return self._paged(request, items, f"/repos/{repo}/pulls", lambda p: self._pull_json(repo, p))

    def _pull(self, repo: str, number: str) -> dict[str, Any] | None:
        return next((p for p in self._repo(repo).pulls if p["number"] == int(number)), None)

    def get_pull(self, request: Request, repo: str, number: str):
        pull = self._pull(repo, number)
        return (200, {}, self._pull_json(repo, pull)) if pull else (404, {}, {"message": "Not Found"})

    def list_reviews(self, request: Request, repo: str, number: str):
        """Reviews as tests add them to `pull["reviews"]`: (login, state) pairs, oldest first."""
        pull = self._pull(repo, number)
        if pull is None:
            return 404, {}, {"message": "Not Found"}
        items = [
            {"id": index + 1, "user": {"login": login}, "state": state, "commit_id": "0" * 40}
            for index, (login, state) in enumerate(pull.get("reviews", []))
        ]
        return self._paged(request, items, f"/repos/{repo}/pulls/{number}/reviews", lambda item: item)

    def _pull_json(self, repo: str, pull: dict[str, Any]) -> dict[str, Any]:
        return {
            "number": pull["number"],
            "title": pull["title"],
            "body": pull["body"],
            "state": pull["state"],
            "url": f"{self.api}/repos/{repo}/pulls/{pull['number']}",
            "html_url": f"{WEB}/{repo}/pull/{pull['number']}",
            "head": {"ref": pull["head"].split(":")[1], "label": pull["head"]},
            "base": {"ref": pull["base"]},
            "user": {"login": pull["author"]},
        }

    def create_pull(self, request: Request, repo: str):
        state, body = self._repo(repo), request.body
        head = body["head"] if ":" in body["head"] else f"{repo.split('/')[0]}:{body['head']}"
        if any(p.get("head") == head and p["state"] == "open" for p in state.pulls):
            return (
                422,
                {},
                {
                    "message": "Validation Failed",
                    "errors": [
                        {
                            "resource": "PullRequest",
                            "code": "custom",
                            "message": f"A pull request already exists for {head}.",
                        }
                    ],
                },
            )
        if f"refs/heads/{head.split(':')[1]}" not in state.refs:
            return (
                422,
                {},
                {
                    "message": "Validation Failed",
                    "errors": [{"resource": "PullRequest", "field": "head", "code": "invalid"}],
                },
            )
        number = state.next_number()
        pull = {
            "number": number,
            "title": body["title"],
            "body": body.get("body", ""),
            "head": head,
            "base": body["base"],
            "state": "open",
            "author": self.author,
            "merged": False,
            "created": self.world.now(),
        }
        state.pulls.append(pull)
        return 201, {}, self._pull_json(repo, pull)


def at(text: str) -> datetime:
    """A test's moment, written with its offset."""
    return datetime.fromisoformat(text)


def later(moment: datetime, **delta: float) -> datetime:
    return moment + timedelta(**delta)


def is_mutation(name: str) -> Callable[[Request], bool]:
    """Matches the GraphQL mutation `name` (for `World.fail`)."""
    return lambda request: request.kind == "mutation" and name in request.operations


def is_query(request: Request) -> bool:
    return request.kind == "query"


# ---------------------------------------------------------------- who may approve an intake pull request (issue 22)
# Everything `devex intake-review` reads beyond the pull request and its reviews: an organization's teams and
# their members, each account's permission on a repository, and the files a pull request changes. Kept in
# this one section; `RestRoutes.answer` asks `answer_access` first. State lives beside the `World` (not in
# it), set with `add_team`, `grant` and `allow_team_reads`.

REVIEW_TOKEN = "review-token"  # DEVEX_REVIEW_TOKEN: a service account's token with Members: read
REVIEW_VIEWER = "devex-review"
_BASE_PERMISSION = {"admin": "admin", "maintain": "write", "write": "write", "triage": "read", "read": "read"}


@dataclass
class AccessState:
    teams: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # (org, slug) -> login -> state
    readers: dict[str, set[str]] = field(default_factory=dict)  # org -> viewers allowed to read its teams
    roles: dict[tuple[str, str], str] = field(default_factory=dict)  # (repository, login) -> role name


_ACCESS: weakref.WeakKeyDictionary[World, AccessState] = weakref.WeakKeyDictionary()


def access_of(world: World) -> AccessState:
    with world.lock:
        return _ACCESS.setdefault(world, AccessState())


def add_team(world: World, org: str, slug: str, *members: str, pending: tuple[str, ...] = ()) -> None:
    """A team of `org`; `pending` members were invited and have not accepted yet."""
    team = access_of(world).teams.setdefault((org.lower(), slug.lower()), {})
    team.update({login.lower(): "active" for login in members})
    team.update({login.lower(): "pending" for login in pending})


def grant(world: World, repository: str, login: str, role: str) -> None:
    """`login`'s role on `repository` (admin, maintain, write, triage or read), as a collaborator or through a team."""
    assert role in _BASE_PERMISSION, role
    access_of(world).roles[(repository, login.lower())] = role
    world.repositories[repository].collaborators.add(login)


def allow_team_reads(world: World, org: str, token: str = REVIEW_TOKEN, viewer: str = REVIEW_VIEWER) -> None:
    """A token whose account may read `org`'s teams (a fine-grained token with Members: read, or an App's)."""
    world.tokens[token] = viewer
    access_of(world).readers.setdefault(org.lower(), set()).add(viewer)


def answer_access(routes: RestRoutes, request: Request, path: str) -> tuple[int, dict[str, str], Any] | None:
    """The answer to a request this section serves, or None to let the other routes answer."""
    if request.method != "GET":
        return None
    for pattern, route in (
        (r"/orgs/(?P<org>[^/]+)/teams/(?P<slug>[^/]+)", _team),
        (r"/orgs/(?P<org>[^/]+)/teams/(?P<slug>[^/]+)/memberships/(?P<login>[^/]+)", _membership),
        (r"/repos/(?P<repo>[^/]+/[^/]+)/collaborators/(?P<login>[^/]+)/permission", _permission),
        (r"/repos/(?P<repo>[^/]+/[^/]+)/pulls/(?P<number>\d+)/files", _pull_files),
    ):
        match = re.fullmatch(pattern, path)
        if match:
            params = {k: unquote(v) for k, v in match.groupdict().items()}
            if "repo" in params and params["repo"] not in routes.world.repositories:
                return 404, _rate_headers(), {"message": "Not Found"}
            status, headers, payload = route(routes, request, **params)
            return status, {**_rate_headers(), **headers}, payload
    return None


def _refused(routes: RestRoutes, org: str) -> tuple[int, dict[str, str], Any] | None:
    """GitHub's answer when the token may not read the organization's teams; None when it may."""
    if routes.viewer in access_of(routes.world).readers.get(org.lower(), set()):
        return None
    if routes.viewer == BOT_VIEWER:  # GITHUB_TOKEN has no organization permission at all
        return 403, {}, {"message": "Resource not accessible by integration", "documentation_url": WEB}
    return 404, {}, {"message": "Not Found", "documentation_url": WEB}


def _team(routes: RestRoutes, request: Request, org: str, slug: str):
    refused = _refused(routes, org)
    if refused:
        return refused
    if (org.lower(), slug.lower()) not in access_of(routes.world).teams:
        return 404, {}, {"message": "Not Found"}
    return 200, {}, {"slug": slug, "name": slug, "url": f"{routes.api}/orgs/{org}/teams/{slug}"}


def _membership(routes: RestRoutes, request: Request, org: str, slug: str, login: str):
    refused = _refused(routes, org)
    if refused:
        return refused
    state = access_of(routes.world).teams.get((org.lower(), slug.lower()), {}).get(login.lower())
    if state is None:  # not a member, or no such team: GitHub answers 404 to both
        return 404, {}, {"message": "Not Found"}
    return (
        200,
        {},
        {"url": f"{routes.api}/orgs/{org}/teams/{slug}/memberships/{login}", "role": "member", "state": state},
    )


def _permission(routes: RestRoutes, request: Request, repo: str, login: str):
    """A public repository: anyone may read it, so an account without a role reads as `read`."""
    role = access_of(routes.world).roles.get((repo, login.lower()), "read")
    return 200, {}, {"permission": _BASE_PERMISSION[role], "role_name": role, "user": {"login": login}}


def _pull_files(routes: RestRoutes, request: Request, repo: str, number: str):
    """The files the pull request's branch adds or changes, compared with main."""
    state = routes.world.repositories[repo]
    pull = next((p for p in state.pulls if p["number"] == int(number)), None)
    if pull is None:
        return 404, {}, {"message": "Not Found"}
    main, branch = state.files.get("main", {}), state.files.get(pull["head"].split(":")[1], {})
    changed = [
        {"filename": name, "status": "added" if name not in main else "modified", "sha": "0" * 40}
        for name, text in sorted(branch.items())
        if main.get(name) != text
    ]
    changed += [{"filename": name, "status": "removed", "sha": "0" * 40} for name in sorted(set(main) - set(branch))]
    return routes._paged(request, changed, f"/repos/{repo}/pulls/{number}/files", lambda item: item)

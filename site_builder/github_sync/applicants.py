"""`devex applicants`: who applied, on time or not, edited or not, and what GitHub says of each.

The bids come from bids.yaml once the opportunity has closed, or from the live discussion before. For each
applicant the REST API gives the account's age at closing, public repositories and followers, and their
earlier work in the repository the opportunity is about: commits authored before closing, and pull
requests merged there (found by search, which is fine for the past; it only lags for what is new). The last
column says where each application's text is: its comment, or for a sealed one the plaintext opened at closing
(or why it could not be opened); before closing a sealed one is only `sealed until closing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

from github import UnknownObjectException

from site_builder.archive.sealed import is_sealed
from site_builder.clock import closing_time
from site_builder.github_sync import discussions
from site_builder.github_sync.client import Client
from site_builder.github_sync.snapshot import bids_snapshot
from site_builder.model import Opportunity


@dataclass(frozen=True)
class Applicant:
    login: str
    comments: int
    first: str
    on_time: bool
    edited: bool
    edited_after_closing: bool
    text: str = "—"  # what the buyer evaluates: `text_of`


@dataclass(frozen=True)
class Profile:
    """What GitHub says of an account; None where it could not say (account gone, repository elsewhere)."""

    created: str | None
    age_days: int | None
    public_repos: int | None
    followers: int | None
    commits: int | None
    merged_pulls: int | None


def applicants_from_bids(bids: list[dict[str, Any]]) -> list[Applicant]:
    """One row per author, in the order they first commented."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for bid in sorted(bids, key=lambda b: b["created"]):
        rows.setdefault(bid["author"], []).append(bid)
    return [
        Applicant(
            login,
            len(items),
            items[0]["created"],
            any(not b["late"] for b in items),
            any(b["updated"] != b["created"] for b in items),
            any(b["edited_after_closing"] for b in items),
            ", ".join(text_of(b) for b in items if b.get("kind", "application") == "application") or "—",
        )
        for login, items in rows.items()
    ]


def text_of(bid: dict[str, Any]) -> str:
    """Where the buyer reads an application: `public` (its comment, `file`), the plaintext of a sealed one opened at
    closing (`sealed: bids/NNNN.plaintext.md`), `sealed, unreadable (<problem>)` (it meets no criterion), or, before
    the archive, `sealed until closing`."""
    if "sealed" in bid:
        block = bid["sealed"]
        return f"sealed: {block['file']}" if "file" in block else f"sealed, unreadable ({block['problem']})"
    if "file" not in bid and is_sealed(bid.get("body", "")):
        return "sealed until closing"
    return f"public: {bid['file']}" if "file" in bid else "public"


def current_bids(client: Client, opp: Opportunity, now: datetime) -> list[dict[str, Any]]:
    """bids.yaml's bids, or (while the opportunity is open) the discussion's comments judged the same way."""
    if opp.bids is not None:
        return opp.bids["bids"]
    url = opp.data.get("discussion")
    if not url:
        return []
    repository = discussions.read_repository(client)
    discussion = repository.by_url(url)
    if discussion is None:
        return []
    comments = discussions.read_comments(client, discussion.id)
    return bids_snapshot(opp.data, url, comments, repository.viewer, now)["bids"]


def work_repository(url: str, client: Client) -> str | None:
    """owner/name of the opportunity's repository when it is on this GitHub, else None."""
    parsed = urlparse(url)
    api_host = urlparse(client.config.api_url).hostname or ""
    hosts = {"github.com", api_host, api_host.removeprefix("api.")}
    parts = [part for part in parsed.path.split("/") if part]
    if parsed.hostname not in hosts or len(parts) < 2:
        return None
    return f"{parts[0]}/{parts[1].removesuffix('.git')}"


def profile(client: Client, login: str, repository: str | None, closing: datetime) -> Profile:
    def fetch_user() -> Any:
        try:
            return client.rest.get_user(login)
        except UnknownObjectException:  # a deleted account is a fact to show, not a failure
            return None

    user = client.read(f"reading the account {login}", fetch_user)
    if user is None:
        return Profile(None, None, None, None, None, None)
    created = user.created_at.astimezone(UTC)
    commits = merged = None
    if repository:
        closing_utc = closing.astimezone(UTC)
        commits = client.read(
            f"counting {login}'s commits in {repository}",
            lambda: client.rest.get_repo(repository).get_commits(author=login, until=closing_utc).totalCount,
        )
        query = f"repo:{repository} is:pr is:merged author:{login} created:<{closing_utc:%Y-%m-%dT%H:%M:%SZ}"
        merged = client.read(
            f"counting {login}'s merged pull requests", lambda: client.rest.search_issues(query).totalCount
        )
    return Profile(
        created.date().isoformat(),
        (closing - created).days,
        user.public_repos,
        user.followers,
        commits,
        merged,
    )


def table(opp: Opportunity, rows: list[tuple[Applicant, Profile]]) -> str:
    """A Markdown table the buyer can paste into the award's pull request."""
    head = [
        "Applicant",
        "Comments",
        "Applied",
        "On time",
        "Edited",
        "Account created",
        "Age at closing (days)",
        "Public repos",
        "Followers",
        "Commits to the repo",
        "Merged PRs to the repo",
        "Application text",
    ]
    lines = [f"Applicants for {opp.id} (closing {opp.data['closing']}):", ""]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for applicant, facts in rows:
        edited = "after closing" if applicant.edited_after_closing else ("yes" if applicant.edited else "no")
        cells = [
            f"@{applicant.login}",
            str(applicant.comments),
            applicant.first,
            "yes" if applicant.on_time else "LATE",
            edited,
            _show(facts.created, "account not found"),
            _show(facts.age_days),
            _show(facts.public_repos),
            _show(facts.followers),
            _show(facts.commits, "n/a"),
            _show(facts.merged_pulls, "n/a"),
            applicant.text,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if not rows:
        lines.append("| nobody has applied yet |" + " |" * (len(head) - 1))
    return "\n".join(lines) + "\n"


def _show(value: object, missing: str = "?") -> str:
    return missing if value is None else str(value)


def report(client: Client, opp: Opportunity, now: datetime) -> str:
    bids = current_bids(client, opp, now)
    repository = work_repository(opp.data["repository"], client)
    closing = closing_time(opp.data)
    rows = [(a, profile(client, a.login, repository, closing)) for a in applicants_from_bids(bids)]
    return table(opp, rows)

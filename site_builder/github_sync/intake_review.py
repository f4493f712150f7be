"""`devex intake-review --event PATH`: a pull request opened from an issue needs a reviewer other than the
person who filed the issue.

The bot is the author and the pusher of an intake pull request, so GitHub's own rules ("the last pusher
cannot approve", "code owner review") let the buyer who asked for the opportunity approve it alone. This
check, required on main by the ruleset (docs/dev/repository-settings.md), passes only when someone else
(not the issue's author, not the automation) has approved, and that approval still stands.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import GitHubError
from site_builder.github_sync.client import Client
from site_builder.github_sync.markers import same_actor

BRANCH = re.compile(r"^intake/issue-(?P<number>[1-9][0-9]*)$")
AUTOMATION = "github-actions"
_STANDING = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")  # COMMENTED leaves an earlier verdict as it was


@dataclass(frozen=True)
class PullEvent:
    repository: str
    number: int
    branch: str


def read_event(path: Path) -> PullEvent | None:
    """The pull request of a `pull_request` or `pull_request_review` event, or None."""
    try:
        event = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise GitHubError(f"cannot read the event file {path}: {error}") from None
    pull = event.get("pull_request") if isinstance(event, dict) else None
    if not isinstance(pull, dict):
        return None
    repository = str((event.get("repository") or {}).get("full_name") or "")
    return PullEvent(repository, int(pull["number"]), str((pull.get("head") or {}).get("ref") or ""))


def approvers(reviews: Iterable[tuple[str, str]]) -> set[str]:
    """Logins whose latest standing review (oldest to newest) is an approval."""
    latest: dict[str, str] = {}
    for login, state in reviews:
        if state in _STANDING:
            latest[login.lower()] = state
    return {login for login, state in latest.items() if state == "APPROVED"}


def verdict(issue_author: str, reviews: Iterable[tuple[str, str]]) -> tuple[bool, str]:
    """Whether someone other than the issue's author and the automation approved, and why (for the log)."""
    others = sorted(
        login for login in approvers(reviews) if login != issue_author.lower() and not same_actor(login, AUTOMATION)
    )
    if others:
        return True, f"approved by {', '.join('@' + login for login in others)}, not the issue's author"
    return False, (
        f"needs an approving review from someone other than @{issue_author}, who filed the issue: "
        "the person who asks for an opportunity cannot also be the one who approves it"
    )


def run_review(event_path: Path, client_for: Callable[[str], Client], log: Callable[[str], None]) -> int:
    event = read_event(event_path)
    branch = BRANCH.match(event.branch) if event else None
    if event is None or branch is None:
        log("devex intake-review: not a pull request opened from an issue: nothing to check")
        return 0
    client = client_for(event.repository)
    try:
        repo = client.read("reading the repository", lambda: client.rest.get_repo(event.repository))
        issue = client.read("reading the issue", lambda: repo.get_issue(int(branch["number"])))
        pull = client.read("reading the pull request", lambda: repo.get_pull(event.number))
        reviews = client.read(
            "reading the reviews", lambda: [(r.user.login if r.user else "", r.state) for r in pull.get_reviews()]
        )
    finally:
        client.close()
    passed, reason = verdict(issue.user.login, reviews)
    log(f"devex intake-review: pull request #{event.number}: {reason}")
    return 0 if passed else 1

"""`devex intake-review --event PATH`: a pull request opened from an issue needs the approval of one of the
department's code owners, other than the person who filed the issue.

The bot is the author and the pusher of an intake pull request, so GitHub's own rules ("the last pusher
cannot approve", "code owner review") let the buyer who asked for the opportunity approve it alone. This
check, required on main by the ruleset (docs/dev/repository-settings.md), passes only when, for each
department folder `opportunities/<code>/` the pull request changes, someone who may write there has
approved, and that approval still stands (their latest review, not dismissed). "May write there" is what
`.github/CODEOWNERS` says, read from the same settings (`departments.<code>.codeowners`, the maintainers when
none are listed) and checked on GitHub: an active member of one of those teams (or the user named), with
write, maintain or admin permission on the repository. Never the issue's author, never the account that
opened the pull request, never the automation or another app, never an outside account.

The settings are read from the checkout, which the workflow takes from the base branch: a pull request
cannot name its own reviewers. When GitHub will not say whether someone belongs to a team (the token cannot
read the organization's teams, or the team does not exist), the check fails and says what to configure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from github import GithubException

from site_builder.codeowners import department_owners
from site_builder.errors import GitHubError
from site_builder.github_sync.client import Client
from site_builder.github_sync.markers import same_actor
from site_builder.github_sync.retry import classify
from site_builder.model import DATA_DIR, Settings
from site_builder.reading import read_settings

BRANCH = re.compile(r"^intake/issue-(?P<number>[1-9][0-9]*)$")
AUTOMATION = "github-actions"
TOKEN_SECRET = "DEVEX_REVIEW_TOKEN"
TOKEN_HELP = (
    f"give the `intake-review` job a token that can read the organization's teams: the secret {TOKEN_SECRET} "
    "of the `intake-review` environment, with Members: read (docs/dev/repository-settings.md, "
    '"The intake-review check and its token")'
)
_STANDING = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")  # COMMENTED leaves an earlier verdict as it was
_MAY_WRITE = ("admin", "write")  # GitHub's base permission; the maintain role and custom roles map onto these
_MAY_WRITE_ROLES = ("admin", "maintain", "write")


class CannotTell(GitHubError):
    """GitHub would not say whether someone may approve: the check fails rather than guess."""


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
    """Logins (lower case) whose latest standing review (oldest to newest) is an approval; a review whose
    author's account was deleted (no login) counts for nobody."""
    latest: dict[str, str] = {}
    for login, state in reviews:
        if login and state in _STANDING:
            latest[login.lower()] = state
    return {login for login, state in latest.items() if state == "APPROVED"}


def excluded(login: str, issue_author: str, pull_author: str) -> str | None:
    """Why an approval by `login` never counts, or None when it may."""
    if login == issue_author.lower():
        return "filed the issue"
    if same_actor(login, AUTOMATION) or login.endswith("[bot]"):
        return "is an automation"
    if login == pull_author.lower():
        return "opened the pull request"
    return None


def departments_changed(paths: Iterable[str], settings: Settings) -> list[str]:
    """The codes of the department folders `opportunities/<code>/` that hold any of `paths`."""
    codes = set()
    for path in paths:
        parts = PurePosixPath(path).parts
        if len(parts) > 2 and parts[0] == DATA_DIR and parts[1] in settings.departments:
            codes.add(parts[1])
    return sorted(codes)


class Access:
    """What GitHub says about who may write: team memberships and repository permissions, each read once."""

    def __init__(self, client: Client, repository: str) -> None:
        self.client, self.repository = client, repository
        self._roles: dict[str, bool] = {}
        self._teams: set[tuple[str, str]] = set()
        self._members: dict[tuple[str, str, str], bool] = {}

    def may_write(self, login: str) -> bool:
        """Write, maintain or admin on the repository (GitHub ignores code owners who cannot write)."""
        if login not in self._roles:
            path = f"/repos/{self.repository}/collaborators/{quote(login, safe='')}/permission"
            status, data = self._get(f"reading the permission of @{login}", path)
            if status != 200:
                raise CannotTell(
                    f"GitHub would not say what permission @{login} has on {self.repository} "
                    f"({status} {data.get('message', '')}): the token needs Metadata: read on this repository"
                )
            self._roles[login] = data.get("permission") in _MAY_WRITE or data.get("role_name") in _MAY_WRITE_ROLES
        return self._roles[login]

    def in_team(self, org: str, slug: str, login: str) -> bool:
        """An active member of the team @org/slug (an invitation not yet accepted does not count)."""
        team = f"@{org}/{slug}"
        if (org, slug) not in self._teams:
            status, data = self._get(f"reading the team {team}", f"/orgs/{quote(org)}/teams/{quote(slug)}")
            if status != 200:
                raise CannotTell(
                    f"GitHub would not show the team {team} ({status} {data.get('message', '')}), so nobody can "
                    f"be checked against it: {TOKEN_HELP}; and check that the team exists, spelled as in "
                    "opportunities/marketplace.yaml"
                )
            self._teams.add((org, slug))
        key = (org, slug, login)
        if key not in self._members:
            path = f"/orgs/{quote(org)}/teams/{quote(slug)}/memberships/{quote(login, safe='')}"
            status, data = self._get(f"reading whether @{login} belongs to {team}", path)
            if status == 403:
                raise CannotTell(f"GitHub would not say whether @{login} belongs to {team} (403): {TOKEN_HELP}")
            self._members[key] = status == 200 and data.get("state") == "active"  # 404: not a member
        return self._members[key]

    def may_approve(self, login: str, owners: list[str]) -> str | None:
        """The code-owner entry through which `login` may approve, or None."""
        if not self.may_write(login):
            return None
        named = [owner for owner in owners if owner.removeprefix("@").lower() == login]  # a user, not a team
        if named:
            return named[0]
        for owner in owners:
            org, slash, slug = owner.removeprefix("@").partition("/")
            if slash and self.in_team(org, slug, login):
                return owner
        return None

    def _get(self, what: str, path: str) -> tuple[int, dict[str, Any]]:
        """(200, data), or (403 or 404, GitHub's message) when GitHub refuses; anything else is retried or raised."""

        def fetch() -> tuple[int, dict[str, Any]]:
            try:
                return 200, self.client.rest.requester.requestJsonAndCheck("GET", path)[1]
            except GithubException as error:
                if error.status in (403, 404) and classify(error) is None:
                    data = error.data if isinstance(error.data, dict) else {}
                    return error.status, {"message": str(data.get("message") or "")}
                raise

        return self.client.read(what, fetch)


def verdict(
    issue_author: str,
    pull_author: str,
    reviews: Iterable[tuple[str, str]],
    owners: dict[str, list[str]],
    access: Access,
) -> tuple[bool, str]:
    """Whether each changed department folder has a standing approval by one of its code owners who is
    neither the issue's author nor the automation, and why (for the log)."""
    if not owners:
        return False, (
            f"changes no department folder ({DATA_DIR}/<code>/), so no department's code owners can approve it; "
            "an intake pull request adds one opportunity"
        )
    candidates = sorted(approvers(reviews))
    refused = {login: why for login in candidates if (why := excluded(login, issue_author, pull_author))}
    passed, lines = True, []
    for code, entries in owners.items():
        folder, who = f"{DATA_DIR}/{code}/", " or ".join(entries)
        found = [
            (login, via) for login in candidates if login not in refused and (via := access.may_approve(login, entries))
        ]
        if found:
            lines.append(f"{folder} approved by " + ", ".join(f"@{login} ({via})" for login, via in found))
            continue
        passed = False
        others = [
            f"@{login} ({refused.get(login, f'not a code owner of {folder} with write access')})"
            for login in candidates
        ]
        lines.append(
            f"{folder} needs an approving review from its code owners ({who}), from someone other than "
            f"@{issue_author}, who filed the issue: the person who asks for an opportunity cannot also be the "
            "one who approves it" + (f"; not counted: {', '.join(others)}" if others else "")
        )
    return passed, "; ".join(lines)


def run_review(root: Path, event_path: Path, client_for: Callable[[str], Client], log: Callable[[str], None]) -> int:
    event = read_event(event_path)
    branch = BRANCH.match(event.branch) if event else None
    if event is None or branch is None:
        log("devex intake-review: not a pull request opened from an issue: nothing to check")
        return 0
    settings = read_settings(root)
    client = client_for(event.repository)
    try:
        repo = client.read("reading the repository", lambda: client.rest.get_repo(event.repository))
        issue = client.read("reading the issue", lambda: repo.get_issue(int(branch["number"])))
        pull = client.read("reading the pull request", lambda: repo.get_pull(event.number))
        reviews = client.read(
            "reading the reviews", lambda: [(r.user.login if r.user else "", r.state) for r in pull.get_reviews()]
        )
        paths = client.read(
            "reading the files of the pull request",
            lambda: [name for f in pull.get_files() for name in (f.filename, f.previous_filename) if name],
        )
        every_owner = department_owners(settings)
        owners = {code: every_owner[code] for code in departments_changed(paths, settings)}
        pull_author = pull.user.login if pull.user else ""
        try:
            passed, reason = verdict(issue.user.login, pull_author, reviews, owners, Access(client, event.repository))
        except GitHubError as error:  # CannotTell, or GitHub failing past its retries: never guess
            again = "" if isinstance(error, CannotTell) else " Re-run the `intake-review` job once GitHub answers."
            passed, reason = False, f"cannot tell who may approve, so the check fails: {error}{again}"
    finally:
        client.close()
    log(f"devex intake-review: pull request #{event.number}: {reason}")
    return 0 if passed else 1

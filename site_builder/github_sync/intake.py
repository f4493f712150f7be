"""`devex intake --event PATH`: an issue made with the "New opportunity" form becomes a pull request.

The issue's text is untrusted: it is read from the event file, parsed and validated (`intake_check`),
written only through `site_builder.dump`, and never reaches a shell. If the answers make a valid
opportunity, it is committed through the API on the branch `intake/issue-<n>` and a pull request that
closes the issue is opened (or updated when the issue is edited); if not, one comment on the issue,
updated on each edit, lists what to fix with the form's labels. Every step finds what an earlier run left
(branch, file, pull request, the marked comment) before creating anything, so reruns never duplicate.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from github import GithubException, UnknownObjectException

from site_builder.errors import RefusedWrite
from site_builder.github_sync.client import Client
from site_builder.github_sync.intake_check import Issue, Outcome, check, read_event
from site_builder.github_sync.markers import marker, opens_with, same_actor
from site_builder.scaffold import next_id, opportunity_id

_WHOLE_FORM = "Opportunity / Occasion"
_ID_IN_TITLE = re.compile(r"^([a-z][a-z0-9]{1,15}-[0-9]{4}-[0-9]{3,}): ")


class Intake:
    """The GitHub side of intake for one issue, each step idempotent."""

    def __init__(self, client: Client, issue: Issue) -> None:
        self.client, self.issue = client, issue
        self.repo = client.read("reading the repository", lambda: client.rest.get_repo(issue.repository))
        self.branch = f"intake/issue-{issue.number}"
        self.head = f"{self.repo.owner.login}:{self.branch}"

    def open_pulls(self) -> list[Any]:
        return self.client.read("listing pull requests", lambda: list(self.repo.get_pulls(state="open")))

    def finished_pull(self) -> Any | None:
        """This issue's pull request if it was already merged or closed: one issue makes one opportunity, ever."""
        pulls = self.client.read(
            "looking for this issue's earlier pull request",
            lambda: list(self.repo.get_pulls(state="closed", head=self.head)),
        )
        return pulls[0] if pulls else None

    def existing_pull(self) -> Any | None:
        pulls = self.client.read(
            "looking for this issue's pull request",
            lambda: list(self.repo.get_pulls(state="open", head=self.head)),
        )
        return pulls[0] if pulls else None

    def ident_for(self, root: Path) -> Callable[[str, int], str]:
        """The id for this issue: the one its open pull request already uses, else the next one free both
        in the checkout and among other open intake pull requests."""
        mine = self.existing_pull()
        if mine and (match := _ID_IN_TITLE.match(mine.title)):
            return lambda department, year: match.group(1)
        taken = {m.group(1) for pull in self.open_pulls() if (m := _ID_IN_TITLE.match(pull.title))}

        def choose(department: str, year: int) -> str:
            ident = next_id(root, department, year)
            number = int(ident.rsplit("-", 1)[1])
            while ident in taken:
                number += 1
                ident = opportunity_id(department, year, number)
            return ident

        return choose

    def ensure_branch(self) -> None:
        base = self.client.read(
            "reading the default branch", lambda: self.repo.get_git_ref(f"heads/{self.repo.default_branch}")
        )

        def done() -> Any:
            try:
                return self.repo.get_git_ref(f"heads/{self.branch}")
            except UnknownObjectException:
                return None

        if self.client.read(f"looking for the branch {self.branch}", done) is not None:
            return

        def create() -> Any:
            try:
                return self.repo.create_git_ref(ref=f"refs/heads/{self.branch}", sha=base.object.sha)
            except GithubException as error:
                if error.status == 422 and "already exists" in str(error.data):
                    return None
                raise

        self.client.write(f"creating the branch {self.branch}", create, done)

    def ensure_file(self, path: str, text: str, ident: str) -> None:
        def current() -> Any:
            try:
                return self.repo.get_contents(path, ref=self.branch)
            except UnknownObjectException:
                return None

        def done() -> Any:
            found = current()
            return found if found is not None and found.decoded_content.decode("utf-8") == text else None

        existing = self.client.read(f"reading {path} on {self.branch}", current)
        message = f"Add {ident} from issue #{self.issue.number}"
        if existing is not None and existing.decoded_content.decode("utf-8") == text:
            return

        def send() -> Any:
            if existing is None:
                return self.repo.create_file(path, message, text, branch=self.branch)
            return self.repo.update_file(path, message, text, existing.sha, branch=self.branch)

        self.client.write(f"committing {path} on {self.branch}", send, done)

    def ensure_pull(self, ident: str, title_en: str) -> Any:
        found = self.existing_pull()
        if found is not None:
            return found
        number = self.issue.number
        body = (
            f"Opened from #{number} (by @{self.issue.author}) with the New opportunity form. "
            f"Review it like any other opportunity; merging it posts it.\n\nCloses #{number}\n\n"
            f"{marker('intake', f'issue-{number}')}\n"
        )
        return self.client.write(
            f"opening the pull request for issue #{number}",
            lambda: self.repo.create_pull(
                base=self.repo.default_branch, head=self.branch, title=f"{ident}: {title_en}", body=body
            ),
            self.existing_pull,
        )

    def say(self, body: str) -> None:
        """Post the one marked comment of this issue, or update it."""
        issue = self.client.read("reading the issue", lambda: self.repo.get_issue(self.issue.number))
        tag = marker("intake", f"issue-{self.issue.number}")
        viewer = self._viewer()

        def mine() -> Any:
            for comment in issue.get_comments():
                if opens_with(comment.body, tag) and same_actor(comment.user.login, viewer):
                    return comment
            return None

        existing = self.client.read("reading the issue's comments", mine)
        text = f"{tag}\n{body}"
        if existing is None:
            self.client.write("commenting on the issue", lambda: issue.create_comment(text), mine)
        elif existing.body != text:
            self.client.read("updating the comment on the issue", lambda: existing.edit(text))

    def _viewer(self) -> str:
        data = self.client.query("reading who runs the automation", "query DevexViewer { viewer { login } }", {})
        return data["viewer"]["login"]


def problems_comment(problems: list[tuple[str, str]]) -> str:
    lines = [
        "**This issue cannot become an opportunity yet / Cette demande ne peut pas encore devenir une occasion**",
        "",
        "Edit the issue to fix these answers; they are checked again on every edit. / Modifiez la demande pour "
        "corriger ces réponses; elles sont vérifiées de nouveau à chaque modification.",
        "",
    ]
    lines += [f"- **{label}**: {message}" for label, message in problems]
    return "\n".join(lines) + "\n"


def finished_comment(pull: Any) -> str:
    return (
        f"This issue already made pull request #{pull.number} ({pull.html_url}), now closed: one issue makes one "
        "opportunity, so edits here change nothing. Change the opportunity with a pull request, or open a new "
        "issue for a new opportunity.\n\n"
        f"Cette demande a déjà produit la demande de tirage no {pull.number}, maintenant fermée : une demande "
        "produit une seule occasion. Modifiez l'occasion par une demande de tirage, ou ouvrez une nouvelle "
        "demande pour une nouvelle occasion.\n"
    )


def opened_comment(pull: Any, path: str) -> str:
    return (
        f"Pull request #{pull.number} holds `{path}`: {pull.html_url}\n\n"
        f"La demande de tirage no {pull.number} contient `{path}` : {pull.html_url}\n"
    )


def run_intake(root: Path, event_path: Path, client_for: Callable[[str], Client], log: Callable[[str], None]) -> int:
    issue, reason = read_event(event_path)
    if issue is None:
        log(f"devex intake: {reason}: nothing to do")
        return 0
    client = client_for(issue.repository)
    try:
        intake = Intake(client, issue)
        finished = intake.finished_pull() if intake.existing_pull() is None else None
        if finished is not None:
            intake.say(finished_comment(finished))
            log(f"devex intake: issue #{issue.number} already made pull request #{finished.number}: nothing more")
            return 0
        try:
            outcome = check(root, issue, intake.ident_for(root))
        except RefusedWrite:  # the answers are checked first; this is the net under that check
            outcome = Outcome(None, None, [(_WHOLE_FORM, "an answer holds text a marketplace file cannot store")])
        if outcome.problems:
            intake.say(problems_comment(outcome.problems))
            log(f"devex intake: issue #{issue.number} has {len(outcome.problems)} problem(s); said so on the issue")
            return 0
        assert outcome.path and outcome.text
        ident = outcome.path.split("/")[2]
        intake.ensure_branch()
        intake.ensure_file(outcome.path, outcome.text, ident)
        pull = intake.ensure_pull(ident, outcome.title)
        intake.say(opened_comment(pull, outcome.path))
        log(f"devex intake: issue #{issue.number} -> pull request #{pull.number} with {outcome.path}")
        return 0
    finally:
        client.close()

"""The sync plan: a pure diff of the repository's opportunities against what GitHub shows.

`comments_wanted` says which discussions' comments the plan must see (only those with work possibly left);
`compute_plan` turns files + GitHub state + the clock into steps. Nothing here talks to GitHub or
writes a file, so `--dry-run` is this plan printed and a test can feed it any state it likes.

Per opportunity, in order (the order keeps every intermediate state valid, so a killed run resumes):
  open, no discussion                   -> post the discussion, record its URL
  open, past closing                    -> lock, status closed, bids.yaml, closing comment
  closed                                -> whichever of lock, bids.yaml, closing comment is missing; then
                                           evaluation.yaml on main -> commitment (selection.yaml), announced once;
                                           its round's time passed -> fetch, verify, record the draw, draft award
  awarded | completed                   -> announce the award once, close the discussion (resolved)
  cancelled | unsuccessful              -> say so once, close the discussion (outdated)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from site_builder.github_sync.discussions import Comment, Discussion, Repository
from site_builder.github_sync.markers import trusted
from site_builder.github_sync.messages import discussion_title
from site_builder.lifecycle import is_past_closing
from site_builder.model import Marketplace, Opportunity
from site_builder.selection.beacon import beacon_settings, round_time

ENDINGS = {"awarded": "award", "completed": "award", "cancelled": "cancelled", "unsuccessful": "unsuccessful"}
CLOSE_REASONS = {"award": "RESOLVED", "cancelled": "OUTDATED", "unsuccessful": "OUTDATED"}


@dataclass(frozen=True)
class Step:
    """One thing to do for one opportunity; `describe` is its line in the printed plan."""

    ident: str
    folder: str

    def describe(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class PostDiscussion(Step):
    title: str
    category: str

    def describe(self) -> str:
        return f'create the discussion "{self.title}" in category {self.category}, then record its URL'


@dataclass(frozen=True)
class RecordDiscussion(Step):
    url: str

    def describe(self) -> str:
        return f"record the discussion {self.url} (posted by an earlier run) in opportunity.yaml"


@dataclass(frozen=True)
class Lock(Step):
    discussion: Discussion

    def describe(self) -> str:
        return f"lock discussion #{self.discussion.number} so the bids stop changing"


@dataclass(frozen=True)
class SetClosed(Step):
    def describe(self) -> str:
        return "set status: closed in opportunity.yaml"


@dataclass(frozen=True)
class Snapshot(Step):
    discussion: Discussion
    seen: int | None

    def describe(self) -> str:
        count = f" ({self.seen} comment(s) so far)" if self.seen is not None else ""
        return f"write bids.yaml from discussion #{self.discussion.number}{count}"


@dataclass(frozen=True)
class PostComment(Step):
    discussion: Discussion
    kind: str

    def describe(self) -> str:
        return f"post the {self.kind} comment on discussion #{self.discussion.number}"


@dataclass(frozen=True)
class CommitSelection(Step):
    def describe(self) -> str:
        return "record the commitment to evaluation.yaml in selection.yaml, naming a future beacon round"


@dataclass(frozen=True)
class DrawRound(Step):
    round: int

    def describe(self) -> str:
        return f"fetch beacon round {self.round}, verify it and record the draw in selection.yaml"


@dataclass(frozen=True)
class DraftAward(Step):
    def describe(self) -> str:
        return "write the draft award.yaml for the first in the drawn order (status awarded)"


@dataclass(frozen=True)
class CloseDiscussion(Step):
    discussion: Discussion
    reason: str

    def describe(self) -> str:
        return f"close discussion #{self.discussion.number} as {self.reason.lower()}"


@dataclass(frozen=True)
class Notice(Step):
    """Something only a person can fix; printed, never applied, and it makes the run end with exit 1."""

    message: str

    def describe(self) -> str:
        return f"ATTENTION: {self.message}"


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]

    @property
    def actions(self) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if not isinstance(step, Notice))

    @property
    def notices(self) -> tuple[Notice, ...]:
        return tuple(step for step in self.steps if isinstance(step, Notice))

    def format(self, repository: str, now: datetime) -> str:
        lines = [f"Plan for {repository} at {now.isoformat(timespec='seconds')}:"]
        lines += [f"  {step.ident}: {step.describe()}" for step in self.steps]
        if not self.steps:
            lines.append("  nothing to do: GitHub matches the repository")
        return "\n".join(lines) + "\n"


def discussion_of(opp: Opportunity, repository: Repository) -> Discussion | None:
    recorded = opp.data.get("discussion")
    return repository.by_url(recorded) if recorded else repository.posted(opp.id)


def _needs_comments(opp: Opportunity, discussion: Discussion, now: datetime) -> bool:
    if opp.status == "open":
        return is_past_closing(opp.data, now)
    if opp.status == "closed":
        return True
    return opp.status in ENDINGS and not discussion.closed


def comments_wanted(marketplace: Marketplace, repository: Repository, now: datetime) -> set[str]:
    """Ids of the discussions whose comments the plan needs: those where work may be left."""
    wanted = set()
    for opp in marketplace.opportunities:
        discussion = discussion_of(opp, repository)
        if discussion and _needs_comments(opp, discussion, now):
            wanted.add(discussion.id)
    return wanted


def compute_plan(
    marketplace: Marketplace, repository: Repository, comments: Mapping[str, tuple[Comment, ...]], now: datetime
) -> Plan:
    steps: list[Step] = []
    for opp in marketplace.opportunities:
        steps += _plan_one(opp, marketplace, repository, comments, now)
    return Plan(tuple(steps))


def _plan_one(
    opp: Opportunity,
    marketplace: Marketplace,
    repository: Repository,
    comments: Mapping[str, tuple[Comment, ...]],
    now: datetime,
) -> list[Step]:
    ident, folder = opp.id, opp.folder
    recorded = opp.data.get("discussion")
    discussion = discussion_of(opp, repository)
    if recorded and discussion is None:
        return [Notice(ident, folder, f"its discussion {recorded} is not in {repository_name(marketplace)}")]
    steps: list[Step] = [RecordDiscussion(ident, folder, discussion.url)] if discussion and not recorded else []
    if discussion is None:
        return _plan_posting(opp, marketplace, repository, now)
    said = {
        kind
        for kind in ("closing", "selection", *CLOSE_REASONS)
        if _said(comments.get(discussion.id, ()), repository, discussion, kind, ident)
    }
    if opp.status == "open" and is_past_closing(opp.data, now):
        steps += [Lock(ident, folder, discussion)] if not discussion.locked else []
        seen = len(comments[discussion.id]) if discussion.id in comments else None
        steps += [SetClosed(ident, folder), Snapshot(ident, folder, discussion, seen)]
        steps += [] if "closing" in said else [PostComment(ident, folder, discussion, "closing")]
    elif opp.status == "closed":
        steps += [Lock(ident, folder, discussion)] if not discussion.locked else []
        steps += [Snapshot(ident, folder, discussion, None)] if opp.bids is None else []
        steps += [] if "closing" in said else [PostComment(ident, folder, discussion, "closing")]
        steps += _plan_selection(opp, marketplace, discussion, "selection" in said, now)
    elif opp.status in ENDINGS and not discussion.closed:
        kind = ENDINGS[opp.status]
        steps += [] if kind in said else [PostComment(ident, folder, discussion, kind)]
        steps.append(CloseDiscussion(ident, folder, discussion, CLOSE_REASONS[kind]))
    return steps


def _plan_selection(
    opp: Opportunity, marketplace: Marketplace, discussion: Discussion, announced: bool, now: datetime
) -> list[Step]:
    """After closing: commit to an evaluation on main, announce it once, and once its round's time has come,
    draw and draft the award. The round is only fetched when the rules say it exists."""
    ident, folder = opp.id, opp.folder
    if opp.bids is None or opp.evaluation_document is None:
        return []
    record = opp.selection_document.data if opp.selection_document else None
    steps: list[Step] = [] if record else [CommitSelection(ident, folder)]
    steps += [] if announced else [PostComment(ident, folder, discussion, "selection")]
    if record and "signature" not in record:
        if round_time(record["round"], beacon_settings(marketplace.settings)) <= now:
            steps += [DrawRound(ident, folder, record["round"]), DraftAward(ident, folder)]
    elif record and opp.award_document is None:
        steps.append(DraftAward(ident, folder))
    return steps


def _plan_posting(opp: Opportunity, marketplace: Marketplace, repository: Repository, now: datetime) -> list[Step]:
    if opp.status != "open":
        return []
    if is_past_closing(opp.data, now):
        return [
            Notice(opp.id, opp.folder, "its closing time passed before it was ever posted: set its status to cancelled")
        ]
    category = marketplace.settings.data["discussion_category"]
    if category not in repository.categories:
        known = ", ".join(sorted(repository.categories)) or "none"
        return [
            Notice(
                opp.id,
                opp.folder,
                f"the Discussions category {category!r} (discussion_category in marketplace.yaml) does not exist "
                f"on GitHub (categories: {known}): create it or correct the setting",
            )
        ]
    return [PostDiscussion(opp.id, opp.folder, discussion_title(opp), category)]


def _said(comments: tuple[Comment, ...], repository: Repository, discussion: Discussion, kind: str, ident: str) -> bool:
    key = repository.marker_key
    return any(trusted(c.body, c.author, repository.viewer, kind, ident, key, discussion.id) for c in comments)


def repository_name(marketplace: Marketplace) -> str:
    return marketplace.settings.repository or "the repository"

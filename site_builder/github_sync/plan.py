"""The sync plan: a pure diff of the repository's opportunities against what GitHub shows.

`comments_wanted` says which discussions' comments the plan must see (only those with work possibly left);
`compute_plan` turns files + GitHub state + the clock into steps. Nothing here talks to GitHub or
writes a file, so `--dry-run` is this plan printed and a test can feed it any state it likes.

Per opportunity, in order (the order keeps every intermediate state valid, so a killed run resumes):
  open, no discussion                   -> post the discussion, record its URL
  open, before closing                  -> a receipt for each application not yet receipted, a word on how to
                                           apply for each near miss (github_sync.receipts)
  open, past closing                    -> lock, status closed, receipts still owed, bids.yaml, closing comment
  closed                                -> whichever of lock, receipts, bids.yaml, closing comment is missing; then
                                           evaluation.yaml on main -> commitment (selection.yaml), announced once;
                                           its round's time passed -> fetch, verify, record the draw, draft award
  awarded, public draw, no answer yet   -> reopen and unlock the discussion, announce the offer once per
                                           contract; then the supplier's first answer -> answer in award.yaml,
                                           acknowledged once; accepted -> close the discussion (resolved)
  awarded | completed                   -> announce the award once, close the discussion (resolved)
  cancelled | unsuccessful              -> say so once, close the discussion (outdated)
  an award's cure notice without link   -> post it once, record its link (an earlier run's post is recovered)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from site_builder.business_days import add_business_days
from site_builder.clock import closing_time
from site_builder.github_sync.answers import first_answer
from site_builder.github_sync.discussions import Comment, Discussion, Repository
from site_builder.github_sync.markers import contract_mark, trusted
from site_builder.github_sync.messages import awaits_answer, award_mark, cure_mark, discussion_title
from site_builder.github_sync.receipts import Receipt, near_misses, receipts_due
from site_builder.lifecycle import is_past_closing
from site_builder.locale import local_day
from site_builder.model import Marketplace, Opportunity
from site_builder.selection.beacon import beacon_settings, round_time

MAX_REPLIES = 40  # receipts and near-miss replies per discussion and run: a flood of comments cannot hold the run
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
class PostReceipt(Step):
    """The receipt of one application's text, a reply to it (`receipts.Receipt`)."""

    discussion: Discussion
    receipt: Receipt

    def describe(self) -> str:
        login, sha = self.receipt.comment.author, self.receipt.digest[:12]
        return f"post the receipt of @{login}'s application (sha256 {sha}...) on discussion #{self.discussion.number}"


@dataclass(frozen=True)
class PostHowTo(Step):
    """The reply to a comment that almost applied: it does not count, and how to apply before closing."""

    discussion: Discussion
    comment: Comment

    def describe(self) -> str:
        return (
            f"tell @{self.comment.author} how to apply, in a reply on discussion #{self.discussion.number}: "
            "their comment is not an application"
        )


@dataclass(frozen=True)
class PostComment(Step):
    discussion: Discussion
    kind: str
    mark: str = ""  # the marker's id when it is not the opportunity's (one per contract: `contract_mark`)

    def describe(self) -> str:
        contract = f" for the contract {self.mark}" if self.mark else ""
        return f"post the {self.kind} comment{contract} on discussion #{self.discussion.number}"


@dataclass(frozen=True)
class Reopen(Step):
    discussion: Discussion
    login: str

    def describe(self) -> str:
        return f"reopen discussion #{self.discussion.number}: the offer to @{self.login} awaits an answer"


@dataclass(frozen=True)
class Unlock(Step):
    discussion: Discussion
    login: str

    def describe(self) -> str:
        return f"unlock discussion #{self.discussion.number} so @{self.login} can answer the offer (bids are archived)"


@dataclass(frozen=True)
class RecordAnswer(Step):
    """The supplier's answer read from their own comment, written to award.yaml as `answer`."""

    login: str
    kind: str
    day: str
    link: str

    def describe(self) -> str:
        return f"record in award.yaml that @{self.login} {self.kind} the offer on {self.day} ({self.link})"


@dataclass(frozen=True)
class PostCureNotice(Step):
    discussion: Discussion
    login: str
    mark: str

    def describe(self) -> str:
        return (
            f"post the cure notice to @{self.login} on discussion #{self.discussion.number}, "
            "then record its link in award.yaml"
        )


@dataclass(frozen=True)
class RecordCureNotice(Step):
    url: str

    def describe(self) -> str:
        return f"record the cure notice {self.url} (posted by an earlier run) in award.yaml"


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
        return True  # before closing: receipts and near misses; after: the archive
    if opp.status == "closed":
        return True
    if not discussion.closed or _cure_unposted(opp):
        return opp.status in ENDINGS
    return opp.status == "awarded" and opp.selection_document is not None  # its answer waits, or is checked


def _cure_unposted(opp: Opportunity) -> bool:
    notice = (opp.award or {}).get("cure_notice")
    return opp.status == "awarded" and bool(notice) and "link" not in notice


def comments_wanted(marketplace: Marketplace, repository: Repository, now: datetime) -> set[str]:
    """Ids of the discussions whose comments the plan needs: those where work may be left."""
    wanted = set()
    for opp in marketplace.opportunities:
        discussion = discussion_of(opp, repository)
        if discussion and _needs_comments(opp, discussion, now):
            wanted.add(discussion.id)
    return wanted


def histories_wanted(marketplace: Marketplace, repository: Repository, now: datetime) -> set[str]:
    """Ids of the discussions whose comments must be read with their edit histories: those about to be archived,
    whose receipts name the text as it stood at closing."""
    wanted = set()
    for opp in marketplace.opportunities:
        discussion = discussion_of(opp, repository)
        if discussion and _archive_due(opp, now):
            wanted.add(discussion.id)
    return wanted


def _archive_due(opp: Opportunity, now: datetime) -> bool:
    return (opp.status == "open" and is_past_closing(opp.data, now)) or (opp.status == "closed" and opp.bids is None)


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
    owed = _plan_receipts(opp, repository, discussion, comments.get(discussion.id, ()), now)
    if opp.status == "open" and not is_past_closing(opp.data, now):
        steps += owed
    elif opp.status == "open":
        steps += [Lock(ident, folder, discussion)] if not discussion.locked else []
        seen = len(comments[discussion.id]) if discussion.id in comments else None
        steps += [SetClosed(ident, folder), *owed, Snapshot(ident, folder, discussion, seen)]
        steps += [] if "closing" in said else [PostComment(ident, folder, discussion, "closing")]
    elif opp.status == "closed" and not is_past_closing(opp.data, now):
        # only automation closes, at the closing time (the change rules refuse anything else): a `closed` before it
        # came past the checks, so nothing is locked, archived or committed early; later applicants still count
        message = (
            f"its status is closed before its closing time ({opp.data['closing']}): only automation closes; "
            "nothing is archived or committed before then (docs/dev/runbook.md)"
        )
        steps.append(Notice(ident, folder, message))
    elif opp.status == "closed":
        steps += [Lock(ident, folder, discussion)] if not discussion.locked else []
        steps += [*owed, Snapshot(ident, folder, discussion, None)] if opp.bids is None else []
        steps += [] if "closing" in said else [PostComment(ident, folder, discussion, "closing")]
        steps += _plan_selection(opp, marketplace, discussion, "selection" in said, now)
    elif ENDINGS.get(opp.status) == "award" and opp.award is not None:
        steps += _plan_award(opp, marketplace, repository, discussion, comments.get(discussion.id, ()), now)
    elif opp.status in ENDINGS and not discussion.closed:
        kind = ENDINGS[opp.status]
        steps += [] if kind in said else [PostComment(ident, folder, discussion, kind)]
        steps.append(CloseDiscussion(ident, folder, discussion, CLOSE_REASONS[kind]))
    return steps


def _plan_receipts(
    opp: Opportunity, repository: Repository, discussion: Discussion, comments: tuple[Comment, ...], now: datetime
) -> list[Step]:
    """Until the archive is written: a receipt for each on-time application's text not receipted yet (before
    the archive, so it can link them), and before closing a word to each near miss (`github_sync.receipts`)."""
    if not (opp.status == "open" or _archive_due(opp, now)):
        return []
    closing, key, viewer = closing_time(opp.data), repository.marker_key, repository.viewer
    owed = receipts_due(comments, viewer, key, discussion.id, closing, now)
    steps: list[Step] = [PostReceipt(opp.id, opp.folder, discussion, receipt) for receipt in owed[:MAX_REPLIES]]
    steps += [
        PostHowTo(opp.id, opp.folder, discussion, comment)
        for comment in near_misses(comments, viewer, key, discussion.id, closing, now)[: MAX_REPLIES - len(steps)]
    ]
    if len(owed) > MAX_REPLIES and is_past_closing(opp.data, now):
        message = (
            f"{len(owed)} applications are owed a receipt, more than the {MAX_REPLIES} one run posts: the bids "
            f"archive is written now, and the {len(owed) - MAX_REPLIES} latest get none (the archive is the record)"
        )
        steps.append(Notice(opp.id, opp.folder, message))
    return steps


def _plan_award(
    opp: Opportunity,
    marketplace: Marketplace,
    repository: Repository,
    discussion: Discussion,
    comments: tuple[Comment, ...],
    now: datetime,
) -> list[Step]:
    """An awarded or completed opportunity: the award announced once per contract; under the public draw, the
    discussion open and unlocked until the supplier's answer is recorded and acknowledged; a cure notice
    posted; then the discussion closed as resolved (not after a decline: the work goes to the next in order)."""
    ident, folder, award = opp.id, opp.folder, opp.award
    assert award is not None
    login, public = award["supplier"]["github"], opp.selection_document is not None
    mark = award_mark(opp, award)
    announcement = _found(comments, repository, discussion, "award", mark)
    announce = [] if announcement else [PostComment(ident, folder, discussion, "award", mark)]
    steps: list[Step] = []
    answered: str | None = None
    if awaits_answer(opp):
        steps += [Reopen(ident, folder, discussion, login)] if discussion.closed else []
        steps += [Unlock(ident, folder, discussion, login)] if discussion.locked else []
        steps += announce
        found = first_answer(comments, login, announcement.created) if announcement else None
        if found:
            comment, answered = found
            day = local_day(_at(comment.created), marketplace.settings.time_zone).isoformat()
            steps.append(RecordAnswer(ident, folder, login, answered, day, comment.url))
    elif public and "answer" in award and opp.status == "awarded":
        problem = _unproven_answer(award, comments, announcement)
        if problem:
            return [Notice(ident, folder, problem)]
        answered = award["answer"]["kind"]
    elif not discussion.closed and (not public or opp.status == "completed"):
        steps += announce
    if answered:
        said = _found(comments, repository, discussion, "answer", contract_mark(ident, login))
        steps += [] if said else [PostComment(ident, folder, discussion, "answer", contract_mark(ident, login))]
    steps += _plan_cure(opp, marketplace, repository, discussion, comments, now)
    open_after = not discussion.closed or any(isinstance(step, Reopen) for step in steps)
    if open_after and (not public or opp.status == "completed" or answered == "accepted"):
        steps.append(CloseDiscussion(ident, folder, discussion, CLOSE_REASONS["award"]))
    return steps


def _unproven_answer(award: dict[str, Any], comments: tuple[Comment, ...], announcement: Comment | None) -> str:
    """Why award.yaml's `answer` is not the supplier's own comment after the announcement of their offer (only
    automation records it, from that comment), or "" when it is. Its words are not read again: an edit made
    after the answer was recorded changes nothing on record."""
    login, link = award["supplier"]["github"], award["answer"]["link"]
    comment = next((c for c in comments if c.url == link), None)
    if (
        comment is not None
        and announcement is not None
        and comment.author.lower() == login.lower()
        and _at(comment.created) > _at(announcement.created)
    ):
        return ""
    return (
        f"award.yaml's `answer` ({link}) is not a comment of @{login} made after the announcement of their offer: "
        "only automation records the answer, from the supplier's own comment; remove it from award.yaml"
    )


def _plan_cure(
    opp: Opportunity,
    marketplace: Marketplace,
    repository: Repository,
    discussion: Discussion,
    comments: tuple[Comment, ...],
    now: datetime,
) -> list[Step]:
    """The current contract's cure notice, written by the buyer without `link`: posted once in the discussion,
    its URL then recorded. A post left by a killed run is found by its marker and only recorded. A deadline
    giving the supplier fewer than `cure_days` business days from the day it would be posted is not posted."""
    award = opp.award or {}
    notice = award.get("cure_notice")
    if opp.status != "awarded" or not notice or "link" in notice:
        return []
    ident, folder, login = opp.id, opp.folder, award["supplier"]["github"]
    mark = cure_mark(opp, award)
    posted = _found(comments, repository, discussion, "cure", mark)
    if posted:
        return [RecordCureNotice(ident, folder, posted.url)]
    settings = marketplace.settings
    today = local_day(now, settings.time_zone)
    earliest = add_business_days(today, settings.cure_days)
    if date.fromisoformat(notice["deadline"]) < earliest:
        return [
            Notice(
                ident,
                folder,
                f"the cure notice's deadline {notice['deadline']} leaves @{login} fewer than {settings.cure_days} "
                f"business days from {today.isoformat()}, when it would be posted: write a deadline on or after "
                f"{earliest.isoformat()} (nothing is posted until then)",
            )
        ]
    return [PostCureNotice(ident, folder, discussion, login, mark)]


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


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
    return _found(comments, repository, discussion, kind, ident) is not None


def _found(
    comments: tuple[Comment, ...], repository: Repository, discussion: Discussion, kind: str, mark: str
) -> Comment | None:
    """The automation's first comment marked (kind, mark) in this discussion, or None."""
    key = repository.marker_key
    return next(
        (c for c in comments if trusted(c.body, c.author, repository.viewer, kind, mark, key, discussion.id)), None
    )


def repository_name(marketplace: Marketplace) -> str:
    return marketplace.settings.repository or "the repository"

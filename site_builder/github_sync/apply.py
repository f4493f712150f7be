"""Carrying out a sync plan, step by step, each step complete before the next.

Files change only through `site_builder.dump` (atomic), and each mutation goes through `discussions`,
which looks for its marker before sending anything again. The closing order (lock, status, bids.yaml,
comment) keeps every state in between valid, so a killed run leaves files a rerun can carry on from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from site_builder import archive, award_draft, schemas
from site_builder.archive.sealed import Beacon
from site_builder.clock import closing_time
from site_builder.dump import set_fields, write_atomic
from site_builder.errors import (
    BeaconUnavailable,
    DrawRefused,
    GitHubError,
    InvalidMarketplace,
    RefusedWrite,
    RoundNotYet,
)
from site_builder.github_sync import award_file, discussions, messages, receipts
from site_builder.github_sync.client import Client
from site_builder.github_sync.discussions import Repository
from site_builder.github_sync.markers import seal
from site_builder.github_sync.plan import (
    CloseDiscussion,
    CommitSelection,
    DraftAward,
    DrawRound,
    Lock,
    Plan,
    PostComment,
    PostCureNotice,
    PostDiscussion,
    PostHowTo,
    PostReceipt,
    RecordAnswer,
    RecordCureNotice,
    RecordDiscussion,
    Reopen,
    SetClosed,
    Snapshot,
    Step,
    Unlock,
)
from site_builder.github_sync.snapshot import bids_snapshot, sealed_bids, unsealed
from site_builder.lifecycle import is_past_closing
from site_builder.model import Document, Marketplace, Opportunity
from site_builder.selection import drawing
from site_builder.selection.beacon import BeaconSettings, beacon_settings, first_round_at_or_after
from site_builder.selection.fetch import BeaconClient
from site_builder.validate import check_draft, load_opportunity


@dataclass
class Context:
    client: Client
    repository: Repository
    marketplace: Marketplace
    now: datetime
    log: Callable[[str], None]
    beacon_client: Callable[[BeaconSettings], BeaconClient] | None = None  # tests point it at a stand-in
    notes: list[Flag] = field(default_factory=list)  # done, but a person must look: printed, and exit 1

    def attention(self, step: Step, message: str) -> None:
        """Something done that a person must look at (a comment edited by someone other than its author): the
        run goes on, and ends with exit 1 naming it."""
        self.notes.append(Flag(step.ident, step.folder, message))
        self.log(f"  ATTENTION {step.ident}: {message}")

    @cached_property
    def _by_id(self) -> dict[str, Opportunity]:
        return self.marketplace.by_id()

    @property
    def key(self) -> str:
        return self.client.config.marker_key

    def opportunity(self, ident: str) -> Opportunity:
        return self._by_id[ident]

    def reload(self, ident: str) -> Opportunity:
        """The opportunity read and checked again after a step wrote to its folder (the settings are kept)."""
        fresh = load_opportunity(self.marketplace, self._by_id[ident].folder)
        self._by_id[ident] = fresh
        return fresh

    def path(self, step: Step, name: str) -> Path:
        return self.marketplace.root / step.folder / name


@dataclass(frozen=True)
class Flag:
    """An opportunity whose step failed on its own data: its later steps wait for a person, the others go on."""

    ident: str
    folder: str
    message: str


class Moot(Exception):
    """A step GitHub's state made pointless since the plan was made (the comment a reply answers was deleted):
    logged and passed over; the opportunity's other steps go on."""


class Later(Exception):
    """A step that cannot be done yet (the beacon round is not out, no relay answered): this opportunity's
    remaining steps wait for the next run; nothing is flagged."""


def apply(plan: Plan, context: Context) -> list[Flag]:
    """Run every action of the plan in order, and return the opportunities flagged on the way.

    GitHub failing (GitHubError) stops the run: every later step would fail the same way, and the next run
    resumes. Anything else is about one opportunity's data (stranger-written comments above all), so it
    flags that opportunity, skips its remaining steps, and the other opportunities are still served.
    """
    flags: list[Flag] = []
    waiting: set[str] = set()
    for step in plan.actions:
        if step.ident in waiting or any(flag.ident == step.ident for flag in flags):
            continue
        try:
            _ACTIONS[type(step)](step, context)
        except GitHubError:
            raise
        except Later as later:
            waiting.add(step.ident)
            context.log(f"  later {step.ident}: {later}")
            continue
        except Moot as moot:
            context.log(f"  skipped {step.ident}: {moot}")
            continue
        except Exception as error:
            flag = Flag(step.ident, step.folder, f"could not {step.describe()}: {type(error).__name__}: {error}")
            flags.append(flag)
            context.log(f"  FLAGGED {step.ident}: {flag.message}")
            continue
        context.log(f"  done {step.ident}: {step.describe()}")
    return flags


def _post_discussion(step: PostDiscussion, context: Context) -> None:
    opp = context.opportunity(step.ident)
    body = seal(messages.discussion_body(opp, context.marketplace.settings), context.key, context.repository.id)
    category_id = context.repository.categories[step.category]
    created = discussions.create_discussion(context.client, context.repository, category_id, step.title, body, opp.id)
    set_fields(context.path(step, "opportunity.yaml"), {"discussion": created["url"]})


def _record_discussion(step: RecordDiscussion, context: Context) -> None:
    set_fields(context.path(step, "opportunity.yaml"), {"discussion": step.url})


def _lock(step: Lock, context: Context) -> None:
    discussions.lock(context.client, step.discussion.id, step.ident)


def _set_closed(step: SetClosed, context: Context) -> None:
    set_fields(context.path(step, "opportunity.yaml"), {"status": "closed"})


def _snapshot(step: Snapshot, context: Context) -> None:
    """The archive, each comment as it stood at closing (its edit history read), linking the receipts; then a
    word for the department on each comment someone else edited or whose text at closing GitHub cannot show."""
    opp = context.opportunity(step.ident)
    viewer, scope = context.repository.viewer, step.discussion.id
    comments = discussions.read_comments(context.client, scope, history=True)
    posted = receipts.receipts_by_mark(comments, viewer, context.key, scope)
    snapshot = bids_snapshot(opp.data, step.discussion.url, comments, viewer, context.now, posted)
    snapshot = _unseal(step, opp, snapshot, context)
    index, files = archive.split(snapshot)
    problems = schemas.check(Document(f"{step.folder}/{archive.INDEX}", index), "bids")
    if problems:
        raise InvalidMarketplace(problems)
    archive.write(context.path(step, ""), index, files)
    for note in messages.archive_notes(index, context.marketplace.settings, "en"):
        context.attention(step, note)


def _unseal(step: Snapshot, opp: Opportunity, snapshot: dict[str, Any], context: Context) -> dict[str, Any]:
    """The snapshot with its sealed applications opened (issue 25): the first beacon round at or after the closing
    time fetched and verified as the draw's round is, then every sealed application decrypted with its signature.
    The round not out yet or no relay answering: Later, nothing is archived in this run (the next run archives).
    A relay that lies (BadBeacon) flags this opportunity. A text that does not open is archived as posted with
    its reason, for its applicant only, and the run goes on."""
    sealed = sealed_bids(snapshot)
    if not sealed:
        return snapshot
    beacon = beacon_settings(context.marketplace.settings)
    due = first_round_at_or_after(closing_time(opp.data), beacon)
    try:
        fetched = _beacon_client(context, beacon).fetch_round(due)
    except (RoundNotYet, BeaconUnavailable) as error:
        raise Later(
            f"{len(sealed)} sealed application(s) open with beacon round {due}, which cannot be had yet ({error}); "
            "the bids are archived on a later run"
        ) from None
    opened = unsealed(snapshot, Beacon(due, beacon.chain_hash, fetched.signature, beacon.public_key))
    for bid in sealed_bids(opened):
        block = bid["sealed"]
        if "problem" in block:
            context.log(
                f"  {step.ident}: @{bid['author']}'s sealed application does not open ({block['problem']}: "
                f"{block['detail']}); archived as posted, flagged for that applicant"
            )
    return opened


def _beacon_client(context: Context, beacon: BeaconSettings) -> BeaconClient:
    return context.beacon_client(beacon) if context.beacon_client else BeaconClient(beacon, now=lambda: context.now)


def _post_receipt(step: PostReceipt, context: Context) -> None:
    opp = context.opportunity(step.ident)
    closing_passed = is_past_closing(opp.data, context.now)
    body = messages.receipt_comment(opp, context.marketplace.settings, step.receipt, closing_passed)
    _reply(step, context, body, "receipt", step.receipt.mark, step.receipt.comment.id)


def _post_howto(step: PostHowTo, context: Context) -> None:
    opp = context.opportunity(step.ident)
    mark = receipts.comment_mark(step.comment.id)
    body = messages.howto_comment(opp, context.marketplace.settings, step.comment.author, mark)
    _reply(step, context, body, "howto", mark, step.comment.id)


def _reply(step: PostReceipt | PostHowTo, context: Context, body: str, kind: str, mark: str, comment: str) -> None:
    """A reply to a stranger's comment. GitHub refuses it once the comment is deleted (anyone may delete theirs
    at any time): then it is moot, and the run goes on rather than stopping for everyone."""
    try:
        _post(step, context, step.discussion.id, body, kind, mark, comment)
    except GitHubError:
        if any(c.id == comment for c in discussions.read_comments(context.client, step.discussion.id)):
            raise
        raise Moot(f"the comment {comment} was deleted before the {kind} reply could be posted") from None


def _post_comment(step: PostComment, context: Context) -> None:
    opp = context.opportunity(step.ident)
    if step.kind in ("closing", "selection", "answer"):
        opp = context.reload(step.ident)  # bids.yaml, selection.yaml or the answer may have been written just now
    if step.kind == "closing":
        assert opp.bids is not None
        body = messages.closing_comment(opp, context.marketplace.settings, opp.bids)
    elif step.kind == "selection":
        assert opp.selection_document is not None
        body = messages.selection_comment(opp, context.marketplace.settings, opp.selection_document.data)
    elif step.kind == "award":
        assert opp.award is not None
        body = messages.award_comment(opp, opp.award, context.marketplace.settings)
    elif step.kind == "answer":
        assert opp.award is not None and "answer" in opp.award
        body = messages.answer_comment(opp, opp.award)
    else:
        body = messages.ending_comment(opp, step.kind)
    _post(step, context, step.discussion.id, body, step.kind, step.mark or step.ident)


def _post(
    step: Step, context: Context, discussion_id: str, body: str, kind: str, mark: str, reply_to: str | None = None
) -> dict:
    """Post a text opening with its marker (kind, mark), sealed for this discussion (as a reply to the comment
    `reply_to`, if given); the comment's id and URL."""
    body = seal(body, context.key, discussion_id)
    first = body.partition("\n")[0]
    assert first.startswith(f"<!-- devex:{kind} {mark} "), f"{step.ident}: the text's marker is not {kind} {mark}"
    viewer = context.repository.viewer
    return discussions.add_comment(context.client, discussion_id, body, kind, mark, viewer, reply_to)


def _reopen(step: Reopen, context: Context) -> None:
    discussions.reopen(context.client, step.discussion.id, step.ident)


def _unlock(step: Unlock, context: Context) -> None:
    discussions.unlock(context.client, step.discussion.id, step.ident)


def _write_award(step: Step, context: Context, edit: Callable[[Path, str], str]) -> None:
    """award.yaml edited by automation: the new text checked with its folder before it replaces the file (as
    the draft award is), then the folder read again, so the next step sees what was written."""
    path = context.path(step, "award.yaml")
    text = edit(path, path.read_text("utf-8"))
    problems = check_draft(context.marketplace.root, {f"{step.folder}/award.yaml": text})
    if problems:
        raise InvalidMarketplace(problems)
    write_atomic(path, text)
    context.reload(step.ident)


def _record_answer(step: RecordAnswer, context: Context) -> None:
    """The supplier's answer, from their own comment, as `answer` in award.yaml (once: an answer there stays)."""
    award = context.reload(step.ident).award
    if award is None or award["supplier"]["github"].lower() != step.login.lower():
        raise RefusedWrite(f"{step.folder}/award.yaml no longer names @{step.login} as the supplier")
    answer = {"kind": step.kind, "date": step.day, "link": step.link}
    _write_award(step, context, lambda path, text: award_file.with_answer(path, text, answer))


def _post_cure_notice(step: PostCureNotice, context: Context) -> None:
    """Post the buyer's cure notice to the supplier, then record where it is (a killed run in between is
    recovered by its marker: RecordCureNotice)."""
    opp = context.reload(step.ident)
    assert opp.award is not None and "cure_notice" in opp.award
    posted = _post(step, context, step.discussion.id, messages.cure_comment(opp, opp.award), "cure", step.mark)
    _write_award(step, context, lambda path, text: award_file.with_cure_link(path, text, posted["url"]))


def _record_cure_notice(step: RecordCureNotice, context: Context) -> None:
    _write_award(step, context, lambda path, text: award_file.with_cure_link(path, text, step.url))


def _commit_selection(step: CommitSelection, context: Context) -> None:
    """The commitment, timed by this run's clock; CommitmentRefused flags the opportunity."""
    opp = context.reload(step.ident)  # the evaluation as it is on main now
    record = drawing.commit_opportunity(opp, context.marketplace.settings, context.now)
    drawing.write_record(context.marketplace.root, opp, record)


def _draw_round(step: DrawRound, context: Context) -> None:
    """Fetch and verify the round, record the draw. Not out yet or no relay: Later. A relay that lies
    (BadBeacon) flags this opportunity, never retried away."""
    opp = context.reload(step.ident)  # the commitment may have been written just now
    settings = context.marketplace.settings
    beacon = beacon_settings(settings)
    try:
        record = drawing.draw_opportunity(opp, settings, _beacon_client(context, beacon), context.now)
    except (RoundNotYet, BeaconUnavailable, DrawRefused) as error:
        raise Later(str(error)) from None
    drawing.write_record(context.marketplace.root, opp, record)


def _draft_award(step: DraftAward, context: Context) -> None:
    """award.yaml for the first in the order, with the defaults `devex draw` prints; validated before writing."""
    opp = context.reload(step.ident)  # selection.yaml may have been completed just now
    record = opp.selection_document
    if record is not None and record.data.get("order") == []:
        raise Later("nobody qualified: no award to draft; the buyer sets the status to unsuccessful")
    draft = award_draft.make_draw(context.marketplace, opp, today=context.now.date(), now=context.now)
    award_draft.write_draw(draft)
    for default in draft.defaults:
        context.log(f"  {step.ident}: default {default}")


def _close_discussion(step: CloseDiscussion, context: Context) -> None:
    discussions.close(context.client, step.discussion.id, step.reason, step.ident)


_ACTIONS: dict[type, Callable] = {
    PostDiscussion: _post_discussion,
    RecordDiscussion: _record_discussion,
    Lock: _lock,
    SetClosed: _set_closed,
    Snapshot: _snapshot,
    PostComment: _post_comment,
    PostReceipt: _post_receipt,
    PostHowTo: _post_howto,
    Reopen: _reopen,
    Unlock: _unlock,
    RecordAnswer: _record_answer,
    PostCureNotice: _post_cure_notice,
    RecordCureNotice: _record_cure_notice,
    CloseDiscussion: _close_discussion,
    CommitSelection: _commit_selection,
    DrawRound: _draw_round,
    DraftAward: _draft_award,
}

"""A comment's text as it stood at a given instant (the closing), from GitHub's edit history.

GitHub keeps every revision of a comment (`userContentEdits`): its time, its editor and its whole text; the
first edit also records the creation as the oldest revision (`includesCreatedEdit`). The text at an instant
is the latest revision written before it, or the body when the comment was last edited before it (or never).

Where the history cannot show that text (the revision was deleted from the history, so its text is gone;
GitHub kept no creation revision; more revisions than `discussions.MAX_EDIT_PAGES` pages), the rule takes
the latest text still known from before the instant, else the oldest text known (from after it), and says
so (`exact` is False). Why: an older text is one the author really had before the deadline; a newer one may
have been written to change the outcome. The archive records when the text it keeps was written
(`text_at`), so an on-time comment whose only known text dates from after closing is never an application
(`archive.applications.kind_of`).

Pure: no GitHub call, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from site_builder.archive.sealed import stanza
from site_builder.github_sync.discussions import Comment, Revision
from site_builder.github_sync.markers import same_actor


@dataclass(frozen=True)
class Text:
    """A comment's text at some instant: `body`, written at `at` (the creation or a revision's `editedAt`);
    `exact` when the history shows it is the text of that instant; `complete` when the history was read whole;
    `edits` every edit of the comment (the creation left out), oldest first, those after the instant too."""

    body: str
    at: str
    exact: bool
    complete: bool
    edits: tuple[Revision, ...]

    def edited_by_others(self, author: str) -> tuple[Revision, ...]:
        """The edits made by someone other than the comment's `author` (a team member with Write can edit
        anyone's comment)."""
        return tuple(edit for edit in self.edits if not same_actor(edit.by, author))


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def edits_of(comment: Comment) -> tuple[Revision, ...]:
    """The comment's edits, oldest first, without the revision GitHub keeps for its creation."""
    history = comment.history
    if history is None:
        return ()
    return history.revisions[1:] if history.created else history.revisions


def _complete(comment: Comment) -> bool:
    """Whether the edit history of an edited comment was read whole (an unedited comment has none to read)."""
    history = comment.history
    if comment.edited is None:
        return True
    return history is not None and history.complete and bool(history.revisions)


def latest(comment: Comment) -> Text:
    """The comment as GitHub gives it now."""
    return Text(comment.body, comment.edited or comment.created, True, _complete(comment), edits_of(comment))


def text_at(comment: Comment, moment: datetime) -> Text:
    """The comment as it stood just before `moment` (a revision written at `moment` itself is after it, as a
    comment created at the closing instant is late). A comment created after `moment` is given as it is now."""
    edits, complete = edits_of(comment), _complete(comment)
    if comment.edited is None or _at(comment.edited) < moment or _at(comment.created) >= moment:
        return latest(comment)
    revisions = comment.history.revisions if comment.history else ()
    before = [revision for revision in revisions if _at(revision.at) < moment]
    if before and before[-1].text is not None:
        return Text(before[-1].text, before[-1].at, True, complete, edits)
    known = [revision for revision in before if revision.text is not None]
    if not known:
        known = [revision for revision in revisions if revision.text is not None][:1]
    if known:
        return Text(known[-1].text or "", known[-1].at, False, complete, edits)
    return Text(comment.body, comment.edited, False, complete, edits)


def sealed_since(comment: Comment, text: Text) -> str:
    """When the comment first held the sealed text `text` holds, as `archive.sealed.copies` dates copies: its
    oldest revision (the creation included) holding the same tlock stanza, up to `text`; else `text`'s time."""
    key = stanza(text.body)
    history = comment.history
    if key is None or history is None:
        return text.at
    for number, revision in enumerate(history.revisions):
        if _at(revision.at) > _at(text.at):
            break
        if revision.text is not None and stanza(revision.text) == key:
            return comment.created if number == 0 and history.created else revision.at
    return text.at

"""The honest repair path: a maintainers' correction of a frozen record, made in the open and frozen itself.

Automation or a bypassed check can leave a record on main that is wrong and that the change rules freeze (a
commitment dated before the closing, an evaluation edited under its commitment). Nobody rewrites it
silently: a maintainer adds an entry to the folder's corrections.yaml, saying who, when, why (in both
languages) and which files, and in the same change corrects or removes those files. CODEOWNERS gives
corrections.yaml to the maintainers alone, so a department cannot open that door for itself. The change
rules are waived for the files named by the new entry, and for nothing else; the folder's own rules still
apply to the result. Entries are only ever appended, and the page shows them.
"""

from __future__ import annotations

from site_builder.lifecycle.moment import Moment
from site_builder.model import Opportunity, Problem

CORRECTIONS_FILE = "corrections.yaml"


def check_corrections(opp: Opportunity) -> list[Problem]:
    """Rules on one folder's corrections.yaml at one commit."""
    doc = opp.corrections_document
    if doc is None:
        return []
    problems = []
    if doc.data["opportunity"] != opp.id:
        problems.append(doc.problem(("opportunity",), f"`opportunity` must be {opp.id}, the folder's opportunity"))
    previous = opp.data["posted"]
    for index, entry in enumerate(doc.data["corrections"]):
        if entry["date"] < previous:
            message = "corrections are dated on or after `posted`, oldest first: add new ones at the end"
            problems.append(doc.problem(("corrections", index, "date"), message))
        previous = max(previous, entry["date"])
    return problems


def check_corrections_change(
    old: Opportunity | None, new: Opportunity | None, moment: Moment
) -> tuple[list[Problem], set[str]]:
    """Problems with the change to corrections.yaml, and the files of the folder its new entries correct (the
    change rules are waived for those)."""
    before = old.corrections if old else []
    after = new.corrections if new else []
    doc = new.corrections_document if new else None
    if doc is None:
        if before and new is not None:
            return [
                new.document.problem(
                    (), f"{CORRECTIONS_FILE} cannot be deleted: corrections stay on record", rule="change"
                )
            ], set()
        return [], set()
    if after[: len(before)] != before:
        message = "published corrections cannot be edited or removed: add a new one at the end"
        return [doc.problem(("corrections",), message, rule="change")], set()
    problems, corrected = [], set()
    for index, entry in enumerate(after[len(before) :], start=len(before)):
        if not moment.is_today(entry["date"]):
            message = f"a correction is dated the day it is made ({moment.today}, CI's clock), not {entry['date']}"
            problems.append(doc.problem(("corrections", index, "date"), message, rule="change"))
        corrected |= set(entry["files"])
    return problems, corrected

"""Error: a field still holds a placeholder, in either language and in any case.

`devex new` writes `description: {en: "TODO: explain ...", fr: "À FAIRE : ..."}`; buyers write their own
(`(todo: add numbers)`, `XXX`, `TBD`). Merged as they are, the site would publish them. Any string of
opportunity.yaml or award.yaml holding a mark is reported at the line the mark is on (in a literal block, its
own line), naming the mark as written. "todo" alone is a word (a to-do app); "todo:" is a mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from site_builder.lint.texts import field_name, position_in, strings
from site_builder.model import ERROR, Opportunity, Problem, Settings, format_path

RULE = "placeholder"
SEVERITY = ERROR
FIX = "replace the placeholder with your own text, in both languages"
# The marks: the scaffold's own ("TODO:", "À FAIRE :", lib. `wording.PLACEHOLDER_MARKS`), in any case and
# spacing, and the ones people type: FIXME, TBD, TBC, XXX, ???.
MARK = re.compile(
    r"\b(?:todo|fixme|[àa] faire|[àa] compl[ée]ter)[ \t\u00a0]*:|\b(?:tbd|tbc|fixme|x{3,})\b|\?{3,}", re.IGNORECASE
)

# What every mark holds, in lower case: `repr` writes them as they are, so a file whose lowered repr holds none
# holds no mark. Plain `in` tests in C, not `MARK` (its word bounds would meet repr's escapes, as in `\\nxxx`,
# and a case-blind alternation costs ten times more on every file of the marketplace).
STEMS = ("todo", "fixme", "à faire", "a faire", "compléter", "completer", "tbd", "tbc", "xxx", "???")
_STEM = re.compile("|".join(re.escape(stem) for stem in STEMS))


def _stemmed(text: str) -> bool:
    return _STEM.search(text.lower()) is not None


def _still_written(opp: Opportunity) -> list:
    """The files a buyer may still write in: opportunity.yaml while the opportunity is open (its terms freeze at
    closing: `lifecycle.changes`), award.yaml while the contract runs (a cure notice, a rationale, a
    justification come later). A closed record was read when it was written; reading every completed one again
    would cost a tenth of validation for nothing."""
    documents_open = [opp.document] if opp.status == "open" else []
    award = [opp.award_document] if opp.award_document is not None and opp.status == "awarded" else []
    return documents_open + award


def marked(text: str) -> bool:
    """True when `text` holds a placeholder mark and is not an address (`.../issues/xxx` names a page)."""
    return _stemmed(text) and MARK.search(text) is not None and not text.startswith(("http://", "https://", "mailto:"))


def check(opp: Opportunity, settings: Settings) -> Iterator[Problem]:
    for doc in _still_written(opp):
        if not _stemmed(repr(doc.data)):
            continue  # no mark anywhere in the file: the common case, found without walking it
        for path, text in strings(doc.data, keep=marked):
            found = MARK.search(text)
            assert found is not None
            message = f"{field_name(path)} still holds the placeholder {found.group()!r}: write the real text"
            line, col = position_in(doc, path, text, found.start())
            yield Problem(doc.file, line, col, message, format_path(path), RULE, SEVERITY, FIX)

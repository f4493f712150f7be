"""Warning: a description too short to say why the work matters (fewer than three sentences).

Suppliers decide from the description: who uses the code, what goes wrong today, and what done looks like.
One line rarely says why. Sentences end with `.`, `!` or `?`; each Markdown list item counts as one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from site_builder.lint import wording
from site_builder.lint.texts import LANGUAGES
from site_builder.model import WARNING, Opportunity, Problem, Settings

RULE = "description-why"
SEVERITY = WARNING
FIX = "add who uses the code, what goes wrong today and why it matters, in a few plain sentences"
SENTENCE_END = re.compile(r"[.!?](?=[\s\"')*_]|$)")
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.MULTILINE)


def check(opp: Opportunity, settings: Settings) -> Iterator[Problem]:
    if opp.status != "open":
        return
    for lang in LANGUAGES:
        count = sentences(opp.data["description"][lang])
        if count < wording.MIN_DESCRIPTION_SENTENCES:
            message = (
                f"`description.{lang}` has {count} sentence(s): say the background and why the work matters "
                f"in at least {wording.MIN_DESCRIPTION_SENTENCES}"
            )
            yield opp.document.problem(("description", lang), message, rule=RULE, severity=SEVERITY, fix=FIX)


def sentences(text: str) -> int:
    """Sentences of a Markdown text: pieces with words between end marks; a list item ends one too."""
    pieces = SENTENCE_END.split(LIST_ITEM.sub(".\n", text))
    return sum(1 for piece in pieces if wording.WORD.search(piece))

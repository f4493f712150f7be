"""Error: the teaser repeats the title, so listings show the same words twice and say nothing more.

`devex new` copies the title into the teaser as a start; the buyer replaces it with one sentence that says
what the work is and why it matters.
"""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.lint.texts import LANGUAGES, normalized
from site_builder.model import ERROR, Opportunity, Problem, Settings

RULE = "teaser-is-title"
SEVERITY = ERROR
FIX = "write a one-sentence teaser that adds to the title: what is wrong today, or who it helps"


def check(opp: Opportunity, settings: Settings) -> Iterator[Problem]:
    title, teaser = opp.data["title"], opp.data["teaser"]
    for lang in LANGUAGES:
        if normalized(teaser[lang]) == normalized(title[lang]):
            message = f"`teaser.{lang}` is the same as `title.{lang}`: the listing would say the same thing twice"
            yield opp.document.problem(("teaser", lang), message, rule=RULE, severity=SEVERITY, fix=FIX)

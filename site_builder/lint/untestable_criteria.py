"""Warning: an evaluation or acceptance criterion a supplier cannot test.

A criterion is a pass/fail test: "Has a public GitHub account with a merged pull request" can be checked,
"Good Python skills" cannot. A criterion without a verb, or with a vague word ("good", "quality",
"as needed"; the lists are in `wording.py`, in both languages), gets a warning at its item.
"""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.lint import wording
from site_builder.lint.texts import LANGUAGES, field_name
from site_builder.model import WARNING, Opportunity, Problem, Settings

RULE = "untestable-criterion"
SEVERITY = WARNING
CRITERIA = ("evaluation_criteria", "acceptance_criteria")
FIX = "write what a supplier does or shows, with something to check: a count, a test, a link, a standard"


def check(opp: Opportunity, settings: Settings) -> Iterator[Problem]:
    if opp.status != "open":
        return
    for name in CRITERIA:
        for lang in LANGUAGES:
            for index, item in enumerate(opp.data[name][lang]):
                reason = _reason(item, lang)
                if reason:
                    path = (name, lang, index)
                    message = f"{field_name(path)} cannot be tested: {reason}"
                    yield opp.document.problem(path, message, rule=RULE, severity=SEVERITY, fix=FIX)


def _reason(item: str, lang: str) -> str:
    vague = wording.vague_words(item, lang)
    if vague:
        return f'"{vague[0]}" is a matter of opinion'
    if not wording.has_verb(item, lang):
        return "it has no verb saying what the supplier does or shows"
    return ""

"""Warning: one language's text is far shorter than the other's, a hint of a missing translation.

French usually runs about 15% longer than English; a text less than half the length of its other
language has most likely lost a paragraph or a list item. Short texts (titles, names) are not compared.
"""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.lint import wording
from site_builder.lint.texts import field_name, pairs
from site_builder.model import WARNING, Opportunity, Problem, Settings

RULE = "translation-length"
SEVERITY = WARNING
FIX = "check that the shorter language has every paragraph and list item of the other"


def check(opp: Opportunity, settings: Settings) -> Iterator[Problem]:
    if opp.status != "open":
        return
    for path, en, fr in pairs(opp.data):
        lengths = {"en": _length(en), "fr": _length(fr)}
        short, long = sorted(lengths, key=lengths.__getitem__)
        if lengths[long] < wording.MIN_LENGTH_COMPARED or lengths[short] >= wording.MIN_LENGTH_RATIO * lengths[long]:
            continue
        percent = round(100 * lengths[short] / lengths[long])
        message = (
            f"{field_name((*path, short))} is {percent}% of the length of {field_name((*path, long))}: "
            "is part of the translation missing?"
        )
        yield opp.document.problem((*path, short), message, rule=RULE, severity=SEVERITY, fix=FIX)


def _length(value: object) -> int:
    if isinstance(value, list):
        return sum(len(item) for item in value if isinstance(item, str))
    return len(value) if isinstance(value, str) else 0

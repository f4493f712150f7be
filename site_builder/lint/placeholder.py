"""Error: a field still holds the scaffold's placeholder (`TODO:` / `À FAIRE :`), in either language.

`devex new` writes `description: {en: "TODO: explain ...", fr: "À FAIRE : ..."}`; merged as it is, the site
would publish a TODO. Any string of opportunity.yaml or award.yaml holding either mark is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from site_builder.lint import wording
from site_builder.lint.texts import documents, field_name, strings
from site_builder.model import ERROR, Opportunity, Problem, Settings

RULE = "placeholder"
SEVERITY = ERROR
FIX = "replace the placeholder with your own text, in both languages"


def check(opp: Opportunity, settings: Settings) -> Iterator[Problem]:
    marks = tuple(wording.PLACEHOLDER_MARKS.values())
    has_mark = _any_mark(marks)
    for doc in documents(opp):
        if _shown_as_is(marks) and not has_mark(repr(doc.data)):
            continue  # no mark anywhere in the file: the common case, found without walking it
        for path, text in strings(doc.data, keep=has_mark):
            mark = next(mark for mark in marks if mark in text)
            message = f"{field_name(path)} still holds the placeholder {mark!r} from `devex new`"
            yield doc.problem(path, message, rule=RULE, severity=SEVERITY, fix=FIX)


@lru_cache(maxsize=4)
def _any_mark(marks: tuple[str, ...]) -> Callable[[str], bool]:
    """A test for "holds one of `marks`", one search in C per text (every string of every file is tested)."""
    search = re.compile("|".join(re.escape(mark) for mark in marks)).search
    return lambda text: search(text) is not None


def _shown_as_is(marks: tuple[str, ...]) -> bool:
    """True when a file's data can be tested whole, on its repr: repr writes printable text as it is and
    ends every string with a quote, so marks that are printable and hold no quote and no backslash appear in
    the repr of a string exactly when they appear in the string."""
    return all(mark.isprintable() and not any(char in mark for char in "'\"\\") for mark in marks)

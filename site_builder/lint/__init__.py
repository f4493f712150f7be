"""The opportunity linter: checks that make a posting something a supplier can act on.

Each rule is a module with `RULE` (its name in reports), `SEVERITY` (error or warning), `FIX` (the one-line
fix `devex lint` prints) and `check(opp, settings)`, yielding Problems at the position of the text at fault.
Errors stop a pull request like any invalid file; warnings are advice shown beside them. The wording the
rules read (placeholders, vague words, verbs, thresholds) lives in `wording.py`.
"""

from __future__ import annotations

from collections.abc import Iterable

from site_builder.lint import (
    closing_hours,
    description_why,
    placeholder,
    posting_window,
    split_contracts,
    teaser_is_title,
    translation_length,
    untestable_criteria,
    untranslated,
)
from site_builder.model import Opportunity, Problem, Settings

RULES = (
    placeholder,
    teaser_is_title,
    untranslated,
    posting_window,
    closing_hours,
    untestable_criteria,
    description_why,
    translation_length,
)


def check_opportunity(opp: Opportunity, settings: Settings) -> list[Problem]:
    """What every single-opportunity rule finds in one folder."""
    return [problem for rule in RULES for problem in rule.check(opp, settings)]


def check_awards(checked: Iterable[Opportunity], peers: Iterable[Opportunity], settings: Settings) -> list[Problem]:
    """Contract splitting: the awards of `checked` weighed against every award of `peers` (the same departments)."""
    return list(split_contracts.check(list(checked), list(peers), settings))

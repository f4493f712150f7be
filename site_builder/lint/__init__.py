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
    wrong_language,
)
from site_builder.model import ERROR, Opportunity, Problem, Settings

RULES = (
    placeholder,
    teaser_is_title,
    untranslated,
    wrong_language,
    posting_window,
    closing_hours,
    untestable_criteria,
    description_why,
    translation_length,
)
ERROR_RULES = tuple(rule for rule in RULES if rule.SEVERITY == ERROR)


def check_opportunity(opp: Opportunity, settings: Settings, *, warnings: bool = True) -> list[Problem]:
    """What the single-opportunity rules find in one folder (only the error rules when `warnings` is false,
    as the site build and the exports need)."""
    rules = RULES if warnings else ERROR_RULES
    return [problem for rule in rules for problem in rule.check(opp, settings)]


def check_awards(checked: Iterable[Opportunity], peers: Iterable[Opportunity], settings: Settings) -> list[Problem]:
    """Contract splitting: the awards of `checked` weighed against every award of `peers` (the same departments)."""
    return list(split_contracts.check(list(checked), list(peers), settings))

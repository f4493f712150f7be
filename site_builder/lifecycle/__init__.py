"""The one home of every rule JSON Schema cannot say: statuses, transitions, deadlines, cross-file rules.

The CLI, CI (`devex validate --base`), the site and the GitHub automation all ask this package; the clock is
always passed in, never read here, so every rule is testable and every build reproducible.

  states   statuses, transitions, the status a moment shows
  folder   rules on one opportunity folder at one commit
  award    rules on award.yaml: amount, legacy draw, progress, cure notices, attempts
  changes  what a pull request may change, against the base commit, at CI's clock (`moment`)
  contract_changes  what it may change in award.yaml: skips on evidence, cure notices, terminations
  relaunch  posting the same work again names the earlier opportunity
  settings_change  the selection rules in marketplace.yaml change only in a maintainers' change
  corrections  a maintainers' correction of a frozen record, in the open
"""

from site_builder.lifecycle.changes import check_change
from site_builder.lifecycle.corrections import check_corrections_change
from site_builder.lifecycle.folder import check_opportunity
from site_builder.lifecycle.moment import Moment
from site_builder.lifecycle.relaunch import check_relaunch
from site_builder.lifecycle.settings_change import check_settings_change
from site_builder.lifecycle.states import (
    STATUSES,
    TRANSITIONS,
    WITH_AWARD,
    can_transition,
    effective_status,
    is_past_closing,
)

__all__ = [
    "STATUSES",
    "TRANSITIONS",
    "WITH_AWARD",
    "Moment",
    "can_transition",
    "check_change",
    "check_corrections_change",
    "check_opportunity",
    "check_relaunch",
    "check_settings_change",
    "effective_status",
    "is_past_closing",
]

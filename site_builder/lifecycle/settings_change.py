"""What a change may do to the marketplace's rules in opportunities/marketplace.yaml.

The selection rules (the public method's start, the beacon, the business days of the posting, the offer and the
cure period, the threshold) decide awards; a department's pull request must never move them. They change only
in a maintainers' change: one that touches no opportunity folder, which CODEOWNERS gives to the maintainers
alone (docs/dev/repository-settings.md). And even then `public_draw_since` never moves later (that would turn
new awards into legacy ones) and never changes once its day has come.
"""

from __future__ import annotations

from datetime import date

from site_builder.lifecycle.moment import Moment
from site_builder.model import SETTINGS_FILE, Problem, Settings

RULE_SETTINGS = (
    "public_draw_since",
    "beacon",
    "posting_days",
    "offer_days",
    "cure_days",
    "threshold",
    "split_window_days",
    "time_zone",
)


def check_settings_change(
    before: Settings, after: Settings, changed_folders: set[str], moment: Moment
) -> list[Problem]:
    changed = [name for name in RULE_SETTINGS if before.data.get(name) != after.data.get(name)]
    if not changed:
        return []
    names = ", ".join(f"`{name}`" for name in changed)
    problems = []
    if changed_folders:
        message = (
            f"the selection rules ({names}) change only in a maintainers' change that touches no opportunity: "
            f"this one also changes {', '.join(sorted(changed_folders))}"
        )
        problems.append(Problem(SETTINGS_FILE, 1, 1, message, rule="change"))
    old_since, new_since = before.data.get("public_draw_since"), after.data.get("public_draw_since")
    if old_since != new_since:
        if old_since is not None and date.fromisoformat(old_since) <= moment.today:
            message = f"`public_draw_since` ({old_since}) has come: it never changes after its day"
            problems.append(Problem(SETTINGS_FILE, 1, 1, message, rule="change"))
        elif old_since is not None and (new_since is None or new_since > old_since):
            message = f"`public_draw_since` never moves later (it is {old_since}): that would make new awards legacy"
            problems.append(Problem(SETTINGS_FILE, 1, 1, message, rule="change"))
    return problems

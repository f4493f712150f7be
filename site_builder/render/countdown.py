"""The closing time of an open opportunity, and the time left that stays true between builds. The page says
when it closes, in the marketplace's zone (right without JavaScript, whenever it is read); the machine-readable
`<time datetime>` lets assets/javascripts/countdown.js say "6 days left" from the reader's own clock, with the
same rounding as `locale.time_left`. A count made at build time would go stale until the next build."""

from __future__ import annotations

from datetime import datetime

from site_builder.i18n import LABELS, t
from site_builder.render.sanitize import escape

LEFT = ("time.days_left", "time.hours_left", "time.hour_left", "time.closed")
"""The texts countdown.js chooses from, in this order, joined by "|" ({count} filled in the browser)."""


def left_labels(lang: str) -> str:
    return "|".join(LABELS[key][lang] for key in LEFT)


def countdown(closing: datetime, closes: str, lang: str) -> str:
    """'Closes <time>December 4, 2026, 2:00 p.m. EST (UTC−05:00)</time>' (`closes`: `locale.zone_time`), then an
    empty place for the time left."""
    return (
        f'<span class="devex-countdown" data-left="{escape(left_labels(lang))}">'
        f"{escape(t('time.closes', lang))} "
        f'<time datetime="{escape(closing.isoformat())}">{escape(closes)}</time>'
        '<span class="devex-countdown__left"></span></span>'
    )

"""Which draw method an award answers to: the public beacon draw, or the legacy draw seeded by the bids digest.

Opportunities that closed before the marketplace's `public_draw_since` date (marketplace.yaml) were drawn with
the seed `digest` of bids.yaml, public at closing (`selection.legacy`): kept valid as legacy, and `devex verify`
says which method an award answers to. Every award of an opportunity that closed on that day or later, and every
award with a selection.yaml, answers to the public method (docs/dev/selection.md) and is verified link by link.
"""

from __future__ import annotations

from datetime import date

from site_builder.clock import closing_time
from site_builder.locale import local_day
from site_builder.model import Opportunity, Settings

LEGACY = "legacy-digest-draw"


def public_draw_since(settings: Settings) -> date | None:
    """The first closing day under the public method; None (no legacy at all) when the setting is absent."""
    since = settings.data.get("public_draw_since")
    return date.fromisoformat(since) if since else None


def is_public(opp: Opportunity, settings: Settings) -> bool:
    """True when this opportunity's selection answers to the public method."""
    if opp.selection_document is not None or opp.evaluation_document is not None:
        return True
    since = public_draw_since(settings)
    return since is None or local_day(closing_time(opp.data), settings.time_zone) >= since


def needs_public_draw(opp: Opportunity, settings: Settings) -> bool:
    """An award that must be verified by the public method's chain."""
    return opp.award_document is not None and is_public(opp, settings)

"""What a search result says besides its title and excerpt, carried by the page's search document as Pagefind
metadata (`data-pagefind-meta`) and filters (`data-pagefind-filter`), so assets/javascripts/search.js shows it
without opening the page: an opportunity's status (its code for the badge's class, and the words the cards use),
value and closing date, in the document's language; and the kind of page, which puts a result in its group
(opportunities, guides).

Each value is read from a `content` attribute (`key[content]`), never from text: nothing here is indexed as
words, and a value holding a comma ("$4,500") is not split as Pagefind splits `key:value, key:value`."""

from __future__ import annotations

from site_builder.clock import closing_time
from site_builder.i18n import t
from site_builder.locale import local_day, long_date, money
from site_builder.model import Opportunity, Settings
from site_builder.render.sanitize import escape

KIND = "kind"
"""The filter that groups results: `opportunity` or `guide` (search.js asks Pagefind once per kind)."""
OPPORTUNITY, GUIDE = "opportunity", "guide"


def _meta(key: str, value: str) -> str:
    return f'<meta data-pagefind-meta="{key}[content]" content="{escape(value)}">'


def _filter(key: str, value: str) -> str:
    return f'<meta data-pagefind-filter="{key}[content]" content="{escape(value)}">'


def opportunity(opp: Opportunity, status: str, settings: Settings, lang: str) -> str:
    """An opportunity's result facts: `status` is the one its page and cards show (lifecycle.effective_status)."""
    closing = long_date(local_day(closing_time(opp.data), settings.time_zone), lang)
    return "".join(
        [
            _filter(KIND, OPPORTUNITY),
            _meta("status", status),
            _meta("status_text", t(f"status.{status}", lang)),
            _meta("value", money(opp.data["value"], lang)),
            _meta("closing", t("search.closing", lang, date=closing)),
        ]
    )


def guide() -> str:
    """A guide's (or the terms'): only its kind, so it is listed under "Guides"."""
    return _filter(KIND, GUIDE)

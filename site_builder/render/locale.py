"""Content in one language: `{en, fr}` texts picked strictly, and numbers, dates and times written the way
each language writes them. A text missing in the language being built stops the build with its file and line,
because English and French must be published together."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from site_builder.errors import InvalidMarketplace
from site_builder.i18n import FRENCH_ZONE_NAMES, t
from site_builder.model import Document, JSONPath, format_path

LANGUAGE_NAMES = {"en": "English", "fr": "français"}
MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}
CONTROL_CHARACTERS = r"\x00-\x08\x0b-\x1f\x7f"  # C0 controls but tab and line feed, and DEL
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")


def clean(text: str) -> str:
    """Control characters have no place on a page (and could forge Markdown's internal placeholders)."""
    return _CONTROL.sub("", text)


def text_in(document: Document, path: JSONPath, lang: str) -> str:
    """The `lang` side of the `{en, fr}` text at `path`, or InvalidMarketplace naming its file and line."""
    value: Any = document.data
    for part in path:
        value = value[part]
    if not isinstance(value, dict) or not isinstance(value.get(lang), str) or not value[lang].strip():
        raise InvalidMarketplace([_missing(document, path, lang)])
    return clean(value[lang])


def items_in(document: Document, path: JSONPath, lang: str) -> list[str]:
    """The `lang` list of a bilingual list, every item translated."""
    value: Any = document.data
    for part in path:
        value = value[part]
    items = value.get(lang) if isinstance(value, dict) else None
    if not isinstance(items, list) or not items or any(not isinstance(i, str) or not i.strip() for i in items):
        raise InvalidMarketplace([_missing(document, path, lang)])
    return [clean(item) for item in items]


def _missing(document: Document, path: JSONPath, lang: str):
    language = LANGUAGE_NAMES[lang]
    return document.problem(
        (*path, lang),
        f"`{format_path(path)}` has no {language} text: every published text needs English and French "
        "before the site can be built",
        rule="translation",
    )


def money(amount: float, lang: str) -> str:
    """$4,500 in English, 4 500 $ in French (cents only when there are some)."""
    cents = not float(amount).is_integer()
    digits = f"{amount:,.2f}" if cents else f"{int(amount):,}"
    if lang == "fr":
        return digits.replace(",", "\u00a0").replace(".", ",") + "\u00a0$"
    return f"${digits}"


def long_date(day: date | str, lang: str) -> str:
    """December 4, 2026 / 4 décembre 2026 (1er for the first of the month, as French writes it)."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    month = MONTHS[lang][day.month - 1]
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"
    return f"{month} {day.day}, {day.year}"


def offset_text(moment: datetime) -> str:
    """UTC−05:00, with a real minus sign."""
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\u2212"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_time(moment: datetime, zone: str, lang: str) -> str:
    """A moment in the marketplace's zone with its abbreviation and offset:
    December 4, 2026, 2:00 p.m. EST (UTC−05:00) / 4 décembre 2026 à 14 h 00 HNE (UTC−05:00)."""
    local = moment.astimezone(ZoneInfo(zone))
    name = local.tzname() or ""
    if lang == "fr":
        name = FRENCH_ZONE_NAMES.get(name, name)
        clock = f"{local.hour} h {local.minute:02d}"
        return f"{long_date(local.date(), lang)} à {clock} {name} ({offset_text(local)})".replace("  ", " ")
    hour = local.hour % 12 or 12
    suffix = "a.m." if local.hour < 12 else "p.m."
    clock = f"{hour}:{local.minute:02d} {suffix}"
    return f"{long_date(local.date(), lang)}, {clock} {name} ({offset_text(local)})".replace("  ", " ")


def time_left(closing: datetime, now: datetime, lang: str) -> str:
    """How long until closing, rounded up so that '1 day left' never means 'closed'."""
    seconds = (closing - now).total_seconds()
    if seconds <= 0:
        return t("time.closed", lang)
    hours = math.ceil(seconds / 3600)
    if hours < 48:
        return t("time.hours_left" if hours > 1 else "time.hour_left", lang, count=hours)
    return t("time.days_left", lang, count=math.ceil(seconds / 86400))

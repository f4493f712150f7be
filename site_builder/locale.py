"""How each language writes what the marketplace publishes: money, numbers, dates, closing times in the
marketplace's zone, and the names of departments and skills. The site, the open-data files and the messages
on GitHub all write these through this one module, so a French amount or a closing time reads the same on a
page, in a feed and in a discussion.

French follows Canadian usage (CLDR fr-CA): a no-break space (U+00A0) groups thousands and comes before
`$` and `%`. Times are the marketplace zone's wall clock with its abbreviation and UTC offset.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from site_builder.errors import InvalidMarketplace
from site_builder.i18n import t
from site_builder.model import SETTINGS_FILE, Problem, Settings, format_path

NBSP = "\u00a0"
MINUS = "\u2212"

# French abbreviations of North American time zones (Office québécois de la langue française).
FRENCH_ZONE_NAMES = {
    "EST": "HNE",
    "EDT": "HAE",
    "CST": "HNC",
    "CDT": "HAC",
    "MST": "HNR",
    "MDT": "HAR",
    "PST": "HNP",
    "PDT": "HAP",
    "AST": "HNA",
    "ADT": "HAA",
    "NST": "HNT",
    "NDT": "HAT",
}
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


# --- numbers and money


def number(value: float, lang: str, decimals: int = 0) -> str:
    """`12,345.6` in English, `12 345,6` in French, with `decimals` after the point."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",") if lang == "fr" else text


def money(amount: float, lang: str, code: bool = False) -> str:
    """`$4,500` / `4 500 $`, cents only when there are some. With `code` (a message read out of the site's
    context): `$4,500 CAD` / `4 500 $ CA`."""
    text = number(amount, lang, 0 if float(amount).is_integer() else 2)
    if lang == "fr":
        return f"{text}{NBSP}${NBSP}CA" if code else f"{text}{NBSP}$"
    return f"${text} CAD" if code else f"${text}"


def percent(share: float, lang: str) -> str:
    """`12.5%` / `12,5 %` (a share of 1 is 100%)."""
    text = number(share * 100, lang, 1)
    return f"{text}{NBSP}%" if lang == "fr" else f"{text}%"


# --- dates and times


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
    sign = "+" if minutes >= 0 else MINUS
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_time(moment: datetime | str, zone: str, lang: str, seconds: bool = False) -> str:
    """A moment (a closing time) in the marketplace's zone with its abbreviation and offset:
    December 4, 2026, 2:00 p.m. EST (UTC−05:00) / 4 décembre 2026 à 14 h 00 HNE (UTC−05:00); with `seconds`
    (a receipt's time), 2:00:07 p.m. / 14 h 00 min 07 s."""
    instant = datetime.fromisoformat(moment.replace("Z", "+00:00")) if isinstance(moment, str) else moment
    local = instant.astimezone(ZoneInfo(zone))
    name = local.tzname() or ""
    if lang == "fr":
        name = FRENCH_ZONE_NAMES.get(name, name)
        clock = f"{local.hour} h {local.minute:02d}" + (f" min {local.second:02d} s" if seconds else "")
        return f"{long_date(local.date(), lang)} à {clock} {name} ({offset_text(local)})".replace("  ", " ")
    hour = local.hour % 12 or 12
    suffix = "a.m." if local.hour < 12 else "p.m."
    clock = f"{hour}:{local.minute:02d}" + (f":{local.second:02d}" if seconds else "") + f" {suffix}"
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


def local_day(moment: datetime, zone: str) -> date:
    """The calendar date a moment falls on in the marketplace's time zone (the day an opportunity closed,
    the day an issue was opened)."""
    return moment.astimezone(ZoneInfo(zone)).date()


@lru_cache(maxsize=4096)
def start_of_day(day: str, zone: str) -> datetime:
    """A calendar date from the files, read as midnight in the marketplace's time zone (aware). Cached:
    thousands of opportunities share a few hundred dates, and datetimes are immutable."""
    return datetime.combine(date.fromisoformat(day), time(0), ZoneInfo(zone))


# --- names from marketplace.yaml


def marketplace_name(settings: Settings, lang: str) -> str:
    return _setting_text(settings, ("name",), lang)


def department_name(settings: Settings, code: str, lang: str) -> str:
    return _setting_text(settings, ("departments", code, "name"), lang)


def department_abbreviation(settings: Settings, code: str, lang: str) -> str:
    return _setting_text(settings, ("departments", code, "abbreviation"), lang)


def skill_name(settings: Settings, code: str, lang: str) -> str:
    return _setting_text(settings, ("skills", code), lang)


def _setting_text(settings: Settings, path: tuple[str, ...], lang: str) -> str:
    """The `lang` name at `path` of marketplace.yaml. An unknown code or a missing translation stops with
    InvalidMarketplace naming the file, wherever it is asked for (validation reports it first)."""
    value: object = settings.data
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    if not isinstance(value, dict) or not str(value.get(lang, "")).strip():
        message = f"`{format_path(path)}` has no {lang} name: departments and skills need English and French names"
        raise InvalidMarketplace([Problem(SETTINGS_FILE, 1, 1, message, rule="translation")])
    return str(value[lang])

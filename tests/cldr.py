"""An oracle of its own for how each language writes money, dates and times: Babel's copy of the Unicode
CLDR data for Canadian English and French (en_CA, fr_CA), never site_builder.locale itself. Its one
addition is the French `1er` for the first of the month, a usage CLDR does not carry."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal

LOCALES = {"en": "en_CA", "fr": "fr_CA"}


def money(amount: float, lang: str) -> str:
    digits = format_decimal(amount, "#,##0" if float(amount).is_integer() else "#,##0.00", locale=LOCALES[lang])
    return f"{digits}\u00a0$" if lang == "fr" else f"${digits}"


def long_date(day: date | str, lang: str) -> str:
    day = date.fromisoformat(day) if isinstance(day, str) else day
    text = format_date(day, "long", locale=LOCALES[lang])
    return "1er" + text[1:] if lang == "fr" and day.day == 1 else text


def zone_time(moment: datetime | str, zone: str, lang: str) -> str:
    instant = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    local = instant.astimezone(ZoneInfo(zone))
    name = format_datetime(local, "zzz", locale=LOCALES[lang])
    offset = "UTC" + format_datetime(local, "xxx", locale=LOCALES[lang]).replace("-", "\u2212")
    if lang == "fr":
        clock = format_time(local, "H 'h' mm", locale="fr_CA")
        return f"{long_date(local.date(), lang)} à {clock} {name} ({offset})"
    clock = format_time(local, "h:mm a", locale="en_CA")
    return f"{long_date(local.date(), lang)}, {clock} {name} ({offset})"

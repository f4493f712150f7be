"""Numbers, money and times written the way each language writes them, for feeds and pages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def number(value: float, lang: str, decimals: int = 0) -> str:
    """`12,345` in English, `12 345` in French (narrow no-break space), with `decimals` after the point."""
    text = f"{value:,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    return text


def money(amount: float, lang: str) -> str:
    """`$4,500` / `4 500 $`; cents only when there are some."""
    decimals = 0 if float(amount).is_integer() else 2
    text = number(amount, lang, decimals)
    return f"{text}{NBSP}$" if lang == "fr" else f"${text}"


def moment(value: str | datetime, zone: str, lang: str) -> str:
    """A closing time in the marketplace's zone, with the zone's abbreviation: `2026-12-04 14:00 EST`."""
    instant = datetime.fromisoformat(value) if isinstance(value, str) else value
    local = instant.astimezone(ZoneInfo(zone))
    clock = f"{local:%H} h {local:%M}" if lang == "fr" else f"{local:%H:%M}"
    return f"{local:%Y-%m-%d} {clock} {local.tzname()}"


def percent(share: float, lang: str) -> str:
    """`12.5%` / `12,5 %`."""
    text = number(share * 100, lang, 1)
    return f"{text}{NBSP}%" if lang == "fr" else f"{text}%"

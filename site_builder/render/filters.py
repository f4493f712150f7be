"""Filters on the home page: a form that JavaScript reveals and drives from a JSON index of every card.
Without JavaScript the form stays hidden and the paginated list, department, skill and archive pages remain.

The fields sit in a `<details>`: on a phone only its summary shows (with the count of active filters), so the
first card stays on the first screen; on a wide screen pages.css shows the fields without a click. Either way
the form's height is fixed from the first paint, so revealing it shifts nothing."""

from __future__ import annotations

import json
from collections.abc import Sequence

from site_builder import paths
from site_builder.i18n import t
from site_builder.lifecycle import STATUSES
from site_builder.locale import department_name, skill_name
from site_builder.model import Settings
from site_builder.pages import Asset
from site_builder.render.countdown import left_labels
from site_builder.render.sanitize import escape
from site_builder.render.views import Card


def index_asset(items: Sequence[Card], lang: str) -> Asset:
    """The cards as compact JSON, in listing order; links are relative to the site root."""
    rows = [
        {
            "id": item.ident,
            "url": paths.url_of(item.src_uri),
            "title": item.title,
            "teaser": item.teaser,
            "value": item.value,
            "valueText": item.value_text,
            "status": item.status,
            "statusLabel": item.status_label,
            "department": item.department,
            "departmentName": item.department_name,
            "departmentUrl": paths.url_of(paths.listing(lang, f"departments/{item.department}")),
            "skills": [
                [code, label, paths.url_of(paths.listing(lang, f"skills/{code}"))] for code, label in item.skills
            ],
            "closing": item.closing.isoformat() if item.closes else "",
            "closes": item.closes,
        }
        for item in items
    ]
    content = json.dumps(rows, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Asset(paths.card_index(lang), content.encode("utf-8"))


def _select(name: str, label: str, any_label: str, options: Sequence[tuple[str, str]]) -> str:
    choices = "".join(f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in options)
    return (
        f'<div class="devex-filter"><label for="devex-filter-{name}">{escape(label)}</label>'
        f'<select id="devex-filter-{name}" name="{name}">'
        f'<option value="">{escape(any_label)}</option>{choices}</select>'
        "</div>"
    )


def _number(name: str, label: str) -> str:
    return (
        f'<div class="devex-filter"><label for="devex-filter-{name}">{escape(label)}</label>'
        f'<input id="devex-filter-{name}" name="{name}" type="number" min="0" step="500" inputmode="numeric"></div>'
    )


def form(settings: Settings, lang: str, here: str) -> str:
    """The filter form, hidden until the script has loaded its index (`data-index`, relative to this page)."""
    skills = sorted(((code, skill_name(settings, code, lang)) for code in settings.skills), key=lambda p: p[1])
    departments = sorted(
        ((code, department_name(settings, code, lang)) for code in settings.departments), key=lambda p: p[1]
    )
    statuses = [(status, t(f"status.{status}", lang)) for status in STATUSES]
    fields = "".join(
        [
            _select("skill", t("filters.skill", lang), t("filters.any_skill", lang), skills),
            _select("department", t("filters.department", lang), t("filters.any_department", lang), departments),
            _select("status", t("filters.status", lang), t("filters.any_status", lang), statuses),
            _number("min", t("filters.min", lang)),
            _number("max", t("filters.max", lang)),
        ]
    )
    messages = {
        "count_one": t("filters.count_one", lang),
        "count_other": t("filters.count_other", lang, count="{count}"),
        "none": t("filters.none", lang),
        "more": t("filters.more", lang),
        "active_one": t("filters.active_one", lang),
        "active_other": t("filters.active_other", lang, count="{count}"),
        "department": t("card.department", lang),
        "skills": t("card.skills", lang),
        "closesLabel": t("time.closes", lang),
        "left": left_labels(lang),
    }
    data = escape(json.dumps(messages, ensure_ascii=False))
    return (
        f'<form class="devex-filters" id="devex-filters" hidden role="search" '
        f'aria-label="{escape(t("filters.title", lang))}" '
        f'data-index="{escape(paths.href(here, paths.card_index(lang)))}" '
        f'data-root="{escape(paths.to_root(here))}" data-messages="{data}">'
        f'<h2 class="devex-filters__title">{escape(t("filters.title", lang))}</h2>'
        '<details class="devex-filters__panel">'
        f'<summary class="devex-filters__summary">{escape(t("filters.title", lang))} '
        '<span class="devex-filters__active" id="devex-filters-active"></span></summary>'
        f'<div class="devex-filters__fields">{fields}</div>'
        f'<button type="submit" class="md-button md-button--primary">{escape(t("filters.show", lang))}</button> '
        f'<button type="reset" class="md-button">{escape(t("filters.clear", lang))}</button>'
        "</details></form>\n"
        '<div id="devex-results" class="devex-results" aria-live="polite" hidden></div>'
    )

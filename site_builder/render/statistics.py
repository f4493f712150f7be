"""The statistics page in both languages: headline figures, then each chart with its data as a table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from html import escape

from site_builder import paths
from site_builder.i18n import LANGUAGES, t
from site_builder.lifecycle import STATUSES
from site_builder.locale import (
    department_abbreviation,
    department_name,
    local_day,
    long_date,
    money,
    number,
    percent,
)
from site_builder.model import Marketplace
from site_builder.pages import BuildContext, Page
from site_builder.render.charts import Bar, Series, bar_chart, grouped_chart
from site_builder.render.figures import GOAL_DAYS, STEPS, WHOLE, Figures, compute, quarter_of
from site_builder.render.markdown import figure, table, text

STEP_LABELS = tuple(f"{start}-{end}" for start, end in STEPS)
WHOLE_LABEL = "-".join(WHOLE)


def pages(marketplace: Marketplace, context: BuildContext) -> list[Page]:
    figures = compute(marketplace, context.now)
    return [
        Page(paths.statistics_page(lang), lang, t("stats.title", lang), render(marketplace, figures, context.now, lang))
        for lang in LANGUAGES
    ]


def render(marketplace: Marketplace, figures: Figures, now: datetime, lang: str) -> str:
    sections = [
        f"# {t('stats.title', lang)}",
        t(
            "stats.intro",
            lang,
            date=long_date(local_day(now, marketplace.settings.time_zone), lang),
            data=paths.source_link(paths.statistics_page(lang), paths.data_page(lang)),
        ),
        _glance(figures, now, lang),
        _statuses(figures, lang),
        _departments(marketplace, figures, lang),
        _suppliers(figures, lang),
        _whole(figures, lang),
        _cycles(figures, lang),
        _attempts(figures, lang),
        _cancellations(figures, lang),
    ]
    return "\n\n".join(sections) + "\n"


def _table(
    name: str, lang: str, headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool] = ()
) -> str:
    """A Markdown table inside a named region that scrolls sideways by itself, focusable so the keyboard can
    scroll it: on a phone a wide table scrolls there, with a shadow at the clipped edge (pages.css), instead of
    running off the page."""
    label = escape(t("stats.table_region", lang, name=name))
    body = table(headers, rows, numeric)
    return f'<div class="devex-scroll" role="region" aria-label="{label}" tabindex="0" markdown>\n\n{body}\n\n</div>'


def _described(description: str, bars: list[Bar]) -> str:
    """The chart's description followed by its values, so a screen reader hears the data too."""
    if not bars:
        return description
    return f"{description} " + "; ".join(f"{bar.label}: {bar.text}" for bar in bars) + "."


def _days(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    return number(value, lang, 0 if float(value).is_integer() else 1)


def _glance(figures: Figures, now: datetime, lang: str) -> str:
    year_ago = quarter_of((now - timedelta(days=365)).date())
    newcomers = sum(q.first_time_winners for key, q in figures.quarters.items() if key > year_ago)
    failed = figures.failed_share
    rows = [
        (t("stats.opportunities", lang), number(figures.opportunities, lang)),
        (t("stats.total_awarded", lang), f"{money(figures.total.awarded, lang)} ({figures.total.contracts})"),
        (t("stats.total_paid", lang), money(figures.total.paid, lang)),
        (t("stats.distinct_suppliers", lang), number(figures.distinct_suppliers, lang)),
        (t("stats.first_time_year", lang), number(newcomers, lang)),
        (
            t("stats.failed_share", lang),
            "—"
            if failed is None
            else t(
                "stats.failed_value",
                lang,
                share=percent(failed, lang),
                failed=figures.failed,
                evaluated=figures.evaluated,
            ),
        ),
    ]
    rows.append((t("stats.whole_glance", lang, goal=GOAL_DAYS), _days(figures.median_days(WHOLE_LABEL), lang)))
    rows += [(t(f"stats.cycle.{cycle}", lang), _days(figures.median_days(cycle), lang)) for cycle in STEP_LABELS]
    heading = f"## {t('stats.glance', lang)}"
    headers = [t("stats.measure", lang), t("stats.value", lang)]
    data = _table(t("stats.glance", lang), lang, headers, rows, [False, True])
    return f"{heading}\n\n{data}"


def _statuses(figures: Figures, lang: str) -> str:
    bars = [Bar(t(f"status.{s}", lang), figures.by_status[s], number(figures.by_status[s], lang)) for s in STATUSES]
    svg = bar_chart("chart-status", t("stats.by_status", lang), _described(t("stats.by_status_desc", lang), bars), bars)
    rows = [(bar.label, bar.text) for bar in bars]
    headers = [t("stats.status", lang), t("stats.count", lang)]
    data = _table(t("stats.by_status", lang), lang, headers, rows, [False, True])
    return f"## {t('stats.by_status', lang)}\n\n{figure(svg)}\n\n{data}"


def _departments(marketplace: Marketplace, figures: Figures, lang: str) -> str:
    ranked = sorted(figures.by_department.items(), key=lambda item: (-item[1].awarded, item[0]))
    bars = [
        Bar(department_abbreviation(marketplace.settings, code, lang), m.awarded, money(m.awarded, lang))
        for code, m in ranked
    ]
    svg = bar_chart(
        "chart-departments", t("stats.by_department", lang), _described(t("stats.by_department_desc", lang), bars), bars
    )
    headers = [t("stats.department", lang), t("stats.contracts", lang), t("stats.awarded", lang), t("stats.paid", lang)]
    rows = [
        (
            text(department_name(marketplace.settings, code, lang)),
            str(m.contracts),
            money(m.awarded, lang),
            money(m.paid, lang),
        )
        for code, m in ranked
    ]
    data = _table(t("stats.by_department", lang), lang, headers, rows, [False, True, True, True])
    return f"## {t('stats.by_department', lang)}\n\n{figure(svg)}\n\n{data}"


def _suppliers(figures: Figures, lang: str) -> str:
    top = figures.top_suppliers()
    bars = [Bar(figures.supplier_names[key], m.awarded, money(m.awarded, lang)) for key, m in top]
    title = t("stats.by_supplier", lang, count=len(top))
    svg = bar_chart("chart-suppliers", title, _described(t("stats.by_supplier_desc", lang), bars), bars)
    headers = [
        t("stats.supplier", lang),
        "GitHub",
        t("stats.contracts", lang),
        t("stats.awarded", lang),
        t("stats.paid", lang),
    ]
    rows = [
        (
            text(figures.supplier_names[key]),
            f"[{text(key)}]({paths.github_profile(key)})",
            str(m.contracts),
            money(m.awarded, lang),
            money(m.paid, lang),
        )
        for key, m in top
    ]
    others = figures.distinct_suppliers - len(top)
    if others:
        rest = [m for key, m in figures.by_supplier.items() if key not in dict(top)]
        awarded, paid = sum(m.awarded for m in rest), sum(m.paid for m in rest)
        rows.append(
            (
                t("stats.other_suppliers", lang, count=others),
                "",
                str(sum(m.contracts for m in rest)),
                money(awarded, lang),
                money(paid, lang),
            )
        )
    data = _table(t("stats.suppliers", lang), lang, headers, rows, [False, False, True, True, True])
    return f"## {t('stats.suppliers', lang)}\n\n{figure(svg)}\n\n{data}"


def _whole(figures: Figures, lang: str) -> str:
    """The whole time from posting to payment, quarter by quarter, against the goal it is measured by."""
    recent = figures.recent_quarters()
    medians = [q.median_days(WHOLE_LABEL) for _, q in recent]
    series = [Series(t("stats.whole_series", lang), medians, [_days(v, lang) for v in medians])]
    goal = (GOAL_DAYS, t("stats.goal", lang, days=GOAL_DAYS))
    categories = [key for key, _ in recent]
    description = t("stats.whole_desc", lang, goal=GOAL_DAYS)
    svg = grouped_chart("chart-whole", t("stats.whole", lang), description, categories, series, goal)
    headers = [t("stats.quarter", lang), t(f"stats.cycle.{WHOLE_LABEL}", lang), t("stats.paid_contracts", lang)]
    rows = [(key, _days(q.median_days(WHOLE_LABEL), lang), str(len(q.days[WHOLE_LABEL]))) for key, q in recent]
    note = t("stats.whole_note", lang, goal=GOAL_DAYS)
    data = _table(t("stats.whole", lang), lang, headers, rows, [False, True, True])
    return f"## {t('stats.whole', lang)}\n\n{note}\n\n{figure(svg)}\n\n{data}"


def _cycles(figures: Figures, lang: str) -> str:
    """Each step on its own, with no goal line: the goal is for the whole time, and no step has a target."""
    recent = figures.recent_quarters()
    categories = [key for key, _ in recent]
    medians = {c: [q.median_days(c) for _, q in recent] for c in STEP_LABELS}
    series = [
        Series(t(f"stats.cycle.{c}", lang), medians[c], [_days(v, lang) for v in medians[c]]) for c in STEP_LABELS
    ]
    svg = grouped_chart("chart-cycles", t("stats.cycles", lang), t("stats.cycles_desc", lang), categories, series)
    headers = [
        t("stats.quarter", lang),
        *[s.name for s in series],
        t("stats.awards", lang),
        t("stats.first_time", lang),
    ]
    rows = [
        (key, *[_days(q.median_days(c), lang) for c in STEP_LABELS], str(q.awards), str(q.first_time_winners))
        for key, q in recent
    ]
    data = _table(t("stats.cycles", lang), lang, headers, rows, [False, True, True, True, True, True])
    return f"## {t('stats.cycles', lang)}\n\n{t('stats.steps_note', lang)}\n\n{figure(svg)}\n\n{data}"


ATTEMPTS = ("offers", "declined", "no_answer", "cure_notices", "terminated", "next_awards")


def _attempts(figures: Figures, lang: str) -> str:
    """Every offer of the work, the declines, the offers left unanswered, cure notices and terminations, and the
    awards to the next in order."""
    rows = [(t(f"stats.attempts.{kind}", lang), number(figures.attempts[kind], lang)) for kind in ATTEMPTS]
    headers = [t("stats.measure", lang), t("stats.attempts_number", lang)]
    data = _table(t("stats.attempts", lang), lang, headers, rows, [False, True])
    return f"## {t('stats.attempts', lang)}\n\n{t('stats.attempts_intro', lang)}\n\n{data}"


def _cancellations(figures: Figures, lang: str) -> str:
    """How many were cancelled, then, flagged for review, each one cancelled after its evaluation was committed."""
    late = figures.cancelled_after_commitment
    rows = [
        (t("stats.cancellations.all", lang), number(figures.cancelled, lang)),
        (t("stats.cancellations.after_commitment", lang), number(len(late), lang)),
    ]
    headers = [t("stats.measure", lang), t("stats.attempts_number", lang)]
    counts = _table(t("stats.cancellations", lang), lang, headers, rows, [False, True])
    parts = [f"## {t('stats.cancellations', lang)}", t("stats.cancellations_intro", lang), counts]
    if late:
        here = paths.statistics_page(lang)
        listed = [
            (
                f"[{text(item.title[lang])}]({paths.source_link(here, paths.opportunity(lang, item.ident))}) "
                f"({text(item.ident)})",
                long_date(item.committed, lang),
                long_date(item.cancelled, lang) if item.cancelled else "—",
                t("ref.yes" if item.drawn else "ref.no", lang),
            )
            for item in late
        ]
        headers = [
            t("stats.cancellations.opportunity", lang),
            t("stats.cancellations.committed", lang),
            t("stats.cancellations.cancelled", lang),
            t("stats.cancellations.drawn", lang),
        ]
        flag = t("stats.cancellations.review_title", lang)
        parts.append(f'!!! warning "{flag}"\n\n    {t("stats.cancellations.review", lang, count=len(late))}')
        parts.append(_table(flag, lang, headers, listed))
    return "\n\n".join(parts)

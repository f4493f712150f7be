"""Accessible SVG charts drawn at build time: no JavaScript, no external service, no web font.

Every chart is `role="img"` with a `<title>` and a `<desc>` named by `aria-labelledby`, sits on its own
white background with dark text (contrast above 7:1) and bars whose colours reach at least 3:1 against white,
and the page puts the same numbers in a table right after it. Output is plain text, so it is deterministic.

Readable at any width: a chart is drawn at its own size (one unit, one CSS pixel) and never scaled down, its
text as large as the body text (devex.css sets it to 1em; the layout leaves room for up to 20 px); on a narrow
screen the chart scrolls sideways inside its figure, and its table follows it. (Scaled into a 340 px column,
14-unit labels were 7 px high.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

TEXT = "#1a1a1a"
AXIS = "#595959"
COLOURS = ("#1f4e79", "#a34700", "#2e6b30")  # dark blue, dark orange, dark green: each >= 4.5:1 on white
GOAL = "#8b0000"
WIDTH = 640
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"'


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


def _open(chart_id: str, title: str, description: str, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" {FONT} font-size="16">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]


def _short(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(chart_id: str, title: str, description: str, bars: Sequence[Bar]) -> str:
    """Horizontal bars, one per row, labelled on the left with their value written after the bar."""
    row, top, label_width, room = 34, 12, 250, 280
    height = top * 2 + row * max(len(bars), 1)
    largest = max((bar.value for bar in bars), default=0) or 1
    parts = _open(chart_id, title, description, height)
    for index, bar in enumerate(bars):
        y = top + index * row
        length = round(room * bar.value / largest, 1)
        label = escape(_short(bar.label))
        parts.append(f'<text x="{label_width - 8}" y="{y + 23}" text-anchor="end" fill="{TEXT}">{label}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 7}" width="{length}" height="22" fill="{COLOURS[0]}"/>')
        parts.append(f'<text x="{label_width + length + 6}" y="{y + 23}" fill="{TEXT}">{escape(bar.text)}</text>')
    parts.append(f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - top}" stroke="{AXIS}"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def grouped_chart(
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    goal: tuple[float, str] | None = None,
) -> str:
    """Vertical bars grouped by category (quarters), one colour per series, with an optional dashed goal line."""
    left, right, bottom, top = 56, 16, 44, 28 + 26 * len(series)
    height = top + 240 + bottom
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    values = [v for s in series for v in s.values if v is not None] + ([goal[0]] if goal else [])
    ceiling = _ceiling(max(values, default=1))
    parts = _open(chart_id, title, description, height)
    parts += _legend(series, top)
    parts += _y_axis(ceiling, left, top, plot_w, plot_h)
    group = plot_w / max(len(categories), 1)
    bar = min(22.0, (group - 8) / max(len(series), 1))
    for index, category in enumerate(categories):
        x0 = left + index * group + (group - bar * len(series)) / 2
        for number, one in enumerate(series):
            value = one.values[index]
            if value is None:
                continue
            h = round(plot_h * value / ceiling, 1)
            x = round(x0 + number * bar, 1)
            parts.append(
                f'<rect x="{x}" y="{round(top + plot_h - h, 1)}" width="{round(bar - 2, 1)}" height="{h}" '
                f'fill="{COLOURS[number % len(COLOURS)]}"/>'
            )
        centre = round(left + index * group + group / 2, 1)
        below = height - bottom + 18
        parts.append(f'<text x="{centre}" y="{below}" text-anchor="middle" fill="{TEXT}">{escape(category)}</text>')
    if goal:
        y = round(top + plot_h - plot_h * goal[0] / ceiling, 1)
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{left + plot_w}" y2="{y}" stroke="{GOAL}" stroke-width="2" '
            'stroke-dasharray="6 4"/>'
        )
        parts.append(f'<text x="{left + plot_w}" y="{y - 6}" text-anchor="end" fill="{GOAL}">{escape(goal[1])}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _ceiling(largest: float) -> float:
    """A round top for the axis: the next multiple of 10 (or 5 below 10) above the largest value."""
    step = 5 if largest <= 10 else 10
    return max(step, -(-largest * 1.1 // step) * step)


def _legend(series: Sequence[Series], top: int) -> list[str]:
    """One line per series above the plot, so long (French) names never overlap."""
    parts = []
    for number, one in enumerate(series):
        colour, y = COLOURS[number % len(COLOURS)], 8 + 26 * number
        parts.append(f'<rect x="56" y="{y}" width="16" height="16" fill="{colour}"/>')
        parts.append(f'<text x="80" y="{y + 14}" fill="{TEXT}">{escape(one.name)}</text>')
    return parts


def _y_axis(ceiling: float, left: int, top: int, plot_w: int, plot_h: int) -> list[str]:
    parts = []
    for tick in range(5):
        value = ceiling * tick / 4
        y = round(top + plot_h - plot_h * tick / 4, 1)
        parts.append(f'<line x1="{left}" y1="{y}" x2="{left + plot_w}" y2="{y}" stroke="#d9d9d9"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 5}" text-anchor="end" fill="{TEXT}">{value:g}</text>')
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{AXIS}"/>')
    return parts

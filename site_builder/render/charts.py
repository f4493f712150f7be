"""Accessible SVG charts drawn at build time: no JavaScript, no external service, no web font.

Every chart is `role="img"` with a `<title>` and a `<desc>` named by `aria-labelledby`, sits on its own
white background with dark text (contrast above 7:1) and bars whose colours reach at least 3:1 against white,
and the page puts the same numbers in a table right after it. Output is plain text, so it is deterministic.

Readable at any width without scaling: bars are horizontal, each with its label on its own line above it and
its value at its end. The SVG has no viewBox: it is as wide as its column (`width="100%"`), bar lengths are
percentages of that width, and every height, gap and offset is in `em`, so the text keeps the body text's size
(devex.css sets it) and the rows grow with it. A value sits inside a bar reaching half the width or more (in
white) and after a shorter bar (in dark text), so it never runs past either edge. (Scaled into a 340 px
column, a 640-unit chart's 14-unit labels were 7 px high; drawn at 640 px, it scrolled sideways.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

TEXT = "#1a1a1a"
AXIS = "#595959"
ON_BAR = "#ffffff"
COLOURS = ("#1f4e79", "#a34700", "#2e6b30")  # dark blue, dark orange, dark green: each >= 4.5:1 on white
GOAL = "#8b0000"
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"'

LINE = 1.5  # em: a line of text (label, legend entry), baseline 1.1em below its top
BAR = 1.5  # em: a bar's thickness, room for its value inside
GAP = 0.3  # em: between the bars of one quarter
MARGIN = 0.5  # em: above the first row and below the last


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str


@dataclass(frozen=True)
class Series:
    """One colour of a grouped chart: a value per category (None where there is none) and its text."""

    name: str
    values: Sequence[float | None]
    texts: Sequence[str]


def bar_chart(chart_id: str, title: str, description: str, bars: Sequence[Bar]) -> str:
    """One row per bar: its label on a line, then the bar with its value written at its end."""
    row = LINE + BAR + 2 * GAP
    largest = max((bar.value for bar in bars), default=0) or 1
    parts = _open(chart_id, title, description, 2 * MARGIN + row * max(len(bars), 1) - GAP)
    for index, bar in enumerate(bars):
        top = MARGIN + index * row
        parts.append(_text(0, top, _short(bar.label)))  # the table beside it has the whole name
        parts += _bar(top + LINE, bar.value / largest, bar.text, COLOURS[0])
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
    """One group per category (quarter): its name on a line, then one bar per series in the legend's colours,
    each with its value; an optional goal is a dashed line down the groups, named in the legend."""
    values = [v for s in series for v in s.values if v is not None] + ([goal[0]] if goal else [])
    ceiling = _ceiling(max(values, default=1))
    legend = MARGIN + LINE * (len(series) + (1 if goal else 0))
    group = LINE + len(series) * (BAR + GAP) + GAP
    height = legend + GAP + group * max(len(categories), 1) + MARGIN
    parts = _open(chart_id, title, description, height)
    parts += _legend(series, goal)
    if goal:
        x = _percent(goal[0] / ceiling)
        parts.append(
            f'<line x1="{x}" y1="{_em(legend + GAP)}" x2="{x}" y2="{_em(height - MARGIN)}" stroke="{GOAL}" '
            'stroke-width="2" stroke-dasharray="6 4"/>'
        )
    for index, category in enumerate(categories):
        top = legend + GAP + index * group
        parts.append(_text(0, top, category))
        for number, one in enumerate(series):
            value, y = one.values[index], top + LINE + number * (BAR + GAP)
            colour = COLOURS[number % len(COLOURS)]
            parts += _bar(y, (value or 0) / ceiling, one.texts[index], colour)
    parts.append("</svg>")
    return "\n".join(parts)


def _open(chart_id: str, title: str, description: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'width="100%" height="{_em(height)}" {FONT} font-size="16">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]


def _bar(top: float, share: float, value: str, colour: str) -> list[str]:
    """A bar from the left edge, `share` of the width long, its value inside its end when it reaches half the
    width and just after it otherwise (haloed in white where a goal line passes); a short tick marks zero so an
    empty bar still shows where it starts."""
    x, baseline = _percent(share), _em(top + BAR / 2 + 0.35)
    inside = share >= 0.5
    anchor = 'text-anchor="end" dx="-0.4em"' if inside else 'class="after" dx="0.4em"'  # devex.css: a white halo
    return [
        f'<line x1="0.5" y1="{_em(top)}" x2="0.5" y2="{_em(top + BAR)}" stroke="{AXIS}"/>',
        f'<rect class="bar" x="0" y="{_em(top)}" width="{x}" height="{_em(BAR)}" fill="{colour}"/>',
        f'<text x="{x}" y="{baseline}" {anchor} fill="{ON_BAR if inside else TEXT}">{escape(value)}</text>',
    ]


def _text(x: float, top: float, words: str, fill: str = TEXT) -> str:
    """A line of text starting `x` em in, plus a little room for letters such as T that lean past their start."""
    return f'<text x="{_em(x + 0.1)}" y="{_em(top + 1.1)}" fill="{fill}">{escape(words)}</text>'


def _short(label: str, limit: int = 26) -> str:
    """A label that fits one line of a 375 px screen: 26 letters of ordinary text take about 240 px."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _legend(series: Sequence[Series], goal: tuple[float, str] | None) -> list[str]:
    """One line per series, then the goal's dashed line, so long (French) names never meet."""
    parts = []
    for number, one in enumerate(series):
        top = MARGIN + LINE * number
        colour = COLOURS[number % len(COLOURS)]
        parts.append(f'<rect x="0" y="{_em(top + 0.2)}" width="1em" height="1em" fill="{colour}"/>')
        parts.append(_text(1.5, top, one.name))
    if goal:
        middle = _em(MARGIN + LINE * len(series) + 0.7)
        parts.append(
            f'<line x1="0" y1="{middle}" x2="1em" y2="{middle}" stroke="{GOAL}" stroke-width="2" '
            'stroke-dasharray="6 4"/>'
        )
        parts.append(_text(1.5, MARGIN + LINE * len(series), goal[1], GOAL))
    return parts


def _ceiling(largest: float) -> float:
    """A round end for the scale: the next multiple of 10 (or 5 below 10) above the largest value."""
    step = 5 if largest <= 10 else 10
    return max(step, -(-largest * 1.1 // step) * step)


def _percent(share: float) -> str:
    return f"{round(100 * share, 2):g}%"


def _em(length: float) -> str:
    return f"{round(length, 3):g}em"

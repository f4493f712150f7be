"""The statistics charts (render/charts.py) read in Debian's chromium at 375 px and at a desktop width, in both
languages: each chart inside the window with no sideways scrolling of it or of the page, every text as large as
the body text once rendered, whole inside its chart and clear of every other text and of the bars it is not
written on, every bar labelled with its value, and each chart followed by its table."""

from __future__ import annotations

import itertools

import pytest

MEASURE = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom}; };
  const after = figure => figure.nextElementSibling;
  return {
    viewport: window.innerWidth,
    scroll: document.scrollingElement.scrollWidth,
    body: parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize),
    charts: [...document.querySelectorAll('.devex-chart svg')].map(svg => ({
      id: svg.getAttribute('aria-labelledby').split(' ')[0],
      svg: box(svg),
      figure: [svg.parentElement.scrollWidth, svg.parentElement.clientWidth],
      table: after(svg.closest('figure')).tagName === 'TABLE'
        || after(svg.closest('figure')).querySelector('table') !== null,
      bars: [...svg.querySelectorAll('rect.bar')].map(box),
      texts: [...svg.querySelectorAll('text')].map(t => ({
        text: t.textContent,
        // the computed size times the SVG's scale on screen (a viewBox would scale text with the drawing)
        size: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().d,
        fill: getComputedStyle(t).fill,
        ...box(t),
      })),
    })),
  };
}"""

BARS = """() => Object.fromEntries([...document.querySelectorAll('.devex-chart svg')].map(svg => [
  svg.getAttribute('aria-labelledby').split('-')[1],
  [...svg.querySelectorAll('rect.bar')].map(rect => {
    const after = rect.nextElementSibling;
    return after && after.tagName === 'text' ? after.textContent : null;
  }),
]))"""

SLACK = 0.5  # px: rounding of rendered boxes
WHITE = "rgb(255, 255, 255)"


def _overlap(a: dict, b: dict) -> bool:
    return min(a["r"], b["r"]) - max(a["l"], b["l"]) > SLACK and min(a["b"], b["b"]) - max(a["t"], b["t"]) > SLACK


def _inside(inner: dict, outer: dict) -> bool:
    return (
        inner["l"] >= outer["l"] - SLACK
        and inner["r"] <= outer["r"] + SLACK
        and inner["t"] >= outer["t"] - SLACK
        and inner["b"] <= outer["b"] + SLACK
    )


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("prefix", ["", "fr/"])
def test_every_chart_fits_the_window_with_every_label_readable(browser, served, width: int, prefix: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{served}{prefix}statistics/")
    found = page.evaluate(MEASURE)
    context.close()
    body = found["body"]
    assert found["viewport"] == width
    assert found["scroll"] <= width, f"the page scrolls sideways: {found['scroll']} px in a {width} px window"
    assert len(found["charts"]) == 5  # status, departments, suppliers, posting to payment, each step
    for chart in found["charts"]:
        name, svg = chart["id"], chart["svg"]
        assert svg["l"] >= 0 and svg["r"] <= width, f"{name} spans {svg['l']:.0f}-{svg['r']:.0f} px of {width}"
        assert chart["figure"][0] <= chart["figure"][1], f"{name} scrolls sideways inside its figure"
        assert chart["table"], f"{name}: its table does not follow it"
        assert chart["texts"] and chart["bars"], name
        for text in chart["texts"]:
            assert text["size"] >= body - 0.01, f"{name}: {text['text']!r} at {text['size']:.1f} px, body {body}"
            assert text["b"] - text["t"] >= 0.9 * body, f"{name}: {text['text']!r}"  # drawn, not only declared
            assert _inside(text, svg), f"{name}: {text['text']!r} is cut by the chart's edge"
            on = [bar for bar in chart["bars"] if _overlap(text, bar)]  # a value on its bar is white, wholly on it
            assert not on or (_inside(text, on[0]) and text["fill"] == WHITE), f"{name}: {text['text']!r} crosses a bar"
        for one, other in itertools.combinations(chart["texts"], 2):
            assert not _overlap(one, other), f"{name}: {one['text']!r} overlaps {other['text']!r}"


def test_every_bar_is_labelled_with_its_value(page, served) -> None:
    page.goto(served + "statistics/")
    charts = page.evaluate(BARS)
    assert sorted(charts) == ["cycles", "departments", "status", "suppliers", "whole"] and all(charts.values())
    for name, labels in charts.items():
        missing = ["—"] if name in ("cycles", "whole") else []  # a quarter without that step says so
        assert all(label and (any(ch.isdigit() for ch in label) or label in missing) for label in labels), labels

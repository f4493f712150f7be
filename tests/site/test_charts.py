"""The statistics charts (render/charts.py) read in Debian's chromium at a desktop width and at 375 px: every
label and value as large as the body text once rendered, every bar labelled with its value, each chart followed
by its table, and the page itself no wider than the window."""

from __future__ import annotations

import pytest

MEASURE = """() => {
  const body = parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize);
  return [...document.querySelectorAll('.devex-chart svg')].map(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text')];
    return {
      body,
      sizes: texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale),
      heights: texts.map(t => t.getBoundingClientRect().height),
      id: svg.getAttribute('aria-labelledby'),
      next: svg.closest('figure').nextElementSibling.querySelector('table') !== null
        || svg.closest('figure').nextElementSibling.tagName === 'TABLE',
    };
  });
}"""

BARS = """() => [...document.querySelectorAll('.devex-chart svg')]
  .filter(svg => svg.getAttribute('aria-labelledby').match(/chart-(status|departments|suppliers)-/))
  .map(svg => [...svg.querySelectorAll('rect[height="22"]')].map(rect => {
    const after = rect.nextElementSibling;
    return after && after.tagName === 'text' ? after.textContent : null;
  }))"""


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("prefix", ["", "fr/"])
def test_chart_text_is_as_large_as_the_body_text(browser, served, paged_site, width: int, prefix: str) -> None:
    if not (paged_site.site / "statistics").exists():
        pytest.fail("the statistics page was not built")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{served}{prefix}statistics/")
    charts = page.evaluate(MEASURE)
    assert len(charts) == 4
    for chart in charts:
        assert chart["sizes"], chart["id"]
        small = [size for size in chart["sizes"] if size < chart["body"] - 0.01]
        assert small == [], f"{chart['id']} at {width} px: text of {min(small):.1f} px under {chart['body']} px"
        assert min(chart["heights"]) >= 0.9 * chart["body"], chart["id"]  # drawn, not only declared
        assert chart["next"], f"{chart['id']}: its table does not follow it"
    scroll = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll[0] <= scroll[1], f"the page is {scroll[0]} px wide in a {width} px window"
    context.close()


def test_every_bar_is_labelled_with_its_value(page, served) -> None:
    page.goto(served + "statistics/")
    charts = page.evaluate(BARS)
    assert len(charts) == 3 and all(charts)
    for labels in charts:
        assert all(label and any(ch.isdigit() for ch in label) for label in labels), labels

"""The statistics page: figures that follow from the files, accessible SVG charts with their data beside them,
and text from the files that cannot inject HTML."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import date
from statistics import median

import markdown
import pytest
from lxml import etree
from open_data_support import unanswered_then_accepted

from site_builder.dump import dump_yaml
from site_builder.load import load_file
from site_builder.model import Document
from site_builder.render.charts import Bar, Series, bar_chart, grouped_chart
from site_builder.render.figures import compute
from site_builder.render.statistics import pages, render
from site_builder.validate import load_marketplace

SVG = "{http://www.w3.org/2000/svg}"
EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html", "toc"]


def test_figures_of_the_small_marketplace(small):
    figures = compute(small.marketplace, small.context.now)
    awards = [opp.award for opp in small.marketplace.opportunities if opp.award]
    assert figures.total.awarded == sum(award["amount"] for award in awards) == 28800
    assert figures.total.paid == sum(award["amount"] for award in awards if "paid" in award) == 10000
    assert figures.by_status == {
        "open": 1,
        "closed": 2,
        "awarded": 2,
        "completed": 2,
        "cancelled": 2,
        "unsuccessful": 1,
    }
    assert figures.distinct_suppliers == 4  # alice-dev won twice
    assert (figures.failed, figures.evaluated) == (1, 6)
    assert figures.by_department["tbs"].awarded == 14000 and figures.by_department["ssc"].paid == 0
    # posting -> award: 18 (tbs-2026-001), 15 (tbs-2026-002), 19 (ssc-2026-001), 17 (ssc-2026-002), 40 (tbs-2026-003)
    assert figures.median_days("posted-awarded") == median([18, 15, 19, 17, 40])
    assert figures.median_days("delivered-paid") == median([46, 18])
    assert figures.quarters["2026-Q2"].awards == 3 and figures.quarters["2026-Q2"].first_time_winners == 2
    # tbs-2026-003: declined, then terminated after a cure notice, then the third in order; ssc-2026-002 terminated
    assert figures.attempts == {
        "offers": 7,
        "declined": 1,
        "no_answer": 0,
        "cure_notices": 2,
        "terminated": 2,
        "next_awards": 1,
    }
    assert (figures.cancelled, figures.cancelled_after_commitment) == (2, [])  # legacy draws: no commitment


def test_an_offer_left_unanswered_is_counted_apart_from_a_decline(small):
    marketplace = unanswered_then_accepted(small.marketplace)
    figures = compute(marketplace, small.context.now)
    assert figures.attempts["no_answer"] == 1 and figures.attempts["declined"] == 0
    assert figures.attempts["offers"] == 7 and figures.attempts["next_awards"] == 1
    english = render(marketplace, figures, small.context.now, "en")
    french = render(marketplace, figures, small.context.now, "fr")
    assert "| Not answered by the offer's deadline | 1 |" in english
    assert "| Sans réponse à l'échéance de l'offre | 1 |" in french and "| Refusées par le candidat | 0 |" in french


def _cancelled_after_commitment(marketplace, ident: str, drawn: bool):
    """The marketplace with `ident` cancelled after its evaluation was committed (and drawn, if `drawn`)."""
    opp = marketplace.by_id()[ident]
    data = {
        **opp.data,
        "status": "cancelled",
        "cancellation": {"date": "2026-09-20", "reason": {"en": "No longer needed.", "fr": "Plus nécessaire."}},
    }
    record = {"opportunity": ident, "round": 1, "committed_at": "2026-09-16T03:30:00Z", "commitment": "0" * 64}
    if drawn:
        record |= {"signature": "ab" * 48, "seed": "1" * 64, "order": ["bob", "alice-dev"]}
    changed = replace(
        opp,
        document=Document(opp.document.file, data),
        selection_document=Document(f"{opp.folder}/selection.yaml", record),
    )
    others = tuple(changed if o.id == ident else o for o in marketplace.opportunities)
    return replace(marketplace, opportunities=others)


@pytest.mark.parametrize("drawn", [False, True])
def test_a_cancellation_after_the_commitment_is_counted_and_flagged(small, drawn):
    marketplace = _cancelled_after_commitment(small.marketplace, "esdc-2026-002", drawn)
    figures = compute(marketplace, small.context.now)
    assert figures.cancelled == 3
    [late] = figures.cancelled_after_commitment
    assert (late.ident, late.cancelled, late.drawn) == ("esdc-2026-002", "2026-09-20", drawn)
    assert late.committed.isoformat() == "2026-09-15"  # 03:30 UTC is still the 15th in Toronto
    english = render(marketplace, figures, small.context.now, "en")
    french = render(marketplace, figures, small.context.now, "fr")
    assert "| Opportunities cancelled | 3 |" in english and "| Occasions annulées | 3 |" in french
    assert "| Cancelled after the evaluation was committed | 1 |" in english
    assert "| Annulées après l'engagement sur l'évaluation | 1 |" in french
    assert '!!! warning "To review: cancelled after the commitment"' in english
    assert '!!! warning "À examiner : annulées après l\'engagement"' in french
    row = (
        "| [Fix issue 002 in the esdc toolkit](opportunities/esdc-2026-002.md) (esdc\\-2026\\-002) "
        f"| September 15, 2026 | September 20, 2026 | {'Yes' if drawn else 'No'} |"
    )
    assert row in english
    assert "| 15 septembre 2026 | 20 septembre 2026 |" in french
    html = markdown.markdown(english, extensions=EXTENSIONS)
    flagged = html.split('<div class="admonition warning">')[1]
    assert "To review: cancelled after the commitment" in flagged.split("</div>")[0]
    assert '<a href="opportunities/esdc-2026-002.md">' in flagged.split("</div>")[1].split("</table>")[0]


def test_no_cancellation_after_a_commitment_flags_nothing(small):
    english = small.pages["statistics.md"].markdown
    assert "| Opportunities cancelled | 2 |" in english
    assert "| Cancelled after the evaluation was committed | 0 |" in english
    assert "!!! warning" not in english


def test_status_counts_use_the_build_time(small):
    later = replace(small.context, now=small.context.now.replace(year=2027, month=6))
    assert compute(small.marketplace, later.now).by_status["open"] == 0
    assert compute(small.marketplace, later.now).by_status["closed"] == 3


def charts(markdown_text: str) -> list[etree._Element]:
    blocks = re.findall(r"<svg.*?</svg>", markdown_text, re.S)
    return [etree.fromstring(block) for block in blocks]


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(colour: str, background: str = "#ffffff") -> float:
    lighter, darker = sorted((luminance(colour), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_chart_is_accessible(every, lang):
    page = every.pages["statistics.md" if lang == "en" else "fr/statistics.md"]
    found = charts(page.markdown)
    assert len(found) == 5
    for svg in found:
        assert svg.get("role") == "img"
        labelled = svg.get("aria-labelledby").split()
        ids = {node.get("id"): node for node in svg.iter() if node.get("id")}
        assert [ids[name].tag for name in labelled] == [f"{SVG}title", f"{SVG}desc"]
        assert all(ids[name].text.strip() for name in labelled)
        assert not list(svg.iter(f"{SVG}script")) and b"href" not in etree.tostring(svg)
        for text in svg.iter(f"{SVG}text"):  # white text is a value written on its bar, drawn just before it
            bar = text.getprevious()
            on = bar.get("fill") if text.get("fill") == "#ffffff" and bar.get("class") == "bar" else "#ffffff"
            assert contrast(text.get("fill"), on) >= 4.5, (text.get("fill"), on)
        for rect in svg.iter(f"{SVG}rect"):
            if rect.get("fill") != "#ffffff":
                assert contrast(rect.get("fill")) >= 3, rect.get("fill")


def test_each_chart_has_its_data_as_a_table_right_after_it(small):
    html = markdown.markdown(small.pages["statistics.md"].markdown, extensions=EXTENSIONS)
    assert html.count("<figure") == 5
    for after in html.split("</figure>")[1:]:  # in the region that scrolls it sideways on a phone
        region, rest = after.lstrip().split(">", 1)
        assert region.startswith("<div ") and 'class="devex-scroll"' in region and 'role="region"' in region
        assert 'aria-label="' in region and 'tabindex="0"' in region
        assert rest.lstrip().startswith("<table>")
    status_table = html.split("</figure>")[1].split("</table>")[0]
    assert re.findall(r"<td>(\w+)</td>\s*<td[^>]*>(\d+)</td>", status_table) == [
        ("Open", "1"),
        ("Closed", "2"),
        ("Awarded", "2"),
        ("Completed", "2"),
        ("Cancelled", "2"),
        ("Unsuccessful", "1"),
    ]


def test_pages_name_the_goal_and_what_it_measures(small):
    english, french = small.pages["statistics.md"].markdown, small.pages["fr/statistics.md"].markdown
    assert "The goal is 30 days from posting to payment" in english and "30-day goal" in english
    assert "L'objectif est de 30 jours de l'affichage au paiement" in french
    assert "28\u00a0800\u00a0$" in french and "$28,800" in english
    assert "\u202f" not in french, "French groups digits with the no-break space the other pages use"
    assert "| Contracts terminated | 2 |" in english and "| Avis de redressement envoyés | 2 |" in french


def _goal_lines(svg: etree._Element) -> list[etree._Element]:
    """The dashed lines drawn down the groups (the legend's sample starts at x=0)."""
    return [line for line in svg.iter(f"{SVG}line") if line.get("stroke-dasharray") and line.get("x1") != "0"]


def test_the_whole_time_is_measured_from_posting_to_payment(small):
    """What the goal is a goal for: calendar days from the posting to the payment of each paid contract."""
    figures = compute(small.marketplace, small.context.now)
    paid = [opp for opp in small.marketplace.opportunities if opp.award and "paid" in opp.award]
    whole = [(date.fromisoformat(o.award["paid"]) - date.fromisoformat(o.data["posted"])).days for o in paid]
    assert len(whole) == 2 and figures.median_days("posted-paid") == median(whole)
    paid_days = [date.fromisoformat(o.award["paid"]) for o in paid]  # each counted in the quarter it was paid
    assert {q for q, quarter in figures.quarters.items() if quarter.days["posted-paid"]} == {
        f"{day.year}-Q{(day.month - 1) // 3 + 1}" for day in paid_days
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_goal_line_is_drawn_against_the_whole_time_only(small, lang):
    """The 30-day goal is for posting to payment: its line is on that chart alone, never against one step."""
    page = small.pages["statistics.md" if lang == "en" else "fr/statistics.md"].markdown
    by_id = {svg.get("aria-labelledby").split()[0].removesuffix("-title"): svg for svg in charts(page)}
    assert [chart for chart, svg in by_id.items() if _goal_lines(svg)] == ["chart-whole"]
    whole = by_id["chart-whole"]
    [line] = _goal_lines(whole)
    assert line.get("x1") == line.get("x2")
    legend = [text.text for text in whole.iter(f"{SVG}text")]
    assert ("Posting to payment" if lang == "en" else "De l'affichage au paiement") in " ".join(legend)
    steps = by_id["chart-cycles"]
    assert not _goal_lines(steps)
    assert all("30" not in (text.text or "") or "jours" not in (text.text or "") for text in steps.iter(f"{SVG}text"))


def test_text_from_the_files_cannot_inject_markup(fixture_root, tmp_path, small):
    root = tmp_path / "market"
    shutil.copytree(fixture_root, root)
    award_path = root / "opportunities" / "tbs" / "tbs-2026-002" / "award.yaml"
    award = load_file(award_path, "award.yaml").data
    award["supplier"]["name"] = "<script>alert(1)</script> *bold* [link](javascript:alert(1)) | pipe"
    award_path.write_text(dump_yaml(award), encoding="utf-8")
    marketplace = load_marketplace(root)
    page = next(p for p in pages(marketplace, small.context) if p.lang == "en")
    html = markdown.markdown(page.markdown, extensions=EXTENSIONS)
    assert "<script>" not in html and 'href="javascript' not in html and "<em>bold</em>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for svg in charts(page.markdown):  # still well-formed XML with the name as text
        assert svg is not None


def bars(svg: etree._Element) -> list[tuple[str, str]]:
    """Each bar's length (a share of the chart's width) and the value written at its end."""
    return [(rect.get("width"), rect.getnext().text) for rect in svg.iter(f"{SVG}rect") if rect.get("class") == "bar"]


def test_chart_functions_draw_what_they_are_given():
    svg = etree.fromstring(bar_chart("c", "T", "D", [Bar("a", 10, "10"), Bar("b", 5, "5")]))
    assert bars(svg) == [("100%", "10"), ("50%", "5")]
    assert svg.get("width") == "100%" and svg.get("viewBox") is None  # as wide as its column, text not scaled
    long = etree.fromstring(bar_chart("c", "T", "D", [Bar("Very Long Supplier Name Consulting Inc.", 1, "1")]))
    assert next(long.iter(f"{SVG}text")).text == "Very Long Supplier Name C…"  # one line at 375 px
    series = [Series("s", [10, None], ["10", "—"])]
    grouped = etree.fromstring(grouped_chart("g", "T", "D", ["Q1", "Q2"], series, (30, "goal")))
    assert bars(grouped) == [("25%", "10"), ("0%", "—")]  # on a scale to 40; the missing value says so
    goal = [line for line in grouped.iter(f"{SVG}line") if line.get("stroke-dasharray") and line.get("x1") != "0"]
    assert [(line.get("x1"), line.get("x2")) for line in goal] == [("75%", "75%")]

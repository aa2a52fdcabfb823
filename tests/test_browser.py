"""Every page in a real browser (Debian's chromium via Playwright): charts drawn from the warehouse,
no console error, no request to any host but 127.0.0.1, filters in the URL, presenter and hide-names modes."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from etl.warehouse import DEFAULT_RECORDS
from tests.support import CHART_PATHS, HEADINGS, REGION_FILTER, Visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", list(HEADINGS), ids=[p or "overview" for p in HEADINGS])
def test_page_draws_from_the_warehouse_without_errors_or_outside_requests(browser, dashboard_url, path):
    visit = Visit(browser, f"{dashboard_url}/{path}")
    visit.wait_until_drawn(HEADINGS[path])
    if path in CHART_PATHS:
        visit.page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        assert visit.chart_count() >= 1
        assert "Source:" in visit.page.inner_text("body")
    assert not visit.page.locator("[data-testid='stException']").count()
    visit.screenshot(path or "overview")
    assert visit.outside_hosts() == set()
    assert visit.console_errors == []
    visit.close()


def chart_titles(visit: Visit) -> list[str]:
    return visit.page.locator(".js-plotly-plot .gtitle").evaluate_all("els => els.map(e => e.textContent)")


def settled_titles(visit: Visit) -> list[str]:
    """Chart titles once the rerun has finished: the same for two readings a second apart."""
    previous = None
    for _ in range(30):
        visit.page.wait_for_timeout(1000)
        titles = chart_titles(visit)
        if titles == previous and titles:
            return titles
        previous = titles
    raise AssertionError("the charts never settled")


def test_filter_change_redraws_and_the_copied_url_reopens_the_view(browser, dashboard_url):
    visit = Visit(browser, f"{dashboard_url}/articles")
    visit.wait_until_drawn("Criminal Code articles")
    visit.page.locator(".js-plotly-plot").first.wait_for()
    before = settled_titles(visit)
    region_box = visit.page.locator(REGION_FILTER)
    region_box.click()
    visit.page.keyboard.type("Mangystau")
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url(re.compile(r"region=KZ-47"), timeout=15_000)
    visit.page.wait_for_function(
        "before => Array.from(document.querySelectorAll('.js-plotly-plot .gtitle')).map(e => e.textContent)"
        ".join('|') !== before", arg="|".join(before), timeout=15_000)
    after = settled_titles(visit)
    assert after != before
    copied = visit.page.url
    visit.close()

    reopened = Visit(browser, copied)
    reopened.wait_until_drawn("Criminal Code articles")
    reopened.page.locator(".js-plotly-plot").first.wait_for()
    assert settled_titles(reopened) == after
    reopened.page.locator("[data-testid='stSidebar']").get_by_text("Mangystau").first.wait_for(timeout=30_000)
    reopened.close()


def test_presenter_mode_enlarges_type_and_hides_clutter(browser, dashboard_url):
    font_size = "e => parseFloat(getComputedStyle(e).fontSize)"
    normal = Visit(browser, f"{dashboard_url}/sentences")
    normal.wait_until_drawn("Sentences")
    normal.page.locator(".js-plotly-plot .gtitle").first.wait_for()
    normal_size = normal.page.eval_on_selector("h1", font_size)
    normal_finding = normal.page.eval_on_selector(".js-plotly-plot .gtitle", "e => parseFloat(e.style.fontSize)")
    normal_ticks = normal.page.eval_on_selector(".js-plotly-plot .xtick text", "e => parseFloat(e.style.fontSize)")
    normal.close()
    present = Visit(browser, f"{dashboard_url}/sentences?present=1")
    present.page.locator(".st-key-chart_slide .js-plotly-plot .xtick text").first.wait_for()
    assert present.page.eval_on_selector("h1", font_size) > normal_size  # in the folded page controls
    assert present.page.eval_on_selector(".st-key-chart_slide h3", font_size) > normal_finding  # the slide's finding
    assert present.page.eval_on_selector(".js-plotly-plot .xtick text", "e => parseFloat(e.style.fontSize)") > normal_ticks
    assert present.page.locator("[data-testid='stSidebar'][aria-expanded='true']").count() == 0
    assert present.page.locator("[data-testid='stToolbar']").is_hidden()
    present.screenshot("sentences-presenter")
    present.close()


def real_names() -> list[str]:
    persons = pd.read_csv(DEFAULT_RECORDS / "persons.csv", dtype=str, keep_default_na=False)
    names = set(persons["name"])
    names.update(a for aliases in persons["aliases"] for a in aliases.split("|") if a)
    return sorted(names)


@pytest.mark.parametrize("path", ["", "detentions", "sentences", "people", "people?person=yerbol-yeskhozhin", "data",
                                  "changes"])
def test_hide_names_leaves_no_real_name_on_the_page_or_on_the_wire(browser, dashboard_url, path):
    separator = "&" if "?" in path else "?"
    visit = Visit(browser, f"{dashboard_url}/{path}{separator}anonymise=1")
    visit.wait_until_drawn("Person ") if path.startswith("people") else visit.wait_until_drawn(HEADINGS[path])
    visit.page.wait_for_timeout(1500)
    text = visit.page.content()
    wire = b"".join(visit.frames).decode("utf-8", errors="ignore")
    leaked = [name for name in real_names() if name in text or name in wire]
    visit.screenshot(f"anonymised-{(path or 'overview').split('?')[0]}")
    assert leaked == []
    assert visit.frames, "no data frames were captured"
    visit.close()


# Every text a chart draws (title, axis titles, annotations, legend) as a box within the chart: what a reader sees of
# the key dates' labels and notes, to test that none runs out of the chart or into another.
CHART_TEXT_BOXES = """chart => {
    const frame = chart.getBoundingClientRect();
    const box = e => { const r = e.getBoundingClientRect();
                       return {text: e.textContent, left: r.left - frame.left, right: r.right - frame.left,
                               top: r.top - frame.top, bottom: r.bottom - frame.top}; };
    return {width: frame.width, height: frame.height,
            labels: Array.from(chart.querySelectorAll('.annotation-text-g')).map(box),
            texts: Array.from(chart.querySelectorAll('.gtitle, .xtitle, .ytitle, .x2title, .y2title, .legendtext,'
                                                     + ' .annotation-text-g')).map(box)};
}"""


@pytest.mark.parametrize("path, span", [("detentions", "Dense years"), ("detentions", "Whole record"),
                                        ("detentions?present=1", None), ("", None)])
def test_chart_labels_are_whole_and_apart_at_1280_by_720(browser, dashboard_url, path, span):
    visit = Visit(browser, f"{dashboard_url}/{path}")
    visit.wait_until_drawn(HEADINGS[path.split("?")[0]])
    if span:  # None: the page as it opens (presenter mode folds the span control away; it opens on the dense years)
        visit.page.get_by_text(span, exact=True).first.click()
        visit.wait_until_drawn(HEADINGS[path.split("?")[0]])
    chart = visit.page.locator(".js-plotly-plot").first
    chart.wait_for(timeout=30_000)
    drawn = chart.evaluate(CHART_TEXT_BOXES)
    visit.close()
    assert drawn["labels"], "the chart has labels: key dates on the detentions chart, notes on the stated figures"
    for text in drawn["texts"]:
        assert text["left"] >= 0 and text["right"] <= drawn["width"] + 1, f"clipped at a side: {text}"
        assert text["top"] >= 0 and text["bottom"] <= drawn["height"] + 1, f"clipped at the top or foot: {text}"
    labels = drawn["labels"]
    for i, one in enumerate(labels):
        for other in labels[i + 1:]:
            apart = one["right"] <= other["left"] or other["right"] <= one["left"] or \
                one["bottom"] <= other["top"] or other["bottom"] <= one["top"]
            assert apart, f"labels overlap: {one['text']!r} and {other['text']!r}"

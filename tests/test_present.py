"""One chart at a time: the chart a link names survives the link and leaves the built charts shared, links and embed
codes keep the view, presenter mode shows a page's charts one by one with Previous and Next, a link naming a chart
shows that chart alone, and What changed words the vocabulary values its queries mark."""
import html
import re
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import changes, present
from dashboard.charts.style import style
from dashboard.view import Filters, View, from_url
from tests.support import run_page
from tests.test_view import FIRST, LABELS, LAST


@pytest.mark.unit
def test_the_chart_a_link_names_survives_the_link_and_is_not_part_of_what_a_chart_is_built_from():
    view = View(Filters(regions=("KZ-75",)), present=True, chart="articles_timing_chart")
    reopened, warnings = from_url(view.to_url(), LABELS, FIRST, LAST)
    assert (reopened.chart, warnings) == ("articles_timing_chart", [])
    without_chart = View(Filters(regions=("KZ-75",)), present=True)
    assert reopened == without_chart and hash(reopened) == hash(without_chart)  # one built chart for every step
    ignored, warnings = from_url({"chart": "<script>"}, LABELS, FIRST, LAST)
    assert ignored.chart is None and any("<script>" in w for w in warnings)


@pytest.mark.unit
def test_a_charts_link_and_embed_code_keep_the_view_and_escape_the_address():
    view = View(Filters(regions=("KZ-75", "KZ-71")), hide_names=True)
    link = present.chart_link(view, "regions_map")
    assert link.endswith("?region=KZ-75%2CKZ-71&anonymise=1&lang=en&chart=regions_map")
    code = present.embed_code(replace(view, present=True), "regions_map", 'Almaty & "Astana"')
    source = html.unescape(re.search(r'src="([^"]+)"', code)[1])
    assert source == link.replace("?", "?embed=true&", 1)  # an embed is never in presenter mode
    assert 'title="Almaty &amp; &quot;Astana&quot;"' in code and "&amp;anonymise=1" in code


@pytest.mark.unit
def test_what_changed_words_the_vocabulary_values_of_its_facts():
    facts = {column: [None, None, None] for column in changes.FACT_COLUMNS}
    rows = pd.DataFrame({**facts, "change": ["new person", "new sentence", "released"],
                         "status": ["pre_trial_detention", None, None],
                         "status_as_of": [pd.Timestamp("2021-09-01"), None, None],
                         "sentence_type": [None, "restriction_of_liberty", None], "term_months": [None, 18.0, None],
                         "stage": [None, "first_instance", None], "description": [None, None, "Released {on bail}"]})
    assert changes.worded(rows, "en")["description"].tolist() == [
        "Pre-trial detention as of 1 September 2021", "Restriction of liberty, 18 months (first instance)",
        "Released {on bail}"]


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.unit
@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presenter"])
def test_chart_text_meets_aa_contrast_and_presenter_bars_have_a_dark_edge(presenting):
    figure = style(go.Figure(go.Bar(x=["a"], y=[1])), View(present=presenting), "A finding")
    assert contrast(figure.layout.font.color, "#ffffff") >= 4.5
    if presenting:  # a palette colour as light as the background still has an edge
        assert contrast(figure.data[0].marker.line.color, "#ffffff") >= 3


@pytest.mark.app
def test_presenter_mode_shows_one_chart_at_a_time_and_steps_with_previous_and_next(monkeypatch, real_warehouse):
    app = run_page(monkeypatch, real_warehouse, "articles", {"present": "1"})
    assert not app.exception and len(app.get("plotly_chart")) == 1
    assert app.button(key="presenter_previous").disabled and not app.button(key="presenter_next").disabled
    assert [c.value for c in app.caption if c.value.startswith("Chart ")] == ["Chart 1 of 3"]
    first = app.subheader[-1].value  # the slide's finding
    app = app.button(key="presenter_next").click().run()
    assert app.query_params["chart"] == "articles_timing_chart" and len(app.get("plotly_chart")) == 1
    assert app.subheader[-1].value != first and not app.button(key="presenter_previous").disabled
    app = app.button(key="presenter_previous").click().run()
    assert app.query_params["chart"] == "articles_chart" and app.subheader[-1].value == first
    app.toggle(key="mode_present").set_value(False).run()  # leaving presenter mode shows every chart again
    assert "chart" not in app.query_params and len(app.get("plotly_chart")) == 3


def articles_asking_for(monkeypatch, warehouse, chart: str, params: dict):
    """The Articles page opened by a link naming `chart` (run_page first runs the Overview, which has no such chart)."""
    app = run_page(monkeypatch, warehouse, "articles", params)
    app.query_params["chart"] = chart
    return app.run()


@pytest.mark.app
def test_a_link_naming_a_chart_shows_it_alone_until_every_chart_is_asked_for(monkeypatch, real_warehouse):
    app = articles_asking_for(monkeypatch, real_warehouse, "articles_pairs_chart", {})
    assert not app.exception and len(app.get("plotly_chart")) == 1
    codes = [c.value for c in app.code]
    assert any(c.endswith("?lang=en&chart=articles_pairs_chart") for c in codes)  # a link keeps its language
    assert any(c.startswith("<iframe") and "embed=true&amp;lang=en&amp;chart=articles_pairs_chart" in c for c in codes)
    app = app.button(key="chart_show_all").click().run()
    assert "chart" not in app.query_params and len(app.get("plotly_chart")) == 3


@pytest.mark.app
@pytest.mark.parametrize("params", [{}, {"present": "1"}], ids=["normal", "presenter"])
def test_a_link_naming_a_chart_the_page_does_not_have_shows_the_page_as_usual(monkeypatch, real_warehouse, params):
    app = articles_asking_for(monkeypatch, real_warehouse, "regions_map", params)
    assert not app.exception and "chart" not in app.query_params
    assert len(app.get("plotly_chart")) == (1 if params else 3)

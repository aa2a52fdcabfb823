"""Chart builders: every builder of dashboard/charts/ draws its chart for a view from the queries it names, states
a finding in its title, and cites what it drew from; the same builder serves the page and the briefing pack."""
import importlib
import pkgutil

import pandas as pd
import pytest

import dashboard.charts
from briefing import images
from dashboard.charts import Chart, chart, detentions, overview
from dashboard.charts.detentions import CUSTODY_TYPES, RALLY_FIGURE, SPANS
from dashboard.charts.style import plain
from dashboard.labels import label, metric_label, stated
from dashboard.loader import load
from dashboard.view import Filters, View
from tests.support import busiest_person, every_chart

pytestmark = pytest.mark.sql

BUILDER_OPTIONS = {"dashboard.charts.people.timeline": {"person_id": "yerbol-yeskhozhin"}}  # builders that need an option to draw at all


def every_builder():
    for module in pkgutil.iter_modules(dashboard.charts.__path__):
        loaded = importlib.import_module(f"dashboard.charts.{module.name}")
        for name, value in vars(loaded).items():
            if callable(value) and hasattr(value, "queries") and value.__module__ == loaded.__name__:
                yield pytest.param(value, id=f"{module.name}.{name}")


def options_of(draw) -> dict:
    return BUILDER_OPTIONS.get(f"{draw.__module__}.{draw.__name__}", {})


@pytest.fixture()
def on_records(monkeypatch, real_warehouse):
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(real_warehouse))


@pytest.mark.parametrize("draw", list(every_builder()))
def test_every_builder_draws_a_cited_chart_with_its_finding_as_title(on_records, draw):
    drawn = chart(draw, View(), **options_of(draw))
    assert isinstance(drawn, Chart)
    title = drawn.figure.layout.title.text
    assert title and any(ch.isdigit() for ch in title), f"the title states a finding with its number: {title}"
    assert not drawn.table.empty and drawn.cite_from
    assert any(("sections" in frame and frame["sections"].map(len).sum() > 0) for frame in drawn.cite_from)
    assert drawn.figure.layout.xaxis.title.text or drawn.figure.layout.yaxis.title.text or draw.__name__ == "regions_map"


def test_every_chart_has_a_key_of_its_own(on_records):
    """The key names the chart's widgets and its briefing item: two charts with one key would share them."""
    keys = [chart(param.values[0], View(), **options_of(param.values[0])).key for param in every_builder()]
    assert len(keys) == len(set(keys)) > 15


def test_a_view_with_nothing_to_draw_gives_no_chart(on_records):
    nobody = View(Filters(regions=("KZ-62",)))  # Ulytau region: no record names it
    from dashboard.charts import sentences
    assert chart(sentences.types, nobody) is None


def test_presenter_mode_draws_the_same_numbers_larger(on_records):
    from dashboard.charts import articles
    normal, present = chart(articles.by_article, View()), chart(articles.by_article, View(present=True))
    assert normal.table.equals(present.table)
    assert present.figure.layout.font.size > normal.figure.layout.font.size


def colour_of(trace) -> str:
    marker = getattr(trace, "marker", None)
    return marker.color if marker is not None and isinstance(marker.color, str) else trace.line.color


def legend_colours(figure) -> dict[str, str]:
    """Each legend entry's colour (marker, else line): the traces the legend shows, by name."""
    shown = [t for t in figure.data if t.showlegend is not False and t.name]
    if figure.layout.showlegend is False or (figure.layout.showlegend is None and len(shown) < 2):
        return {}
    return {t.name: colour_of(t) for t in shown}


def colour_categories(figure) -> set[str]:
    """The colours that stand for categories: the legend's, and those one trace gives its points one by one."""
    pointwise = {c for t in figure.data if hasattr(t, "marker") and isinstance(t.marker.color, (list, tuple))
                 for c in t.marker.color if isinstance(c, str)}
    return set(legend_colours(figure).values()) | pointwise


def test_every_chart_gives_each_category_a_colour_of_its_own_and_at_most_eight(on_records, real_warehouse):
    drawn = every_chart(View(), busiest_person(real_warehouse))
    assert {c.key for c in drawn} >= {"detentions_chart", "overview_timeline_chart", "person_timeline"}
    for each in drawn:
        colours = legend_colours(each.figure)
        assert len(set(colours.values())) == len(colours), f"{each.key}: two legend entries share a colour {colours}"
        assert len(colour_categories(each.figure)) <= 8, each.key


@pytest.mark.parametrize("span", SPANS)
def test_detentions_draw_rallies_and_individual_detentions_in_panels_of_their_own(on_records, span):
    drawn = chart(detentions.detentions, View(), span=span)
    panels = {t.name: t.yaxis for t in drawn.figure.data}
    assert panels[label("event_type", "mass_detention")] == "y"
    assert {panels[label("event_type", t)] for t in CUSTODY_TYPES if label("event_type", t) in panels} == {"y2"}
    assert drawn.figure.layout.yaxis.domain[0] > drawn.figure.layout.yaxis2.domain[1], "stacked, not overlaid"
    assert drawn.figure.layout.xaxis.matches == "x2", "one time axis"


def test_detentions_show_the_sources_figure_for_rally_detentions_as_stated(on_records):
    stated_figure = load(View(), "figure_comparisons").set_index("metric").loc[RALLY_FIGURE]
    title = images.plain_text(chart(detentions.detentions, View()).figure.layout.title.text)
    assert stated(stated_figure["stated_value"], stated_figure["qualifier"]) in title
    assert stated_figure["qualifier"] != "more_than" or "more than" in title, "a lower bound stays one"


def test_detentions_open_on_the_dense_years_and_say_so(on_records, real_db):
    dense, whole = (chart(detentions.detentions, View(), span=span).figure.layout for span in SPANS)
    start, end = (pd.Timestamp(x) for x in dense.xaxis2.range)
    events = real_db.execute("SELECT event_date FROM events WHERE list_contains($types, event_type)",
                             {"types": list(detentions.DETENTION_TYPES)}).df()["event_date"]
    inside = events.between(start, end - pd.Timedelta(days=1)).sum()
    assert inside >= detentions.DENSE_SHARE * len(events) and end - start < pd.Timedelta(days=366 * 5)
    assert f"{start.year}–{end.year - 1}" in dense.xaxis2.title.text and f"({inside})" in dense.xaxis2.title.text
    assert pd.Timestamp(whole.xaxis2.range[0]) < events.min() and "whole record" in whole.xaxis2.title.text
    marks = load(View(), "key_dates")
    labelled = images.plain_text(" ".join(a.text for a in dense.annotations))
    for day in marks.loc[marks["event_date"].between(start, end), "event_date"]:
        assert f"{day:%b %Y}" in labelled, f"the key date {day:%Y-%m-%d} has its label"


def test_stated_figures_say_on_the_chart_how_and_why_the_names_differ(on_records):
    comparisons = load(View(), "figure_comparisons")
    differing = comparisons[comparisons["named_count"].notna() & (comparisons["comparison"] != "Same")]
    drawn = chart(overview.stated_and_named, View()).figure
    notes = " ".join(a.text.replace("<br>", " ") for a in drawn.layout.annotations)
    assert len(differing) == len(drawn.layout.annotations) > 0
    for row in differing.itertuples():
        assert f"stated {stated(row.stated_value, row.qualifier)}, named {int(row.named_count)}: " in notes
        assert isinstance(row.names_note, str) and plain(row.names_note) in notes, "the records say why"
    named = comparisons[comparisons["named_count"].notna()]
    assert [y.replace("<br>", " ") for y in drawn.data[0].y] == \
        [plain(metric_label(m, d)) for m, d in zip(named["metric"], named["description"])], "named by their labels"

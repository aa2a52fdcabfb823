"""The chart cache: a builder runs once per options, view and warehouse build, and every later call gets that same
Chart; anything else that changes builds it anew. Charts not yet built have their queries loaded together, with
those the page loads next."""
import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts
from dashboard.charts import Chart, builder
from dashboard.view import Filters, View

pytestmark = pytest.mark.unit

CALLS: list[tuple[str, str]] = []
LOADED: list[list] = []


@pytest.fixture(autouse=True)
def state(monkeypatch):
    """The build the builders see, and a loader that records what it is asked for, set by each test."""
    now = {"stamp": ("warehouse", 1, 1)}
    monkeypatch.setattr(charts, "warehouse_stamp", lambda: now["stamp"])
    monkeypatch.setattr(charts, "load_many", lambda view, wanted: (LOADED.append(list(wanted)),
                                                                   {name: pd.DataFrame({"n": [1]}) for name, _ in wanted})[1])
    charts.built_charts.clear()
    CALLS.clear()
    LOADED.clear()
    yield now
    charts.built_charts.clear()


def stand_in() -> Chart:
    """A chart of nothing, citing nothing: identity tells whether it was built again."""
    return Chart("test", "stand_in", go.Figure(), pd.DataFrame())


@builder("people_counts")
def people_or_events(frames, view, measure="People"):
    CALLS.append(("people_or_events", measure))
    return stand_in()


@builder(("another_query", {"listed": 10}))
def another_chart(frames, view, measure="People"):
    CALLS.append(("another_chart", measure))
    return stand_in()


def test_same_view_gets_the_same_chart_without_building_again():
    first = charts.chart(people_or_events, View(), measure="People")
    assert charts.chart(people_or_events, View()) is first  # the default options are the same chart
    assert CALLS == [("people_or_events", "People")]
    assert LOADED == [[("people_counts", {"measure": "People"})]]


@pytest.mark.parametrize("view", [
    View(Filters(regions=("KZ-75",))),
    View(Filters(date_from=dt.date(2021, 1, 1))),
    View(present=True),
    View(hide_names=True),  # a chart with real names is never served with names hidden
    View(language="kk"),
])
def test_another_view_builds_anew(view):
    before = charts.chart(people_or_events, View())
    assert charts.chart(people_or_events, view) is not before
    assert len(CALLS) == 2


def test_a_new_build_builds_anew(state):
    before = charts.chart(people_or_events, View())
    state["stamp"] = ("warehouse", 2, 2)
    assert charts.chart(people_or_events, View()) is not before


def test_other_options_or_another_builder_build_their_own():
    assert charts.chart(people_or_events, View(), measure="People") is not charts.chart(people_or_events, View(), measure="Events")
    assert charts.chart(another_chart, View()) is not charts.chart(people_or_events, View())
    assert CALLS == [("people_or_events", "People"), ("people_or_events", "Events"), ("another_chart", "People")]


def test_charts_not_yet_built_load_their_queries_together():
    charts.chart(people_or_events, View())
    LOADED.clear()
    charts.charts(View(), people_or_events, another_chart, (people_or_events, {"measure": "Events"}))
    assert LOADED == [[("another_query", {"measure": "People", "listed": 10}),
                       ("people_counts", {"measure": "Events"})]]


def test_no_rows_in_the_query_a_chart_draws_means_no_chart_and_no_build(monkeypatch):
    monkeypatch.setattr(charts, "load_many", lambda view, wanted: {name: pd.DataFrame({"n": []}) for name, _ in wanted})
    assert charts.chart(people_or_events, View(Filters(regions=("KZ-62",)))) is None
    assert CALLS == []


def test_queries_the_page_loads_next_run_with_the_charts_own_or_alone_once_the_charts_are_built():
    also = [("people_listed", {"chosen_type": "fine"})]
    charts.charts(View(), people_or_events, also=also)
    charts.charts(View(), people_or_events, also=also)
    assert LOADED == [[*also, ("people_counts", {"measure": "People"})], also]

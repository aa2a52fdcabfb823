"""AppTest per page: renders without exception with default filters, with a filter that empties the
result (an empty state that says so), and in presenter + hide-names mode."""
import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts, loader
from dashboard.loader import LISTED
from dashboard.view import View
from tests.support import APP, PAGES, run_page

pytestmark = pytest.mark.app

FILTERED_CHART_PAGES = ["overview", "detentions", "articles", "sentences", "regions"]
NOBODY = {"region": "KZ-62"}  # Ulytau region: no record names it


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_default_filters(monkeypatch, real_warehouse, page):
    app = run_page(monkeypatch, real_warehouse, page, {})
    assert not app.exception, app.exception
    assert app.title, "every page has a title"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_an_empty_state_when_filters_match_nothing(monkeypatch, real_warehouse, page):
    app = run_page(monkeypatch, real_warehouse, page, NOBODY)
    assert not app.exception, app.exception
    if page in FILTERED_CHART_PAGES:
        assert any("match the current filters" in info.value for info in app.info)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_presenter_and_hide_names_mode(monkeypatch, real_warehouse, page):
    app = run_page(monkeypatch, real_warehouse, page, {"present": "1", "anonymise": "1"})
    assert not app.exception, app.exception
    assert app.toggle(key="mode_present").value and app.toggle(key="mode_anonymise").value


def test_unknown_filter_values_in_the_link_are_ignored_with_a_warning(monkeypatch, real_warehouse):
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(real_warehouse))
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params.update({"region": "KZ-99,<script>", "from": "yesterday"})
    app.run()
    assert not app.exception
    assert app.multiselect(key="filter_region").value == []
    warnings = " ".join(w.value for w in app.sidebar.warning)
    assert "KZ-99" in warnings and "yesterday" in warnings


def test_a_filter_picked_in_the_sidebar_applies_in_that_rerun_and_clear_filters_lifts_every_one(monkeypatch,
                                                                                                  real_warehouse):
    app = run_page(monkeypatch, real_warehouse, "sentences", {"lang": "ru", "from": "2019-01-01"})
    full = app.slider(key="filter_period")
    assert full.value[0].year == 2019 and not app.info
    app.multiselect(key="filter_region").set_value([NOBODY["region"]]).run()
    assert not app.exception and app.info, "the page drawn before the sidebar already has the region"
    assert app.query_params["region"] == NOBODY["region"]
    app.button(key="filters_clear").click().run()
    assert not app.exception and not app.info
    assert app.multiselect(key="filter_region").value == [] and app.slider(key="filter_period").value[0].year < 2019
    assert dict(app.query_params) == {"lang": "ru"}


def recorded_loads(monkeypatch) -> tuple[list, list]:
    """From now on, with both caches emptied: the query names of every load_many batch, and every query the warehouse
    runs with its parameters."""
    batches, runs = [], []
    load_many, run = charts.load_many, loader._run
    monkeypatch.setattr(charts, "load_many", lambda view, wanted: (batches.append([w[0] for w in wanted]),
                                                                   load_many(view, wanted))[1])
    monkeypatch.setattr(loader, "_run", lambda name, params, stamp: (runs.append((name, dict(params))),
                                                                     run(name, params, stamp))[1])
    charts.built_charts.clear()
    loader.clear()
    return batches, runs


def test_a_rerun_loads_the_people_of_the_sentence_type_kept_in_the_box_with_the_charts(monkeypatch, real_warehouse):
    app = run_page(monkeypatch, real_warehouse, "sentences", {})
    app.selectbox(key="sentences_people_type_en").set_value("imprisonment").run()
    batches, runs = recorded_loads(monkeypatch)
    start, end = app.slider(key="filter_period").value
    app.slider(key="filter_period").set_value((dt.date(2020, 1, 1), end)).run()
    assert not app.exception and app.selectbox(key="sentences_people_type_en").value == "imprisonment"
    assert batches[0] == ["people_with_sentence", "sentence_types", "sentence_terms", "activity_bans",
                          "sentence_conversions"]
    listed = [params for name, params in runs if name == "people_with_sentence"]
    assert [(p["chosen_type"], p["date_from"]) for p in listed] == [("imprisonment", dt.date(2020, 1, 1))]


def test_a_first_visit_loads_the_people_of_the_charts_first_bar_with_the_charts(monkeypatch, real_warehouse):
    batches, runs = recorded_loads(monkeypatch)
    app = run_page(monkeypatch, real_warehouse, "sentences", {})
    assert not app.exception
    first_bar = loader.load(View(), "sentence_types")["sentence_type"].iloc[0]
    assert app.selectbox(key="sentences_people_type_en").value == first_bar
    assert ["people_with_sentence", "sentence_types", "sentence_terms", "activity_bans", "sentence_conversions"] in batches
    assert [params["chosen_type"] for name, params in runs if name == "people_with_sentence"] == [None]
    listed = loader.load(View(), "people_with_sentence", chosen_type=first_bar, listed=LISTED)
    shown = [frame.value for frame in app.dataframe if "Sentence type" in frame.value.columns]
    assert [len(frame) for frame in shown] == [len(listed)] and len(listed) > 0


@pytest.mark.parametrize("page", ["briefing", "sentences"])
def test_a_page_that_ends_early_still_has_the_sidebar(monkeypatch, real_warehouse, page):
    app = run_page(monkeypatch, real_warehouse, page, NOBODY)  # the briefing has nothing collected yet
    assert not app.exception and app.info
    assert app.multiselect(key="filter_region").value == [NOBODY["region"]]
    assert app.button(key="filters_clear")


def test_a_charts_table_is_sent_once_its_tab_is_opened(monkeypatch, real_warehouse):
    from dashboard.charts.show import table_tabs_key
    from dashboard.labels import header

    app = run_page(monkeypatch, real_warehouse, "articles", {})
    assert [t.label for t in app.tabs][:2] == ["Chart", "Table"]
    per_article = header("n_people_article")
    assert not any(per_article in d.value for d in app.dataframe), "a closed Table tab sends no grid"
    app.session_state[table_tabs_key("articles_chart")] = "Table"
    table = next(d.value for d in app.run().dataframe if per_article in d.value)
    assert not app.exception
    assert {header("sections"), header("source_ids")}.isdisjoint(table.columns) and table[header("n_people")].sum() > 0


def test_detentions_open_on_the_dense_years_and_show_the_whole_record_on_request(monkeypatch, real_warehouse):
    import json

    app = run_page(monkeypatch, real_warehouse, "detentions", {})
    axis = lambda: json.loads(app.get_by_key("detentions_chart").proto.spec)["layout"]["xaxis2"]  # noqa: E731
    assert app.segmented_control(key="detentions_span_en").value == "Dense years"
    assert axis()["title"]["text"].startswith("Month") and "the shortest run of years" in axis()["title"]["text"]
    dense = axis()["range"]
    app.segmented_control(key="detentions_span_en").set_value("Whole record").run()
    assert not app.exception and "the whole record" in axis()["title"]["text"]
    assert axis()["range"][0] < dense[0], "the whole record reaches further back"


def test_the_overview_lists_every_other_statement_of_a_stated_figure_in_words(monkeypatch, real_warehouse):
    from dashboard.labels import header
    from dashboard.loader import load
    from dashboard.view import View

    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(real_warehouse))
    statements = load(View(), "figure_statements")
    app = run_page(monkeypatch, real_warehouse, "overview", {})
    headers = [header(c) for c in ("metric", "as_of", "value", "qualifier", "unit", "title", "published")]
    shown = [d.value for d in app.dataframe if list(d.value.columns) == headers]
    assert not app.exception and not statements.empty, "the real records restate some figures"
    assert len(shown) == 1 and len(shown[0]) == len(statements)
    assert not set(shown[0][header("metric")]) & set(statements["metric"]), "figures are named in words, not slugs"

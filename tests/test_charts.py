"""Chart builders: every builder of dashboard/charts/ draws its chart for a view from the queries it names, states
a finding in its title, and cites what it drew from; the same builder serves the page and the briefing pack."""
import importlib
import pkgutil

import pytest

import dashboard.charts
from dashboard.charts import Chart, chart
from dashboard.view import Filters, View

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

"""dashboard.loader: a page's queries run side by side (or one after another with DASHBOARD_QUERY_THREADS=0), each
query gets the view's filters it takes, and hide-names is applied inside the one loader."""
import os
import subprocess
import sys
import threading

import pytest

from dashboard import loader
from dashboard.labels import header, readable_table
from dashboard.view import Filters, View
from tests.conftest import PROJECT

pytestmark = pytest.mark.sql


@pytest.fixture()
def barrier_queries(monkeypatch):
    """load() replaced by a stand-in that waits until every query has started: run one after another, the first
    would wait in vain."""
    everyone_started = threading.Barrier(loader.QUERY_THREADS, timeout=10)

    def fake_load(view, name, **extra):
        everyone_started.wait()
        return f"{name} for {extra}"

    monkeypatch.setattr(loader, "load", fake_load)


def test_queries_of_one_view_run_at_the_same_time_and_come_back_by_name(barrier_queries):
    assert loader.QUERY_THREADS >= 2
    wanted = [(f"query_{i}", {"n": i}) for i in range(loader.QUERY_THREADS)]
    assert loader.load_many(View(), wanted) == {f"query_{i}": f"query_{i} for {{'n': {i}}}" for i in range(loader.QUERY_THREADS)}


def test_a_failing_query_fails_the_page(monkeypatch):
    def broken(view, name, **extra):
        raise loader.WarehouseUnavailable("no warehouse")

    monkeypatch.setattr(loader, "load", broken)
    with pytest.raises(loader.WarehouseUnavailable, match="no warehouse"):
        loader.load_many(View(), ["sources", "build_info"])


def test_zero_query_threads_runs_one_query_after_another(real_warehouse):
    script = ("import threading\nfrom dashboard import loader\nfrom dashboard.view import View\n"
              "seen = set()\nreal = loader.load\n"
              "loader.load = lambda view, name, **extra: (seen.add(threading.current_thread().name), real(view, name, **extra))[1]\n"
              "frames = loader.load_many(View(), ['sources', 'build_info', 'period_bounds'])\n"
              "print(loader._side_by_side, sorted(seen), sorted(frames))")
    env = {**os.environ, "DASHBOARD_QUERY_THREADS": "0", "DASHBOARD_WAREHOUSE": str(real_warehouse)}
    out = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "None ['MainThread'] ['build_info', 'period_bounds', 'sources']"


def test_the_warehouse_connection_hands_freed_memory_back(real_warehouse):
    connection = loader._connection(*loader.warehouse_stamp(real_warehouse / loader.DATABASE_NAME))
    settings = dict(connection.execute("SELECT name, value FROM duckdb_settings() WHERE name LIKE 'allocator_%'")
                    .fetchall())
    assert (settings["allocator_flush_threshold"], settings["allocator_background_threads"]) == ("16MiB", "true")


def test_each_query_gets_the_filters_it_takes_and_nothing_else():
    view = View(Filters(regions=("KZ-75",), articles=("405",)))
    assert dict(loader.parameters(view, "sources", {})) == {}  # takes no parameter: a filter would be an error
    key_dates = dict(loader.parameters(view, "key_dates", {}))
    assert key_dates == {"date_from": None, "date_to": None}
    articles = dict(loader.parameters(view, "people_per_article", {"ignored": 1}))
    assert articles["regions"] == ("KZ-75",) and articles["articles"] == (405,) and "ignored" not in articles


def test_names_are_hidden_inside_the_loader(monkeypatch, real_warehouse):
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(real_warehouse))
    shown = loader.load(View(), "person_names")
    hidden = loader.load(View(hide_names=True), "person_names")
    assert len(shown) == len(hidden) > 100
    assert set(shown["name"]).isdisjoint(hidden["name"])
    assert hidden["name"].str.fullmatch(r"Person [A-Z0-9-]+").all()


def test_each_caller_gets_its_own_frame(monkeypatch, real_warehouse):
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(real_warehouse))
    first = loader.load(View(), "sources")
    first.drop(index=first.index, inplace=True)
    assert not loader.load(View(), "sources").empty


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_readers_table_is_the_result_worded_in_the_views_language_and_shared(monkeypatch, real_warehouse,
                                                                               language):
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(real_warehouse))
    view, columns = View(hide_names=True, language=language), ("name", "aliases", "source_section")
    table = loader.load_table(view, "spelling_variants", columns)
    worded = readable_table(loader.load(view, "spelling_variants")[list(columns)], language)
    assert table.equals(loader.reader_table(worded))
    assert table.column_names == [header(column, language) for column in columns]
    assert loader.load_table(view, "spelling_variants", columns) is table  # immutable: shared, not copied

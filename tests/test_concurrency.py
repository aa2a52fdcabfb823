"""Many viewers at once, through the app's own loader (dashboard/loader.py) on the real warehouse.

Sixteen threads run every query that takes the shared filters, with varied filters, many times over.
The connection of a build is shared by design; what must never be shared is a cursor: every query takes
its own and closes it, and every result equals the same query run alone.
"""
from __future__ import annotations

import random
import re
import threading
from collections import defaultdict
from types import SimpleNamespace

import duckdb
import pandas as pd
import pytest

from dashboard import loader as db
from dashboard.view import Filters, View
from etl.spelling import spelling_key
from tests.conftest import NO_FILTERS, PROJECT

pytestmark = [pytest.mark.load, pytest.mark.alone]

THREADS = 16
ROUNDS = 2  # each thread runs every case this many times, in its own order
FILTER_SETS = 8
SEED = 2021


def filtered_queries() -> dict[str, set[str]]:
    """queries/*.sql that take every shared filter parameter -> their further parameters."""
    found = {}
    for path in sorted((PROJECT / "queries").glob("*.sql")):
        params = set(re.findall(r"\$(\w+)", path.read_text(encoding="utf-8")))
        if set(NO_FILTERS) <= params:
            found[path.stem] = params - set(NO_FILTERS)
    return found


def filter_sets(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """No filters, then random combinations of values the warehouse offers (the sidebar's own options)."""
    options = defaultdict(list)
    for kind, value, _label in con.execute(db.SQL["filter_options"]).fetchall():
        options[kind].append(value)
    # periods run between dates that have events: the records span 2001-2021 but most facts are from 2018 on
    dates = [row[0] for row in con.execute("SELECT DISTINCT event_date FROM events ORDER BY 1").fetchall()]
    rng = random.Random(SEED)
    kinds = {"region": "regions", "article": "articles", "sentence_type": "sentence_types",
             "affiliation": "affiliations", "gender": "genders", "status": "statuses"}
    sets = [dict(NO_FILTERS)]
    while len(sets) < FILTER_SETS:
        params = dict(NO_FILTERS)
        for kind in rng.sample(sorted(kinds), rng.randint(1, 2)):  # one or two filters, as a viewer sets them
            params[kinds[kind]] = rng.sample(options[kind], rng.randint(1, 2))
        params["articles"] = [int(a) for a in params["articles"]]
        if rng.random() < 0.5:
            start = rng.randrange(len(dates) // 2)
            params["date_from"], params["date_to"] = dates[start], dates[rng.randrange(start + 1, len(dates))]
        sets.append(params)
    return sets


@pytest.fixture(scope="module")
def cases(real_warehouse) -> list[tuple[str, dict]]:
    """(query, parameters): every filtered query under every filter set, with its own parameters varied too."""
    con = duckdb.connect(str(real_warehouse / db.DATABASE_NAME), read_only=True)
    try:
        event_types = [r[0] for r in con.execute("SELECT DISTINCT event_type FROM events ORDER BY 1").fetchall()]
        sentence_types = [r[0] for r in con.execute("SELECT DISTINCT sentence_type FROM sentences ORDER BY 1").fetchall()]
        a_name = con.execute("SELECT name FROM persons ORDER BY person_id LIMIT 1").fetchone()[0]
        sets = filter_sets(con)
    finally:
        con.close()
    extras = {"event_types": [event_types, event_types[:2]], "search": ["", a_name[:3]], "chosen_type": sentence_types,
              "listed": [1_000, None, 2], "search_key": ["", spelling_key(a_name)[:3]]}
    queries = filtered_queries()
    unknown = set().union(*queries.values()) - set(extras)
    assert not unknown, f"a filtered query takes parameters this test does not vary: {unknown}"
    return [(name, {**filters, **{p: extras[p][i % len(extras[p])] for p in own}})
            for name, own in queries.items() for i, filters in enumerate(sets)]


class CursorLedger:
    """Stands in for db._connection: hands out the build's shared connection and records every cursor taken
    from it, per thread."""

    def __init__(self, connect):
        self._connect = connect
        self._lock = threading.Lock()
        self.connections: set[int] = set()
        self.cursors: dict[int, list] = defaultdict(list)  # thread id -> cursors, kept alive so ids stay unique

    def __call__(self, *stamp) -> SimpleNamespace:
        connection = self._connect(*stamp)
        with self._lock:
            self.connections.add(id(connection))
        return SimpleNamespace(cursor=lambda: self._hand_out(connection))

    def _hand_out(self, connection):
        cursor = connection.cursor()
        with self._lock:
            self.cursors[threading.get_ident()].append(cursor)
        return cursor


def rounds(thread: int, n_cases: int) -> list[int]:
    """Every case ROUNDS times, in an order of the thread's own, so threads run different queries at once."""
    order = [i for _ in range(ROUNDS) for i in range(n_cases)]
    random.Random(thread).shuffle(order)
    return order


def same(frame: pd.DataFrame, expected: pd.DataFrame) -> bool:
    try:
        pd.testing.assert_frame_equal(frame, expected)
    except AssertionError:
        return False
    return True


def run_threads(work) -> list[str]:
    """Run work(index) on THREADS threads released together; return every failure, exceptions included."""
    failures: list[str] = []
    start = threading.Barrier(THREADS)

    def worker(index: int) -> None:
        start.wait()
        try:
            work(index)
        except Exception as err:  # a thread's exception must fail the test, not vanish with the thread
            failures.append(f"thread {index}: {type(err).__name__}: {err}")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not any(thread.is_alive() for thread in threads), "a query thread hung"
    return failures


def through_loader(layer, name: str, params: dict) -> pd.DataFrame:
    """A case as a page asks for it: its filters as a View, its own parameters beside."""
    filters = Filters(params["date_from"], params["date_to"],
                      **{k: tuple(str(v) for v in params[k]) for k in NO_FILTERS if k not in ("date_from", "date_to")})
    return layer.load(View(filters), name, **{k: v for k, v in params.items() if k not in NO_FILTERS})


@pytest.fixture()
def layer(real_warehouse, monkeypatch):
    """dashboard.loader pointed at the real warehouse, with its caches empty before and after."""
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(real_warehouse))
    db.clear()
    yield db
    db.clear()


def test_sixteen_threads_each_query_with_its_own_cursor_and_get_unmixed_results(layer, cases, monkeypatch):
    run_query = layer._run  # the cursor logic itself, so no answer comes from the cache
    stamp = layer.warehouse_stamp()
    alone = [run_query(name, layer.frozen(params), stamp) for name, params in cases]
    assert sum(not frame.empty for frame in alone) > len(alone) / 3  # the comparison is largely of real rows
    assert len({frame.to_json() for frame in alone}) > len(filtered_queries())  # filters change answers

    ledger = CursorLedger(layer._connection)
    monkeypatch.setattr(layer, "_connection", ledger)
    mixed: list[str] = []

    def work(index: int) -> None:
        mine = ledger.cursors[threading.get_ident()]
        for i in rounds(index, len(cases)):
            name, params = cases[i]
            before = len(mine)
            frame = run_query(name, layer.frozen(params), stamp)
            assert len(mine) == before + 1, f"{name} did not take exactly one new cursor"
            if not same(frame, alone[i]):
                mixed.append(f"thread {index}: {name} {params}")

    failures = run_threads(work)
    assert failures == []
    assert mixed == []
    cursors = [cursor for per_thread in ledger.cursors.values() for cursor in per_thread]
    assert len(ledger.cursors) == THREADS
    assert len(cursors) == THREADS * ROUNDS * len(cases)
    assert len({id(cursor) for cursor in cursors}) == len(cursors)  # never one cursor for two queries
    assert len(ledger.connections) == 1  # one connection for the build, shared by all threads
    for cursor in cursors:  # every cursor was closed once its query was read
        with pytest.raises(duckdb.ConnectionException):
            cursor.execute("SELECT 1")


def test_sixteen_threads_through_the_cached_query_get_their_own_copies(layer, cases):
    """The path pages take (load() for a view, and its result cache, working outside a script run): equal answers,
    and a caller that changes its frame changes nobody else's."""
    alone = [through_loader(layer, name, params) for name, params in cases]
    mixed: list[str] = []

    def work(index: int) -> None:
        for i in rounds(index, len(cases)):
            name, params = cases[i]
            frame = through_loader(layer, name, params)
            if not same(frame, alone[i]):
                mixed.append(f"thread {index}: {name} {params}")
            frame.drop(index=frame.index, inplace=True)  # this caller empties its own copy

    assert run_threads(work) == []
    assert mixed == []
    assert all(same(through_loader(layer, name, params), frame) for (name, params), frame in zip(cases, alone))

"""What pages call to get data: the query layer plus the active filters and hide-names mode."""
from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from dashboard.db import fetch, frozen, query, warehouse_stamp
from dashboard.filters import current
from dashboard.privacy import NameScrubber, hide_names
from etl.schema import TABLES

LISTED = 1_000  # rows of a list of people sent to the browser (a query's $listed); search or the filters find the rest
# A page's loaders that run at once: one per core, as more only queue for the cores while holding working memory.
# The pool is shared by every session, so many viewers at once queue here too.
SIDE_BY_SIDE = max(2, os.cpu_count() or 1)
_LOADERS = ThreadPoolExecutor(max_workers=SIDE_BY_SIDE, thread_name_prefix="page-loader")


@st.cache_resource(max_entries=2, show_spinner=False)
def _scrubber(stamp: tuple) -> NameScrubber:
    return NameScrubber(query("person_names"))


# Replacing names in 100,000 rows takes most of a second: the pseudonymised frames are kept like the results.
@st.cache_resource(max_entries=64, show_spinner=False)
def _with_names_hidden(name: str, params: tuple, stamp: tuple) -> pd.DataFrame:
    return hide_names(query(name, **dict(params)), _scrubber(stamp))


def load(name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql; names are replaced by pseudonyms when hide-names is on. Each caller gets its
    own frame to change."""
    if current()[1].anonymise:
        return _with_names_hidden(name, frozen(params), warehouse_stamp()).copy()
    return query(name, **params)


def load_filtered(name: str, **extra) -> pd.DataFrame:
    """Run a query that takes the shared filters as $named parameters."""
    return load(name, **current()[0].params(), **extra)


def at_once(*loaders: Callable[[], Any]) -> list[Any]:
    """A page's loaders (queries, chart builders) run side by side, their results in order: DuckDB answers
    outside the GIL, so the page waits for its slowest query instead of the sum. A loader must not call
    at_once itself (the pool could fill up with callers waiting for each other)."""
    run = get_script_run_ctx()

    def in_this_run(loader: Callable[[], Any]) -> Any:
        add_script_run_ctx(threading.current_thread(), run)  # the session's state: its filters and modes
        return loader()

    return list(_LOADERS.map(in_this_run, loaders))


def rows_for_download(name: str, filtered: bool, order_by: list[str]) -> Callable[[], pd.DataFrame]:
    """Fetches queries/<name>.sql as the filters and hide-names mode are now, when called: a download button
    calls it on click, outside the page run, so a table of a million rows is neither fetched on every rerun
    nor kept in the result cache."""
    params = current()[0].params() if filtered else {}
    scrubber = _scrubber(warehouse_stamp()) if current()[1].anonymise else None

    def rows() -> pd.DataFrame:
        frame = fetch(name, **params)
        if scrubber is None:
            return frame
        # in the order of the pseudonymised keys: an order by real id would hint at names
        return hide_names(frame, scrubber).sort_values(order_by, ignore_index=True)

    return rows


@functools.cache
def definitions(tables: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What each table holds and what each of its columns means, from the registry that validates every build:
    the same for every run, so made once."""
    summary = pd.DataFrame({"table": list(tables), "one row per": [TABLES[t]["grain"] for t in tables],
                            "key": [", ".join(TABLES[t]["key"]) for t in tables]})
    columns = pd.DataFrame([{"table": t, "column": c.name, "type": c.kind, "meaning": c.description,
                             "required": c.required, "allowed values": ", ".join(c.allowed)}
                            for t in tables for c in TABLES[t]["columns"]])
    return summary, columns

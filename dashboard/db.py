"""Read-only access to the published warehouse: one connection per build, a cursor per query, cached results.

The cache key includes the warehouse file's identity, so a new `etl build` (which swaps the file
in with os.replace) is picked up on the next rerun without restarting the app.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = PROJECT_ROOT / "queries"
DATABASE_NAME = "repression.duckdb"
# The published file is attached under one fixed name (no identifier ever comes from outside).
ATTACH_SQL = "ATTACH ? AS warehouse (READ_ONLY)"
USE_SQL = "USE warehouse"
# A query's working memory goes back to the system once a task has used this much, rather than from 128 MiB:
# a page's queries run side by side, and each kept its peak otherwise.
ALLOCATOR_SQL = "SET allocator_flush_threshold = '16MiB'"


class WarehouseUnavailable(Exception):
    """The warehouse is missing or unreadable; the message says how to rebuild it."""


def warehouse_path() -> Path:
    folder = Path(os.environ.get("DASHBOARD_WAREHOUSE", PROJECT_ROOT / "data" / "warehouse"))
    return folder / DATABASE_NAME


def warehouse_stamp() -> tuple[str, int, int]:
    """Identity of the published file: changes whenever a build is swapped in."""
    path = warehouse_path()
    try:
        info = path.stat()
    except FileNotFoundError as err:
        raise WarehouseUnavailable(
            f"No warehouse at {path}. Build it with `python -m etl build` (or `make run`)."
        ) from err
    return str(path), info.st_ino, info.st_mtime_ns


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, inode: int, mtime_ns: int) -> duckdb.DuckDBPyConnection:
    # duckdb.connect(path) hands back the database it already has open for that path, i.e. the build that
    # was replaced (duckdb/duckdb#15912); a private in-memory database attaching the file opens this build.
    connection = duckdb.connect(":memory:")
    try:
        connection.execute(ATTACH_SQL, [path])
        connection.execute(ALLOCATOR_SQL)
    except duckdb.Error as err:
        connection.close()
        raise WarehouseUnavailable(
            f"The warehouse at {path} cannot be opened ({type(err).__name__}). "
            "Rebuild it with `python -m etl build`."
        ) from err
    return connection


@functools.cache
def load_sql(name: str) -> str:
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _run(name: str, params: tuple, stamp: tuple) -> pd.DataFrame:
    cursor = _connection(*stamp).cursor()  # cursors are per query: sessions never share one
    try:
        cursor.execute(USE_SQL)  # a cursor starts in the in-memory catalog
        return cursor.execute(load_sql(name), {k: list(v) if isinstance(v, tuple) else v for k, v in params}).df()
    finally:
        cursor.close()


# The frames themselves are kept, and query() hands each caller a copy: st.cache_data would unpickle every hit,
# which for a thousand rows with list columns cost more than the rest of a rerun.
@st.cache_resource(max_entries=512, show_spinner=False)
def _cached_query(name: str, params: tuple, stamp: tuple) -> pd.DataFrame:
    return _run(name, params, stamp)


def frozen(params: dict) -> tuple:
    """$named parameters in the hashable form the cache keys on."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def query(name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql with $named parameters against the current build, through the result cache; every
    caller gets its own copy to change."""
    return _answer(lambda: _cached_query(name, frozen(params), warehouse_stamp()).copy())


def fetch(name: str, **params) -> pd.DataFrame:
    """query() without the cache, for large one-off results such as a whole table to download."""
    return _answer(lambda: _run(name, frozen(params), warehouse_stamp()))


def _answer(run) -> pd.DataFrame:
    try:
        return run()
    except duckdb.Error as err:
        raise WarehouseUnavailable(
            f"The warehouse could not answer ({type(err).__name__}). Rebuild it with `python -m etl build`."
        ) from err

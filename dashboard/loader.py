"""The one way to the warehouse: `load(view, name)` runs queries/<name>.sql for a view, with the view's filters as
its $named parameters (those the query takes) and names replaced by pseudonyms when the view hides them, so no
caller can skip hide-names by picking another function.

In a view's language other than English, region and city names are given in it (dashboard/places.py) and record
text where a reviewed translation exists (the translations table), else in English with a mark saying so; downloads
keep the stored values.

The published file is opened read-only, once per build, each query on a cursor of its own. Results are kept in
one bounded cache keyed by the query, its parameters, hide-names, the language and the build, as stored, in a
language, or worded as a reader's table (`load_table`); a new `etl build` (swapped in with
os.replace) changes the build's identity, so the next rerun reads it without a restart. Nothing here reads
Streamlit's session: the briefing command line loads exactly as a page does.
"""
from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard.i18n import ENGLISH, translation
from dashboard.labels import readable_table
from dashboard.places import rename_places
from dashboard.privacy import NameScrubber, Pseudonyms, hide_names

if TYPE_CHECKING:  # the view module draws the sidebar with this loader
    from dashboard.view import View

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = PROJECT_ROOT / "queries"
DATABASE_NAME = "repression.duckdb"
LISTED = 1_000  # rows of a list of people sent to the browser (a query's $listed); search or the filters find the rest
RESULTS_KEPT = 512  # query results kept across sessions: most hold tens of rows, a list of people a thousand
# The published file is attached under one fixed name (no identifier ever comes from outside).
ATTACH_SQL = "ATTACH ? AS warehouse (READ_ONLY)"
USE_SQL = "USE warehouse"
# A query's working memory goes back to the system once a task has used this much, rather than from 128 MiB:
# a page's queries run side by side, and each kept its peak otherwise. Background threads hand back what freed
# memory the allocator still holds a few seconds later (the server's memory after every page: 306-310 -> 283-284 MB
# at 1M events, queries as fast).
ALLOCATOR_SQL = "SET allocator_flush_threshold = '16MiB'; SET allocator_background_threads = true"
# Queries of one page that run side by side (DASHBOARD_QUERY_THREADS; 0: one after another). DuckDB answers
# outside the GIL, so a page waits for its slowest query rather than the sum; more threads than cores only queue.
QUERY_THREADS = int(os.environ.get("DASHBOARD_QUERY_THREADS", os.cpu_count() or 1))
_side_by_side = ThreadPoolExecutor(QUERY_THREADS, thread_name_prefix="query") if QUERY_THREADS else None

# A deployment where no name may ever show (DASHBOARD_NAMES=hidden): every result has its names hidden whatever the
# view asks, and a profile link opens by pseudonym only, so a name typed into a link cannot reveal its pseudonym.
NAMES_LOCKED = os.environ.get("DASHBOARD_NAMES", "").strip().lower() == "hidden"

SQL = {path.stem: path.read_text(encoding="utf-8") for path in sorted(QUERIES_DIR.glob("*.sql"))}
# Results in the words stored, whatever the view's language: downloads, and what labels its values itself.
AS_STORED = ("export_", "filter_options", "record_translations")
# Columns of record text, in English as recorded: shown translated where a reviewed translation exists.
RECORD_TEXT_COLUMNS = ("description", "notes", "evidence", "summary", "label", "court", "title", "names_note")
# A date written as precisely as it is known (date_label), from its date and date_precision.
DATE_LABELLED = ("event_date", "fact_date")
# query -> the $named parameters it takes: a view offers every filter, and each query gets those it uses
PARAMETERS = {name: frozenset(re.findall(r"\$(\w+)", text)) for name, text in SQL.items()}


class WarehouseUnavailable(Exception):
    """The warehouse is missing or unreadable; the message says how to rebuild it."""


def warehouse_path() -> Path:
    folder = Path(os.environ.get("DASHBOARD_WAREHOUSE", PROJECT_ROOT / "data" / "warehouse"))
    return folder / DATABASE_NAME


def warehouse_stamp(path: Path | None = None) -> tuple[str, int, int]:
    """Identity of the published file (or of another build's): changes whenever a build is swapped in."""
    path = path or warehouse_path()
    try:
        info = path.stat()
    except FileNotFoundError as err:
        raise WarehouseUnavailable(
            f"No warehouse at {path}. Build it with `python -m etl build` (or `make run`)."
        ) from err
    return str(path), info.st_ino, info.st_mtime_ns


@functools.lru_cache(maxsize=2)
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


def _run(name: str, params: tuple, stamp: tuple) -> pd.DataFrame:
    cursor = _connection(*stamp).cursor()  # cursors are per query: sessions never share one
    try:
        cursor.execute(USE_SQL)  # a cursor starts in the in-memory catalog
        return cursor.execute(SQL[name], {k: list(v) if isinstance(v, tuple) else v for k, v in params}).df()
    except duckdb.Error as err:
        raise WarehouseUnavailable(
            f"The warehouse could not answer ({type(err).__name__}). Rebuild it with `python -m etl build`."
        ) from err
    finally:
        cursor.close()


@functools.lru_cache(maxsize=2)
def _pseudonyms(stamp: tuple) -> Pseudonyms:
    """Every person's pseudonym in this build, no two alike."""
    return Pseudonyms(_run("person_ids", (), stamp)["person_id"])


@functools.lru_cache(maxsize=2)
def _name_scrubber(stamp: tuple) -> NameScrubber:
    return NameScrubber(_run("person_names", (), stamp), _pseudonyms(stamp))


# The frames themselves are kept and each caller gets a copy. Pseudonymised frames are kept too: replacing the
# names of 100,000 people takes most of a second; so are translated and worded ones, which a page shows on every
# rerun and which take longer to word than to copy. A reader's table is kept as an Arrow table, the form
# st.dataframe sends: immutable, so shared without a copy, and not converted again on every rerun.
@functools.lru_cache(maxsize=RESULTS_KEPT)
def _results(name: str, params: tuple, names_hidden: bool, stamp: tuple, language: str = ENGLISH,
             worded: tuple[str, ...] | None = None) -> pd.DataFrame | pa.Table:
    """A query's result: as stored, in `language`, or as the reader's table of the columns `worded`."""
    if worded is not None:
        return reader_table(readable_table(_results(name, params, names_hidden, stamp, language)[list(worded)],
                                           language))
    if language != ENGLISH and not name.startswith(AS_STORED):
        return _in_language(_results(name, params, names_hidden, stamp).copy(), language,
                            _record_translations(language, names_hidden, stamp))
    if names_hidden:
        return hide_names(_results(name, params, False, stamp), _name_scrubber(stamp))
    return _run(name, params, stamp)


def frozen(params: dict) -> tuple:
    """$named parameters in the hashable form the cache keys on."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def parameters(view: View, name: str, extra: dict) -> tuple:
    """What queries/<name>.sql is run with: the view's filters it takes, and the caller's own parameters."""
    offered = {**view.filters.params(), **extra}
    return frozen({k: v for k, v in offered.items() if k in PARAMETERS[name]})


def load(view: View, name: str, **extra) -> pd.DataFrame:
    """queries/<name>.sql for this view, as a frame of the caller's own to change, in the view's language."""
    return _results(name, parameters(view, name, extra), names_hidden(view), warehouse_stamp(), view.language).copy()


def load_table(view: View, name: str, columns: Iterable[str], **extra) -> pa.Table:
    """queries/<name>.sql for this view as a reader's table of `columns` (labels.readable_table: headers and values
    in words, in the view's language), worded once per build rather than on every rerun; an immutable Arrow
    table, to show."""
    return _results(name, parameters(view, name, extra), names_hidden(view), warehouse_stamp(), view.language,
                    tuple(columns))


def reader_table(frame: pd.DataFrame) -> pa.Table:
    """A worded frame as the Arrow table st.dataframe sends: converted once, where it is kept."""
    return pa.Table.from_pandas(frame, preserve_index=False)


@functools.lru_cache(maxsize=8)
def _record_translations(language: str, hidden: bool, stamp: tuple) -> dict[str, str]:
    """English record text -> its reviewed translation; with names hidden, both with the names replaced (the
    ETL makes sure a translation keeps the Latin names of its English text)."""
    rows = _results("record_translations", (("language", language),), False, stamp)
    scrub = _name_scrubber(stamp).scrub if hidden else (lambda text: text)
    return {scrub(original): scrub(text) for original, text in zip(rows["original"], rows["text"])}


def _in_language(frame: pd.DataFrame, language: str, translated: dict[str, str]) -> pd.DataFrame:
    """Places named in `language`; record text translated, or marked as English. A text the interface itself
    words (an article's name on the Articles page) is in the catalogue instead."""
    words = translation(language)

    def text(value):
        if not isinstance(value, str) or not value:
            return value
        return translated.get(value) or (words.gettext(value) if words.knows(value) else words.in_english(value))

    for column in RECORD_TEXT_COLUMNS:
        if column in frame and pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(text)
    dates = next((c for c in DATE_LABELLED if c in frame), None)
    if dates and {"date_label", "date_precision"} <= set(frame.columns):
        frame["date_label"] = [words.dated(d, p) if isinstance(p, str) else None
                               for d, p in zip(frame[dates], frame["date_precision"])]
    return rename_places(frame, language)


def load_build(view: View, database: Path, name: str, **extra) -> pd.DataFrame:
    """queries/<name>.sql on another build's file than the published one (the data desk's preview of a build not
    yet published, or the published one beside it), as load() runs it."""
    return _results(name, parameters(view, name, extra), names_hidden(view), warehouse_stamp(database)).copy()


def names_hidden(view: View) -> bool:
    """Whether results for this view carry pseudonyms: the view asks, or the server locks names hidden."""
    return view.hide_names or NAMES_LOCKED


def load_many(view: View, wanted: Iterable[str | tuple[str, dict]]) -> dict[str, pd.DataFrame]:
    """Several queries for one view, side by side (see QUERY_THREADS): query name -> frame. A query is named
    alone or as (name, its own parameters)."""
    requests = [(w, {}) if isinstance(w, str) else w for w in wanted]
    run = lambda request: load(view, request[0], **request[1])  # noqa: E731
    frames = _side_by_side.map(run, requests) if _side_by_side and len(requests) > 1 else map(run, requests)
    return {name: frame for (name, _), frame in zip(requests, frames)}


def rows_for_download(view: View, name: str, order_by: list[str]) -> Callable[[], pd.DataFrame]:
    """Fetches queries/<name>.sql for the view when called: a download button calls it on click, so a table of a
    million rows is neither fetched on every rerun nor kept in the result cache."""
    params, stamp = parameters(view, name, {}), warehouse_stamp()

    def rows() -> pd.DataFrame:
        frame = _run(name, params, stamp)
        if not names_hidden(view):
            return frame
        # in the order of the pseudonymised keys: an order by real id would hint at names
        return hide_names(frame, _name_scrubber(stamp)).sort_values(order_by, ignore_index=True)

    return rows


def person_of_link(value: str) -> str | None:
    """The person a profile link names (by id, or by pseudonym when made in hide-names mode), for the profile's
    queries: the id is never shown. With names locked, by pseudonym only."""
    pseudonyms = _pseudonyms(warehouse_stamp())
    person_id = pseudonyms.resolve(value)
    return None if NAMES_LOCKED and person_id == value else person_id


def pseudonym_of(person_id: str) -> str:
    """The person's pseudonym in the published build, for a link that must not carry the id."""
    return _pseudonyms(warehouse_stamp()).of(person_id)


def clear() -> None:
    """Forget every kept result (a connection is keyed by its build and never answers for another)."""
    for cache in (_results, _name_scrubber, _pseudonyms, _record_translations):
        cache.cache_clear()

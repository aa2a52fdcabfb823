"""Build the DuckDB warehouse and its Parquet copy beside the published one, then swap it in atomically.

A build that fails or is killed leaves only a `.build-*` folder behind, which the next build
removes; the published `repression.duckdb` and `parquet/` are replaced with os.replace only once
the new ones are complete and flushed to disk. It runs on Windows too, where neither a folder nor a link to
one can be replaced by a rename: there the old `parquet` is moved aside first.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
from filelock import FileLock

from etl.combine import combine
from etl.history import HISTORY_DIR, HISTORY_KEEP, PARQUET_LINK, history_builds
from etl.problems import Problem, RecordsError
from etl.readers import RawRecords, RawTable, read_records
from etl.schema import EVENT_TYPE_GROUPS, SOURCE_TABLE_ORDER, TABLES, column_names
from etl.spelling import spelling_key
from etl.typed import create_typed_tables
from etl.validate import validate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RECORDS = PROJECT_ROOT / "data" / "records"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "data" / "warehouse"
DATABASE_NAME = "repression.duckdb"
SQL_DIR = Path(__file__).parent / "sql"
# Reference data an input may leave out (an advocate's workbook need not carry region centroids).
OPTIONAL_TABLES = {"regions": DEFAULT_RECORDS / "regions.csv", "figure_members": None, "person_statuses": None,
                   "translations": None}
PARQUET_ROW_GROUP = 122_880


@dataclass
class BuildSummary:
    warehouse: Path
    rows: dict[str, int]
    seconds: float
    build_id: str
    fingerprint: str


def load_and_validate(paths: list[Path]) -> tuple[RawRecords, list[Problem]]:
    """Read and validate records; ids of the persons or sources the input leaves out come from the default
    records."""
    records = read_records(paths)
    missing = [table for table in ("persons", "sources") if table not in records.tables]
    defaults = read_records([DEFAULT_RECORDS / f"{table}.csv" for table in missing]) if missing else RawRecords()
    reference_ids = {t: set(r.frame[TABLES[t]["key"][0]]) for t, r in defaults.tables.items()}
    combined = combine([records], reference_ids)
    return combined.records, combined.problems


def build(paths: list[Path], warehouse: Path = DEFAULT_WAREHOUSE) -> BuildSummary:
    started = time.perf_counter()
    records, problems = load_and_validate(paths)
    return publish_records(records, problems, warehouse, paths, started=started)


def publish_records(records: RawRecords, problems: list[Problem], warehouse: Path, inputs: list[Path],
                    uploads: tuple[str, ...] = (), started: float | None = None) -> BuildSummary:
    """Build validated records (the problems found in them) into a new warehouse and swap it in; `uploads` names
    the kept uploads among the inputs, for build_info."""
    started = time.perf_counter() if started is None else started
    _add_optional_tables(records)
    problems = problems + [Problem(", ".join(str(p) for p in inputs), None, None, None,
                                   f"table '{t}' is missing: give {t}.csv or a '{t}' sheet")
                           for t in SOURCE_TABLE_ORDER if t not in records.tables]
    if problems:
        raise RecordsError(problems)

    warehouse.mkdir(parents=True, exist_ok=True)
    fingerprint = _fingerprint(records)
    with _build_lock(warehouse):
        _remove_abandoned_builds(warehouse)
        build_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        staging = warehouse / f".build-{build_id}"
        staging.mkdir()
        try:
            rows = _write_database(records, staging / DATABASE_NAME,
                                   {"build_id": build_id, "built_at": dt.datetime.now(dt.timezone.utc),
                                    "inputs": ", ".join(_display_path(p) for p in inputs),
                                    "fingerprint": fingerprint, "uploads": list(uploads)})
            _write_parquet(staging / DATABASE_NAME, staging / "parquet")
            _publish(staging, warehouse, build_id)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return BuildSummary(warehouse, rows, time.perf_counter() - started, build_id, fingerprint)


def _add_optional_tables(records: RawRecords) -> None:
    for table, default in OPTIONAL_TABLES.items():
        if table in records.tables and not records.tables[table].frame.empty:
            continue
        if default is not None:
            records.tables[table] = read_records([default]).tables[table]
        else:
            records.tables[table] = RawTable(table, f"{table} (none given)",
                                             pd.DataFrame(columns=column_names(table), dtype=str))


def _write_database(records: RawRecords, path: Path, info: dict) -> dict[str, int]:
    con = duckdb.connect(str(path))
    try:
        # the People search's key of each name (etl/spelling.py), stored in the marts: queries never call Python
        con.create_function("spelling_key", spelling_key, ["VARCHAR"], "VARCHAR", side_effects=False)
        # views on the frames (never stored in the warehouse), the records' columns in the registry's order
        raw_frames = {f"raw_{table}": raw.frame[column_names(table)] for table, raw in records.tables.items()}
        raw_frames["raw_event_type_groups"] = pd.DataFrame(list(EVENT_TYPE_GROUPS.items()),
                                                           columns=["event_type", "event_group"])
        for name, frame in raw_frames.items():
            con.register(name, frame)
        create_typed_tables(con, SOURCE_TABLE_ORDER)
        for script in sorted(SQL_DIR.glob("*.sql")):
            con.execute(script.read_text(encoding="utf-8"))
        for name in raw_frames:
            con.unregister(name)
        rows = {t: con.table(t).aggregate("count(*)").fetchall()[0][0] for t in SOURCE_TABLE_ORDER}
        con.execute(
            "CREATE TABLE build_info AS SELECT $build_id AS build_id, $built_at::TIMESTAMPTZ AS built_at, "
            "$inputs AS inputs, $fingerprint AS records_fingerprint, $uploads::VARCHAR[] AS uploads", info)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return rows


def _write_parquet(database: Path, folder: Path) -> None:
    folder.mkdir()
    con = duckdb.connect(str(database), read_only=True)
    try:
        for table in SOURCE_TABLE_ORDER:
            con.table(table).write_parquet(str(folder / f"{table}.parquet"), compression="zstd",
                                           row_group_size=PARQUET_ROW_GROUP)
    finally:
        con.close()


def _publish(staging: Path, warehouse: Path, build_id: str) -> None:
    """Swap in the new database and Parquet folder (through a symlink where links can be made), each with one
    atomic rename."""
    parquet_dir = warehouse / f"parquet-{build_id}"
    _fsync_tree(staging)
    os.replace(staging / "parquet", parquet_dir)
    # the database first: Windows refuses to replace it while a dashboard has it open, and the build then
    # fails with nothing published
    os.replace(staging / DATABASE_NAME, warehouse / DATABASE_NAME)
    link = warehouse / PARQUET_LINK
    replaced = warehouse / os.readlink(link) if link.is_symlink() else None
    link_tmp = warehouse / f".parquet-link-{build_id}"
    try:
        os.symlink(parquet_dir.name, link_tmp, target_is_directory=True)
        published = link_tmp
    except OSError:  # Windows without the right to make links, or a file system without them: the folder itself
        published = parquet_dir
    _replace(published, link, build_id)
    _fsync_dir(warehouse)
    if replaced and replaced != parquet_dir and replaced.is_dir():
        _keep_in_history(warehouse, replaced)
    for old in warehouse.glob("parquet-*"):  # Parquet of a build killed before its swap: never published
        if old != parquet_dir:
            shutil.rmtree(old, ignore_errors=True)


def _replace(new: Path, target: Path, build_id: str) -> None:
    """os.replace(new, target), where target may be a folder or a link to one. A link replaces a link in one
    rename on POSIX; a plain folder (from a copy of the warehouse, or published where links cannot be made)
    cannot be renamed over, nor can anything on Windows, so the old one is moved aside first."""
    if os.name != "nt" and new.is_symlink() and (target.is_symlink() or not target.exists()):
        os.replace(new, target)
        return
    aside = target.with_name(f".parquet-link-{build_id}-replaced")  # a later build removes it if this one cannot
    if target.is_symlink() or target.exists():
        os.replace(target, aside)
    os.replace(new, target)
    _remove(aside)


def _keep_in_history(warehouse: Path, replaced: Path) -> None:
    """Move the replaced build's Parquet to history/<build id>/ (one rename, so a history folder is always whole)
    for the dashboard's "what changed" page; only the last HISTORY_KEEP builds are kept."""
    history = warehouse / HISTORY_DIR
    history.mkdir(exist_ok=True)
    os.replace(replaced, history / replaced.name.removeprefix("parquet-"))
    for expired in history_builds(warehouse)[:-HISTORY_KEEP]:
        shutil.rmtree(expired, ignore_errors=True)
    _fsync_dir(history)


def _remove_abandoned_builds(warehouse: Path) -> None:
    for leftover in list(warehouse.glob(".build-*")) + list(warehouse.glob(".parquet-link-*")):
        _remove(leftover)


def _remove(path: Path) -> None:
    """A link is removed, never the folder it points to (that may be published or kept in history)."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def _build_lock(warehouse: Path):
    """One build at a time per warehouse; the lock (flock on POSIX, LockFileEx on Windows) dies with the process,
    so a killed build never blocks."""
    with FileLock(warehouse / ".build.lock"):
        yield


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "r+b") as handle:  # Windows flushes only a handle open for writing
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    """Make the renames in a folder durable. Windows cannot open a folder to flush it; NTFS journals renames."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fingerprint(records: RawRecords) -> str:
    digest = hashlib.sha256()
    for table in sorted(records.tables):
        digest.update(table.encode())
        frame = records.tables[table].frame
        digest.update("\x1f".join(frame.columns).encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())  # vectorised: no CSV text
    return digest.hexdigest()[:16]


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return path.name

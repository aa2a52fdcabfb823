"""Shared fixtures: warehouses built once per session from the small fixture and from the real records."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl.warehouse import DEFAULT_RECORDS, build

TESTS_DIR = Path(__file__).parent
FIXTURE_RECORDS = TESTS_DIR / "fixtures" / "small"
ARTEFACTS = TESTS_DIR.parent / "test-artefacts"


@pytest.fixture(scope="session")
def fixture_warehouse(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fixture-warehouse")
    build([FIXTURE_RECORDS], folder)
    return folder


@pytest.fixture(scope="session")
def real_warehouse(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("real-warehouse")
    build([DEFAULT_RECORDS], folder)
    return folder


@pytest.fixture()
def fixture_db(fixture_warehouse):
    con = duckdb.connect(str(fixture_warehouse / "repression.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.fixture()
def real_db(real_warehouse):
    con = duckdb.connect(str(real_warehouse / "repression.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.fixture()
def records_copy(tmp_path) -> Path:
    """A writable copy of the small fixture records, for tests that break one thing."""
    target = tmp_path / "records"
    shutil.copytree(FIXTURE_RECORDS, target)
    return target


def sql_file(name: str) -> str:
    return (TESTS_DIR.parent / "queries" / f"{name}.sql").read_text(encoding="utf-8")

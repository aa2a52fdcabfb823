"""The bad-input corpus (tests/bad_inputs/): every file gets the message expected.csv states from both
`check` and `build` (file, row, column, rule), exit 1, no traceback, no problem blamed on the clean
tables beside it, and the published warehouse byte-identical; the files marked accepted build, and
their text and dates reach the warehouse unchanged.

Each file replaces one table of the small fixture, so references resolve. Most runs call the CLI's
main() in-process; a few real subprocesses prove the same for the installed entry point.
"""
from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
import zipfile
from collections import defaultdict
from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl.__main__ import main
from etl.readers import MAX_XLSX_UNPACKED_BYTES
from etl.warehouse import build
from tests.bad_inputs.make_corpus import CASES, LARGE_CASES, write_large
from tests.conftest import FIXTURE_RECORDS
from tests.support import run_etl_cli

CORPUS = Path(__file__).parent / "bad_inputs"
with open(CORPUS / "expected.csv", encoding="utf-8", newline="") as _manifest:
    MANIFEST = list(csv.DictReader(_manifest))
EXPECTED: dict[str, list[dict[str, str]]] = defaultdict(list)
for _row in MANIFEST:
    EXPECTED[_row["file"]].append(_row)
REFUSED = sorted(name for name, rows in EXPECTED.items() if rows[0]["outcome"] == "refused")
ACCEPTED = sorted(name for name, rows in EXPECTED.items() if rows[0]["outcome"] == "accepted")
# The inputs most likely to crash a reader, also run through a real `python -m etl`.
SUBPROCESS_CASES = ["events_zip_bomb.xlsx", "events_billion_laughs.xlsx", "persons_utf16le_no_bom.csv",
                    "events_huge_columns.csv"]
UNCHANGED = "Nothing was published; the warehouse is unchanged."


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A warehouse built from the small fixture, which no refused build may touch."""
    warehouse = tmp_path_factory.mktemp("published")
    build([FIXTURE_RECORDS], warehouse)
    return warehouse


def warehouse_state(folder: Path) -> dict[str, str]:
    """The digest of every file and the target of every link (parquet is a symlink swapped on publish)."""
    return {str(path.relative_to(folder)): os.readlink(path) if path.is_symlink()
            else hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_symlink() or path.is_file()}


def records_with(name: str, tmp_path: Path) -> Path:
    """A copy of the small fixture whose table `table_hint` is the corpus file."""
    table = EXPECTED[name][0]["table_hint"]
    folder = tmp_path / "records"
    shutil.copytree(FIXTURE_RECORDS, folder)
    source = write_large(name, tmp_path) if name in LARGE_CASES else CORPUS / name
    if source.suffix == ".xlsx":
        (folder / f"{table}.csv").unlink()
        shutil.copy(source, folder / name)
    else:
        shutil.copy(source, folder / f"{table}.csv")
    return folder


def cli_args(records: Path, warehouse: Path) -> tuple[list[str], list[str]]:
    check = ["check", *(str(path) for path in sorted(records.iterdir()))]
    return check, ["build", "--records", str(records), "--warehouse", str(warehouse)]


def expected_line(expect: dict[str, str]) -> re.Pattern:
    where = expect["reported_as"]
    if expect["expected_row"]:
        where += f", row {expect['expected_row']}"
    if expect["expected_column"]:
        where += f", column '{expect['expected_column']}'"
    return re.compile(rf"^  - {re.escape(where)}(: value .*)? — .*{re.escape(expect['message_contains'])}",
                      re.MULTILINE)


def assert_refused(name: str, code: int, output: str) -> None:
    assert code == 1, output
    assert "Traceback" not in output
    for expect in EXPECTED[name]:
        assert expected_line(expect).search(output), f"{name}: expected {expect}, got:\n{output}"
    blamed_on = EXPECTED[name][0]["reported_as"].split(" [")[0]
    for line in output.splitlines():
        if line.startswith("  - "):
            assert line.startswith(f"  - {blamed_on}") or "is missing: give" in line, f"{name}: noise {line!r}"


@pytest.mark.sql
@pytest.mark.parametrize("name", REFUSED)
def test_bad_file_is_refused_with_its_message(name, tmp_path, capsys, published):
    before = warehouse_state(published)
    check, build_args = cli_args(records_with(name, tmp_path), published)
    code = main(check)
    assert_refused(name, code, "".join(capsys.readouterr()))
    code = main(build_args)
    output = "".join(capsys.readouterr())
    assert_refused(name, code, output)
    assert UNCHANGED in output
    assert warehouse_state(published) == before


@pytest.mark.load
@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_bad_file_is_refused_by_the_real_command(name, tmp_path, published):
    before = warehouse_state(published)
    check, build_args = cli_args(records_with(name, tmp_path), published)
    result = run_etl_cli(*check)
    assert_refused(name, result.returncode, result.stdout + result.stderr)
    result = run_etl_cli(*build_args)
    assert_refused(name, result.returncode, result.stdout + result.stderr)
    assert UNCHANGED in result.stderr
    assert warehouse_state(published) == before


@pytest.mark.sql
@pytest.mark.parametrize("name", ACCEPTED)
def test_good_file_builds_and_its_values_reach_the_warehouse_unchanged(name, tmp_path, capsys):
    check, build_args = cli_args(records_with(name, tmp_path), tmp_path / "warehouse")
    for args in (check, build_args):
        code = main(args)
        out, err = capsys.readouterr()
        assert code == 0 and "Traceback" not in out + err, out + err
    con = duckdb.connect(str(tmp_path / "warehouse" / "repression.duckdb"), read_only=True)
    try:
        for expect in EXPECTED[name]:
            column, table = expect["expected_column"], expect["table_hint"]
            values = {v for (v,) in con.table(table).select(duckdb.ColumnExpression(column).cast(duckdb.sqltype("VARCHAR"))).fetchall()}
            assert expect["message_contains"] in values, (expect, values)
    finally:
        con.close()


@pytest.mark.sql
def test_zip_bomb_is_refused_without_unpacking_anything(tmp_path, capsys, monkeypatch):
    bomb = CORPUS / "events_zip_bomb.xlsx"
    with zipfile.ZipFile(bomb) as archive:
        assert sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED_BYTES
    assert bomb.stat().st_size < 10_000
    opened = []
    original_open = zipfile.ZipFile.open

    def recording_open(self, name, *args, **kwargs):
        opened.append(name)
        return original_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", recording_open)
    assert main(cli_args(records_with(bomb.name, tmp_path), tmp_path / "warehouse")[0]) == 1
    assert "would unpack to 600 MB" in capsys.readouterr().err
    assert opened == []


@pytest.mark.unit
def test_billion_laughs_is_stopped_by_defusedxml():
    assert openpyxl.DEFUSEDXML is True  # openpyxl then parses every part of a workbook with defusedxml
    with zipfile.ZipFile(CORPUS / "events_billion_laughs.xlsx") as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert b"<!ENTITY lol9" in sheet and b"&lol9;" in sheet


# Writing the zip bomb compresses 600 MB of blanks, seconds of work: that file is checked with the slow tests.
@pytest.mark.parametrize("name", [pytest.param(name, marks=pytest.mark.load if name == "events_zip_bomb.xlsx"
                                               else pytest.mark.unit) for name in CASES])
def test_corpus_file_is_what_make_corpus_writes(name):
    assert (CORPUS / name).read_bytes() == CASES[name](), f"{name} differs: run tests/bad_inputs/make_corpus.py"


@pytest.mark.unit
def test_expected_csv_covers_the_corpus():
    committed = {p.name for p in CORPUS.iterdir() if p.suffix in (".csv", ".xlsx")} - {"expected.csv"}
    assert committed == set(CASES)
    assert set(EXPECTED) == set(CASES) | set(LARGE_CASES)
    assert all(len(make()) > 200_000 for make in LARGE_CASES.values())

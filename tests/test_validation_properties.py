"""Properties of validation on random rows added to the small fixture's tables:

- whatever the cells hold (control characters, emoji, RTL marks, very long text, numbers and dates
  in odd formats, empty cells, rows cut short), reading and validate() never raise: they return
  Problems that name a file of the input and a row that exists;
- records that pass validation always build: every cell casts to its warehouse type, and every
  added row reaches the warehouse.

Examples are bounded and derandomised, so the run is short and the same on every machine.
"""
from __future__ import annotations

import csv
import datetime as dt
import shutil
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.problems import Problem, RecordsError
from etl.readers import read_records
from etl.schema import region_codes, SOURCE_TABLE_ORDER, TABLES, TRANSLATABLE, Column, column_names
from etl.validate import SLUG, validate
from etl.warehouse import DEFAULT_RECORDS, build
from tests.conftest import FIXTURE_RECORDS

pytestmark = pytest.mark.load

SETTINGS = {"deadline": None, "derandomize": True, "database": None,
            "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}


def fixture_rows(table: str) -> list[list[str]]:
    """The table's rows in the small fixture (regions: the project's own reference table)."""
    path = FIXTURE_RECORDS / f"{table}.csv"
    with open(path if path.exists() else DEFAULT_RECORDS / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[1:]


PERSON_IDS = [row[0] for row in fixture_rows("persons")]
FIXTURE_IDS = {"persons": set(PERSON_IDS), "sources": {row[0] for row in fixture_rows("sources")}}
STATED_FIGURES = [(row[0], row[4]) for row in fixture_rows("figures")]
# (table, row id, column) of the fixture's texts a translation may name
TRANSLATABLE_TEXTS = [("events", row[0], "description") for row in fixture_rows("events")] + \
    [("ep_recommendations", row[0], column) for row in fixture_rows("ep_recommendations")
     for column in TRANSLATABLE["ep_recommendations"]]

# Text as people paste it: any character but surrogates (not encodable), with the awkward ones made likely.
AWKWARD = "\t\r\n\x01\x1b\x7f\u00a0\u200b\u200e\u200f\u202e\u2066\ufeff\ufffdәғқңөұүһі😀👩‍⚖️\"',;|=+-@"
any_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
awkward_text = st.text(st.sampled_from(AWKWARD) | st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                       max_size=40)
long_text = st.integers(1990, 2010).map(lambda n: ("Қ😀\u202e" * n)[:n])
odd_dates = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).flatmap(lambda d: st.sampled_from([
    d.isoformat(), d.strftime("%d.%m.%Y"), d.strftime("%m/%d/%Y"), f"{d.year}-{d.month}-{d.day}",
    d.strftime("%Y%m%d"), f"{d.isoformat()}T10:00:00", str((d - dt.date(1899, 12, 30)).days)]))
odd_numbers = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.floats(-1e12, 1e12).map(lambda x: f"{x:,.2f}"),
    st.sampled_from(["1e400", "-0", "0x1A", "1_000", "٣", "１２", "1,5", "NaN", "inf", " 7 ", "+3", "007", "1e-400"]),
)
wild_cell = st.one_of(st.just(""), any_text, awkward_text, long_text, odd_dates, odd_numbers)
# Digits of other scripts (Arabic-Indic, Devanagari, full-width) that regular expressions' \d also matches.
OTHER_DIGITS = [str.maketrans("0123456789", "".join(chr(zero + i) for i in range(10))) for zero in (0x660, 0x966, 0xFF10)]


def lookalike(valid: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A valid value slightly off: digits in another script, or padded with spaces."""
    return st.one_of(st.tuples(valid, st.sampled_from(OTHER_DIGITS)).map(lambda v: v[0].translate(v[1])),
                     valid.map(lambda v: f" {v} "))


def valid_cell(table: str, column: Column) -> st.SearchStrategy[str]:
    """A value the rules should accept (references point at fixture rows)."""
    if column.name == "person_id" and table != "persons":
        value = st.sampled_from(PERSON_IDS)
    elif column.name == "source_id" and table != "sources":
        value = st.just("fixture-report")
    elif column.name == "url":
        value = st.from_regex(SLUG, fullmatch=True).map(lambda s: f"https://example.org/{s}")
    else:
        value = {
            "id": st.from_regex(SLUG, fullmatch=True).filter(lambda s: len(s) <= 80),
            "text": st.one_of(awkward_text.filter(str.strip), long_text.map(lambda s: s[:2000])),
            "date": st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat),
            # around the warehouse's 32-bit INTEGER limit too
            "integer": st.one_of(st.integers(0, 1000), st.integers(2**31 - 2, 2**31 - 1)).map(str),  # up to the INTEGER limit
            "number": st.one_of(st.integers(0, 10**7).map(str), st.floats(0, 600).map(repr),
                                st.floats(0, 600).map(lambda x: f"{x:e}")),
            "boolean": st.sampled_from(["true", "false", "TRUE", "False"]),
            "list": (st.lists(st.sampled_from(column.allowed), min_size=1, max_size=3).map("|".join)
                     if column.allowed else st.lists(awkward_text.filter(lambda s: "|" not in s), max_size=3)
                     .map("|".join)),
            "enum": st.sampled_from(column.allowed),
            "precision": st.sampled_from(column.allowed),
            "region": st.sampled_from(region_codes()),
            "sections": st.lists(st.integers(1, 99), min_size=1, max_size=3).map(lambda s: ";".join(map(str, s))),
        }[column.kind]
    return value if column.required else st.one_of(st.just(""), value)


def with_qualifiers(draw, table: str, row: dict[str, str]) -> dict[str, str]:
    """Qualifiers agree with their values: given together, a month date on the 1st, a year date on 1 January."""
    for column in TABLES[table]["columns"]:
        if not column.qualifies:
            continue
        value = row[column.qualifies]
        if not value:
            row[column.name] = ""
            continue
        row[column.name] = row[column.name] or draw(st.sampled_from(column.allowed))
        if row[column.name] == "month":
            row[column.qualifies] = value[:8] + "01"
        elif row[column.name] == "year":
            row[column.qualifies] = value[:5] + "01-01"
    if table == "figure_members":  # a member must point at a stated figure
        row["metric"], row["as_of"] = draw(st.sampled_from(STATED_FIGURES))
    if table == "translations":  # a translation must name a record's text
        row["table_name"], row["row_id"], row["column_name"] = draw(st.sampled_from(TRANSLATABLE_TEXTS))
    return row


@st.composite
def one_row(draw, table: str, max_wild: int | None) -> dict[str, str]:
    """Valid cells, with up to max_wild of them (None: any number) replaced by wild ones."""
    columns = TABLES[table]["columns"]
    row = with_qualifiers(draw, table, {c.name: draw(valid_cell(table, c)) for c in columns})
    for column in draw(st.sets(st.sampled_from(columns), max_size=max_wild)):
        row[column.name] = draw(wild_cell | lookalike(valid_cell(table, column)))
    return row


def new_rows(table: str, max_wild: int | None) -> st.SearchStrategy[list[list[str]]]:
    """One to three rows with distinct keys."""
    key = TABLES[table]["key"]
    return st.lists(one_row(table, max_wild), min_size=1, max_size=3,
                    unique_by=lambda row: tuple(row[k] for k in key)).map(lambda rows: [list(r.values()) for r in rows])


def write_table(folder: Path, table: str, rows: list[list[str]], keep_fixture: bool = True) -> None:
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([column_names(table)] + (fixture_rows(table) if keep_fixture else []) + rows)


def records_folder(base: Path) -> Path:
    folder = base / "records"
    shutil.copytree(FIXTURE_RECORDS, folder)
    return folder


def wild_rows(table: str) -> st.SearchStrategy[tuple[str, list[list[str]]]]:
    cut_short = new_rows(table, None).map(lambda rows: [rows[0][: len(rows[0]) // 2]])  # a hand-edited file
    return st.tuples(st.just(table), st.one_of(new_rows(table, None), cut_short))


wild_tables = st.lists(st.sampled_from(SOURCE_TABLE_ORDER), min_size=1, max_size=2, unique=True).flatmap(
    lambda tables: st.tuples(*(wild_rows(t) for t in tables)))


@settings(max_examples=150, **SETTINGS)
@given(added=wild_tables)
def test_random_cells_never_make_validation_raise(added):
    """Checked like `check FILE`: only the changed tables (and figures, which members point at) are read,
    with the fixture's ids for references, since validating clean tables again only costs time."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = records_folder(Path(tmp))
        for table, rows in added:
            write_table(folder, table, rows)
        changed = [folder / f"{table}.csv" for table, _ in added]
        if folder / "figure_members.csv" in changed and folder / "figures.csv" not in changed:
            changed.append(folder / "figures.csv")
        line_counts = {p.name: len(p.read_bytes().splitlines()) for p in changed}
        problems = validate(read_records(changed), FIXTURE_IDS)
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, Problem) and str(problem)
        assert problem.file in line_counts
        # a spreadsheet row is a record; quoted line breaks make records span lines, never the reverse
        assert problem.row is None or 1 <= problem.row <= line_counts[problem.file]


@pytest.mark.parametrize("table", SOURCE_TABLE_ORDER)
def test_records_that_pass_validation_always_build(table):
    built = []

    @settings(max_examples=8, **SETTINGS)
    @given(rows=new_rows(table, 1))
    def added_rows_build(rows):
        with tempfile.TemporaryDirectory() as tmp:
            folder = records_folder(Path(tmp))
            write_table(folder, table, rows, keep_fixture=table != "regions")  # regions: codes are all taken
            try:
                build([folder], Path(tmp) / "warehouse")
            except RecordsError:
                return  # refused by validation; anything else a build raises fails the test
            con = duckdb.connect(str(Path(tmp) / "warehouse" / "repression.duckdb"), read_only=True)
            count = len(con.table(table).fetchall())
            con.close()
        assert count == len(rows) + (len(fixture_rows(table)) if table != "regions" else 0)
        built.append(table)

    added_rows_build()
    assert built, f"no valid {table} rows were built: the test would prove nothing"

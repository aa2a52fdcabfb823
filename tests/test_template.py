"""The spreadsheet template: one sheet per table with headers and an explanation sheet; a filled
copy validates and builds like the CSV records."""
import datetime as dt

import openpyxl
import pandas as pd
import pytest

from etl.readers import read_records
from etl.schema import CORRECTABLE, SOURCE_TABLE_ORDER, TABLES
from etl.template import write_template
from etl.validate import validate
from etl.warehouse import build
from tests.conftest import FIXTURE_RECORDS

pytestmark = pytest.mark.sql


def test_template_has_a_sheet_per_table_and_explains_every_column(tmp_path):
    out = tmp_path / "cases.xlsx"
    write_template(out)
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["columns", *SOURCE_TABLE_ORDER]
    for table in SOURCE_TABLE_ORDER:
        corrects = ["corrects"] if table in CORRECTABLE else []
        assert [c.value for c in workbook[table][1]] == [c.name for c in TABLES[table]["columns"]] + corrects
        assert workbook[table].max_row == 1
    explained = {(r[0], r[1]) for r in workbook["columns"].iter_rows(min_row=2, values_only=True)}
    assert explained == {(t, c.name) for t in SOURCE_TABLE_ORDER for c in TABLES[t]["columns"]} | \
        {(t, "corrects") for t in CORRECTABLE}
    allowed = {r[1]: r[5] for r in workbook["columns"].iter_rows(min_row=2, values_only=True) if r[0] == "sentences"}
    assert "restriction_of_liberty" in allowed["sentence_type"]


def fill_template_from_fixture(path):
    """Copy the fixture records into the template, typing dates as real Excel dates and numbers as numbers."""
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    for table in SOURCE_TABLE_ORDER:
        if not (FIXTURE_RECORDS / f"{table}.csv").exists():
            continue  # regions: left empty, as an advocate would
        frame = pd.read_csv(FIXTURE_RECORDS / f"{table}.csv", dtype=str, keep_default_na=False)
        kinds = {c.name: c.kind for c in TABLES[table]["columns"]}
        for record in frame.to_dict("records"):
            row = []
            for column, value in record.items():
                if value and kinds[column] == "date":
                    value = dt.datetime.fromisoformat(value)
                elif value and kinds[column] in ("integer", "number"):
                    value = float(value)
                row.append(None if value == "" else value)
            workbook[table].append(row)
    workbook.save(path)


def test_filled_workbook_validates_and_builds_like_the_csv(tmp_path):
    workbook = tmp_path / "filled.xlsx"
    fill_template_from_fixture(workbook)
    records = read_records([workbook])
    assert validate(records) == []
    summary = build([workbook], tmp_path / "warehouse")
    assert summary.rows["persons"] == 3 and summary.rows["events"] == 5
    assert summary.rows["regions"] == 20  # the empty regions sheet falls back to the shipped regions


def test_workbook_problems_name_the_sheet_and_row(tmp_path):
    path = tmp_path / "bad.xlsx"
    fill_template_from_fixture(path)
    workbook = openpyxl.load_workbook(path)
    workbook["events"]["C3"] = "yesterday"
    workbook.save(path)
    problems = validate(read_records([path]))
    assert any(p.file == "bad.xlsx [events]" and p.row == 3 and p.column == "event_date" for p in problems), problems

"""Each validation rule rejects a bad row with a message naming file, row, column and rule;
`check` and a failed `build` exit 1 without a traceback and leave the published warehouse alone."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from etl.problems import RecordsError
from etl.readers import read_records, table_of_file
from etl.validate import validate
from etl.warehouse import build
from tests.conftest import FIXTURE_RECORDS
from tests.support import run_etl_cli


def set_cell(folder: Path, table: str, row: int, column: str, value: str) -> None:
    """Set a cell of <table>.csv; row counts data rows from 0."""
    path = folder / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    frame.to_csv(path, index=False)


def problems_for(folder: Path):
    return validate(read_records([folder]))


CELL_CASES = [
    # table, data row, column, bad value, words the rule must contain
    ("events", 0, "event_date", "2021-13-45", "real date"),
    ("events", 1, "event_date", "2021-02-30", "real date"),
    ("events", 0, "event_date", "04.03.2021", "YYYY-MM-DD"),
    ("events", 2, "date_precision", "week", "must be one of"),
    ("events", 0, "date_precision", "month", "1st of the month"),
    ("events", 3, "n_people", "-5", "negative"),
    ("events", 3, "n_people", "many", "whole number"),
    ("events", 3, "n_people", "999999999", "implausibly large"),
    ("events", 1, "person_id", "nobody-here", "no person"),
    ("events", 1, "region_iso", "KZ-99", "ISO 3166-2:KZ"),
    ("events", 1, "source_id", "unknown-source", "no source"),
    ("events", 1, "source_section", "section 3", "section numbers"),
    ("events", 1, "description", "", "required"),
    ("sentences", 0, "sentence_type", "death_penalty", "must be one of"),
    ("sentences", 0, "term_months", "eighteen", "number"),
    ("sentences", 0, "sentence_date", "", "given exactly when"),
    ("charges", 1, "person_id", "ghost-person", "no person"),
    ("charges", 0, "code", "XX", "must be one of"),
    ("persons", 0, "is_political_prisoner", "yes", "true or false"),
    ("persons", 0, "roles", "activist|hero", "each |-separated item"),
    ("persons", 1, "person_id", "Beta Two", "slug"),
    ("persons", 1, "name", "x" * 2001, "longer than"),
    ("sources", 0, "url", "javascript:alert(1)", "http"),
]


@pytest.mark.sql
@pytest.mark.parametrize("table,row,column,value,rule", CELL_CASES, ids=[f"{c[0]}.{c[2]}={c[3][:12]}" for c in CELL_CASES])
def test_each_rule_rejects_a_bad_cell_naming_its_row(records_copy, table, row, column, value, rule):
    set_cell(records_copy, table, row, column, value)
    problems = problems_for(records_copy)
    matching = [p for p in problems if p.file == f"{table}.csv" and p.row == row + 2 and p.column == column]
    assert matching, f"no problem reported at {table}.csv row {row + 2} column {column}: {problems}"
    assert any(rule in p.rule for p in matching), [str(p) for p in matching]


@pytest.mark.sql
def test_clean_fixture_has_no_problems():
    assert problems_for(FIXTURE_RECORDS) == []


@pytest.mark.sql
def test_duplicate_id_names_both_rows(records_copy):
    set_cell(records_copy, "persons", 1, "person_id", "alpha-one")
    duplicates = [p for p in problems_for(records_copy) if "duplicate" in p.rule and p.file == "persons.csv"]
    assert {p.row for p in duplicates} == {2, 3}


@pytest.mark.sql
def test_missing_and_unknown_columns(records_copy):
    frame = pd.read_csv(records_copy / "sentences.csv", dtype=str, keep_default_na=False)
    frame.drop(columns=["sentence_type"]).rename(columns={"court": "tribunal"}).to_csv(
        records_copy / "sentences.csv", index=False)
    problems = {(p.column, p.rule.split(";")[0]) for p in problems_for(records_copy) if p.file == "sentences.csv"}
    assert ("sentence_type", "required column is missing") in problems
    assert ("court", "required column is missing") in problems
    assert ("tribunal", "unknown column") in problems


@pytest.mark.sql
@pytest.mark.parametrize("content,rule", [
    (b"", "file is empty"),
    (b"   \n\n", "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data"),
    ("person_id,name\nalpha,Алма\n".encode("utf-16"), "UTF-16"),
    ("person_id,name\nalpha,Ақтау\n".encode("cp1251", errors="replace") + "Қ".encode("utf-8")[:1] + b"\xe0\xe1", "not valid UTF-8"),
    ("charge_id,person_id\n".encode(), "no data rows"),
])
def test_unreadable_files_get_one_clear_message(records_copy, content, rule):
    (records_copy / "charges.csv").write_bytes(content)
    problems = [p for p in problems_for(records_copy) if p.file == "charges.csv"]
    assert len(problems) == 1 and rule in problems[0].rule, problems


@pytest.mark.sql
def test_utf8_bom_is_accepted_and_kazakh_letters_survive(records_copy):
    path = records_copy / "persons.csv"
    text = path.read_text(encoding="utf-8").replace("Gamma Three", "Ғалым Құрманғали")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert problems_for(records_copy) == []
    names = read_records([records_copy]).tables["persons"].frame["name"].tolist()
    assert "Ғалым Құрманғали" in names and names[0] == "Alpha One"


@pytest.mark.sql
def test_unknown_file_name_is_reported(records_copy):
    (records_copy / "people.csv").write_text("person_id\nx\n", encoding="utf-8")
    assert any("not a records table" in p.rule for p in problems_for(records_copy) if p.file == "people.csv")


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.sql
def test_failed_build_publishes_nothing(tmp_path, records_copy):
    warehouse = tmp_path / "warehouse"
    build([FIXTURE_RECORDS], warehouse)
    before = _digest(warehouse)
    set_cell(records_copy, "events", 0, "event_date", "not-a-date")
    with pytest.raises(RecordsError) as err:
        build([records_copy], warehouse)
    assert any(p.column == "event_date" for p in err.value.problems)
    assert _digest(warehouse) == before


@pytest.mark.load
def test_cli_check_reports_every_problem_without_traceback(records_copy):
    set_cell(records_copy, "events", 0, "event_date", "2021-02-31")
    set_cell(records_copy, "sentences", 1, "sentence_type", "exile")
    (records_copy / "figures.csv").write_bytes(b"\x00\x01\x02binary")
    result = run_etl_cli("check", "--records", str(records_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "events.csv, row 2, column 'event_date'" in result.stderr
    assert "sentences.csv, row 3, column 'sentence_type'" in result.stderr
    assert "figures.csv — file holds binary data" in result.stderr


@pytest.mark.load
def test_cli_check_accepts_single_files_and_the_clean_records():
    assert run_etl_cli("check", str(FIXTURE_RECORDS / "persons.csv"), str(FIXTURE_RECORDS / "sources.csv")).returncode == 0
    result = run_etl_cli("check")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.load
def test_cli_build_failure_exits_1_and_keeps_the_warehouse(tmp_path, records_copy):
    warehouse = tmp_path / "warehouse"
    assert run_etl_cli("build", "--records", str(FIXTURE_RECORDS), "--warehouse", str(warehouse)).returncode == 0
    before = _digest(warehouse)
    set_cell(records_copy, "charges", 0, "person_id", "ghost")
    result = run_etl_cli("build", "--records", str(records_copy), "--warehouse", str(warehouse))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "charges.csv, row 2, column 'person_id'" in result.stderr
    assert "warehouse is unchanged" in result.stderr
    assert _digest(warehouse) == before


@pytest.mark.sql
def test_figure_member_must_point_at_a_stated_figure(records_copy):
    set_cell(records_copy, "figure_members", 2, "metric", "invented_metric")
    problems = [p for p in problems_for(records_copy) if p.file == "figure_members.csv"]
    assert [(p.row, p.column) for p in problems] == [(4, "metric")]
    assert "no figure" in problems[0].rule


@pytest.mark.sql
def test_count_and_its_qualifier_go_together(records_copy):
    set_cell(records_copy, "events", 0, "count_qualifier", "")
    set_cell(records_copy, "events", 1, "n_people", "")
    set_cell(records_copy, "events", 1, "count_qualifier", "")  # no count, no qualifier: fine (e.g. a ban)
    problems = [(p.row, p.column) for p in problems_for(records_copy) if p.file == "events.csv"]
    assert sorted(problems) == [(2, "count_qualifier"), (2, "n_people")]


@pytest.mark.sql
@pytest.mark.parametrize(("stem", "table"), [
    ("events", "events"), ("events (1)", "events"), ("events_2021", "events"), ("persons-almaty", "persons"),
    ("figure_members", "figure_members"), ("figures_2021", "figures"), ("figure_members_x", "figure_members"),
    ("eventsheet", None), ("my events", None), ("Events", None),
])
def test_a_csv_file_is_read_as_the_table_its_name_starts_with(stem, table):
    assert table_of_file(stem) == table


@pytest.mark.sql
def test_two_files_of_one_table_are_refused_by_name(tmp_path):
    for name in ("events.csv", "events (1).csv"):
        (tmp_path / name).write_bytes((FIXTURE_RECORDS / "events.csv").read_bytes())
    messages = [p.rule for p in read_records([tmp_path]).problems]
    assert any("given twice" in m for m in messages), messages

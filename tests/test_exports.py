"""Downloads: each format reads back as the frame it came from, formulas stay inert in spreadsheets (CSV quotes
them, XLSX stores them as text with nothing added), Kazakh letters survive, and numbers are left alone."""
import datetime as dt
import io
import zipfile

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard.export import for_spreadsheet, to_csv, to_parquet, to_xlsx

pytestmark = pytest.mark.unit

HOSTILE = ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
# Notes as advocates write them: each would start a formula (or be an error value) if typed into a spreadsheet
NOTES = ["=1+1", "- 5 years", "@SUM(A1)", "+7 701 123 4567", "-", "=", "#N/A", "#DIV/0!", "=cmd|' /C calc'!A0"]
KAZAKH = "Әлия Ғабитқызы: ә ғ қ ң ө ұ ү һ і — ӘҒҚҢӨҰҮҺІ"


@pytest.fixture()
def frame() -> pd.DataFrame:
    rows = len(HOSTILE) + 1
    return pd.DataFrame({
        "person_id": [f"person-{i}" for i in range(rows)],
        "text": HOSTILE + [KAZAKH],
        "aliases": [["=cmd", KAZAKH], [], ["a", "b"], ["ə"], ["x"], ["y"], ["z"]],
        "n_people": [-5, 0, 3, -1, 12, 7, -200],
        "term_months": [-1.5, 0.0, 30.0, 2.25, -0.5, 18.0, 1e6],
        "is_political_prisoner": [True, False, True, False, True, False, True],
        "event_date": pd.to_datetime(["2021-01-01", "2021-02-11", "2020-05-19", "2019-09-21",
                                      "2021-08-03", "2018-03-13", "2021-09-01"]),
    })


def test_spreadsheet_frame_joins_lists_and_neutralises_formulas(frame):
    out = for_spreadsheet(frame)
    assert out["aliases"].tolist()[:3] == ["'=cmd|" + KAZAKH, "", "a|b"]
    assert out["text"].tolist() == ["'" + h for h in HOSTILE] + [KAZAKH]
    assert out["n_people"].tolist() == frame["n_people"].tolist()
    assert out["term_months"].tolist() == frame["term_months"].tolist()
    as_recorded = for_spreadsheet(frame, quote_formulas=False)
    assert as_recorded["aliases"].tolist()[:3] == ["=cmd|" + KAZAKH, "", "a|b"]
    assert as_recorded["text"].tolist() == HOSTILE + [KAZAKH]


def test_csv_reads_back_as_the_neutralised_frame(frame):
    data = to_csv(frame)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, parse_dates=["event_date"])
    expected = for_spreadsheet(frame)
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)
    assert all(cell.startswith("'") for cell in back["text"][: len(HOSTILE)])
    assert back["n_people"].tolist() == [-5, 0, 3, -1, 12, 7, -200]
    assert KAZAKH in data.decode("utf-8-sig")


def test_csv_never_starts_a_cell_with_a_formula_character(frame):
    import csv

    rows = list(csv.reader(io.StringIO(to_csv(frame).decode("utf-8-sig"), newline="")))
    text_column = rows[0].index("text")
    for row in rows[1 : len(HOSTILE) + 1]:
        assert row[text_column].startswith("'"), row


def test_xlsx_reads_back_as_the_recorded_frame(frame):
    data = to_xlsx(frame)
    back = pd.read_excel(io.BytesIO(data), engine="openpyxl", keep_default_na=False)
    # XML reads a carriage return as a line feed: the one change a spreadsheet file makes to text
    expected = for_spreadsheet(frame, quote_formulas=False).replace("\r", "\n", regex=True)
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)
    assert back["text"].tolist()[: len(HOSTILE)] == [h.replace("\r", "\n") for h in HOSTILE]


def test_xlsx_hostile_cells_are_text_with_no_quote_added(frame):
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame))).active
    header = [c.value for c in sheet[1]]
    text_cells = [row[header.index("text")] for row in sheet.iter_rows(min_row=2)]
    for cell, hostile in zip(text_cells, HOSTILE):
        assert cell.data_type == "s" and cell.value == hostile.replace("\r", "\n")
        assert cell.number_format == "@"
    assert text_cells[-1].value == KAZAKH
    numbers = [row[header.index("n_people")] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in numbers] == [-5, 0, 3, -1, 12, 7, -200]
    assert all(c.data_type == "n" for c in numbers)
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]  # no formula anywhere
    dates = [row[header.index("event_date")].value for row in sheet.iter_rows(min_row=2)]
    assert dates[0] == dt.datetime(2021, 1, 1)


def test_xlsx_shows_formula_like_notes_exactly_as_recorded():
    frame = pd.DataFrame({"notes": NOTES, "aliases": [[note, "x"] for note in NOTES]})
    data = to_xlsx(frame)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert [c.value for c in sheet["A"][1:]] == NOTES
    assert [c.value for c in sheet["B"][1:]] == [f"{note}|x" for note in NOTES]
    assert {c.data_type for c in cells} == {"s"}  # no formula ("f") and no error value ("e")
    assert {c.number_format for c in cells} == {"@"}
    raw = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in raw and 't="e"' not in raw and 't="str"' not in raw
    back = pd.read_excel(io.BytesIO(data), engine="openpyxl", keep_default_na=False, na_values=[])
    assert back["notes"].tolist() == NOTES

    csv_back = pd.read_csv(io.BytesIO(to_csv(frame)), encoding="utf-8-sig", keep_default_na=False)
    quoted = [note for note in NOTES if note.startswith(("=", "+", "-", "@"))]
    assert csv_back["notes"].tolist() == [("'" + n if n in quoted else n) for n in NOTES]
    assert not [cell for cell in csv_back.to_numpy().ravel() if cell.startswith(("=", "+", "-", "@"))]


def test_parquet_keeps_the_typed_values(frame):
    data = to_parquet(frame)
    table = pq.read_table(io.BytesIO(data))
    assert str(table.schema.field("aliases").type) in ("list<element: string>", "list<item: string>", "large_list<element: large_string>")
    back = pd.read_parquet(io.BytesIO(data), engine="pyarrow")
    assert back["text"].tolist() == HOSTILE + [KAZAKH]  # not a spreadsheet: values unchanged
    assert [list(v) for v in back["aliases"]] == frame["aliases"].tolist()
    pd.testing.assert_frame_equal(back.drop(columns="aliases"), frame.drop(columns="aliases"), check_dtype=False)
    assert back["n_people"].dtype.kind == "i" and back["term_months"].dtype.kind == "f"


@pytest.mark.parametrize("writer", [to_csv, to_xlsx, to_parquet])
def test_kazakh_letters_survive_every_format(frame, writer):
    data = writer(frame)
    if writer is to_csv:
        back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    elif writer is to_xlsx:
        back = pd.read_excel(io.BytesIO(data), engine="openpyxl")
    else:
        back = pd.read_parquet(io.BytesIO(data))
    assert back["text"].iloc[-1] == KAZAKH
    for letter in "әғқңөұүһі":
        assert letter in back["text"].iloc[-1]


def test_xlsx_writes_time_zone_aware_dates_and_missing_values():
    frame = pd.DataFrame({
        "built_at": pd.to_datetime(["2026-11-25 06:44:10"]).tz_localize("UTC"),
        "term_days": pd.array([pd.NA], dtype="Int32"),
        "court": [None],
    })
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame))).active
    assert sheet["A2"].value == dt.datetime(2026, 11, 25, 6, 44, 10)
    assert sheet["B2"].value is None and sheet["C2"].value is None

"""Write the bad-input corpus: records files an advocate might really produce by mistake.

Every file is the small fixture (tests/fixtures/small) with one table broken in one way; expected.csv
says what `python -m etl check` must report for it. The output is deterministic (fixed zip
timestamps), so `python tests/bad_inputs/make_corpus.py` rewrites the committed files unchanged.
Files over ~200 KB are not committed: the tests write them with write_large().
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904, MAC_EPOCH, WINDOWS_EPOCH

HERE = Path(__file__).resolve().parent
FIXTURE = HERE.parent / "fixtures" / "small"
ZIP_TIME = (2021, 9, 1, 0, 0, 0)
BOMB_UNPACKED_BYTES = 600 * 2**20  # over the reader's 500 MB limit
KAZAKH_NAMES = {"Alpha One": "Әлия Құрманғалиқызы", "Beta Two": "Сергей Иванов", "Gamma Three": "Ғалым Үсенов"}
RUSSIAN_NAMES = {"Alpha One": "Алия Оразбекова", "Beta Two": "Сергей Иванов", "Gamma Three": "Галым Усенов"}


def read_rows(table: str) -> list[list[str]]:
    with open(FIXTURE / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue().encode(encoding)


def with_cells(table: str, *edits: tuple[int, str, str]) -> list[list[str]]:
    """The fixture table with cells replaced; rows are numbered as a spreadsheet shows them (header 1)."""
    rows = read_rows(table)
    for row, column, value in edits:
        rows[row - 1][rows[0].index(column)] = value
    return rows


def edited(table: str, *edits: tuple[int, str, str], **options) -> Callable[[], bytes]:
    return lambda: csv_bytes(with_cells(table, *edits), **options)


def renamed_people(names: dict[str, str], notes: str) -> list[list[str]]:
    rows = read_rows("persons")
    name, note = rows[0].index("name"), rows[0].index("notes")
    for row in rows[1:]:
        row[name] = names[row[name]]
        row[note] = notes if row[note] else ""
    return rows


def kazakh_people() -> list[list[str]]:
    rows = renamed_people(KAZAKH_NAMES, "Қате жазылуы: ә ғ қ ң ө ұ ү һ і")
    rows[1][rows[0].index("city")] = "Өскемен"
    return rows


def russian_people() -> list[list[str]]:
    """Only letters Windows-1251 has: Kazakh letters would not survive that export anyway."""
    return renamed_people(RUSSIAN_NAMES, "Примечание: фамилия пишется по-разному")


def mixed_encodings() -> bytes:
    """Rows 1-3 in UTF-8, row 4 pasted in from a Windows-1251 export."""
    lines = csv_bytes(kazakh_people()).decode("utf-8").splitlines(keepends=True)
    lines[3] = csv_bytes([russian_people()[3]]).decode("utf-8")
    return "".join(lines[:3]).encode("utf-8") + lines[3].encode("cp1251")


def events_changed(change: Callable[[list[list[str]]], None]) -> Callable[[], bytes]:
    def make() -> bytes:
        rows = read_rows("events")
        change(rows)
        return csv_bytes(rows)
    return make


def drop_column(rows: list[list[str]]) -> None:
    index = rows[0].index("description")
    for row in rows:
        del row[index]


def add_column(rows: list[list[str]]) -> None:
    for number, row in enumerate(rows):
        row.append("comment" if number == 0 else ("ask the lawyer" if number == 2 else ""))


def rename_column(rows: list[list[str]]) -> None:
    rows[0][rows[0].index("event_date")] = "Event Date"


def repeat_column(rows: list[list[str]]) -> None:
    index = rows[0].index("event_date")
    for row in rows:
        row.append(row[index])


def stray_note(rows: list[list[str]]) -> None:
    """A note typed to the right of the table, in a column without a header."""
    for number, row in enumerate(rows):
        row.append("check this date with the lawyer" if number == 2 else "")


def trailing_empty_columns(rows: list[list[str]]) -> None:
    """Excel exports empty columns that were once formatted; they carry nothing and are accepted."""
    for row in rows:
        row.extend([""] * 4)


def serial_dates(rows: list[list[str]], epoch: dt.datetime = WINDOWS_EPOCH) -> None:
    """The date column formatted as a number: Excel shows (and exports) the day count."""
    index = rows[0].index("event_date")
    for row in rows[1:]:
        row[index] = str((dt.datetime.fromisoformat(row[index]) - epoch).days)


def blank_lines_then_bad_region(rows: list[list[str]]) -> None:
    """Blank rows still count in a spreadsheet; the bad cell is on row 6."""
    rows[3][rows[0].index("region_iso")] = "Almaty"
    rows.insert(2, [])
    rows.insert(2, [])


def ragged_text() -> bytes:
    """A comma in unquoted text (typed in a text editor) splits row 4 into one cell too many."""
    text = csv_bytes(read_rows("events")).decode("utf-8")
    return text.replace("beta-two,2021-06-01,month,sentence,1,exact,,,Sentenced to restriction of liberty.",
                        "beta-two,2021-06-01,month,sentence,1,exact,,,Sentenced to restriction, of liberty.").encode()


def binary_junk() -> bytes:
    return random.Random(20210901).randbytes(4096)


def repack(data: bytes, edit: Callable[[str, bytes], bytes] = lambda name, content: content) -> bytes:
    """Rewrite a workbook archive with fixed timestamps (openpyxl stamps 'now'), editing parts on the way."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2021-09-01T00:00:00Z", content)
            target.writestr(zipfile.ZipInfo(name, ZIP_TIME), edit(name, content), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def workbook(table: str, rows: list[list[str]], *, sheet: str | None = None, epoch: dt.datetime | None = None,
             typed: Callable[[str, str], object] = lambda column, value: value) -> bytes:
    """A one-sheet workbook of the rows; typed() turns a cell's text into the value Excel would hold."""
    book = openpyxl.Workbook()
    if epoch is not None:
        book.epoch = epoch
    ws = book.active
    ws.title = sheet or table
    ws.append(rows[0])
    for row in rows[1:]:
        ws.append([typed(column, value) if value else None for column, value in zip(rows[0], row, strict=False)]
                  + [value or None for value in row[len(rows[0]):]])
    out = io.BytesIO()
    book.save(out)
    return repack(out.getvalue())


def as_date_cells(column: str, value: str):
    return dt.datetime.fromisoformat(value) if column == "event_date" else value


def as_serial_cells(epoch: dt.datetime) -> Callable[[str, str], object]:
    """Dates kept as plain numbers (a column formatted 'General'), counted from the workbook's epoch."""
    return lambda column, value: (dt.datetime.fromisoformat(value) - epoch).days if column == "event_date" else value


def events_workbook(**options) -> Callable[[], bytes]:
    return lambda: workbook("events", read_rows("events"), **options)


def stray_note_workbook() -> bytes:
    rows = read_rows("events")
    rows[2].append("check this date with the lawyer")
    return workbook("events", rows)


# lol0 is "lol" and each next entity is ten of the one before: lol9 would expand to 10**9 of them.
BILLION_LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
                  + b"]>")


def billion_laughs() -> bytes:
    """An entity-expansion payload in the sheet, used in a cell."""
    def inject(name: str, content: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return content
        content = content.replace(b"<worksheet", BILLION_LAUGHS + b"<worksheet", 1)
        return content.replace(b"<t>Almaty</t>", b"<t>&lol9;</t>", 1)
    return repack(workbook("events", read_rows("events")), inject)


def zip_bomb() -> bytes:
    """A workbook whose sheet unpacks to 600 MB of blanks: about a kilobyte on disk (bzip2)."""
    source = zipfile.ZipFile(io.BytesIO(workbook("events", read_rows("events"))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_BZIP2) as target:
        for name in source.namelist():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_BZIP2
            if name != "xl/worksheets/sheet1.xml":
                target.writestr(info, source.read(name))
                continue
            with target.open(info, "w", force_zip64=True) as sheet:
                sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                blanks = b" " * 2**20
                for _ in range(BOMB_UNPACKED_BYTES // len(blanks)):
                    sheet.write(blanks)
                sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def old_excel_file() -> bytes:
    """What Excel 97-2003 (.xls) and password-protected workbooks are: an OLE2 compound file."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    return header + bytes(512 - len(header)) + b"\xff" * 512


CASES: dict[str, Callable[[], bytes]] = {
    # encodings
    "persons_utf16_bom.csv": lambda: csv_bytes(kazakh_people(), "utf-16"),
    "persons_utf16le_no_bom.csv": lambda: csv_bytes(kazakh_people(), "utf-16-le"),
    "persons_utf16be_no_bom.csv": lambda: csv_bytes(kazakh_people(), "utf-16-be"),
    "persons_cp1251.csv": lambda: csv_bytes(russian_people(), "cp1251"),
    "persons_latin1.csv": edited("persons", (4, "notes", "Société Générale, Zürich"), encoding="latin-1"),
    "persons_mixed_utf8_cp1251.csv": mixed_encodings,
    "persons_utf8_bom_kazakh.csv": lambda: csv_bytes(kazakh_people(), "utf-8-sig"),
    "persons_kazakh.xlsx": lambda: workbook("persons", kazakh_people()),
    # columns
    "events_missing_column.csv": events_changed(drop_column),
    "events_extra_column.csv": events_changed(add_column),
    "events_renamed_column.csv": events_changed(rename_column),
    "events_duplicate_column.csv": events_changed(repeat_column),
    "events_stray_note.csv": events_changed(stray_note),
    "events_stray_note.xlsx": stray_note_workbook,
    "events_trailing_empty_columns.csv": events_changed(trailing_empty_columns),
    # dates
    "events_excel_serial.csv": events_changed(serial_dates),
    "events_excel_serial.xlsx": events_workbook(typed=as_serial_cells(WINDOWS_EPOCH)),
    "events_1904_dates.xlsx": events_workbook(epoch=CALENDAR_MAC_1904, typed=as_date_cells),
    "events_1904_serial.xlsx": events_workbook(epoch=CALENDAR_MAC_1904, typed=as_serial_cells(MAC_EPOCH)),
    "events_impossible_feb30.csv": edited("events", (3, "event_date", "2021-02-30")),
    "events_month_13.csv": edited("events", (2, "event_date", "2021-13-01")),
    "events_year_0999.csv": edited("events", (2, "event_date", "0999-03-04")),
    "events_day_first_dates.csv": edited("events", (2, "event_date", "04.03.2021")),
    # numbers
    "sentences_text_in_number.csv": edited("sentences", (2, "term_months", "18 months")),
    "sentences_absurd_term.csv": edited("sentences", (4, "term_months", "1800")),
    "charges_article_with_part.csv": edited("charges", (2, "article", "405.1")),
    "events_negative_count.csv": edited("events", (5, "n_people", "-200")),
    "events_absurd_count.csv": edited("events", (6, "n_people", "300000000")),
    # keys, references, vocabularies
    "persons_duplicate_id.csv": lambda: csv_bytes(read_rows("persons") + [
        ["beta-two", "Beta Too", "", "", "", "", "activist", "", "unknown", "2021-09-01", "false", "", "",
         "fixture-report", "7"]]),
    "persons_cyrillic_id.csv": lambda: csv_bytes(read_rows("persons") + [
        ["ғалым-үсенов", "Galym Usenov", "", "male", "", "", "activist", "", "unknown", "2021-09-01", "false", "",
         "", "fixture-report", "5"]]),
    "persons_unknown_role.csv": edited("persons", (2, "roles", "activist|political prisoner")),
    "events_duplicate_id.csv": edited("events", (3, "event_id", "alpha-one-20210304-sentence")),
    "charges_dangling_person.csv": edited("charges", (5, "person_id", "gamma-tree")),
    "events_unknown_vocabulary.csv": edited("events", (2, "event_type", "arrest")),
    "sentences_unknown_vocabulary.csv": edited("sentences", (3, "sentence_type", "prison")),
    # shape of the file
    "events_blank_lines.csv": events_changed(blank_lines_then_bad_region),
    "events_ragged_row.csv": ragged_text,
    "events_semicolon.csv": lambda: csv_bytes(read_rows("events"), delimiter=";"),
    "events_tab_separated.csv": lambda: csv_bytes(read_rows("events"), delimiter="\t"),
    "events_empty.csv": lambda: b"",
    "events_header_only.csv": lambda: csv_bytes(read_rows("events")[:1]),
    "events_wrong_sheet_name.xlsx": events_workbook(sheet="Events"),
    # not what the name says
    "events_binary_junk.csv": binary_junk,
    "events_workbook_named.csv": events_workbook(),
    "events_csv_named.xlsx": lambda: csv_bytes(read_rows("events")),
    "events_old_xls.xlsx": old_excel_file,
    # hostile archives
    "events_zip_bomb.xlsx": zip_bomb,
    "events_billion_laughs.xlsx": billion_laughs,
}


def huge_cell() -> bytes:
    return csv_bytes(with_cells("events", (3, "description", "Sentenced " * 100_000)))


def huge_header() -> bytes:
    """Excel's full width, 16,384 columns: a transposed or unrelated sheet exported as records."""
    rows = read_rows("events")
    extra = 16_384 - len(rows[0])
    rows[0] += [f"extra_{i}" for i in range(1, extra + 1)]
    for row in rows[1:]:
        row += [""] * extra
    return csv_bytes(rows)


LARGE_CASES: dict[str, Callable[[], bytes]] = {
    "events_huge_cell.csv": huge_cell,
    "events_huge_columns.csv": huge_header,
}


def write_large(name: str, folder: Path) -> Path:
    path = folder / name
    path.write_bytes(LARGE_CASES[name]())
    return path


def main() -> None:
    for name, make in CASES.items():
        (HERE / name).write_bytes(make())
    print(f"wrote {len(CASES)} files to {HERE}", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Read records from CSV files or a workbook into all-text DataFrames, refusing what is not clean text.

Every cell is kept as text here; types are checked by etl/validate.py so that a bad value can be
reported as typed, with its row.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
import defusedxml  # a hard dependency: openpyxl parses workbook XML through it when it can import it
import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import WINDOWS_EPOCH

from etl.problems import Problem
from etl.schema import MAY_BE_EMPTY, TABLES

# Sheets a workbook may carry besides the tables (the template's explanations).
IGNORED_SHEETS = {"columns", "readme"}
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 500 * 1024 * 1024
BOMS_REFUSED = {
    codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16",
}
# What a non-UTF-8 file is named as: only encodings an advocate's spreadsheet could plausibly have
# saved, since a free guess on a short file names exotic code pages.
LIKELY_ENCODINGS = {
    "cp1251": "Windows-1251 (Cyrillic)", "cp1252": "Windows-1252 (Western European, Latin-1)",
    "koi8_r": "KOI8-R (Cyrillic)", "cp866": "DOS Cyrillic (cp866)", "mac_cyrillic": "Mac Cyrillic",
}
# Separators of spreadsheets set to another locale (';' in most of Europe) or of "Unicode text" exports.
OTHER_SEPARATORS = {";": "semicolons (';')", "\t": "tabs"}
# A records table has at most 16 columns; far more is a transposed table or a sheet of other data,
# better named once than as thousands of unknown columns.
MAX_COLUMNS = 100
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls files and password-protected workbooks


@dataclass
class RawTable:
    table: str
    label: str  # how the user knows the input: file name, or workbook name + sheet
    frame: pd.DataFrame  # indexed by the row number a spreadsheet shows (header is row 1)
    excel_epoch: dt.datetime = WINDOWS_EPOCH  # day 0 of the Excel date system, to explain serial numbers


@dataclass
class RawRecords:
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Tables given but not readable: their ids are unknown, so references to them cannot be checked.
    unreadable: set[str] = field(default_factory=set)

    def refuse(self, table: str, problem: Problem) -> None:
        self.problems.append(problem)
        self.unreadable.add(table)

    def add(self, raw: RawTable) -> None:
        if raw.table in self.tables:
            self.problems.append(Problem(raw.label, None, None, None,
                                        f"table '{raw.table}' is given twice (also in {self.tables[raw.table].label})"))
            return
        self.tables[raw.table] = raw


def read_records(paths: list[Path]) -> RawRecords:
    """Read a records folder, CSV files and/or .xlsx workbooks."""
    records = RawRecords()
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.suffix.lower() in (".csv", ".xlsx"):
                    _read_file(child, records)
        elif path.exists():
            _read_file(path, records)
        else:
            records.problems.append(Problem(str(path), None, None, None, "no such file or folder"))
    return records


def _read_file(path: Path, records: RawRecords) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        records.problems.append(Problem(path.name, None, None, None,
                                        f"file is {size // 2**20} MB; the limit is {MAX_FILE_BYTES // 2**20} MB"))
        return
    if path.suffix.lower() == ".xlsx":
        _read_workbook(path, records)
        return
    table = table_of_file(path.stem)
    if table is None:
        records.problems.append(Problem(path.name, None, None, None,
                                        f"not a records table; a CSV file is named after its table, alone or "
                                        f"followed by '-', '_', ' ' or '(' (events.csv, events-2021.csv): "
                                        f"{', '.join(t + '.csv' for t in TABLES)}"))
        return
    text, problem = decode_text(path.name, path.read_bytes())
    if text is not None:
        frame, problem = _parse_csv(path.name, text, may_be_empty=table in MAY_BE_EMPTY)
    if problem:
        records.refuse(table, problem)
        return
    records.add(RawTable(table, path.name, frame))


def table_of_file(stem: str) -> str | None:
    """The table a CSV file holds, from its name: downloads and copies get names like 'events (1)' or
    'events_2021', so a table name followed by a separator counts too; the longest match wins
    ('figure_members_x' is figure_members, not figures)."""
    named = [t for t in TABLES if stem == t or (stem.startswith(t) and stem[len(t)] in "-_ (")]
    return max(named, key=len, default=None)


def decode_text(label: str, data: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 with or without BOM; anything else is refused with what it looks like."""
    if not data.strip():
        return None, Problem(label, None, None, None, "file is empty")
    for bom, name in BOMS_REFUSED.items():
        if data.startswith(bom):
            return None, Problem(label, None, None, None,
                                 f"file is encoded as {name}; save it as 'CSV UTF-8' and try again")
    utf16 = _utf16_without_bom(data[:65536])
    if utf16:
        return None, Problem(label, None, None, None,
                             f"file is encoded as {utf16} without a byte-order mark; "
                             f"save it as 'CSV UTF-8' and try again")
    if b"\x00" in data[:65536]:
        return None, Problem(label, None, None, None,
                             "file holds binary data, not CSV text (is it a spreadsheet or an archive "
                             "saved with a .csv name?)")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        byte = f"byte 0x{data[err.start]:02x}"
        if max(data[: err.start].removeprefix(codecs.BOM_UTF8), default=0) >= 0x80:
            return None, Problem(label, line, None, None,
                                 f"file mixes encodings: the lines above are UTF-8 but this one is not "
                                 f"({byte}); were rows pasted in from another file? Retype this line's "
                                 f"text and save the file as 'CSV UTF-8'")
        best = charset_normalizer.from_bytes(data, cp_isolation=list(LIKELY_ENCODINGS)).best()
        guess = f"; it looks like {LIKELY_ENCODINGS[best.encoding]}" if best else ""
        return None, Problem(label, line, None, None,
                             f"file is not valid UTF-8 ({byte}){guess}; save it as 'CSV UTF-8' and try again")


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without a BOM: CSV is mostly ASCII, so every other byte is 0x00."""
    halves = sample[0::2], sample[1::2]
    for name, high, low in (("UTF-16LE", halves[1], halves[0]), ("UTF-16BE", halves[0], halves[1])):
        if high and high.count(0) > 0.3 * len(high) and low.count(0) < 0.01 * len(low):
            return name
    return None


def _parse_csv(label: str, text: str, may_be_empty: bool = False) -> tuple[pd.DataFrame | None, Problem | None]:
    """Parse with the csv module so a row with the wrong number of cells is named, not shifted. A header alone is
    refused (a half-saved file looks like that) unless the table may be empty."""
    csv.field_size_limit(MAX_FILE_BYTES)  # a huge cell is then named by the length rule, with its row
    try:
        rows = _numbered_rows(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        return None, Problem(label, None, None, None, f"not readable as CSV: {err}")
    if not rows:
        return None, Problem(label, None, None, None, "file is empty")
    (header_row, header), body = rows[0], rows[1:]
    separator = next((s for s in OTHER_SEPARATORS if s in header[0]), None) if len(header) == 1 else None
    if separator:
        return None, Problem(label, header_row, None, None,
                             f"columns are separated by {OTHER_SEPARATORS[separator]}, not commas; save it "
                             f"as 'CSV UTF-8 (Comma delimited)' or set the list separator to ','")
    for number, row in body:
        if len(row) != len(header):
            return None, Problem(label, number, None, None,
                                 f"row has {len(row)} cells but the header has {len(header)}; "
                                 f"check for a missing or extra comma or quote")
    if not body and not may_be_empty:
        return None, Problem(label, None, None, None, "file has a header but no data rows")
    return _table_frame(label, header_row, header, body)


def _numbered_rows(rows) -> list[tuple[int, list[str]]]:
    """Non-blank rows with the number a spreadsheet shows for them (blank rows still count)."""
    return [(number, row) for number, row in enumerate(rows, start=1) if "".join(row).strip()]


def _table_frame(label: str, header_row: int, header: list[str],
                 body: list[tuple[int, list[str]]]) -> tuple[pd.DataFrame | None, Problem | None]:
    """A frame of the named columns; empty unnamed columns (spreadsheets export them) are dropped."""
    header = [name.strip() for name in header]
    seen: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in seen:
            return None, Problem(label, header_row, name, None,
                                 f"column appears twice in the header (columns "
                                 f"{get_column_letter(seen[name] + 1)} and {get_column_letter(index + 1)})")
        if name:
            seen[name] = index
        else:
            filled = next(((n, row[index]) for n, row in body if index < len(row) and row[index].strip()), None)
            if filled:
                return None, Problem(label, filled[0], None, filled[1],
                                     f"cell in column {get_column_letter(index + 1)}, which has no header; "
                                     f"name the column or clear the cell")
    named = list(seen.values())
    if len(named) > MAX_COLUMNS:
        return None, Problem(label, header_row, None, None,
                             f"header has {len(named):,} columns; a records table has at most "
                             f"{max(len(t['columns']) for t in TABLES.values())} (is the table transposed, "
                             f"or is this another kind of sheet?)")
    width = len(header)
    rows = [row if len(row) == width else (row + [""] * width)[:width] for _, row in body]
    columns = list(zip(*rows)) or [()] * width  # column-wise: a million rows build in seconds, not a minute
    return pd.DataFrame({header[i]: columns[i] for i in named}, index=[n for n, _ in body], dtype=str), None


def _read_workbook(path: Path, records: RawRecords) -> None:
    problem = _check_workbook_archive(path)
    if problem:
        records.problems.append(problem)
        return
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a malformed file
        records.problems.append(Problem(path.name, None, None, None, _workbook_error(err)))
        return
    try:
        for sheet in workbook.worksheets:
            label = f"{path.name} [{sheet.title}]"
            if sheet.title.lower() in IGNORED_SHEETS:
                continue
            if sheet.title not in TABLES:
                close = difflib.get_close_matches(sheet.title.lower(), TABLES, n=1)
                meant = f"did you mean '{close[0]}'? " if close else ""
                records.problems.append(Problem(label, None, None, None,
                                                f"sheet is not a records table; {meant}sheets must be named one of: "
                                                f"{', '.join(TABLES)}"))
                continue
            try:
                rows = _numbered_rows([_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True))
            except Exception as err:  # noqa: BLE001 - read-only mode parses a sheet's XML only here
                records.refuse(sheet.title, Problem(label, None, None, None, _workbook_error(err)))
                continue
            if not rows:
                records.problems.append(Problem(label, None, None, None, "sheet has no header row"))
                continue
            frame, problem = _table_frame(label, rows[0][0], rows[0][1], rows[1:])
            if problem:
                records.refuse(sheet.title, problem)
                continue
            records.add(RawTable(sheet.title, label, frame, workbook.epoch))
    finally:
        workbook.close()


def _workbook_error(err: Exception) -> str:
    cause: BaseException | None = err
    while cause is not None:
        if isinstance(cause, defusedxml.DefusedXmlException):
            return ("workbook holds XML entity declarations, which no spreadsheet needs "
                    "(an 'XML bomb'); refused as unsafe")
        cause = cause.__cause__ or cause.__context__
    return f"not a readable .xlsx workbook ({type(err).__name__})"


def _check_workbook_archive(path: Path) -> Problem | None:
    """Refuse non-zip files and archives that would unpack to something huge (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return Problem(path.name, None, None, None, f"not a readable .xlsx workbook: {_not_a_zip(path)}")
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        return Problem(path.name, None, None, None,
                       f"workbook would unpack to {unpacked // 2**20} MB; refused as unsafe")
    return None


def _not_a_zip(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(65536)
    if head.startswith(OLE2_SIGNATURE):
        return ("it is an Excel 97-2003 (.xls) file or a password-protected workbook; "
                "save it as 'Excel Workbook (.xlsx)' without a password")
    if head and all(byte >= 32 or byte in b"\t\r\n" for byte in head):
        return "it holds text (a CSV file renamed to .xlsx?); name it .csv or save it as a real workbook"
    return "it is not a zip archive, as every .xlsx file is"


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()

"""Read records from CSV files or a workbook into all-text DataFrames, refusing what is not clean text.

Every cell is kept as text here; types are checked by etl/validate.py so that a bad value can be
reported as typed, with its row.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
import openpyxl
import pandas as pd

from etl.problems import Problem
from etl.schema import TABLES

# Sheets a workbook may carry besides the tables (the template's explanations).
IGNORED_SHEETS = {"columns", "readme"}
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 500 * 1024 * 1024
BOMS_REFUSED = {
    codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16",
}


@dataclass
class RawTable:
    table: str
    label: str  # how the user knows the input: file name, or workbook name + sheet
    frame: pd.DataFrame
    first_data_row: int = 2  # header is row 1


@dataclass
class RawRecords:
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

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
    table = path.stem
    if table not in TABLES:
        records.problems.append(Problem(path.name, None, None, None,
                                        f"not a records table; CSV files must be named one of: "
                                        f"{', '.join(t + '.csv' for t in TABLES)}"))
        return
    text, problem = decode_text(path.name, path.read_bytes())
    if problem:
        records.problems.append(problem)
        return
    frame, problem = _parse_csv(path.name, text)
    if problem:
        records.problems.append(problem)
        return
    records.add(RawTable(table, path.name, frame))


def decode_text(label: str, data: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 with or without BOM; anything else is refused with what it looks like."""
    if not data.strip():
        return None, Problem(label, None, None, None, "file is empty")
    for bom, name in BOMS_REFUSED.items():
        if data.startswith(bom):
            return None, Problem(label, None, None, None,
                                 f"file is encoded as {name}; save it as 'CSV UTF-8' and try again")
    if b"\x00" in data[:65536]:
        return None, Problem(label, None, None, None,
                             "file holds binary data, not CSV text (is it a spreadsheet or an archive "
                             "saved with a .csv name?)")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        best = charset_normalizer.from_bytes(data).best()
        guess = f"; it looks like {best.encoding}" if best else ""
        return None, Problem(label, line, None, None,
                             f"file is not valid UTF-8 (byte 0x{data[err.start]:02x}){guess}; "
                             f"save it as 'CSV UTF-8' and try again")


def _parse_csv(label: str, text: str) -> tuple[pd.DataFrame | None, Problem | None]:
    """Parse with the csv module so a row with the wrong number of cells is named, not shifted."""
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline="")) if any(cell.strip() for cell in row)]
    except csv.Error as err:
        return None, Problem(label, None, None, None, f"not readable as CSV: {err}")
    if not rows:
        return None, Problem(label, None, None, None, "file is empty")
    header = [cell.strip() for cell in rows[0]]
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            return None, Problem(label, number, None, None,
                                 f"row has {len(row)} cells but the header has {len(header)}; "
                                 f"check for a missing or extra comma or quote")
    if len(rows) == 1:
        return None, Problem(label, None, None, None, "file has a header but no data rows")
    return pd.DataFrame(rows[1:], columns=header, dtype=str), None


def _read_workbook(path: Path, records: RawRecords) -> None:
    problem = _check_workbook_archive(path)
    if problem:
        records.problems.append(problem)
        return
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a malformed file
        records.problems.append(Problem(path.name, None, None, None,
                                        f"not a readable .xlsx workbook ({type(err).__name__})"))
        return
    try:
        for sheet in workbook.worksheets:
            label = f"{path.name} [{sheet.title}]"
            if sheet.title.lower() in IGNORED_SHEETS:
                continue
            if sheet.title not in TABLES:
                records.problems.append(Problem(label, None, None, None,
                                                f"sheet is not a records table; sheets must be named one of: "
                                                f"{', '.join(TABLES)}"))
                continue
            rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            rows = [r for r in rows if any(v != "" for v in r)]
            if not rows:
                records.problems.append(Problem(label, None, None, None, "sheet has no header row"))
                continue
            header = [h.strip() for h in rows[0]]
            while header and header[-1] == "":
                header.pop()
            body = [r[: len(header)] + [""] * (len(header) - len(r)) for r in rows[1:]]
            records.add(RawTable(sheet.title, label, pd.DataFrame(body, columns=header, dtype=str)))
    finally:
        workbook.close()


def _check_workbook_archive(path: Path) -> Problem | None:
    """Refuse non-zip files and archives that would unpack to something huge (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return Problem(path.name, None, None, None, "not a readable .xlsx workbook (not a zip archive)")
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        return Problem(path.name, None, None, None,
                       f"workbook would unpack to {unpacked // 2**20} MB; refused as unsafe")
    return None


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

"""Downloads of a frame as CSV, XLSX and Parquet. Record text is untrusted: in CSV a cell that a spreadsheet
would run as a formula gets a leading '; XLSX marks every text cell as text, so it is shown exactly as recorded
and never run; Parquet keeps typed values. Beside them, what each downloadable table and column holds."""
from __future__ import annotations

import functools
import io
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

from dashboard.i18n import ENGLISH, LANGUAGES, translation
from dashboard.labels import labels_sheet
from dashboard.loader import reader_table
from etl.schema import TABLES

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "|"
XLSX_MAX_ROWS = 1_048_575  # a worksheet's rows, less the header
LABELS_SHEET = "labels"
FORMATS = {
    "csv": ("CSV", "text/csv"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "parquet": ("Parquet", "application/vnd.apache.parquet"),
}


def _is_list(value) -> bool:
    return isinstance(value, (list, tuple, np.ndarray))


def flatten(value):
    """A list as one cell, its items joined with |."""
    if _is_list(value):
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    return value


def neutralise(value):
    """A text cell that starts like a formula gets a leading ' so a spreadsheet opening the CSV shows it instead
    of running it (CSV cannot say that a cell is text)."""
    value = flatten(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def for_spreadsheet(frame: pd.DataFrame, quote_formulas: bool = True) -> pd.DataFrame:
    """Lists joined with |, formula-like text neutralised unless quote_formulas is off; numbers, booleans and
    dates keep their type."""
    cell = neutralise if quote_formulas else flatten
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_datetime64_any_dtype(out[column]):
            continue
        out[column] = out[column].map(cell).astype(object)
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM, so a spreadsheet opens Kazakh letters correctly; CRLF rows (RFC 4180), so a
    cell holding a carriage return is quoted rather than splitting the row."""
    return for_spreadsheet(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _xlsx_text(value):
    """XML reads a carriage return as a line feed, so write it as one; other control characters are not
    allowed in XLSX at all."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # openpyxl (10 MB) loads when a workbook is asked for

    if not isinstance(value, str):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))


def to_xlsx(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    """The data sheet with the stored column names and values, and a "labels" sheet saying what each column and
    vocabulary value is called in the dashboard. Text is stored as text cells formatted as text (@), so it shows
    as recorded, stays text when edited and is never run."""
    out = for_spreadsheet(frame, quote_formulas=False)
    for column in out.columns:
        if isinstance(out[column].dtype, pd.DatetimeTZDtype):  # Excel has no time zones: write UTC
            out[column] = out[column].dt.tz_convert("UTC").dt.tz_localize(None)
        elif out[column].dtype == object:
            out[column] = out[column].map(_xlsx_text)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        out.to_excel(writer, sheet_name=sheet_name, index=False)
        labels_sheet(frame).map(_xlsx_text).to_excel(writer, sheet_name=LABELS_SHEET, index=False)
        for sheet in writer.sheets.values():
            for row in sheet.iter_rows():
                for cell in row:
                    # openpyxl takes text starting with = for a formula and "#N/A" and the like for errors; these
                    # sheets hold no formulas or errors, only text
                    if cell.data_type in ("f", "e"):
                        cell.data_type = "s"
                    if cell.data_type == "s":
                        cell.number_format = "@"
    return buffer.getvalue()


def to_parquet(frame: pd.DataFrame) -> bytes:
    """Typed values as they are (lists stay lists); Parquet is not opened by spreadsheets."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, engine="pyarrow", index=False)
    return buffer.getvalue()


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "parquet": to_parquet}


def download_buttons(name: str, rows: Callable[[], pd.DataFrame], n_rows: int, file_stem: str | None = None,
                     language: str = ENGLISH) -> None:
    """Three buttons (keys download_<name>_<format>); the rows are fetched and the file written only when one
    is clicked."""
    stem = file_stem or name
    too_many = translation(language).gettext("More rows than a worksheet holds: use CSV or Parquet.")
    for column, (fmt, (label, mime)) in zip(st.columns(len(FORMATS)), FORMATS.items()):
        too_big = fmt == "xlsx" and n_rows > XLSX_MAX_ROWS
        column.download_button(
            label, data=lambda fmt=fmt: WRITERS[fmt](rows()), file_name=f"{stem}.{fmt}", mime=mime,
            key=f"download_{name}_{fmt}", on_click="ignore", icon=":material/download:", width="stretch",
            disabled=too_big, help=too_many if too_big else None,
        )


@functools.lru_cache(maxsize=len(LANGUAGES))
def definitions(tables: tuple[str, ...], language: str) -> tuple[pa.Table, pa.Table]:
    """What each table holds and what each of its columns means, from the registry that validates every build: made
    once per language and shared as immutable Arrow tables."""
    _ = translation(language).gettext
    summary = pd.DataFrame({_("table"): list(tables), _("one row per"): [_(TABLES[t]["grain"]) for t in tables],
                            _("key"): [", ".join(TABLES[t]["key"]) for t in tables]})
    columns = pd.DataFrame([{_("table"): t, _("column"): c.name, _("type"): c.kind, _("meaning"): _(c.description),
                             _("required"): c.required, _("allowed values"): ", ".join(c.allowed)}
                            for t in tables for c in TABLES[t]["columns"]])
    return reader_table(summary), reader_table(columns)

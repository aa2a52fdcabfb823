"""An empty workbook for collecting cases in a spreadsheet: one sheet per records table plus explanations, in
English, Russian or Kazakh (the sheet and column names and the allowed values stay as stored); a sheet whose rows can
correct earlier ones ends with the optional `corrects` column."""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table

from dashboard.i18n import ENGLISH, translation
from etl.schema import CORRECTABLE, CORRECTS, N_, SOURCE_TABLE_ORDER, TABLES, Column

KIND_HELP = {
    "id": N_("slug: lower-case letters, digits, '-' or '_' (never change it once used)"),
    "text": N_("free text in your own words"),
    "date": N_("date written YYYY-MM-DD (a cell formatted as a date also works)"),
    "precision": N_("day, month or year: how exact the date beside it is; a month date is the 1st, a year date "
                    "1 January"),
    "integer": N_("whole number"),
    "number": N_("number"),
    "boolean": N_("true or false"),
    "list": N_("values separated by |"),
    "enum": N_("one of the allowed values"),
    "region": N_("ISO 3166-2:KZ code, e.g. KZ-75 (Almaty city), KZ-71 (Astana)"),
    "sections": N_("section number(s) of the source, separated by ';'"),
}
HEADINGS = (N_("table"), N_("column"), N_("required"), N_("what it holds"), N_("format"), N_("allowed values"),
            N_("shown in the dashboard as"))


def shown_as(column: Column, language: str = ENGLISH) -> str:
    """The words the dashboard shows for each value, from the registry's labels (so the two never differ)."""
    _ = translation(language).gettext
    return "; ".join(f"{value}: {_(words)}" for value, words in column.labels.items())


def template_columns(table: str) -> tuple[Column, ...]:
    """The columns of a table's sheet: the table's own, and `corrects` where a row may correct an earlier one."""
    return TABLES[table]["columns"] + ((CORRECTS,) if table in CORRECTABLE else ())


def write_template(out: Path | BinaryIO, language: str = ENGLISH) -> None:
    """The workbook, to a file or into a stream (the data desk's download), explained in `language`."""
    words = translation(language)
    _ = words.gettext
    workbook = Workbook()
    explain = workbook.active
    explain.title = "columns"
    explain.append([_(heading) for heading in HEADINGS])
    for table in SOURCE_TABLE_ORDER:
        sheet = workbook.create_sheet(table)
        sheet.append([c.name for c in template_columns(table)])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for column in template_columns(table):
            explain.append([table, column.name, _("yes") if column.required else _("no"), _(column.description),
                            _(KIND_HELP[column.kind]), ", ".join(column.allowed), shown_as(column, language)])
    for cell in explain[1]:
        cell.font = Font(bold=True)
    explain.add_table(Table(displayName="columns", ref=f"A1:G{explain.max_row}"))
    for letter, width in zip("ABCDEFG", (18, 22, 9, 60, 50, 60, 70)):
        explain.column_dimensions[letter].width = width
    if isinstance(out, Path):
        out.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out)

"""Validate raw records against the registry in etl/schema.py with pandera, reporting every problem at once."""
from __future__ import annotations

import datetime as dt
import difflib
import re

import pandas as pd
import pandera.pandas as pa
from openpyxl.utils.datetime import MAC_EPOCH
from pandera.errors import SchemaErrors

from etl.problems import Problem, in_order
from etl.readers import RawRecords, RawTable
from etl.schema import (CORRECTABLE, CORRECTS, MAX_TEXT_LENGTH, NON_NEGATIVE_COLUMNS, PERSON_REFERENCES, region_codes,
                        ROW_ID_SEPARATOR, TABLES, TRANSLATABLE, Column)
from etl.spelling import CYRILLIC, spelling_key

SLUG = r"[a-z0-9]+(?:[-_][a-z0-9]+)*"
ISO_DATE = r"\d{4}-\d{2}-\d{2}"
MAX_COUNT = 20_000_000  # more than Kazakhstan's population: a larger count is a typing error
MAX_TERM_MONTHS = 600
MAX_INTEGER = 2**31 - 1
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
DATE_RULE = f"must be a real date written YYYY-MM-DD ({EARLIEST_YEAR}–{LATEST_YEAR})"
# A date cell formatted as a number (or exported so) shows Excel's day count, e.g. 44197 for 2021-01-01.
EXCEL_SERIAL = re.compile(r"[0-9]{3,6}(?:\.[0-9]+)?")


def _is_integer(s: pd.Series) -> pd.Series:
    whole = s.str.fullmatch(r"-?\d{1,10}")
    return whole & pd.to_numeric(s.where(whole), errors="coerce").between(-MAX_INTEGER - 1, MAX_INTEGER)


def _blank(s: pd.Series) -> pd.Series:
    return s.str.strip() == ""


def _allow_blank(rule):
    """Wrap a series rule so empty cells pass (emptiness is the 'required' rule's business)."""
    return lambda s: _blank(s) | rule(s)


def _is_date(s: pd.Series) -> pd.Series:
    parsed = pd.to_datetime(s.where(s.str.fullmatch(ISO_DATE), None), format="%Y-%m-%d", errors="coerce")
    return parsed.notna() & parsed.dt.year.between(EARLIEST_YEAR, LATEST_YEAR)


def _is_number(s: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(s, errors="coerce")
    return numbers.notna() & numbers.abs().lt(float("inf"))


def _list_items_allowed(allowed: tuple[str, ...]):
    allowed_set = set(allowed)
    return lambda s: s.map(lambda v: all(i.strip() in allowed_set for i in v.split("|")))


def _kind_checks(column: Column) -> list[pa.Check]:
    c = column
    checks: list[pa.Check] = []
    if c.required:
        checks.append(pa.Check(lambda s: ~_blank(s), name="required", error="a value is required"))
    if c.kind == "id":
        checks.append(pa.Check(_allow_blank(lambda s: s.str.fullmatch(SLUG)), name="slug",
                               error="must be a slug: lower-case letters, digits, '-' or '_'"))
    elif c.kind in ("date",):
        checks.append(pa.Check(_allow_blank(_is_date), name="date", error=DATE_RULE))
    elif c.kind == "integer":
        # INTEGER columns are 32-bit in the warehouse: at most ten digits, and within that range
        checks.append(pa.Check(_allow_blank(_is_integer), name="integer",
                               error=f"must be a whole number between {-MAX_INTEGER - 1:,} and {MAX_INTEGER:,}"))
    elif c.kind == "number":
        checks.append(pa.Check(_allow_blank(_is_number), name="number", error="must be a number"))
    elif c.kind == "boolean":
        checks.append(pa.Check(_allow_blank(lambda s: s.str.lower().isin(["true", "false"])),
                               name="boolean", error="must be true or false"))
    elif c.kind in ("enum", "precision"):
        checks.append(pa.Check(_allow_blank(lambda s, a=c.allowed: s.isin(a)), name="allowed",
                               error=f"must be one of: {', '.join(c.allowed)}"))
    elif c.kind == "list" and c.allowed:
        checks.append(pa.Check(_allow_blank(_list_items_allowed(c.allowed)), name="allowed",
                               error=f"each |-separated item must be one of: {', '.join(c.allowed)}"))
    elif c.kind == "region":
        checks.append(pa.Check(_allow_blank(lambda s: s.isin(region_codes())), name="region",
                               error="must be an ISO 3166-2:KZ region code such as KZ-75"))
    elif c.kind == "sections":
        checks.append(pa.Check(_allow_blank(lambda s: s.str.fullmatch(r"\d+(?:;\d+)*")), name="sections",
                               error="must be section numbers separated by ';', e.g. 3 or 3;9"))
    if c.name == "url":
        checks.append(pa.Check(_allow_blank(lambda s: s.str.match(r"https?://")), name="url",
                               error="links must start with http:// or https://"))
    checks.append(pa.Check(lambda s: s.str.len() <= MAX_TEXT_LENGTH, name="length",
                           error=f"is longer than {MAX_TEXT_LENGTH} characters"))
    return checks


def _range_checks(table: str, column: Column) -> list[pa.Check]:
    if column.name not in NON_NEGATIVE_COLUMNS.get(table, ()):
        return []
    numbers = lambda s: pd.to_numeric(s, errors="coerce")  # noqa: E731 - tiny local helper
    checks = [pa.Check(lambda s: ~(numbers(s) < 0), name="non_negative", error="must not be negative")]
    limit = MAX_TERM_MONTHS if column.name == "term_months" else MAX_COUNT
    checks.append(pa.Check(lambda s: ~(numbers(s) > limit), name="plausible",
                           error=f"is implausibly large (more than {limit:,})"))
    return checks


def _qualifier_checks(qualifier: Column) -> list[pa.Check]:
    """A qualifier goes with the value it qualifies; a month/year date sits on the 1st of the month/year."""
    value_col, qual_col = qualifier.qualifies, qualifier.name

    def row_rule(rule):
        def check(df: pd.DataFrame) -> pd.Series:
            if value_col not in df or qual_col not in df:
                return pd.Series(True, index=df.index)
            return rule(df[value_col].str.strip(), df[qual_col].str.strip())
        return check

    checks = [pa.Check(row_rule(lambda value, qual: (value == "") == (qual == "")), name=f"{qual_col}_paired",
                       error=f"{qual_col} must be given exactly when {value_col} is")]
    if qualifier.kind == "precision":
        on_first = row_rule(lambda date, prec: ~((prec == "month") & ~date.str.endswith("-01"))
                            & ~((prec == "year") & ~date.str.endswith("-01-01")))
        checks.append(pa.Check(on_first, name=f"{qual_col}_first_day",
                               error=f"{qual_col} must match {value_col}: a month-precision date is the 1st "
                                     f"of the month, a year-precision date 1 January"))
    return checks


def build_schema(table: str, person_ids: set[str] | None, source_ids: set[str] | None) -> pa.DataFrameSchema:
    spec = TABLES[table]
    columns = {}
    for column in spec["columns"]:
        checks = _kind_checks(column) + _range_checks(table, column)
        if column.name == "person_id" and table in PERSON_REFERENCES and person_ids is not None:
            checks.append(pa.Check(_allow_blank(lambda s: s.isin(person_ids)), name="reference",
                                   error="no person with this person_id in persons"))
        if column.name == "source_id" and table != "sources" and source_ids is not None:
            checks.append(pa.Check(lambda s: _blank(s) | s.isin(source_ids), name="reference",
                                   error="no source with this source_id in sources"))
        # no dtype: every reader gives each cell as text (etl/readers.py), and checking each column's dtype again
        # took a third of a validation
        columns[column.name] = pa.Column(checks=checks, nullable=False)
    if table in CORRECTABLE:  # optional: only a row that corrects an earlier one needs it
        columns[CORRECTS.name] = pa.Column(checks=_kind_checks(CORRECTS), nullable=False, required=False)
    row_checks = [check for c in spec["columns"] if c.qualifies for check in _qualifier_checks(c)]
    return pa.DataFrameSchema(columns, checks=row_checks, strict=True, unique=list(spec["key"]),
                              report_duplicates="all", name=table)


def validate(records: RawRecords, reference_ids: dict[str, set] | None = None) -> list[Problem]:
    """Every problem in the records; reference_ids supplies ids held outside the input (of tables it leaves out, or
    of the other parts of a combined build): "persons" and "sources" ids, "figures" (metric, as_of) pairs."""
    problems = list(records.problems)
    known = {table: set(ids) for table, ids in (reference_ids or {}).items()}
    for table, key in (("persons", "person_id"), ("sources", "source_id")):
        if table in records.tables and key in records.tables[table].frame:
            known[table] = known.get(table, set()) | set(records.tables[table].frame[key].str.strip())
    for table in records.unreadable:
        known.pop(table, None)  # its ids are unknown: references to it would all look dangling
    for table, raw in records.tables.items():
        schema = build_schema(table, known.get("persons"), known.get("sources"))
        problems += _table_problems(schema, raw)
    problems += _figure_member_problems(records, known.get("figures"))
    problems += _translation_problems(records)
    return in_order(problems)


def figure_keys(frame: pd.DataFrame) -> set[tuple[str, str]]:
    """The (metric, as_of) pairs of a figures table, as a figure_members row names them."""
    return set(zip(frame["metric"].str.strip(), frame["as_of"].str.strip()))


def _figure_member_problems(records: RawRecords, known_figures: set | None) -> list[Problem]:
    """A person listed for a figure must point at a stated figure (metric + as_of) of figures."""
    members, figures = records.tables.get("figure_members"), records.tables.get("figures")
    needed = {"metric", "as_of"}
    if members is None or not needed <= set(members.frame):
        return []
    if figures is not None and needed <= set(figures.frame):
        stated = figure_keys(figures.frame) | (known_figures or set())
    elif known_figures is not None and "figures" not in records.unreadable:
        stated = known_figures
    else:
        return []
    keys = zip(members.frame["metric"].str.strip(), members.frame["as_of"].str.strip())
    return [Problem(members.label, _row(index), "metric", f"{metric} {as_of}".strip(),
                    "no figure with this metric and as_of in figures")
            for index, (metric, as_of) in zip(members.frame.index, keys) if (metric, as_of) not in stated]


def _translation_problems(records: RawRecords) -> list[Problem]:
    """A translation names a translatable text of a row the records hold, and keeps people's names as the records
    spell them, in Latin letters: hide-names then replaces them in every language, and no Cyrillic spelling of a
    name is invented."""
    translations = records.tables.get("translations")
    needed = {"table_name", "row_id", "column_name", "text"}
    if translations is None or not needed <= set(translations.frame):
        return []
    names = _person_names(records)
    name_keys = {spelling_key(word) for name in names for word in name.split() if len(word) >= 4}
    originals: dict[tuple[str, str], dict[str, str] | None] = {}
    problems = []
    for index, row in translations.frame[list(needed)].apply(lambda s: s.str.strip()).iterrows():
        table, column, text = row["table_name"], row["column_name"], row["text"]
        broken: list[tuple[str, str, str]] = []  # column, value, rule
        if table in TRANSLATABLE and column not in TRANSLATABLE[table]:
            broken.append(("column_name", column, f"{table} has no translatable text in this column; one of: "
                                                  f"{', '.join(TRANSLATABLE[table])}"))
        elif table in TRANSLATABLE and table in records.tables and table not in records.unreadable:
            if (table, column) not in originals:  # None: the table lacks the column or its key, as it is told
                originals[(table, column)] = _texts_by_row(records.tables[table], table, column)
            texts = originals[(table, column)]
            original = texts.get(row["row_id"]) if texts is not None else ""
            if original is None:
                broken.append(("row_id", row["row_id"], f"no row of {table} with this key"))
            elif dropped := [name for name in names if name in original and name not in text]:
                broken.append(("text", text[:80], "must keep the names of the English text as the records spell "
                                                  f"them, in Latin letters: {', '.join(dropped)}"))
        cyrillic_words = re.findall(rf"{CYRILLIC.pattern}{{4,}}", text)
        if spelled := [word for word in cyrillic_words if spelling_key(word) in name_keys]:
            broken.append(("text", text[:80], f"writes a person's name in Cyrillic letters ({', '.join(spelled)}): "
                                              "keep the records' Latin spelling"))
        problems += [Problem(translations.label, _row(index), *problem) for problem in broken]
    return problems


def _person_names(records: RawRecords) -> list[str]:
    persons = records.tables.get("persons")
    if persons is None or not {"name", "aliases"} <= set(persons.frame):
        return []
    names = set(persons.frame["name"].str.strip())
    names.update(a.strip() for aliases in persons.frame["aliases"] for a in aliases.split("|"))
    return sorted(n for n in names if n)


def _texts_by_row(raw: RawTable, table: str, column: str) -> dict[str, str] | None:
    """row id (its key, joined by ROW_ID_SEPARATOR) -> the text of one column; None when the table lacks them."""
    key = list(TABLES[table]["key"])
    if column not in raw.frame or not set(key) <= set(raw.frame):
        return None
    ids = raw.frame[key].apply(lambda s: s.str.strip()).agg(ROW_ID_SEPARATOR.join, axis=1)
    return dict(zip(ids, raw.frame[column].str.strip()))


def _table_problems(schema: pa.DataFrameSchema, raw: RawTable) -> list[Problem]:
    try:
        schema.validate(raw.frame, lazy=True)
        return []
    except SchemaErrors as err:
        cases = err.failure_cases
    problems = []
    qualified = {c.name: c.qualifies for c in TABLES[raw.table]["columns"] if c.qualifies}
    for case in cases.to_dict("records"):
        check, column, index = str(case["check"]), case["column"], case["index"]
        if check == "column_in_dataframe":
            problems.append(Problem(raw.label, None, str(case["failure_case"]), None, "required column is missing"))
        elif check == "column_in_schema":
            name = str(case["failure_case"])
            missing = [c for c in schema.columns if c not in raw.frame]
            close = difflib.get_close_matches(re.sub(r"[\s-]+", "_", name.lower()), missing, n=1)
            meant = f"did you mean '{close[0]}'? " if close else ""
            problems.append(Problem(raw.label, None, name, None,
                                    f"unknown column; {meant}expected columns: {', '.join(schema.columns)}"))
        elif check == "multiple_fields_uniqueness":
            key = " + ".join(schema.unique)
            problems.append(Problem(raw.label, _row(index), column, _value(case),
                                    f"duplicate {key}: each must appear once"))
        elif index is None or pd.isna(index):
            problems.append(Problem(raw.label, None, column, None, check))
        else:
            pair = next(((v, q) for q, v in qualified.items() if check.startswith(f"{q} must ")), None)
            if case["schema_context"] == "DataFrameSchema" and pair and column not in pair:
                continue  # a row-wide check lists every column of the row; keep the two it is about
            value = _value(case)
            if check == DATE_RULE and value:
                check += _serial_date_hint(raw, value)
            problems.append(Problem(raw.label, _row(index), column, value, check))
    return problems


def _serial_date_hint(raw: RawTable, value: str) -> str:
    if not EXCEL_SERIAL.fullmatch(value):
        return ""
    date = (raw.excel_epoch + dt.timedelta(days=int(float(value)))).date()
    if not EARLIEST_YEAR < date.year <= LATEST_YEAR:  # 1900 is skipped: Excel counts a 29 February 1900
        return ""
    system = "this workbook's 1904 date system" if raw.excel_epoch == MAC_EPOCH else "Excel's 1900 date system"
    return (f"; {value} looks like an Excel serial date: {date.isoformat()} in {system}; "
            f"type it as {date.isoformat()} or format the cells as dates")


def _row(index) -> int:
    """The frame is indexed by spreadsheet row numbers."""
    return int(index)


def _value(case: dict) -> str | None:
    value = case["failure_case"]
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)

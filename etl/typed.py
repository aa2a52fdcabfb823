"""The contract tables (shared/design/DATA.md) typed from the registry (etl/schema.py), the one place that says what
type each column is: every cell of a raw_* view trimmed, an empty one NULL, then cast by its column's kind. Built
from DuckDB's expressions, so no SQL is written from a name."""
from __future__ import annotations

from collections.abc import Iterable

import duckdb
from duckdb import CoalesceOperator, ColumnExpression, ConstantExpression, FunctionExpression, LambdaExpression

from etl.schema import TABLES, Column

# The warehouse type of each kind of column that is not text; a list is split on '|', a boolean is 'true' or not.
CASTS = {"date": "DATE", "number": "DOUBLE", "integer": "INTEGER"}
LIST = duckdb.list_type(duckdb.sqltype("VARCHAR"))


def text(name: str) -> duckdb.Expression:
    """A raw cell trimmed, an empty one NULL."""
    return FunctionExpression("nullif", FunctionExpression("trim", ColumnExpression(name)), ConstantExpression(""))


def typed(column: Column) -> duckdb.Expression:
    """A raw column as the warehouse stores it."""
    cell = text(column.name)
    if column.kind in CASTS:
        value = cell.cast(duckdb.sqltype(CASTS[column.kind]))
    elif column.kind == "list":
        items = FunctionExpression("string_split", cell, ConstantExpression("|"))
        trimmed = LambdaExpression("x", FunctionExpression("trim", ColumnExpression("x")))
        value = CoalesceOperator(FunctionExpression("list_transform", items, trimmed),
                                 ConstantExpression([]).cast(LIST))
    elif column.kind == "boolean":
        value = CoalesceOperator(FunctionExpression("lower", cell) == ConstantExpression("true"),
                                 ConstantExpression(False))
    else:
        value = cell
    return value.alias(column.name)


def create_typed_tables(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> None:
    """Each table from its raw_<table> view, its columns in the registry's order and typed by their kinds."""
    for table in tables:
        con.table(f"raw_{table}").select(*(typed(column) for column in TABLES[table]["columns"])).create(table)

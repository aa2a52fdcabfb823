"""A validation problem, reported to the person who typed the data: file, row, column, value, rule."""
from __future__ import annotations

from dataclasses import dataclass

MAX_SHOWN_VALUE = 60


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int | None  # line/row number as a spreadsheet shows it (header is row 1); None for the whole file
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        shown = ""
        if self.value is not None:
            value = str(self.value)
            if len(value) > MAX_SHOWN_VALUE:
                value = value[:MAX_SHOWN_VALUE] + "…"
            shown = f": value {value!r}"
        return f"{where}{shown} — {self.rule}"


def in_order(problems) -> list[Problem]:
    """Each problem once, by file, row, column and rule (a whole-file problem first)."""
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.rule))


class RecordsError(Exception):
    """Records that cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the records")
        self.problems = problems


def format_report(problems: list[Problem]) -> str:
    if not problems:
        return "All records are valid."
    lines = [f"{len(problems)} problem(s) found:"]
    lines += [f"  - {p}" for p in problems]
    return "\n".join(lines)

"""Records in parts (the curated records, then each kept upload in the order it was published), validated part by
part and combined into one set of tables.

A row whose key an earlier part already holds is refused, unless it is marked as a correction (`corrects: true`):
then it replaces the earlier row, and the change is reported before and after. A row marked as a correction with
no earlier row to correct is refused too. So a later source never silently replaces another source's row.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from etl.problems import Problem, in_order
from etl.readers import RawRecords, RawTable
from etl.schema import CORRECTABLE, CORRECTS, SOURCE_TABLE_ORDER, TABLES
from etl.validate import figure_keys, validate

KEY_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class Correction:
    """A row that replaces an earlier one: where it was given, and both versions, column by column."""
    table: str
    key: str  # the key's values, as the advocate typed them
    file: str
    row: int
    before: dict[str, str]
    after: dict[str, str]

    def changed(self) -> list[str]:
        return [column for column, value in self.after.items() if self.before.get(column) != value]


@dataclass
class Combined:
    records: RawRecords
    problems: list[Problem] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)


def combine(parts: list[RawRecords], reference_ids: dict[str, set] | None = None) -> Combined:
    """Validate each part (its references may point into any part) and combine them, later parts after earlier
    ones; reference_ids adds ids held outside every part."""
    known = {table: set(ids) for table, ids in (reference_ids or {}).items()}
    for part in parts:
        for table, key in (("persons", "person_id"), ("sources", "source_id")):
            raw = part.tables.get(table)
            if raw is not None and key in raw.frame:
                known.setdefault(table, set()).update(raw.frame[key].str.strip())
        figures = part.tables.get("figures")
        if figures is not None and {"metric", "as_of"} <= set(figures.frame):
            known.setdefault("figures", set()).update(figure_keys(figures.frame))
    problems = [problem for part in parts for problem in validate(part, known)]
    combined = Combined(RawRecords(unreadable=set().union(*(part.unreadable for part in parts))), problems)
    titles = _source_titles(parts)
    for table in SOURCE_TABLE_ORDER:
        given = [part.tables[table] for part in parts if table in part.tables]
        if given:
            combined.records.tables[table] = _combine_table(table, given, titles, combined)
    combined.problems = in_order(combined.problems)
    return combined


def _combine_table(table: str, given: list[RawTable], titles: dict[str, str], combined: Combined) -> RawTable:
    key = TABLES[table]["key"]
    frame, first = None, given[0]
    for raw in given:
        marked = _marked(raw.frame)
        own = raw.frame.drop(columns=[CORRECTS.name]) if CORRECTS.name in raw.frame else raw.frame
        if not set(key) <= set(own):  # a key column is missing: validation has said so
            frame = own if frame is None else frame
            continue
        if frame is None and not marked.any():  # the first part, with nothing marked: nothing to compare
            frame = own
            continue
        keys = _keys(own, key)
        earlier = _keys(frame, key) if frame is not None and set(key) <= set(frame) else pd.Series([], dtype=object)
        reused = keys.isin(earlier)
        combined.problems += [_reuse_problem(table, raw, row, keys[row], frame, earlier, titles)
                              for row in own.index[reused & ~marked]]
        combined.problems += [Problem(raw.label, int(row), CORRECTS.name, raw.frame.at[row, CORRECTS.name],
                                      f"this row is marked as a correction, but no earlier row has its "
                                      f"{' + '.join(key)}; leave {CORRECTS.name} empty for a new row")
                              for row in own.index[marked & ~reused]]
        corrected = keys[reused & marked]
        if frame is None:
            frame = own
            continue
        replaced = earlier.isin(corrected)
        combined.corrections += [
            Correction(table, value.replace(KEY_SEPARATOR, " "), raw.label, int(row),
                       frame[(earlier == value).to_numpy()].iloc[0].to_dict(), own.loc[row].to_dict())
            for row, value in corrected.items()]
        frame = pd.concat([frame[~replaced.to_numpy()], own], ignore_index=True)
    return RawTable(table, first.label if len(given) == 1 else ", ".join(r.label for r in given), frame,
                    first.excel_epoch)


def _marked(frame: pd.DataFrame) -> pd.Series:
    """Rows marked as corrections (true in the corrects column)."""
    if CORRECTS.name not in frame:
        return pd.Series(False, index=frame.index)
    return frame[CORRECTS.name].str.strip().str.lower() == "true"


def _keys(frame: pd.DataFrame, key: tuple[str, ...]) -> pd.Series:
    """Each row's key as one string."""
    first = frame[key[0]].str.strip()
    return first.str.cat([frame[column].str.strip() for column in key[1:]], sep=KEY_SEPARATOR) if key[1:] else first


def _reuse_problem(table: str, raw: RawTable, row, value: str, frame: pd.DataFrame, earlier: pd.Series,
                   titles: dict[str, str]) -> Problem:
    key = TABLES[table]["key"]
    where = "an earlier row"
    if "source_id" in frame:
        source = frame["source_id"][(earlier == value).to_numpy()].iloc[0].strip()
        where = f"a row of the source '{titles.get(source, source)}'"
    fix = (f"give this row a new {key[0]}, or write true in its {CORRECTS.name} column to replace that row"
           if table in CORRECTABLE else "leave this row out")
    return Problem(raw.label, int(row), key[0], value.replace(KEY_SEPARATOR, " "),
                   f"{' + '.join(key)} is already used by {where}; {fix}")


def _source_titles(parts: list[RawRecords]) -> dict[str, str]:
    titles = {}
    for part in parts:
        sources = part.tables.get("sources")
        if sources is not None and {"source_id", "title"} <= set(sources.frame):
            titles.update(zip(sources.frame["source_id"].str.strip(), sources.frame["title"].str.strip()))
    return titles

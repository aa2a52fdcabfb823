"""What changed since a date (facts dated after it) or since an earlier data build (kept by the ETL under
data/warehouse/history/<build id>/): one row per new or changed fact, with its source and section."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from dashboard.i18n import ENGLISH, N_, translation
from dashboard.labels import NOT_STATED, label, readable_table
from dashboard.loader import DATABASE_NAME, load, load_build, warehouse_path
from dashboard.view import View
from etl.history import HISTORY_DIR, PARQUET_LINK, history_builds

PAGE = N_("What changed")
KINDS = ("new person", "new charge", "new sentence", "new event", "status changed", "released", "converted to prison",
         "death", "corrected", "figure moved")


def earlier_builds() -> list[str]:
    """Build ids with Parquet kept in the warehouse's history, newest first."""
    return [folder.name for folder in reversed(history_builds(warehouse_path().parent))]


# What a change says, as values (queries/changes_since_*.sql): worded here, in the reader's language.
FACT_COLUMNS = ["previous_status", "status", "status_as_of", "code", "article", "part", "label", "outcome",
                "sentence_type", "term_months", "stage", "previous_value", "previous_as_of", "value"]


def since_date(view: View, since: dt.date) -> pd.DataFrame:
    """Facts dated after `since`, for the view's person and region filters (the date takes the period's place)."""
    return worded(load(view, "changes_since_date", since=since), view.language)


def since_build(view: View, build_id: str) -> pd.DataFrame:
    if build_id not in earlier_builds():  # only the kept builds, never a path from elsewhere
        raise ValueError(f"no earlier build {build_id!r} in the warehouse history")
    return worded(load(view, "changes_since_build", old_parquet=str(warehouse_path().parent / HISTORY_DIR / build_id)),
                  view.language)


def worded(changes: pd.DataFrame, language: str) -> pd.DataFrame:
    """The changes with what each says as one description in `language` (record text, as the loader gives it, where
    the fact has its own words), in place of the values it is made from."""
    return changes.assign(description=[describe(row, language) for row in changes.itertuples()]).drop(
        columns=FACT_COLUMNS)


def readable(changes: pd.DataFrame, titles: dict[str, str], language: str) -> pd.DataFrame:
    """The changes as the What changed page and the desk's preview list them: in words, each source by its title
    (`titles`: source id -> title), without the person's id."""
    return readable_table(changes.drop(columns=["person_id"]).assign(
        source_ids=changes["source_ids"].map(lambda ids: [titles.get(i, i) for i in ids])), language)


def before_publishing(view: View, candidate: Path, published: Path) -> pd.DataFrame:
    """What a build not yet published (its warehouse folder) changes in the published one: the rows this page lists
    for it, compared with the build it replaces, once it is published."""
    return worded(load_build(view, candidate / DATABASE_NAME, "changes_since_build",
                             old_parquet=str((published / PARQUET_LINK).resolve())), view.language)


def headline_numbers(view: View, candidate: Path, published: Path) -> pd.DataFrame:
    """The headline numbers of the published build and of one not yet published, one row per number."""
    now, after = (load_build(view, folder / DATABASE_NAME, "headline_numbers") for folder in (published, candidate))
    return pd.DataFrame({"measure": now.columns, "now": now.iloc[0].to_numpy(), "after": after.iloc[0].to_numpy()})


def describe(row, language: str) -> str:
    """One change in words: 'Imprisoned as of 1 September 2021', 'Criminal Code, Art. 405, part 1 (…): convicted'."""
    t = translation(language)
    _ = t.gettext
    named = lambda kind, value: label(kind, value, language)  # noqa: E731
    if row.change in ("new person", "status changed"):
        status = named("status", row.status)
        if isinstance(row.previous_status, str):
            status = f"{named('status', row.previous_status)} → {status.lower()}"
        return _("{status} as of {date}").format(status=status, date=t.date(row.status_as_of))
    if isinstance(row.code, str):  # a new charge, or one corrected
        charge = [named("code", row.code)] + ([] if pd.isna(row.article) else [_("Art. {article}").format(
            article=int(row.article))]) + ([] if pd.isna(row.part) else [_("part {part}").format(part=int(row.part))])
        offence = f" ({row.label})" if isinstance(row.label, str) else ""
        return f"{', '.join(charge)}{offence}: {named('outcome', row.outcome).lower()}"
    if isinstance(row.sentence_type, str):  # a new sentence, one converted to prison, or one corrected
        term = "" if pd.isna(row.term_months) else ", " + t.ngettext(
            "{n} month", "{n} months", row.term_months if float(row.term_months).is_integer() else 2).format(
            n=t.number(row.term_months))
        return f"{named('sentence_type', row.sentence_type)}{term} ({named('stage', row.stage).lower()})"
    if row.change == "figure moved":
        before = _(NOT_STATED) if pd.isna(row.previous_value) else t.number(row.previous_value)
        if not pd.isna(row.previous_as_of):
            before += f" ({t.date(row.previous_as_of)})"
        return f"{row.description.rstrip('.')}: {before} → {t.number(row.value)}"
    if row.change == "corrected" and not isinstance(row.description, str):
        return _("The person's own record")
    return row.description  # an event (a release, a death): its own words


def summary(changes: pd.DataFrame, compared_with: str, language: str = ENGLISH) -> str:
    """The finding, e.g. 'Since 2021-01-01: new person: 25; new charge: 3; death: 1'."""
    words = translation(language)
    counts = changes["change"].value_counts()
    parts = [f"{label('change', kind, language).lower()}: {words.number(counts[kind])}" for kind in KINDS
             if kind in counts]
    return words.gettext("Since {compared_with}: {changes}").format(
        compared_with=compared_with, changes="; ".join(parts) if parts else words.gettext("nothing new or changed"))

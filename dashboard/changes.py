"""What changed since a date (facts dated after it) or since an earlier data build (kept by the ETL under
data/warehouse/history/<build id>/): one row per new or changed fact, with its source and section."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from dashboard.loader import DATABASE_NAME, load, load_build, warehouse_path
from dashboard.view import View
from etl.history import HISTORY_DIR, PARQUET_LINK, history_builds

KINDS = ("new person", "new charge", "new sentence", "new event", "status changed", "released", "converted to prison",
         "death", "corrected", "figure moved")
CODED = re.compile(r"\{(status|sentence_type|stage):(\w+)\}")  # a vocabulary value a query's description marks


def earlier_builds() -> list[str]:
    """Build ids with Parquet kept in the warehouse's history, newest first."""
    return [folder.name for folder in reversed(history_builds(warehouse_path().parent))]


def since_date(view: View, since: dt.date) -> pd.DataFrame:
    """Facts dated after `since`, for the view's person and region filters (the date takes the period's place)."""
    return in_words(load(view, "changes_since_date", since=since))


def since_build(view: View, build_id: str) -> pd.DataFrame:
    if build_id not in earlier_builds():  # only the kept builds, never a path from elsewhere
        raise ValueError(f"no earlier build {build_id!r} in the warehouse history")
    return in_words(load(view, "changes_since_build", old_parquet=str(warehouse_path().parent / HISTORY_DIR / build_id)))


def in_words(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with the vocabulary values their descriptions mark ({status:pre_trial_detention}) in words from the
    label registry, lower-case within a sentence: 'first dated fact: pre-trial detention as of 2021-09-01'."""
    from dashboard.labels import label  # the registry lists the kinds of change above: imported once both exist

    def words(match: re.Match) -> str:
        named = label(match[1], match[2])
        return named if match.start() == 0 else named[0].lower() + named[1:]
    return rows.assign(description=rows["description"].map(
        lambda text: CODED.sub(words, text) if isinstance(text, str) else text))


def before_publishing(view: View, candidate: Path, published: Path) -> pd.DataFrame:
    """What a build not yet published (its warehouse folder) changes in the published one: the rows this page lists
    for it, compared with the build it replaces, once it is published."""
    return in_words(load_build(view, candidate / DATABASE_NAME, "changes_since_build",
                               old_parquet=str((published / PARQUET_LINK).resolve())))


def headline_numbers(view: View, candidate: Path, published: Path) -> pd.DataFrame:
    """The headline numbers of the published build and of one not yet published, one row per number."""
    now, after = (load_build(view, folder / DATABASE_NAME, "headline_numbers") for folder in (published, candidate))
    return pd.DataFrame({"measure": now.columns, "now": now.iloc[0].to_numpy(), "after": after.iloc[0].to_numpy()})


def summary(changes: pd.DataFrame, compared_with: str) -> str:
    """The finding, e.g. 'Since 2021-01-01: 25 new persons, 3 new charges, 1 death'."""
    counts = changes["change"].value_counts()
    parts = [f"{kind}: {counts[kind]}" for kind in KINDS if kind in counts]
    return f"Since {compared_with}: " + ("; ".join(parts) if parts else "nothing new or changed")

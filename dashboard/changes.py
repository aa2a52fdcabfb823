"""What changed since a date (facts dated after it) or since an earlier data build (kept by the ETL under
data/warehouse/history/<build id>/): one row per new or changed fact, with its source and section."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.i18n import ENGLISH, N_, translation
from dashboard.labels import label
from dashboard.loader import load, warehouse_path
from dashboard.view import View
from etl.history import HISTORY_DIR, history_builds

PAGE = N_("What changed")
KINDS = ("new person", "new charge", "new sentence", "status changed", "released", "converted to prison", "death",
         "figure moved")


def earlier_builds() -> list[str]:
    """Build ids with Parquet kept in the warehouse's history, newest first."""
    return [folder.name for folder in reversed(history_builds(warehouse_path().parent))]


def since_date(view: View, since: dt.date) -> pd.DataFrame:
    """Facts dated after `since`, for the view's person and region filters (the date takes the period's place)."""
    return load(view, "changes_since_date", since=since)


def since_build(view: View, build_id: str) -> pd.DataFrame:
    if build_id not in earlier_builds():  # only the kept builds, never a path from elsewhere
        raise ValueError(f"no earlier build {build_id!r} in the warehouse history")
    return load(view, "changes_since_build", old_parquet=str(warehouse_path().parent / HISTORY_DIR / build_id))


def summary(changes: pd.DataFrame, compared_with: str, language: str = ENGLISH) -> str:
    """The finding, e.g. 'Since 2021-01-01: new person: 25; new charge: 3; death: 1'."""
    words = translation(language)
    counts = changes["change"].value_counts()
    parts = [f"{label('change', kind, language).lower()}: {words.number(counts[kind])}" for kind in KINDS
             if kind in counts]
    return words.gettext("Since {compared_with}: {changes}").format(
        compared_with=compared_with, changes="; ".join(parts) if parts else words.gettext("nothing new or changed"))

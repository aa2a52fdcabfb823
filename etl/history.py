"""Where the Parquet of earlier builds is kept, for the "what changed" page: read by the dashboard without the
ETL's validation stack."""
from __future__ import annotations

from pathlib import Path

PARQUET_LINK = "parquet"  # the published build's Parquet folder (a link to parquet-<build id>)
HISTORY_DIR = "history"  # Parquet of earlier builds, one folder per build id
HISTORY_KEEP = 5


def history_builds(warehouse: Path) -> list[Path]:
    """The Parquet folders of earlier builds, oldest first: by when their files were written, since two builds
    in one second have ids that do not sort by time."""
    history = warehouse / HISTORY_DIR
    folders = [p for p in history.iterdir() if p.is_dir()] if history.is_dir() else []
    return sorted(folders, key=lambda folder: max((f.stat().st_mtime_ns for f in folder.iterdir()), default=0))

"""Uploads kept beside the curated records, each a source of its own, and the log of every publish and roll back.

    data/records/                 the curated records
    data/uploads/<no>-<digest>/   one kept upload: sources.csv (its one source) and one CSV per table it adds rows to
    data/uploads/publishes.csv    every publish and roll back: when, what, by whom, the uploads in force after it
                                  and the records fingerprint of the build it published

The project's build reads data/records, then the uploads in force (the log's last entry) in the order they were
published, so a fresh clone rebuilds exactly the published warehouse (the same records fingerprint). A roll back
only changes which uploads are in force: every upload stays on disk.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
import unicodedata
import weakref
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from filelock import FileLock

from etl.combine import Correction, combine
from etl.problems import Problem, RecordsError, in_order
from etl.readers import RawRecords, RawTable, read_records
from etl.schema import CORRECTS, column_names
from etl.warehouse import DEFAULT_WAREHOUSE, PROJECT_ROOT, BuildSummary, publish_records

DEFAULT_DATA = PROJECT_ROOT / "data"
LOG_NAME = "publishes.csv"
LOG_COLUMNS = ["no", "when", "action", "upload", "source", "files", "editor", "restores", "uploads_in_force",
               "records_fingerprint", "build_id"]
PUBLISH, ROLL_BACK = "publish", "roll back"
SOURCE_DETAILS = "the source's details"  # how problems name the form (or options) that names the source
# Tables an upload never adds rows to: its source is named in the form, and regions are reference data.
NOT_UPLOADED = {"sources": "the source is named in the form, not in a sheet",
                "regions": "regions are the dashboard's own reference data"}
UPLOAD_FOLDER = re.compile(r"(\d{4,})-[0-9a-f]{8}")


class StaleUpload(Exception):
    """The records changed (another publish or roll back) after this upload was checked."""


@dataclass(frozen=True)
class Project:
    """A project's data folder: records/ and uploads/ (and the publish log in it)."""
    data: Path = DEFAULT_DATA

    @property
    def records(self) -> Path:
        return self.data / "records"

    @property
    def uploads(self) -> Path:
        return self.data / "uploads"

    def log(self) -> pd.DataFrame:
        """Every publish and roll back, oldest first."""
        path = self.uploads / LOG_NAME
        if not path.exists():
            return pd.DataFrame(columns=LOG_COLUMNS, dtype=str)
        return pd.read_csv(path, dtype=str, keep_default_na=False)

    def in_force(self, log: pd.DataFrame | None = None) -> list[str]:
        """The uploads the published warehouse is built from, in order."""
        log = self.log() if log is None else log
        return uploads_of(log.iloc[-1]["uploads_in_force"]) if len(log) else []

    def state(self) -> str:
        """Changes with every publish and roll back: a check made before one is stale after it."""
        path = self.uploads / LOG_NAME
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""

    def parts(self, uploads: list[str]) -> list[RawRecords]:
        """The curated records, then each of the uploads, read."""
        return [read_records([folder]) for folder in [self.records, *(self.uploads / name for name in uploads)]]

    def lock(self) -> FileLock:
        """One publish or roll back at a time."""
        self.uploads.mkdir(parents=True, exist_ok=True)
        return FileLock(self.uploads / ".publish.lock")


def uploads_of(cell: str) -> list[str]:
    return [name for name in cell.split("|") if name]


def build_project(project: Project, warehouse: Path = DEFAULT_WAREHOUSE, uploads: list[str] | None = None,
                  extra: Path | None = None) -> BuildSummary:
    """Build the curated records and the uploads (by default those in force), then `extra`, a checked upload not
    yet kept, into the warehouse."""
    uploads = project.in_force() if uploads is None else uploads
    combined = combine(project.parts(uploads) + ([read_records([extra])] if extra else []))
    folders = [project.uploads / name for name in uploads] + ([extra] if extra else [])
    return publish_records(combined.records, combined.problems, warehouse, [project.records, *folders],
                           tuple(uploads))


@dataclass
class Upload:
    """Files an advocate gives as one new source, read and checked against the records in force."""
    source: dict[str, str]
    files: list[str]
    records: RawRecords
    problems: list[Problem] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    state: str = ""  # the project's state it was checked against

    @property
    def title(self) -> str:
        return self.source["title"]


def check_upload(project: Project, paths: list[Path], title: str, publisher: str, published: str = "",
                 url: str = "", notes: str = "") -> Upload:
    """Read the files as one new source, fill its id into rows that leave source_id empty, and check them with
    the records in force: every problem at once, as `etl check` reports them."""
    state, parts = project.state(), project.parts(project.in_force())
    taken = {source for part in parts if "sources" in part.tables
             for source in part.tables["sources"].frame.get("source_id", pd.Series(dtype=str)).str.strip()}
    source = {"source_id": source_id_for(title, published, taken), "title": title.strip(),
              "publisher": publisher.strip(), "published": published.strip(), "url": url.strip(),
              "notes": notes.strip()}
    records = read_records(paths)
    problems: list[Problem] = []
    for table, why in NOT_UPLOADED.items():
        raw = records.tables.pop(table, None)
        if raw is not None and not raw.frame.empty:
            problems.append(Problem(raw.label, None, None, None, f"this sheet must stay empty: {why}"))
    for table, raw in list(records.tables.items()):
        if raw.frame.empty:
            del records.tables[table]
        elif "source_id" in raw.frame:
            raw.frame = raw.frame.assign(source_id=raw.frame["source_id"].mask(
                raw.frame["source_id"].str.strip() == "", source["source_id"]))
    if not records.tables and not records.problems:
        problems.append(Problem(", ".join(p.name for p in paths), None, None, None,
                                "the upload holds no rows: fill in at least one sheet of the template"))
    records.tables["sources"] = RawTable("sources", SOURCE_DETAILS, pd.DataFrame([source], index=[1], dtype=str))
    combined = combine(parts + [records])
    problems += [replace(p, row=None) if p.file == SOURCE_DETAILS else p for p in combined.problems]
    problems = sorted(in_order(problems), key=lambda p: p.file != SOURCE_DETAILS)  # the form's, then the files'
    return Upload(source, [p.name for p in paths], records, problems, combined.corrections, state)


def source_id_for(title: str, published: str, taken: set[str]) -> str:
    """A slug for a new source from its title (and year), never one already taken."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_title)[:8]
    year = published[:4] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published.strip()) else ""
    base = "-".join(words + ([year] if year and year not in words else [])) or "source"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def write_upload(upload: Upload, folder: Path) -> str:
    """The upload as CSV files in `folder` (its source in sources.csv, one file per table, columns in the
    registry's order); returns the digest of their contents."""
    if upload.problems:
        raise RecordsError(upload.problems)
    folder.mkdir(parents=True)
    digest = hashlib.sha256()
    for table, raw in sorted(upload.records.tables.items()):
        columns = column_names(table) + ([CORRECTS.name] if CORRECTS.name in raw.frame else [])
        text = raw.frame[columns].to_csv(index=False, lineterminator="\n")
        (folder / f"{table}.csv").write_text(text, encoding="utf-8")
        digest.update(table.encode() + b"\0" + text.encode())
    return digest.hexdigest()


@dataclass
class Preview:
    """A checked upload written out and built into a scratch warehouse, not yet published."""
    upload: Upload
    scratch: Path  # a temporary folder that holds the two below; discard() removes it
    folder: Path  # the upload's files as a publish keeps them
    warehouse: Path
    digest: str
    summary: BuildSummary

    def __post_init__(self) -> None:
        # a check nobody publishes or checks again (a closed tab, an ended session) must not leave its scratch
        # warehouse on disk: removed when the preview is garbage-collected, or at the latest when the server exits
        self._remove = weakref.finalize(self, shutil.rmtree, self.scratch, ignore_errors=True)

    def discard(self) -> None:
        self._remove()


def preview(project: Project, upload: Upload, scratch_parent: Path | None = None) -> Preview:
    """Write the upload as it would be kept and build the records in force with it into a scratch warehouse, from
    the files on disk exactly as a publish will."""
    scratch = Path(tempfile.mkdtemp(prefix="desk-preview-", dir=scratch_parent))
    folder, warehouse = scratch / "upload", scratch / "warehouse"
    try:
        digest = write_upload(upload, folder)
        summary = build_project(project, warehouse, project.in_force(), extra=folder)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return Preview(upload, scratch, folder, warehouse, digest, summary)


def publish(project: Project, checked: Preview, editor: str, warehouse: Path = DEFAULT_WAREHOUSE) -> dict[str, str]:
    """Keep the previewed upload under uploads/, build the records with it into the warehouse (an atomic swap) and
    log the publish. Refused when anything was published or rolled back since the check."""
    with project.lock():
        if project.state() != checked.upload.state:
            raise StaleUpload("the records changed since this upload was checked")
        _remove_leftovers(project)
        name = f"{_next_number(project):04d}-{checked.digest[:8]}"
        incoming = project.uploads / f".incoming-{name}"
        shutil.copytree(checked.folder, incoming)
        os.replace(incoming, project.uploads / name)  # an upload folder is whole or absent
        uploads = project.in_force() + [name]
        try:
            summary = build_project(project, warehouse, uploads)
        except BaseException:
            shutil.rmtree(project.uploads / name, ignore_errors=True)
            raise
        return _log(project, PUBLISH, editor, uploads, summary, upload=name, source=checked.upload.title,
                    files=", ".join(checked.upload.files))


def roll_back(project: Project, entry: int, editor: str, warehouse: Path = DEFAULT_WAREHOUSE) -> dict[str, str]:
    """Publish again the uploads that were in force after log entry `entry` (0: the curated records alone), and log
    it: the uploads in force on disk follow, so a rebuild gives the same warehouse."""
    with project.lock():
        _remove_leftovers(project)
        log = project.log()
        if entry and str(entry) not in set(log["no"]):
            raise ValueError(f"no publish numbered {entry}")
        uploads = uploads_of(log.set_index("no").at[str(entry), "uploads_in_force"]) if entry else []
        summary = build_project(project, warehouse, uploads)
        return _log(project, ROLL_BACK, editor, uploads, summary, restores=str(entry))


def _remove_leftovers(project: Project) -> None:
    """What a publish or roll back stopped half-way leaves: an upload folder half copied, or kept but never
    published (no log entry names it), a log half written."""
    logged = {name for cell in project.log()["uploads_in_force"] for name in uploads_of(cell)}
    never_published = [folder for folder in project.uploads.iterdir()
                       if UPLOAD_FOLDER.fullmatch(folder.name) and folder.name not in logged]
    for leftover in [*project.uploads.glob(".incoming-*"), *project.uploads.glob(f".{LOG_NAME}.*"), *never_published]:
        if leftover.is_dir():
            shutil.rmtree(leftover)
        else:
            leftover.unlink()


def _next_number(project: Project) -> int:
    numbers = [int(match[1]) for path in project.uploads.iterdir() if (match := UPLOAD_FOLDER.fullmatch(path.name))]
    return max(numbers, default=0) + 1


def _log(project: Project, action: str, editor: str, uploads: list[str], summary: BuildSummary,
         **details: str) -> dict[str, str]:
    """Add an entry to the log, replacing the file in one rename (a kill leaves the old log or the new one)."""
    log = project.log()
    entry = {column: "" for column in LOG_COLUMNS} | details | {
        "no": str(len(log) + 1), "when": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "action": action, "editor": editor.strip(), "uploads_in_force": "|".join(uploads),
        "records_fingerprint": summary.fingerprint, "build_id": summary.build_id}
    text = pd.concat([log, pd.DataFrame([entry], dtype=str)], ignore_index=True)[LOG_COLUMNS].to_csv(
        index=False, lineterminator="\n")
    temporary = project.uploads / f".{LOG_NAME}.{summary.build_id}"
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, project.uploads / LOG_NAME)
    return entry

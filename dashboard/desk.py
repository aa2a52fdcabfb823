"""The data desk (/desk): an editor adds a later report or an advocate's spreadsheet as a source of its own, sees
every problem the ETL finds in it, sees what publishing it would change, publishes it, and can make any earlier
publish the published one again. Only on a server with an editor password (DASHBOARD_EDITOR_PASSWORD, in the
environment or in .streamlit/secrets.toml), and only for a session that gave it; the records work is etl/uploads.py.
"""
from __future__ import annotations

import datetime as dt
import hmac
import io
import math
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import changes
from dashboard.labels import NOT_STATED, header, label, readable_table
from dashboard.loader import DATABASE_NAME, LISTED, load, load_build, warehouse_path
from dashboard.view import View
from etl.problems import MAX_SHOWN_VALUE, Problem, RecordsError
from etl.template import write_template
from etl.uploads import (DEFAULT_DATA, PUBLISH, Preview, Project, StaleUpload, Upload, check_upload, preview, publish,
                         roll_back, uploads_of)

PASSWORD_SETTING = "DASHBOARD_EDITOR_PASSWORD"
DATA_SETTING = "DASHBOARD_DATA"  # the data folder the desk keeps uploads in (records/ and uploads/): data/ by default
FREE_ATTEMPTS = 3  # wrong passwords before each further one doubles the wait
LONGEST_WAIT = 300.0  # seconds
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
clock = time.monotonic  # what waits are measured by (tests move it on)

SIGNED_IN, ATTEMPTS, CHECKED, DONE = "desk_signed_in", "desk_attempts", "desk_checked", "desk_done"


def editor_password() -> str | None:
    """The server's editor password; None when it has none (the desk is then off)."""
    password = os.environ.get(PASSWORD_SETTING)
    if not password:
        try:
            password = st.secrets.get(PASSWORD_SETTING)
        except FileNotFoundError:  # no secrets file
            password = None
    return password or None


def data_folder() -> Path:
    return Path(os.environ.get(DATA_SETTING, DEFAULT_DATA))


@dataclass
class Attempts:
    """Wrong passwords given, and when the next attempt is heard at all."""
    failures: int = 0
    not_before: float = 0.0

    def failed(self, now: float) -> None:
        self.failures += 1
        if self.failures >= FREE_ATTEMPTS:
            self.not_before = now + min(2.0 ** (self.failures - FREE_ATTEMPTS + 1), LONGEST_WAIT)

    def reset(self) -> None:
        self.failures, self.not_before = 0, 0.0


SERVER_ATTEMPTS = Attempts()  # every session of this server together: a fresh session does not start afresh
_attempts_lock = threading.Lock()


def try_password(given: str, expected: str, session: Attempts) -> str | None:
    """None when the password is right, else why not. While a wait runs the password is not even compared; it is
    compared in constant time."""
    now = clock()
    with _attempts_lock:
        wait = max(session.not_before, SERVER_ATTEMPTS.not_before) - now
        if wait > 0:
            return f"Too many wrong passwords: wait {math.ceil(wait)} seconds, then try again."
        if hmac.compare_digest(given.encode(), expected.encode()):
            session.reset()
            SERVER_ATTEMPTS.reset()
            return None
        session.failed(now)
        SERVER_ATTEMPTS.failed(now)
    return "That is not the editor password."


def signed_in() -> bool:
    """Whether this session may use the desk; else the sign-in form (or, on a server without an editor password,
    only a refusal). The session stays signed in while it lasts, never longer."""
    password = editor_password()
    if password is None:
        st.info("This page is not available on this server.")
        return False
    if st.session_state.get(SIGNED_IN):
        return True
    with st.form("desk_sign_in", clear_on_submit=True):
        given = st.text_input("Editor password", type="password", key="desk_password")
        submitted = st.form_submit_button("Sign in", key="desk_sign_in_button")
    if submitted:
        refused = try_password(given, password, st.session_state.setdefault(ATTEMPTS, Attempts()))
        if refused is None:
            st.session_state[SIGNED_IN] = True
            st.rerun()
        st.error(refused)
    return False


def draw(view: View) -> None:
    project, warehouse = Project(data_folder()), warehouse_path().parent
    if done := st.session_state.pop(DONE, None):
        st.success(done)
    published_now(view, project)
    editor = st.text_input("Your name or initials, recorded with what you publish", key="desk_editor",
                           max_chars=80).strip()
    st.header("Add records")
    add_records(project, warehouse, editor)
    st.header("Published builds")
    published_builds(project, warehouse, editor)
    if st.button("Sign out", key="desk_sign_out", type="tertiary"):
        forget_check()
        st.session_state.pop(SIGNED_IN, None)
        st.rerun()


def published_now(view: View, project: Project) -> None:
    build = load(view, "build_info").iloc[0]
    uploads = list(build["uploads"])
    made_from = f"and {len(uploads)} upload{'' if len(uploads) == 1 else 's'}" if uploads else "alone"
    st.caption(f"Published now: data build {build['build_id']}, made {build['built_at']:%Y-%m-%d %H:%M} UTC from the "
               f"curated records {made_from} ({build['n_persons']} people, {build['n_events']} events).")
    if uploads != project.in_force():
        st.warning("The published data was not built from the uploads the log below lists as in force (a publish "
                   "was interrupted, or the warehouse was built from other records). Make the latest entry the "
                   "published build again to bring them together.")


def add_records(project: Project, warehouse: Path, editor: str) -> None:
    st.download_button("Download the template", data=template_bytes, file_name="cases-template.xlsx", mime=XLSX,
                       key="desk_template", on_click="ignore", icon=":material/download:")
    st.caption("Fill in the sheets you have rows for; the 'columns' sheet explains every column. Leave each row's "
               "source id empty: the rows then cite the source you name below. A row with the id of a published row "
               "is refused, unless you write true in its 'corrects' cell: it then replaces that row, and the check "
               "shows it before and after.")
    with st.form("desk_upload"):
        title = st.text_input("Title of the source", key="desk_title")
        publisher = st.text_input("Who published it", key="desk_publisher")
        published = st.date_input("Date published (leave empty if unknown)", value=None, format="YYYY-MM-DD",
                                  min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31),
                                  key="desk_published")
        url = st.text_input("Web address (http or https), if it is public", key="desk_url")
        files = st.file_uploader(f"The filled template (.xlsx) or CSV files named after their table, up to "
                                 f"{st.get_option('server.maxUploadSize')} MB each", type=["xlsx", "csv"],
                                 accept_multiple_files=True, key="desk_files")
        if st.form_submit_button("Check", key="desk_check", type="primary"):
            forget_check()
            with st.spinner("Checking every row…"):
                st.session_state[CHECKED] = check(project, files or [], title, publisher,
                                                  published.isoformat() if published else "", url)
    checked = st.session_state.get(CHECKED)
    if isinstance(checked, Upload):
        show_problems(checked.problems)
    elif isinstance(checked, Preview):
        show_preview(project, checked, warehouse, editor)


def template_bytes() -> bytes:
    buffer = io.BytesIO()
    write_template(buffer)
    return buffer.getvalue()


def check(project: Project, files, title: str, publisher: str, published: str, url: str) -> Upload | Preview:
    """The uploaded files checked as one new source: the problems, or (with none) the preview of publishing it."""
    with tempfile.TemporaryDirectory(prefix="desk-upload-") as folder:
        paths = []
        for number, file in enumerate(files):  # a folder each: two files may share a name
            name = Path(file.name).name
            path = Path(folder) / str(number) / (name if name not in ("", ".", "..") else "upload")
            path.parent.mkdir()
            path.write_bytes(file.getvalue())
            paths.append(path)
        upload = check_upload(project, paths, title, publisher, published, url)
        return upload if upload.problems else preview(project, upload)


def forget_check() -> None:
    """Drop the last check, and its scratch warehouse."""
    checked = st.session_state.pop(CHECKED, None)
    if isinstance(checked, Preview):
        checked.discard()


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """Every problem as `etl check` lists it: file, row, column, value, and what is wrong with how to fix it."""
    def shown(value: str | None) -> str:
        value = "" if value is None else str(value)
        return value[:MAX_SHOWN_VALUE] + "…" if len(value) > MAX_SHOWN_VALUE else value

    return pd.DataFrame({"File": [p.file for p in problems],
                         "Row": ["" if p.row is None else str(p.row) for p in problems],
                         "Column": [p.column or "" for p in problems], "Value": [shown(p.value) for p in problems],
                         "What is wrong, and how to fix it": [p.rule for p in problems]})


def show_problems(problems: list[Problem]) -> None:
    st.error(f"{len(problems)} problem{'' if len(problems) == 1 else 's'} found: nothing can be published until "
             f"every one is fixed. Fix {'it' if len(problems) == 1 else 'them'} in your file and check it again.")
    st.dataframe(problems_table(problems), hide_index=True, width="stretch", key="desk_problems")


def preview_tables(checked: Preview, published: Path) -> dict:
    """What publishing a checked upload would change: the headline numbers before and after, the changes as the
    What changed page will list them (with a summary that counts them), and each corrected row's changed cells
    before and after."""
    view = View()
    numbers = changes.headline_numbers(view, checked.warehouse, published)
    difference = numbers["after"] - numbers["now"]
    every = changes.before_publishing(view, checked.warehouse, published)
    rows = every.head(LISTED).drop(columns=["person_id"])  # the summary counts them all
    titles = load_build(view, checked.warehouse / DATABASE_NAME, "sources").set_index("source_id")["title"].to_dict()
    listed = f" The first {LISTED:,} are listed." if len(every) > LISTED else ""
    return {
        "summary": changes.summary(every, "the build published now") + "." + listed,
        "numbers": pd.DataFrame({"What": numbers["measure"].map(header), "Published now": numbers["now"].map(number),
                                 "After publishing": numbers["after"].map(number),
                                 "Difference": difference.map(lambda d: number(d, signed=True))}),
        "changes": readable_table(rows.assign(source_ids=rows["source_ids"].map(lambda ids: [titles.get(i, i)
                                                                                             for i in ids]))),
        "corrections": pd.DataFrame(
            [{"Table": label("table", c.table), "Row": c.key, "Column": column, "Before": c.before.get(column, ""),
              "After": c.after[column], "Given in": f"{c.file}, row {c.row}"}
             for c in checked.upload.corrections for column in c.changed()],
            columns=["Table", "Row", "Column", "Before", "After", "Given in"]),
    }


def number(value, signed: bool = False) -> str:
    if pd.isna(value):
        return NOT_STATED
    return f"{value:+,g}" if signed and value else f"{value:,g}"


def show_preview(project: Project, checked: Preview, warehouse: Path, editor: str) -> None:
    upload = checked.upload
    st.success(f"No problems in {', '.join(upload.files)}. Published as the source '{upload.title}', it would "
               "change this:")
    tables = preview_tables(checked, warehouse)
    st.subheader("Headline numbers")
    st.dataframe(tables["numbers"], hide_index=True, key="desk_numbers")
    st.subheader("What changes")
    st.caption(f"As the What changed page will list them. {tables['summary']}")
    st.dataframe(tables["changes"], hide_index=True, width="stretch", key="desk_changes")
    if not tables["corrections"].empty:
        st.subheader("Corrections, before and after")
        st.dataframe(tables["corrections"], hide_index=True, width="stretch", key="desk_corrections")
    if not editor:
        st.caption("Give your name or initials at the top of the page to publish.")
    if st.button("Publish", type="primary", key="desk_publish", disabled=not editor):
        act(lambda: publish(project, checked, editor, warehouse),
            lambda entry: f"Published the source '{upload.title}' as data build {entry['build_id']}: every page "
                          "shows it now.")


def act(change, done) -> None:
    """Publish or roll back, then say what happened (or why nothing was)."""
    try:
        entry = change()
    except StaleUpload:
        st.warning("Something was published or rolled back since this check: check the upload again.")
        return
    except RecordsError as err:
        show_problems(err.problems)
        return
    forget_check()
    st.session_state[DONE] = done(entry)
    st.rerun()


def what(entry) -> str:
    """A log entry's action in words."""
    if entry["action"] == PUBLISH:
        return f"Publish of '{entry['source']}'"
    return f"Roll back to no. {entry['restores']}" if entry["restores"] != "0" else \
        "Roll back to the curated records alone"


def log_table(log: pd.DataFrame) -> pd.DataFrame:
    """The publish log in words, newest first."""
    return pd.DataFrame({
        "No.": log["no"], "When": log["when"], "What": log.apply(what, axis=1),
        "Files": log["files"], "Editor": log["editor"],
        "Uploads in force": log["uploads_in_force"].map(lambda cell: len(uploads_of(cell))),
        "Records fingerprint": log["records_fingerprint"],
    }).iloc[::-1]


def published_builds(project: Project, warehouse: Path, editor: str) -> None:
    log = project.log()
    if log.empty:
        st.info("Nothing has been published from the desk yet: the dashboard shows the curated records alone.")
    else:
        st.dataframe(log_table(log), hide_index=True, width="stretch", key="desk_log")
    choices = {0: "The curated records alone, without any upload"} | {
        int(entry["no"]): f"No. {entry['no']} ({entry['when']}): {what(entry).lower()}" for _, entry in log.iterrows()}
    target = st.selectbox("Make the records as they were after one of these the published build again",
                          list(choices)[::-1], format_func=choices.get, key="desk_rollback_to")
    if st.button("Roll back to it", key="desk_rollback", disabled=not editor):
        act(lambda: roll_back(project, target, editor, warehouse),
            lambda entry: f"Rolled back to {choices[target][0].lower()}{choices[target][1:]}: data build "
                          f"{entry['build_id']}, which every page shows now.")


def preview_text(checked: Preview, published: Path) -> str:
    """The preview as the command line prints it."""
    tables = preview_tables(checked, published)
    parts = [f"No problems. Published as the source '{checked.upload.title}', it would change this:",
             tables["numbers"].to_string(index=False), "",
             "What changes (as the What changed page will list them):", tables["summary"],
             tables["changes"].to_string(index=False)]
    if not tables["corrections"].empty:
        parts += ["", "Corrections, before and after:", tables["corrections"].to_string(index=False)]
    return "\n".join(parts)

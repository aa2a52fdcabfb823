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
from dashboard.i18n import ENGLISH, Translation, translation
from dashboard.labels import NOT_STATED, header, label
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


def try_password(given: str, expected: str, session: Attempts, words: Translation = translation(ENGLISH)) -> str | None:
    """None when the password is right, else why not. While a wait runs the password is not even compared; it is
    compared in constant time."""
    now = clock()
    with _attempts_lock:
        wait = max(session.not_before, SERVER_ATTEMPTS.not_before) - now
        if wait > 0:
            return words.ngettext("Too many wrong passwords: wait {n} second, then try again.",
                                  "Too many wrong passwords: wait {n} seconds, then try again.",
                                  math.ceil(wait)).format(n=math.ceil(wait))
        if hmac.compare_digest(given.encode(), expected.encode()):
            session.reset()
            SERVER_ATTEMPTS.reset()
            return None
        session.failed(now)
        SERVER_ATTEMPTS.failed(now)
    return words.gettext("That is not the editor password.")


def signed_in(view: View) -> bool:
    """Whether this session may use the desk; else the sign-in form (or, on a server without an editor password,
    only a refusal). The session stays signed in while it lasts, never longer."""
    words = translation(view.language)
    _ = words.gettext
    password = editor_password()
    if password is None:
        st.info(_("This page is not available on this server."))
        return False
    if st.session_state.get(SIGNED_IN):
        return True
    with st.form("desk_sign_in", clear_on_submit=True):
        given = st.text_input(_("Editor password"), type="password", key="desk_password")
        submitted = st.form_submit_button(_("Sign in"), key="desk_sign_in_button")
    if submitted:
        refused = try_password(given, password, st.session_state.setdefault(ATTEMPTS, Attempts()), words)
        if refused is None:
            st.session_state[SIGNED_IN] = True
            st.rerun()
        st.error(refused)
    return False


def draw(view: View) -> None:
    words = translation(view.language)
    _ = words.gettext
    project, warehouse = Project(data_folder()), warehouse_path().parent
    if done := st.session_state.pop(DONE, None):
        st.success(done)
    published_now(view, project)
    editor = st.text_input(_("Your name or initials, recorded with what you publish"), key="desk_editor",
                           max_chars=80).strip()
    st.header(_("Add records"))
    add_records(project, warehouse, editor, words)
    st.header(_("Published builds"))
    published_builds(project, warehouse, editor, words)
    if st.button(_("Sign out"), key="desk_sign_out", type="tertiary"):
        forget_check()
        st.session_state.pop(SIGNED_IN, None)
        st.rerun()


def published_now(view: View, project: Project) -> None:
    words = translation(view.language)
    build = load(view, "build_info").iloc[0]
    uploads = list(build["uploads"])
    made_from = words.ngettext("the curated records and {n} upload", "the curated records and {n} uploads",
                               len(uploads)).format(n=words.number(len(uploads))) if uploads else \
        words.gettext("the curated records alone")
    st.caption(words.gettext("Published now: data build {build}, made {built_at} UTC from {made_from} ({persons} "
                             "people, {events} events).").format(
        build=build["build_id"], built_at=f"{build['built_at']:%Y-%m-%d %H:%M}", made_from=made_from,
        persons=words.number(build["n_persons"]), events=words.number(build["n_events"])))
    if uploads != project.in_force():
        st.warning(words.gettext("The published data was not built from the uploads the log below lists as in force "
                                 "(a publish was interrupted, or the warehouse was built from other records). Make "
                                 "the latest entry the published build again to bring them together."))


def add_records(project: Project, warehouse: Path, editor: str, words: Translation) -> None:
    _ = words.gettext
    st.download_button(_("Download the template"), data=lambda: template_bytes(words.language),
                       file_name="cases-template.xlsx", mime=XLSX, key="desk_template", on_click="ignore",
                       icon=":material/download:")
    st.caption(_("Fill in the sheets you have rows for; the 'columns' sheet explains every column. Leave each row's "
                 "source id empty: the rows then cite the source you name below. A row with the id of a published "
                 "row is refused, unless you write true in its 'corrects' cell: it then replaces that row, and the "
                 "check shows it before and after."))
    with st.form("desk_upload"):
        title = st.text_input(_("Title of the source"), key="desk_title")
        publisher = st.text_input(_("Who published it"), key="desk_publisher")
        published = st.date_input(_("Date published (leave empty if unknown)"), value=None, format="YYYY-MM-DD",
                                  min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31),
                                  key="desk_published")
        url = st.text_input(_("Web address (http or https), if it is public"), key="desk_url")
        files = st.file_uploader(_("The filled template (.xlsx) or CSV files named after their table, up to {size} MB "
                                   "each").format(size=st.get_option("server.maxUploadSize")), type=["xlsx", "csv"],
                                 accept_multiple_files=True, key="desk_files")
        if st.form_submit_button(_("Check"), key="desk_check", type="primary"):
            forget_check()
            with st.spinner(_("Checking every row…")):
                st.session_state[CHECKED] = check(project, files or [], title, publisher,
                                                  published.isoformat() if published else "", url)
    checked = st.session_state.get(CHECKED)
    if isinstance(checked, Upload):
        show_problems(checked.problems, words)
    elif isinstance(checked, Preview):
        show_preview(project, checked, warehouse, editor, words)


def template_bytes(language: str) -> bytes:
    buffer = io.BytesIO()
    write_template(buffer, language)
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


def problems_table(problems: list[Problem], words: Translation) -> pd.DataFrame:
    """Every problem as `etl check` lists it: file, row, column, value, and what is wrong with how to fix it (in
    English, as the ETL words it)."""
    def shown(value: str | None) -> str:
        value = "" if value is None else str(value)
        return value[:MAX_SHOWN_VALUE] + "…" if len(value) > MAX_SHOWN_VALUE else value

    _ = words.gettext
    return pd.DataFrame({_("File"): [p.file for p in problems],
                         _("Row"): ["" if p.row is None else str(p.row) for p in problems],
                         _("Column"): [p.column or "" for p in problems],
                         _("Value"): [shown(p.value) for p in problems],
                         _("What is wrong, and how to fix it"): [words.in_english(p.rule) for p in problems]})


def show_problems(problems: list[Problem], words: Translation) -> None:
    st.error(words.ngettext("{n} problem found: nothing can be published until it is fixed. Fix it in your file and "
                            "check it again.",
                            "{n} problems found: nothing can be published until every one is fixed. Fix them in "
                            "your file and check it again.", len(problems)).format(n=words.number(len(problems))))
    st.dataframe(problems_table(problems, words), hide_index=True, width="stretch", key="desk_problems")


def preview_tables(checked: Preview, published: Path, language: str = ENGLISH) -> dict:
    """What publishing a checked upload would change: the headline numbers before and after, the changes as the
    What changed page will list them (with a summary that counts them), and each corrected row's changed cells
    before and after."""
    view = View(language=language)
    words = translation(language)
    _ = words.gettext
    numbers = changes.headline_numbers(view, checked.warehouse, published)
    difference = numbers["after"] - numbers["now"]
    every = changes.before_publishing(view, checked.warehouse, published)
    rows = every.head(LISTED)  # the summary counts them all
    titles = load_build(view, checked.warehouse / DATABASE_NAME, "sources").set_index("source_id")["title"].to_dict()
    listed = " " + _("The first {n} are listed.").format(n=words.number(LISTED)) if len(every) > LISTED else ""
    return {
        "summary": changes.summary(every, _("the build published now"), language) + "." + listed,
        "numbers": pd.DataFrame({_("What"): numbers["measure"].map(lambda measure: header(measure, language)),
                                 _("Published now"): numbers["now"].map(lambda n: number(n, words)),
                                 _("After publishing"): numbers["after"].map(lambda n: number(n, words)),
                                 _("Difference"): difference.map(lambda d: number(d, words, signed=True))}),
        "changes": changes.readable(rows, titles, language),
        "corrections": pd.DataFrame(
            [(label("table", c.table, language), c.key, column, c.before.get(column, ""), c.after[column],
              _("{file}, row {row}").format(file=c.file, row=c.row))
             for c in checked.upload.corrections for column in c.changed()],
            columns=[_("Table"), _("Row"), _("Column"), _("Before"), _("After"), _("Given in")]),
    }


def number(value, words: Translation, signed: bool = False) -> str:
    if pd.isna(value):
        return words.gettext(NOT_STATED)
    written = words.number(value)
    return ("+" + written if value > 0 else written) if signed else written


def show_preview(project: Project, checked: Preview, warehouse: Path, editor: str, words: Translation) -> None:
    _ = words.gettext
    upload = checked.upload
    st.success(_("No problems in {files}. Published as the source '{title}', it would change this:").format(
        files=", ".join(upload.files), title=upload.title))
    tables = preview_tables(checked, warehouse, words.language)
    st.subheader(_("Headline numbers"))
    st.dataframe(tables["numbers"], hide_index=True, key="desk_numbers")
    st.subheader(_("What changes"))
    st.caption(_("As the What changed page will list them.") + " " + tables["summary"])
    st.dataframe(tables["changes"], hide_index=True, width="stretch", key="desk_changes")
    if not tables["corrections"].empty:
        st.subheader(_("Corrections, before and after"))
        st.dataframe(tables["corrections"], hide_index=True, width="stretch", key="desk_corrections")
    if not editor:
        st.caption(_("Give your name or initials at the top of the page to publish."))
    if st.button(_("Publish"), type="primary", key="desk_publish", disabled=not editor):
        act(lambda: publish(project, checked, editor, warehouse),
            lambda entry: _("Published the source '{title}' as data build {build}: every page shows it now.").format(
                title=upload.title, build=entry["build_id"]), words)


def act(change, done, words: Translation) -> None:
    """Publish or roll back, then say what happened (or why nothing was)."""
    try:
        entry = change()
    except StaleUpload:
        st.warning(words.gettext("Something was published or rolled back since this check: check the upload again."))
        return
    except RecordsError as err:
        show_problems(err.problems, words)
        return
    forget_check()
    st.session_state[DONE] = done(entry)
    st.rerun()


def what(entry, words: Translation) -> str:
    """A log entry's action in words."""
    if entry["action"] == PUBLISH:
        return words.gettext("Publish of '{source}'").format(source=entry["source"])
    return words.gettext("Roll back to no. {no}").format(no=entry["restores"]) if entry["restores"] != "0" else \
        words.gettext("Roll back to the curated records alone")


def log_table(log: pd.DataFrame, words: Translation) -> pd.DataFrame:
    """The publish log in words, newest first."""
    _ = words.gettext
    return pd.DataFrame({
        _("No."): log["no"], _("When"): log["when"], _("What"): log.apply(what, axis=1, words=words),
        _("Files"): log["files"], _("Editor"): log["editor"],
        _("Uploads in force"): log["uploads_in_force"].map(lambda cell: len(uploads_of(cell))),
        _("Records fingerprint"): log["records_fingerprint"],
    }).iloc[::-1]


def published_builds(project: Project, warehouse: Path, editor: str, words: Translation) -> None:
    _ = words.gettext
    log = project.log()
    if log.empty:
        st.info(_("Nothing has been published from the desk yet: the dashboard shows the curated records alone."))
    else:
        st.dataframe(log_table(log, words), hide_index=True, width="stretch", key="desk_log")
    choices = {0: _("The curated records alone, without any upload")} | {
        int(entry["no"]): _("No. {no} ({when}): {what}").format(no=entry["no"], when=entry["when"],
                                                                 what=what(entry, words))
        for _row, entry in log.iterrows()}
    target = st.selectbox(_("Make the records as they were after one of these the published build again"),
                          list(choices)[::-1], format_func=choices.get, key="desk_rollback_to")
    if st.button(_("Roll back to it"), key="desk_rollback", disabled=not editor):
        act(lambda: roll_back(project, target, editor, warehouse),
            lambda entry: _("Rolled back to {what}: data build {build}, which every page shows now.").format(
                what=choices[target][:1].lower() + choices[target][1:], build=entry["build_id"]), words)


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

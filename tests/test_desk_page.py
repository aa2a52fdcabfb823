"""The data desk page (/desk) run by AppTest: nothing of it without the server's editor password; wrong passwords
slowed, per session and for the whole server; once signed in, an upload's problems listed as `etl check` lists
them and nothing to publish, or its preview, a publish and a roll back, in words."""
from __future__ import annotations

import pytest

from dashboard import desk
from dashboard.i18n import translation
from tests.conftest import FIXTURE_RECORDS
from tests.support import desk_project, fill_template, fingerprint, record_texts, run_page, untranslated
from tests.test_bad_inputs import CORPUS, EXPECTED, LARGE_CASES, write_large
from tests.test_desk_records import NEW_ROWS, REPORT_2022
from tests.test_labels import MACHINE_WORDS, page_text, table_text

# Each test says its kind: the one that publishes and rolls back (two builds) is slow (load); the rest are app.

PASSWORD = "a long editor password"
WRONG = "not it"
XLSX = desk.XLSX
# the corpus files most likely to break an upload: a zip bomb, an XML bomb, UTF-16, a 1 MB cell
HOSTILE = ["events_zip_bomb.xlsx", "events_billion_laughs.xlsx", "persons_utf16le_no_bom.csv", "events_huge_cell.csv"]


@pytest.fixture(autouse=True)
def no_earlier_failures():
    desk.SERVER_ATTEMPTS.reset()
    yield
    desk.SERVER_ATTEMPTS.reset()


@pytest.fixture()
def project(tmp_path, monkeypatch):
    project, warehouse = desk_project(tmp_path, FIXTURE_RECORDS)
    monkeypatch.setenv(desk.DATA_SETTING, str(project.data))
    return project, warehouse


@pytest.fixture()
def clock(monkeypatch) -> list[float]:
    now = [1_000.0]
    monkeypatch.setattr(desk, "clock", lambda: now[0])
    return now


def open_desk(monkeypatch, warehouse, password: str | None = PASSWORD):
    if password:
        monkeypatch.setenv(desk.PASSWORD_SETTING, password)
    else:
        monkeypatch.delenv(desk.PASSWORD_SETTING, raising=False)
    app = run_page(monkeypatch, warehouse, "desk", {})
    assert not app.exception, app.exception
    return app


def sign_in(app, password: str):
    app.text_input(key="desk_password").input(password)
    app = app.button(key="desk_sign_in_button").click().run()
    assert not app.exception, app.exception
    return app


def desk_widgets(app) -> list[str]:
    keys = [w.key for kind in ("text_input", "button", "selectbox", "date_input") for w in getattr(app, kind)]
    return [k for k in keys if (k or "").startswith("desk_")] + [w.type for w in app.get("file_uploader")] + \
        [w.type for w in app.get("download_button")]


def upload(app, files: list[tuple[str, bytes]], **source):
    source = {**REPORT_2022, **source}
    app.text_input(key="desk_title").input(source["title"])
    app.text_input(key="desk_publisher").input(source["publisher"])
    app.file_uploader(key="desk_files").set_value([(name, data, XLSX if name.endswith(".xlsx") else "text/csv")
                                                   for name, data in files])
    app = app.button(key="desk_check").click().run()
    assert not app.exception, app.exception
    return app


# Each of the desk's tables by a header of its own (AppTest knows the key of a selectable table only).
PROBLEMS, NUMBERS = "What is wrong, and how to fix it", "After publishing"
CHANGES, LOG = "Change", "Records fingerprint"


def frame(app, header: str):
    [found] = [d.value for d in app.dataframe if header in d.value.columns]
    return found


@pytest.mark.app
def test_without_an_editor_password_the_desk_shows_nothing_and_takes_no_upload(monkeypatch, project):
    app = open_desk(monkeypatch, project[1], password=None)
    assert app.title[0].value == "Data desk"
    assert [i.value for i in app.info] == ["This page is not available on this server."]
    assert desk_widgets(app) == []


@pytest.mark.app
def test_signed_out_the_desk_asks_only_for_the_password(monkeypatch, project):
    app = open_desk(monkeypatch, project[1])
    assert desk_widgets(app) == ["desk_password", "desk_sign_in_button"]


@pytest.mark.app
def test_the_password_may_come_from_the_secrets_file(monkeypatch, project):
    monkeypatch.delenv(desk.PASSWORD_SETTING, raising=False)
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(project[1]))
    from streamlit.testing.v1 import AppTest

    from tests.support import APP
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.secrets[desk.PASSWORD_SETTING] = PASSWORD
    app = app.run().switch_page("pages/desk.py").run()
    app = sign_in(app, PASSWORD)
    assert app.get("file_uploader")


@pytest.mark.app
def test_five_wrong_passwords_are_slowed_for_the_session_and_the_server(monkeypatch, project, clock):
    app = open_desk(monkeypatch, project[1])
    for _ in range(3):
        app = sign_in(app, WRONG)
        assert app.error[0].value == "That is not the editor password."
    # the fourth attempt comes too soon: refused unheard, the right password too
    app = sign_in(app, PASSWORD)
    assert app.error[0].value == "Too many wrong passwords: wait 2 seconds, then try again."
    assert not app.get("file_uploader")
    clock[0] += 2
    app = sign_in(app, WRONG)  # the fourth wrong password: the wait doubles
    app = sign_in(app, PASSWORD)
    assert "wait 4 seconds" in app.error[0].value
    clock[0] += 4
    app = sign_in(app, WRONG)  # the fifth
    assert app.error[0].value == "That is not the editor password."
    # a fresh session of the same server waits as well
    other = sign_in(open_desk(monkeypatch, project[1]), PASSWORD)
    assert "wait 8 seconds" in other.error[0].value and not other.get("file_uploader")
    clock[0] += 8
    app = sign_in(app, PASSWORD)
    assert not app.error and app.get("file_uploader")
    assert "desk_password" not in desk_widgets(app)


@pytest.mark.app
def test_a_bad_row_is_listed_and_nothing_can_be_published(monkeypatch, project, tmp_path):
    rows = {**NEW_ROWS, "events": [{**NEW_ROWS["events"][0], "event_type": "arrested"}]}
    book = fill_template(tmp_path / "report.xlsx", rows)
    app = upload(sign_in(open_desk(monkeypatch, project[1]), PASSWORD), [("report.xlsx", book.read_bytes())])
    assert app.error[0].value.startswith("1 problem found: nothing can be published")
    problems = frame(app, PROBLEMS)
    assert problems.values.tolist() == [["report.xlsx [events]", "2", "event_type", "arrested",
                                         problems.iloc[0, 4]]]
    assert problems.iloc[0, 4].startswith("must be one of: detention, mass_detention")
    assert "desk_publish" not in desk_widgets(app)


@pytest.mark.app
@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_gets_its_corpus_message_on_the_page(monkeypatch, project, tmp_path, name):
    data = (write_large(name, tmp_path) if name in LARGE_CASES else CORPUS / name).read_bytes()
    app = upload(sign_in(open_desk(monkeypatch, project[1]), PASSWORD), [(name, data)])
    problems = frame(app, PROBLEMS)
    for expect in EXPECTED[name]:
        assert problems[PROBLEMS].str.contains(expect["message_contains"], regex=False).any()
    assert problems["File"].str.startswith(name).all() and "desk_publish" not in desk_widgets(app)


@pytest.mark.load
def test_a_clean_upload_is_previewed_published_and_rolled_back_in_words(monkeypatch, project, tmp_path):
    project, warehouse = project
    before = fingerprint(warehouse)
    book = fill_template(tmp_path / "report.xlsx", NEW_ROWS)
    app = upload(sign_in(open_desk(monkeypatch, warehouse), PASSWORD), [("report.xlsx", book.read_bytes())])
    numbers = frame(app, NUMBERS).set_index("What")
    assert numbers.loc["People"].tolist() == ["3", "4", "+1"]
    assert numbers.loc["Events"].tolist() == ["5", "6", "+1"]
    assert numbers.loc["Imprisoned (latest status)"].tolist() == ["1", "1", "0"]  # one released, one new
    shown = frame(app, CHANGES)
    assert sorted(shown["Change"]) == ["New person", "Released", "Status changed"]
    assert app.button(key="desk_publish").disabled  # not before the editor says who publishes

    app.text_input(key="desk_editor").input("A. B.").run()
    app = app.button(key="desk_publish").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value.startswith(f"Published the source '{REPORT_2022['title']}' as data build ")
    assert fingerprint(warehouse) == project.log().iloc[-1]["records_fingerprint"] != before
    log = frame(app, LOG)
    assert log[["No.", "What", "Editor", "Uploads in force"]].values.tolist() == \
        [["1", f"Publish of '{REPORT_2022['title']}'", "A. B.", 1]]

    app.selectbox(key="desk_rollback_to").set_value(0)
    app = app.button(key="desk_rollback").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value.startswith("Rolled back to the curated records alone")
    assert fingerprint(warehouse) == before and project.in_force() == []
    texts = [m.value for m in (*app.success, *app.info, *app.warning, *app.caption)] + table_text(frame(app, LOG))
    assert [t for t in texts if MACHINE_WORDS.search(str(t))] == []


@pytest.mark.app
@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_desk_speaks_the_readers_language(monkeypatch, project, tmp_path, language):
    """Signed in, a bad upload's problems and a clean upload's preview show no interface word left in English; the
    problems' explanations are the ETL's, in English and marked so, and the uploaded rows' text is record text."""
    project, warehouse = project
    monkeypatch.setenv(desk.PASSWORD_SETTING, PASSWORD)
    app = sign_in(run_page(monkeypatch, warehouse, "desk", {"lang": language}), PASSWORD)
    bad = fill_template(tmp_path / "bad.xlsx", {**NEW_ROWS, "events": [{**NEW_ROWS["events"][0], "event_type": "x"}]})
    app = upload(app, [("bad.xlsx", bad.read_bytes())])
    listed = frame(app, translation(language).gettext(PROBLEMS))
    problems = [str(rule) for rule in listed.iloc[:, 4]]
    assert problems and all(rule.endswith(f"[{translation(language).gettext('in English')}]") for rule in problems)
    problems += list(listed.iloc[:, 0])  # the file and its sheet, named as stored: "bad.xlsx [events]"
    texts = page_text(app)
    app = upload(app, [("report.xlsx", fill_template(tmp_path / "report.xlsx", NEW_ROWS).read_bytes())])
    assert not app.exception, app.exception
    texts += page_text(app) + [w.label for kind in ("text_input", "button", "selectbox", "date_input")
                               for w in app.get(kind) if getattr(w, "label", None)]
    uploaded = [REPORT_2022["title"], REPORT_2022["publisher"], "Delta Four", NEW_ROWS["events"][0]["description"]]
    assert untranslated(texts, language, [*problems, *uploaded, *record_texts(warehouse)]) == []

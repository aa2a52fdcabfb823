"""The data desk's records (etl/uploads.py): an upload is checked as one new source against the records in force,
kept under data/uploads/ when published, and rebuilt exactly from a fresh clone; a reused id is refused unless the
row is marked as a correction; a person's status is the latest statement across sources; a roll back publishes the
uploads in force after an earlier publish; the bad-input corpus gets its messages through the desk too; and
`python -m etl import` does the same from the command line."""
from __future__ import annotations

import gc
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import changes
from dashboard.view import View
from etl.__main__ import main
from etl.uploads import SOURCE_DETAILS, Project, StaleUpload, build_project, check_upload, preview, publish, roll_back
from etl.warehouse import build
from tests.conftest import FIXTURE_RECORDS
from tests.support import desk_project, fill_template, fingerprint
from tests.test_bad_inputs import CORPUS, EXPECTED, LARGE_CASES, REFUSED, write_large

# Each test says its kind: those that publish or rebuild a warehouse more than once, or run the command line, are
# slow (load); the rest are sql.

REPORT_2022 = {"title": "Political prisoners in 2022", "publisher": "A human-rights group", "published": "2022-06-01"}
# a new person, and a release with the status it brings for a person of the 2021 report (fixture: alpha-one,
# imprisoned as of 2021-09-01)
NEW_ROWS = {
    "persons": [{"person_id": "delta-four", "name": "Delta Four", "roles": "journalist", "status": "imprisoned",
                 "status_as_of": "2022-02-01", "is_political_prisoner": "true", "prisoner_group": "convicted",
                 "source_section": "2"}],
    "events": [{"event_id": "alpha-one-20220301-release", "person_id": "alpha-one", "event_date": "2022-03-01",
                "date_precision": "day", "event_type": "release", "n_people": 1, "count_qualifier": "exact",
                "description": "Released on parole.", "source_section": "3"}],
    "person_statuses": [{"person_id": "alpha-one", "status": "released", "as_of": "2022-03-01", "source_section": "3"}],
}
PUBLISHED_EVENT = "alpha-one-20210304-sentence"  # an event of the fixture's own report


@pytest.fixture()
def project(tmp_path) -> tuple[Project, Path]:
    return desk_project(tmp_path / "desk", FIXTURE_RECORDS)


@pytest.fixture(scope="module")
def unpublished(tmp_path_factory) -> Project:
    """A project that uploads are only checked against, never published into."""
    return desk_project(tmp_path_factory.mktemp("desk"), FIXTURE_RECORDS)[0]


def checked(project: Project, folder: Path, rows: dict, name: str = "report.xlsx", **source):
    book = fill_template(folder / name, rows)
    return check_upload(project, [book], **{**REPORT_2022, **source})


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(warehouse / "repression.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def published(project: Project, warehouse: Path, folder: Path, rows: dict, **source) -> dict[str, str]:
    upload = checked(project, folder, rows, **source)
    assert upload.problems == []
    scratch = preview(project, upload)
    try:
        return publish(project, scratch, "A. B.", warehouse)
    finally:
        scratch.discard()


@pytest.mark.load
def test_a_published_upload_is_a_source_of_its_own_and_a_fresh_clone_rebuilds_it(project, tmp_path):
    project, warehouse = project
    entry = published(project, warehouse, tmp_path, NEW_ROWS)
    source = query(warehouse, "SELECT source_id FROM sources WHERE title = ?", [REPORT_2022["title"]])[0][0]
    assert source == "political-prisoners-in-2022"
    kept = project.uploads / entry["upload"]
    assert sorted(p.name for p in kept.iterdir()) == ["events.csv", "person_statuses.csv", "persons.csv", "sources.csv"]
    assert project.in_force() == [entry["upload"]]
    assert query(warehouse, "SELECT count(*) FROM persons")[0][0] == 4
    assert query(warehouse, "SELECT source_id FROM events WHERE event_id = 'alpha-one-20220301-release'") == [(source,)]
    # the status is the latest statement, and its history keeps both, each with its source
    assert query(warehouse, "SELECT status, status_as_of FROM persons WHERE person_id = 'alpha-one'") == \
        [("released", pd.Timestamp("2022-03-01").date())]
    assert query(warehouse, "SELECT status, source_id FROM status_history WHERE person_id = 'alpha-one' "
                            "ORDER BY as_of") == [("imprisoned", "fixture-report"), ("released", source)]
    # a fresh clone holds the records and the kept uploads (git leaves out the dot files) and rebuilds the same
    clone = Project(tmp_path / "clone" / "data")
    shutil.copytree(project.records, clone.records)
    shutil.copytree(project.uploads, clone.uploads, ignore=shutil.ignore_patterns(".*"))
    rebuilt = build_project(clone, tmp_path / "clone" / "warehouse")
    assert rebuilt.fingerprint == fingerprint(warehouse) == entry["records_fingerprint"]


@pytest.mark.load
def test_a_reused_id_is_refused_unless_the_row_is_marked_as_a_correction(project, tmp_path):
    project, warehouse = project
    row = {**NEW_ROWS["events"][0], "event_id": PUBLISHED_EVENT, "description": "Sentenced to two years."}
    upload = checked(project, tmp_path, {"events": [row]})
    assert [(p.file, p.row, p.column, p.value) for p in upload.problems] == \
        [("report.xlsx [events]", 2, "event_id", PUBLISHED_EVENT)]
    assert "is already used by a row of the source 'Fixture report'" in upload.problems[0].rule
    assert "write true in its corrects column" in upload.problems[0].rule

    upload = checked(project, tmp_path, {"events": [{**row, "corrects": True}]}, name="corrected.xlsx")
    assert upload.problems == []
    [correction] = upload.corrections
    assert (correction.table, correction.key, correction.file, correction.row) == \
        ("events", PUBLISHED_EVENT, "corrected.xlsx [events]", 2)
    assert correction.before["description"] == "Sentenced to restriction of liberty."
    assert correction.after["description"] == "Sentenced to two years."
    assert {"description", "event_date", "source_id"} <= set(correction.changed())
    scratch = preview(project, upload)
    try:
        rows = changes.before_publishing(View(), scratch.warehouse, warehouse)
        assert rows[["change", "description"]].values.tolist() == [["corrected", "Sentenced to two years."]]
        publish(project, scratch, "A. B.", warehouse)
    finally:
        scratch.discard()
    assert query(warehouse, "SELECT description FROM events WHERE event_id = ?", [PUBLISHED_EVENT]) == \
        [("Sentenced to two years.",)]
    assert query(warehouse, "SELECT count(*) FROM events")[0][0] == 5


@pytest.mark.sql
def test_a_correction_with_nothing_to_correct_is_refused(unpublished, tmp_path):
    upload = checked(unpublished, tmp_path, {"events": [{**NEW_ROWS["events"][0], "corrects": "true"}]})
    [problem] = upload.problems
    assert (problem.row, problem.column) == (2, "corrects")
    assert "no earlier row has its event_id" in problem.rule


@pytest.mark.sql
def test_the_source_is_checked_like_a_row_of_sources_and_sheets_it_names_stay_empty(unpublished, tmp_path):
    upload = checked(unpublished, tmp_path, {**NEW_ROWS, "sources": [{"source_id": "mine", "title": "Mine"}]},
                     publisher="", url="javascript:alert(1)")
    found = {(p.file, p.column): p.rule for p in upload.problems}
    assert found[(SOURCE_DETAILS, "publisher")] == "a value is required"
    assert found[(SOURCE_DETAILS, "url")] == "links must start with http:// or https://"
    assert "this sheet must stay empty" in found[("report.xlsx [sources]", None)]
    assert all(p.row is None for p in upload.problems if p.file == SOURCE_DETAILS)
    empty = checked(unpublished, tmp_path, {}, name="empty.xlsx")
    assert [p.rule for p in empty.problems] == ["the upload holds no rows: fill in at least one sheet of the template"]


@pytest.mark.load
def test_a_roll_back_publishes_the_uploads_in_force_after_an_earlier_entry(project, tmp_path):
    project, warehouse = project
    original = fingerprint(warehouse)
    first = published(project, warehouse, tmp_path / "1", NEW_ROWS)
    person = {**NEW_ROWS["persons"][0], "person_id": "epsilon-five", "name": "Epsilon Five"}
    second = published(project, warehouse, tmp_path / "2", {"persons": [person]}, title="A later list")
    assert project.in_force() == [first["upload"], second["upload"]]

    back = roll_back(project, 1, "C. D.", warehouse)
    assert project.in_force() == [first["upload"]]
    assert fingerprint(warehouse) == back["records_fingerprint"] == first["records_fingerprint"]
    assert query(warehouse, "SELECT count(*) FROM persons")[0][0] == 4
    assert build_project(project, tmp_path / "rebuilt").fingerprint == first["records_fingerprint"]
    assert roll_back(project, 0, "C. D.", warehouse)["records_fingerprint"] == original == fingerprint(warehouse)
    assert roll_back(project, 2, "C. D.", warehouse)["records_fingerprint"] == second["records_fingerprint"]
    log = project.log()
    assert log[["no", "action", "restores", "editor"]].values.tolist() == [
        ["1", "publish", "", "A. B."], ["2", "publish", "", "A. B."], ["3", "roll back", "1", "C. D."],
        ["4", "roll back", "0", "C. D."], ["5", "roll back", "2", "C. D."]]
    assert sorted(p.name for p in project.uploads.iterdir() if not p.name.startswith(".")) == \
        sorted([first["upload"], second["upload"], "publishes.csv"])  # every upload stays kept


@pytest.mark.load
def test_a_publish_is_refused_when_the_records_changed_since_its_check(project, tmp_path):
    project, warehouse = project
    one = preview(project, checked(project, tmp_path / "1", NEW_ROWS))
    other = preview(project, checked(project, tmp_path / "2", {"persons": NEW_ROWS["persons"]}, title="Another"))
    try:
        publish(project, one, "A. B.", warehouse)
        kept = fingerprint(warehouse)
        with pytest.raises(StaleUpload):
            publish(project, other, "A. B.", warehouse)
    finally:
        one.discard()
        other.discard()
    assert fingerprint(warehouse) == kept and len(project.log()) == 1


@pytest.mark.sql
def test_a_preview_nobody_publishes_leaves_no_scratch_warehouse_behind(unpublished, tmp_path):
    upload = checked(unpublished, tmp_path, NEW_ROWS)
    discarded, dropped = preview(unpublished, upload), preview(unpublished, upload)
    scratches = [discarded.scratch, dropped.scratch]
    assert all((scratch / "warehouse").is_dir() for scratch in scratches)
    discarded.discard()
    del dropped  # a session that ended without publishing: its preview is garbage
    gc.collect()
    assert [scratch.exists() for scratch in scratches] == [False, False]


@pytest.mark.sql
def test_a_persons_status_is_the_latest_statement_across_sources(records_copy, tmp_path):
    # the fixture's beta-two statement (2020-11-01) is older than her own row (2021-09-01); alpha-one's is later;
    # gamma-three's is of the same day as her own row, and a later statement counts first on a day
    (records_copy / "person_statuses.csv").write_text(
        "person_id,status,as_of,source_id,source_section\n"
        "beta-two,pre_trial_detention,2020-11-01,fixture-report,7\n"
        "alpha-one,released,2022-03-01,fixture-report,3\n"
        "gamma-three,abroad,2021-09-01,fixture-report,5\n", encoding="utf-8")
    build([records_copy], tmp_path / "warehouse")
    assert query(tmp_path / "warehouse", "SELECT person_id, status FROM persons ORDER BY person_id") == [
        ("alpha-one", "released"), ("beta-two", "restriction_of_liberty"), ("gamma-three", "abroad")]
    assert query(tmp_path / "warehouse", "SELECT count(*), count(*) FILTER (WHERE is_latest) FROM status_history") == \
        [(6, 3)]


@pytest.mark.sql
@pytest.mark.parametrize("name", sorted(set(REFUSED)))
def test_every_refused_corpus_file_gets_its_message_through_the_desk(name, unpublished, tmp_path):
    """Each file of the bad-input corpus, uploaded as is: the problems expected.csv states, named by the uploaded
    file's own name, and no problem blamed on anything else."""
    path = write_large(name, tmp_path) if name in LARGE_CASES else CORPUS / name
    upload = check_upload(unpublished, [path], **REPORT_2022)
    for expect in EXPECTED[name]:
        reported = expect["reported_as"] if path.suffix == ".xlsx" else name
        assert any(p.file == reported and str(p.row or "") == expect["expected_row"]
                   and (p.column or "") == expect["expected_column"] and expect["message_contains"] in p.rule
                   for p in upload.problems), (expect, upload.problems)
    assert upload.problems and all(p.file.startswith(name) for p in upload.problems), upload.problems


@pytest.mark.load
def test_import_previews_with_dry_run_and_publishes_without(project, tmp_path, capsys):
    project, warehouse = project
    book = fill_template(tmp_path / "report.xlsx", NEW_ROWS)
    before = fingerprint(warehouse)
    options = ["--source-title", REPORT_2022["title"], "--source-publisher", REPORT_2022["publisher"],
               "--source-date", REPORT_2022["published"], "--data", str(project.data), "--warehouse", str(warehouse),
               "--editor", "A. B."]
    assert main(["import", str(book), *options, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Delta Four" in out and "Released on parole." in out and "Dry run" in out
    assert fingerprint(warehouse) == before and project.log().empty and not list(project.uploads.glob("0*"))

    assert main(["import", str(book), *options]) == 0
    assert "logged as publish 1" in capsys.readouterr().out
    assert fingerprint(warehouse) == project.log().iloc[0]["records_fingerprint"] != before

    bad = fill_template(tmp_path / "bad.xlsx", {"events": [{**NEW_ROWS["events"][0], "event_date": "2022-02-30"}]})
    assert main(["import", str(bad), *options]) == 1
    err = capsys.readouterr().err
    assert "  - bad.xlsx [events], row 2, column 'event_date': value '2022-02-30' — must be a real date" in err
    assert len(project.log()) == 1

"""The data desk in Debian's chromium, served with an editor password on a copy of the real records (the
repository's data stays as it is): the template downloaded from the page, filled in with one new person, a release
for a person of the 2021 report (and the status it brings) and one bad row, lists the bad row and publishes
nothing; fixed, the preview shows exactly the additions; Publish makes the overview count one more person and the
profile show the release with its source; Roll back restores the earlier numbers."""
from __future__ import annotations

import openpyxl
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from dashboard.desk import DATA_SETTING, PASSWORD_SETTING
from etl.warehouse import DEFAULT_RECORDS
from tests.servers import serve
from tests.support import Visit, desk_project, fill_template, fingerprint
from tests.test_publish_while_serving import assert_clean, build_line, shown_build

pytestmark = pytest.mark.browser

PASSWORD = "a long editor password"
SOURCE = "Political prisoners in 2022"
EXISTING = ("aron-atabek", "Aron Atabek")  # imprisoned as of 1 September 2021 in the report; no event recorded
NEW_PERSON = "Dana Browser-Test"
ROWS = {
    "persons": [{"person_id": "dana-browser-test", "name": NEW_PERSON, "roles": "blogger", "status": "imprisoned",
                 "status_as_of": "2022-02-01", "is_political_prisoner": "false", "source_section": "2"}],
    "events": [{"event_id": "aron-atabek-20220301-release", "person_id": EXISTING[0], "event_date": "2022-03-01",
                "date_precision": "day", "event_type": "release", "n_people": 1, "count_qualifier": "exact",
                "description": "Released at the end of his term.", "source_section": "3"},
               {"event_id": "dana-browser-test-20220115-detention", "person_id": "dana-browser-test",
                "event_date": "2022-02-30", "date_precision": "day", "event_type": "detention", "n_people": 1,
                "count_qualifier": "exact", "description": "Detained after a post.", "source_section": "2"}],
    "person_statuses": [{"person_id": EXISTING[0], "status": "released", "as_of": "2022-03-01", "source_section": "3"}],
}
# the grid of a table (a row of cells per row, headers first), found by one of its headers
GRID = """header => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
    .map(grid => Array.from(grid.querySelectorAll('tr')).map(row => Array.from(row.querySelectorAll('th, td'))
        .map(cell => cell.textContent)))
    .find(rows => rows.length && rows[0].includes(header)) || []"""


@pytest.fixture(scope="module")
def desk_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("desk-browser")
    project, warehouse = desk_project(folder, DEFAULT_RECORDS)
    with serve(warehouse, folder / "server.log", env={PASSWORD_SETTING: PASSWORD, DATA_SETTING: str(project.data)}) \
            as server:
        yield server.url, project, warehouse


def grid(visit: Visit, header: str) -> list[list[str]]:
    """The table's rows once it has any: its frame can be drawn a moment after the message above it."""
    visit.page.wait_for_function(f"header => ({GRID})(header).length > 1", arg=header, timeout=15_000)
    return visit.page.evaluate(GRID, header)


def check(visit: Visit, book, wait_for: str) -> None:
    """Upload the workbook in place of any file checked before, and check it."""
    page = visit.page
    files = page.locator("[data-testid='stFileChip']")
    for remove in page.locator("[data-testid='stFileChipDeleteBtn'] button").all():
        remove.click()
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stFileChip\"]')", timeout=15_000)
    page.locator(".st-key-desk_files input[type=file]").set_input_files(str(book))
    files.filter(has_text=book.name).wait_for(timeout=15_000)
    page.wait_for_timeout(1_000)  # the upload reaches the server
    page.get_by_role("button", name="Check", exact=True).click()
    visit.wait_until_drawn(wait_for)


def overview(browser, url: str) -> str:
    visit = Visit(browser, url + "/")
    visit.wait_until_drawn("Data build")
    line = shown_build(visit)
    visit.close()
    return line


def choose(page, key: str, option: str, attempts: int = 3) -> None:
    """Pick an option of a select box; opened again if a rerun redrew it, and so closed it, before the click."""
    for attempt in range(attempts):
        page.locator(f".st-key-{key} [data-testid='stSelectbox']").click()
        try:
            page.get_by_role("option", name=option).click(timeout=10_000)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise


def test_an_upload_is_checked_previewed_published_and_rolled_back(browser, desk_server, tmp_path):
    url, project, warehouse = desk_server
    before_id, before_counts = build_line(warehouse)
    assert before_counts in overview(browser, url)
    published_before = fingerprint(warehouse)

    visit = Visit(browser, url + "/desk")
    page = visit.page
    visit.wait_until_drawn("Editor password")
    assert "Data desk" not in page.locator("[data-testid='stSidebarNav']").inner_text()
    page.get_by_label("Editor password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    visit.wait_until_drawn("Add records")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the template").click()
    book = tmp_path / download.value.suggested_filename
    download.value.save_as(book)
    fill_template(book, ROWS)

    page.get_by_label("Title of the source").fill(SOURCE)
    page.get_by_label("Who published it").fill("A human-rights group")
    check(visit, book, "problem found")
    assert grid(visit, "Value")[1:] == [[f"{book.name} [events]", "3", "event_date", "2022-02-30",
                                         "must be a real date written YYYY-MM-DD (1900–2100)"]]
    assert page.get_by_role("button", name="Publish").count() == 0
    visit.screenshot("desk-problems")
    assert fingerprint(warehouse) == published_before and project.log().empty

    workbook = openpyxl.load_workbook(book)
    workbook["events"]["C3"] = "2022-01-15"
    fixed = book.with_name("cases-fixed.xlsx")
    workbook.save(fixed)
    check(visit, fixed, "No problems in")
    changes = [[row[0], row[2], row[3]] for row in grid(visit, "Description")[1:]]
    assert changes == [["New event", NEW_PERSON, "Detained after a post."],
                       ["New person", NEW_PERSON, "Imprisoned as of 1 February 2022"],
                       ["Released", EXISTING[1], "Released at the end of his term."],
                       ["Status changed", EXISTING[1], "Imprisoned → released as of 1 March 2022"]]
    people = next(row for row in grid(visit, "After publishing") if row[0] == "People")
    assert [int(people[1]), int(people[2]), people[3]] == [int(people[1]), int(people[1]) + 1, "+1"]
    visit.screenshot("desk-preview")

    page.get_by_label("Your name or initials, recorded with what you publish").fill("A. B.")
    page.get_by_label("Your name or initials, recorded with what you publish").press("Enter")
    page.get_by_role("button", name="Publish", exact=True).click()
    visit.wait_until_drawn("Published the source")
    assert_clean(visit)
    visit.close()

    new_id, new_counts = build_line(warehouse)
    assert new_id != before_id and new_counts != before_counts
    shown = overview(browser, url)
    assert new_id in shown and new_counts in shown
    assert int(new_counts.split()[0][1:]) == int(before_counts.split()[0][1:]) + 1  # "(110 people, ..." one more

    profile = Visit(browser, f"{url}/people?person={EXISTING[0]}")
    profile.wait_until_drawn("One recorded event: release, 1 March 2022")  # the timeline's title
    assert f"Source: {SOURCE}; report sections 3." in profile.page.inner_text("body")  # under the timeline
    body = profile.page.inner_text("body")
    assert "Released, as of 1 March 2022" in body  # the badge shows the newest status
    assert "Imprisoned as of 1 September 2021 (" in body  # the curated status stays in the history, older first
    assert body.index("Imprisoned as of 1 September 2021") < body.index(
        f"Released as of 1 March 2022 ({SOURCE}, section 3) — the status shown")
    profile.screenshot("desk-published-profile")
    assert_clean(profile)
    profile.close()

    visit = Visit(browser, url + "/desk")
    page = visit.page
    visit.wait_until_drawn("Editor password")  # a new session signs in again
    page.get_by_label("Editor password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    visit.wait_until_drawn("Published builds")
    page.get_by_label("Your name or initials, recorded with what you publish").fill("A. B.")
    page.get_by_label("Your name or initials, recorded with what you publish").press("Enter")
    expect(page.get_by_role("button", name="Roll back to it")).to_be_enabled()  # the rerun that took the name is drawn
    choose(page, "desk_rollback_to", "The curated records alone, without any upload")
    page.get_by_role("button", name="Roll back to it").click()
    visit.wait_until_drawn("Rolled back to the curated records alone")
    visit.screenshot("desk-rolled-back")
    assert_clean(visit)
    visit.close()
    assert fingerprint(warehouse) == published_before and project.in_force() == []
    assert before_counts in overview(browser, url)

"""A names-locked deployment (DASHBOARD_NAMES=hidden): no page, link, download, chart image or briefing shows a real
name, other spelling, person id or unkeyed pseudonym (tests.support.names_in), whatever the link or the toggle asks,
and a profile link by a person's id does not open. Pages run by AppTest, then a served dashboard in the browser: every
page, a profile, every download of the Data page, chart images and a briefing pack, through the real buttons."""
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard import loader, privacy, view
from dashboard.export import FORMATS
from etl.schema import TABLES
from tests.conftest import PROJECT
from tests.servers import serve
from tests.support import HEADINGS, PAGES, Visit, names_in, pdf_text, pptx_text_parts, run_page


@pytest.fixture()
def locked(monkeypatch):
    for module in (loader, view):
        monkeypatch.setattr(module, "NAMES_LOCKED", True)
    loader.clear()
    yield
    loader.clear()


def shown_text(app) -> str:
    parts = [e.value for kind in ("title", "subheader", "text", "caption", "markdown", "info", "warning")
             for e in getattr(app, kind)]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    parts += [chart.proto.spec for chart in app.get("plotly_chart")]
    return "\n".join(str(p) for p in parts)


@pytest.mark.app
@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_a_name_even_when_the_link_asks_for_names(monkeypatch, real_warehouse, locked, page):
    app = run_page(monkeypatch, real_warehouse, page, {"anonymise": "0"})
    assert not app.exception
    toggle = app.toggle(key="mode_anonymise")
    assert toggle.value and toggle.disabled
    text = shown_text(app)
    assert "Person " in text or page in ("ep_resolution", "changes", "briefing", "detentions", "regions", "articles")
    assert names_in(text) == []


@pytest.mark.app
def test_a_profile_link_by_id_does_not_open_and_one_by_pseudonym_does(monkeypatch, real_warehouse, locked):
    by_id = run_page(monkeypatch, real_warehouse, "people", {"person": "yerbol-yeskhozhin"})
    assert any("No person matches" in w.value for w in by_id.warning)
    assert names_in(shown_text(by_id)) == []  # nor does the page repeat the id the link spelled
    assert "person" not in by_id.query_params  # and the address bar drops it
    pseudonym = loader.load(view.View(hide_names=True), "person_profile", person_id="yerbol-yeskhozhin")["name"][0]
    by_pseudonym = run_page(monkeypatch, real_warehouse, "people", {"person": pseudonym})
    assert [t.value for t in by_pseudonym.title] == ["Person profile"]
    assert "Yeskhozhin" not in shown_text(by_pseudonym)


@pytest.mark.load  # a child process that renders chart images
def test_the_briefing_command_hides_names_without_being_asked(real_warehouse, tmp_path):
    out = tmp_path / "brief.pptx"
    env = {**os.environ, "DASHBOARD_NAMES": "hidden"}
    subprocess.run([sys.executable, "-m", "briefing", "--out", str(out), "--warehouse", str(real_warehouse)],
                   cwd=PROJECT, env=env, check=True, capture_output=True, timeout=300)
    text = "\n".join(pptx_text_parts(out.read_bytes()).values())  # slides, notes and tables
    assert "pseudonym" in text.lower()
    assert names_in(text) == []


# --- in the browser -------------------------------------------------------------------------------------------------

LOCKED_KEY = secrets.token_hex(32)
PERSON = "yerbol-yeskhozhin"  # someone a chart names: a political prisoner whose sentence was converted


@pytest.fixture(scope="module")
def locked_url(real_warehouse, tmp_path_factory):
    """The dashboard served with names locked hidden, given its key as a deployment's replicas are."""
    folder = tmp_path_factory.mktemp("names-locked")
    env = {"DASHBOARD_NAMES": "hidden", privacy.KEY_ENV: LOCKED_KEY, privacy.SECRETS_DIR_ENV: str(folder / "no-key-file")}
    with serve(real_warehouse, folder / "server.log", env=env) as server:
        yield server.url


@pytest.fixture()
def locked_pseudonym(monkeypatch):
    """A person's pseudonym on the locked server, computed here under its key."""
    monkeypatch.setenv(privacy.KEY_ENV, LOCKED_KEY)
    privacy.reset_key()
    yield privacy.Pseudonyms([PERSON]).of(PERSON)
    privacy.reset_key()


def shown(visit: Visit) -> str:
    """The page as the browser holds it (its HTML) and everything its websocket received (tables, charts, hovers)."""
    return visit.page.content() + b"".join(visit.frames).decode("utf-8", errors="ignore")


def file_text(path: Path) -> str:
    """The text a downloaded file holds, read the way its readers read it."""
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    if path.suffix == ".parquet":
        return json.dumps(pq.read_table(path).to_pylist(), default=str, ensure_ascii=False)
    if path.suffix == ".pptx":
        return "\n".join(pptx_text_parts(data).values())
    if path.suffix == ".pdf":
        return pdf_text(data)
    return data.decode("utf-8-sig" if path.suffix in (".csv", ".svg") else "latin-1")  # PNG: its text chunks, if any


def download(visit: Visit, button_key: str, folder: Path) -> Path:
    with visit.page.expect_download(timeout=60_000) as started:
        visit.page.locator(f".st-key-{button_key} button").first.click()
    path = folder / started.value.suggested_filename
    started.value.save_as(path)
    return path


@pytest.mark.browser
@pytest.mark.parametrize("path", list(HEADINGS), ids=[p or "overview" for p in HEADINGS])
def test_no_page_in_the_browser_shows_a_name_when_the_link_asks_for_names(browser, locked_url, path):
    visit = Visit(browser, f"{locked_url}/{path}?anonymise=0")
    visit.wait_until_drawn(HEADINGS[path])
    visit.wait_until_run_finished()
    text = shown(visit)
    toggle = visit.page.locator(".st-key-mode_anonymise input")
    assert names_in(text) == []
    assert "anonymise=1" in visit.page.url  # the link now says what the page shows
    assert toggle.is_checked() and toggle.is_disabled()
    assert "Person " in text or path not in ("people", "sentences", "data")
    assert visit.console_errors == []
    visit.close()


@pytest.mark.browser
def test_a_profile_and_its_chart_image_show_only_the_pseudonym(browser, locked_url, locked_pseudonym, tmp_path):
    by_id = Visit(browser, f"{locked_url}/people?person={PERSON}&anonymise=0")
    by_id.wait_until_drawn("No person matches")
    by_id.page.wait_for_url(lambda url: PERSON not in url)
    assert names_in(by_id.page.content()) == []  # its websocket echoes the id it sent before the page drops it
    by_id.close()

    visit = Visit(browser, f"{locked_url}/people?person={locked_pseudonym.replace(' ', '+')}&anonymise=0",
                  accept_downloads=True)
    visit.wait_until_drawn("Person profile")
    visit.wait_until_run_finished()
    visit.page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    text = shown(visit)
    image = file_text(download(visit, "person_timeline_svg", tmp_path))
    assert locked_pseudonym in text and names_in(text) == []
    assert names_in(image) == [] and "recorded event" in image.replace("\u00a0", " ")  # its title is drawn in
    visit.close()


def data_page_downloads(browser, url: str, table: str, folder: Path) -> dict[str, str]:
    """One table's files from a fresh Data page. Chromium holds back a page's later downloads when many follow
    one another (its guard against sites that download without asking), so each table gets its own page."""
    visit = Visit(browser, f"{url}/data?anonymise=0", accept_downloads=True)
    visit.wait_until_drawn("Download the data")
    visit.wait_until_run_finished()
    visit.wait_until_drawn("CSV joins lists")  # the note below the last table's buttons
    buttons = visit.page.locator("[class*='st-key-download_'] button")
    try:  # the buttons of a column can mount after the note under them: give every button the page offers time
        buttons.nth(len(TABLES) * len(FORMATS) - 1).wait_for(timeout=30_000)
    except PlaywrightTimeout:
        pass  # fewer are offered: the count below says how many
    offered = buttons.count()
    files = {path.name: file_text(path) for path in (download(visit, f"download_{table}_{fmt}", folder) for fmt in FORMATS)}
    visit.close()
    assert offered == len(TABLES) * len(FORMATS)  # every one the page offers
    return files


@pytest.mark.browser
def test_every_download_of_the_data_page_holds_no_name(browser, locked_url, tmp_path):
    files = {name: text for table in TABLES for name, text in data_page_downloads(browser, locked_url, table, tmp_path).items()}
    assert sorted(files) == sorted(f"{table}-names-hidden.{fmt}" for table in TABLES for fmt in FORMATS)
    assert {name: names_in(text) for name, text in files.items() if names_in(text)} == {}
    assert all("Person " in files[f"persons-names-hidden.{fmt}"] for fmt in FORMATS)


@pytest.mark.browser
def test_chart_images_and_a_briefing_pack_made_on_the_pages_hold_no_name(browser, locked_url, tmp_path):
    visit = Visit(browser, f"{locked_url}/sentences?anonymise=0", accept_downloads=True)
    visit.wait_until_drawn("Sentences")
    visit.page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    chart = "sentences_conversions_chart"  # a row per person: names on its axis when they are shown
    files = {path.name: file_text(path) for path in (download(visit, f"{chart}_{fmt}", tmp_path) for fmt in ("png", "svg"))}
    visit.page.locator(f".st-key-{chart}_brief button").first.click()
    # its toast says the chart is collected: leaving the page before that rerun has run can drop the click
    visit.page.get_by_text("Added to the briefing (1 item).").wait_for(timeout=30_000)
    visit.page.get_by_role("link", name="Briefing pack").click()  # the same session, with its collected chart
    visit.wait_until_drawn("Briefing pack")
    visit.page.locator(".st-key-briefing_standard button").first.click()
    visit.page.get_by_text("6. ", exact=False).first.wait_for(timeout=30_000)
    files.update((path.name, file_text(path)) for path in (download(visit, f"briefing_download_{fmt}", tmp_path)
                                                           for fmt in ("pptx", "pdf")))
    assert {name: names_in(text) for name, text in files.items() if names_in(text)} == {}
    assert [name for name, text in files.items() if "Person " in text] == [
        name for name in files if not name.endswith(".png")]  # the pseudonyms are where the names would be
    assert visit.console_errors == []
    visit.close()

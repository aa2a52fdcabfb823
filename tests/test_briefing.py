"""Chart images, the briefing pack (PPTX and PDF), the "what changed" page and the briefing command line: each
export opens with its own library, its numbers are the page's numbers, hide-names leaves no real name in any file,
the same selection gives the same bytes, and rendering reaches nothing beyond this machine."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Inches
from pypdf import PdfReader

from briefing import deck as slides, documents, pack as packs
from briefing.images import chart_image
from briefing.standard import standard_items
from dashboard.changes import KINDS
from dashboard.charts import articles, chart
from dashboard.charts.show import table_tabs_key
from dashboard.labels import header, label
from dashboard.view import Filters, View
from etl.history import HISTORY_DIR, HISTORY_KEEP, history_builds
from etl.warehouse import build
from tests.conftest import FIXTURE_RECORDS, NO_FILTERS, PROJECT, sql_file
from tests.support import (SOCKET_CALLS, Visit, destinations, is_name_lookup, leaves_machine, pptx_text_parts,
                           reachability_probes, run_page, strace_command)
from tests.test_briefing_pack import deck_of, item_table, pdf_text, pictures, tables_of
from tests.test_labels import machine_names, warehouse_slugs

CREATED = dt.date(2026, 12, 1)
SCRIPTS = PROJECT / "scripts" / "ensure-debian-tool.sh"
ARTICLE_405 = {"articles": ("405",)}


@pytest.fixture(scope="module")
def pdftoppm() -> str:
    subprocess.run(["bash", str(SCRIPTS), "pdftoppm", "poppler-utils"], check=True)
    return shutil.which("pdftoppm")


@pytest.fixture()
def in_warehouse(monkeypatch):
    """Point the loader at a warehouse; the view for these filters, as the sidebar would make it."""
    def point(warehouse: Path, lists: dict | None = None, anonymise: bool = False, date_from=None, date_to=None) -> View:
        monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(warehouse))
        return View(Filters(date_from, date_to, **(lists or {})), hide_names=anonymise)
    return point


def standard_pack(point, warehouse, **filters) -> packs.Pack:
    view = point(warehouse, **filters)
    pack, left_out = packs.make_pack(view, standard_items(view), CREATED)
    assert left_out == []
    return pack


def real_names(warehouse: Path) -> list[str]:
    con = duckdb.connect(str(warehouse / "repression.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT name, aliases FROM persons").fetchall()
    finally:
        con.close()
    return sorted({name for name, _ in rows} | {alias for _, aliases in rows for alias in aliases})


@pytest.mark.browser
def test_chart_image_is_presentation_sized_and_carries_title_filters_and_sources(in_warehouse, real_warehouse):
    by_article = chart(articles.by_article, in_warehouse(real_warehouse))
    png = chart_image(by_article.figure, "Article 405 is used most", "Filters: none (all records)", "Source: X; sections 3.", "png")
    assert Image.open(io.BytesIO(png)).size == (3200, 1800)
    svg = chart_image(by_article.figure, "Article 405 is used most", "Filters: none (all records)", "Source: X; sections 3.", "svg")
    text = svg.decode("utf-8")
    assert "Article 405 is used most" in text and "Filters: none (all records)" in text and "Source: X; sections 3." in text


@pytest.mark.browser
def test_standard_pptx_has_a_cover_and_a_full_width_chart_per_slide_then_its_table_with_notes(in_warehouse,
                                                                                           real_warehouse):
    pack = standard_pack(in_warehouse, real_warehouse)
    assert [i.key for i in pack.items] == ["detentions_chart", "articles_chart", "sentences_types_chart", "regions_map",
                                           "ep_status_chart"]
    deck = deck_of(documents.to_pptx(pack))
    assert (deck.slide_width, deck.slide_height) == slides.WIDESCREEN and deck.slide_width * 9 == deck.slide_height * 16
    build_id = duckdb.connect(str(real_warehouse / "repression.duckdb"), read_only=True).execute(
        "SELECT build_id FROM build_info").fetchone()[0]
    cover = list(deck.slides)[0]
    assert cover.shapes.title.text == packs.TITLE and len(tables_of(cover)) == 2
    assert build_id in " ".join(s.text_frame.text for s in cover.shapes if s.has_text_frame)
    charts = pictures(deck)
    assert len(charts) == len(pack.items)
    for picture, item in zip(charts, pack.items):  # the chart across the slide, its finding as the slide's title
        slide = picture.part.slide
        assert slide.shapes.title.text == item.title
        assert picture.left == Inches(slides.MARGIN) and picture.width == Inches(slides.WIDE)
        assert picture.top + picture.height <= Inches(slides.FOOT_TOP)
        assert Image.open(io.BytesIO(picture.image.blob)).size == (round(slides.WIDE * slides.IMAGE_DPI) * 2,
                                                                   round(slides.IMAGE_HEIGHT * slides.IMAGE_DPI) * 2)
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert f"{item.filters}\n{item.citation}" in texts
        notes = slide.notes_slide.notes_text_frame.text
        assert item.filters in notes and item.citation in notes and build_id in notes
        assert not item_table(deck, item.title).empty
    assert "Article 405 is used most" in charts[1].part.slide.shapes.title.text
    assert list(deck.slides)[-1].shapes.title.text == "Sources and methodology"
    assert deck.core_properties.created == dt.datetime(2026, 12, 1)
    slugs = warehouse_slugs(real_warehouse)
    for slide in deck.slides:  # headers and cells in words, as the Table tab shows them; every shape on the slide
        for table in tables_of(slide):
            assert machine_names([*table.columns, *table.to_numpy().ravel()], slugs) == []
        for shape in slide.shapes:
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height


@pytest.mark.browser
def test_pptx_and_pdf_numbers_equal_the_query_and_the_page_for_the_same_filters(in_warehouse, real_warehouse,
                                                                                  monkeypatch, pdftoppm, tmp_path):
    pack = standard_pack(in_warehouse, real_warehouse, lists=ARTICLE_405)
    articles = item_table(deck_of(documents.to_pptx(pack)), pack.items[1].title)
    params = {**NO_FILTERS, "articles": [405]}
    con = duckdb.connect(str(real_warehouse / "repression.duckdb"), read_only=True)
    expected = con.execute(sql_file("people_per_article"), params).df()
    con.close()
    shown = run_page(monkeypatch, real_warehouse, "articles", {"article": "405"})
    shown.session_state[table_tabs_key("articles_chart")] = "Table"  # the table is sent once its tab is open
    page = next(d.value for d in shown.run().dataframe if header("n_people_article") in d.value)
    assert len(articles) == len(expected) == len(page)  # every row, however many slides it takes
    for frame, named in ((expected, str), (page, header)):  # the query's names, the page's headers
        assert articles[header("n_people")].tolist() == [f"{n:,}" for n in frame[named("n_people")]]
        assert articles[header("article")].tolist() == [str(a) for a in frame[named("article")]]
    assert int(expected.loc[expected["article"] == 405, "n_people_article"].iloc[0]) > 0

    pdf = documents.to_pdf(pack)
    (tmp_path / "pack.pdf").write_bytes(pdf)
    subprocess.run([pdftoppm, "-r", "30", "-png", str(tmp_path / "pack.pdf"), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == len(PdfReader(io.BytesIO(pdf)).pages) >= len(pack.items) + 2
    text = pdf_text(pdf)
    for item in pack.items:
        assert re.sub(r"\s+", " ", item.title) in text
    assert "criminal code article: 405" in text
    top = expected.sort_values("n_people", ascending=False).iloc[0]
    assert f"{top['label'][:20]}" in text and f"{int(top['n_people'])}" in text


@pytest.mark.browser
def test_same_selection_and_data_give_the_same_files(in_warehouse, real_warehouse):
    first = standard_pack(in_warehouse, real_warehouse)
    pptx, pdf = documents.to_pptx(first), documents.to_pdf(first)
    packs.chart_png.cache_clear()  # render every image again
    again = standard_pack(in_warehouse, real_warehouse)
    assert documents.to_pptx(again) == pptx
    assert documents.to_pdf(again) == pdf


@pytest.mark.browser
def test_hide_names_leaves_no_real_name_in_any_exported_file(monkeypatch, real_warehouse, in_warehouse):
    names = real_names(real_warehouse)
    assert len(names) > 100
    collected = []  # charts that name people, collected from the pages in hide-names mode
    for page, key in (("sentences", "sentences_conversions_chart"), ("changes", "changes_table")):
        app = run_page(monkeypatch, real_warehouse, page, {"anonymise": "1"})
        app.button(key=f"{key}_brief").click().run()
        assert not app.exception
        collected += app.session_state["briefing_items"]
    shown = run_page(monkeypatch, real_warehouse, "sentences", {})
    shown.button(key="sentences_conversions_chart_brief").click().run()
    with_names = shown.session_state["briefing_items"][0]
    assert any(name in with_names.figure_json for name in names), "the chart names people when names are shown"

    hidden = in_warehouse(real_warehouse, anonymise=True)
    pack, left_out = packs.make_pack(hidden, [*standard_items(hidden), *collected, with_names], CREATED)
    assert left_out == [with_names] and len(pack.items) == 7
    parts = pptx_text_parts(documents.to_pptx(pack))
    assert any("Person " in text for text in parts.values())
    for part, text in parts.items():
        assert [n for n in names if n in text] == [], part
    text = pdf_text(documents.to_pdf(pack))
    assert "Person " in text and [n for n in names if n in text] == []
    svg = chart_image(collected[0].figure_json, collected[0].title, collected[0].filters, collected[0].citation,
                      "svg").decode("utf-8")
    assert "Person " in svg and [n for n in names if n in svg] == []


@pytest.mark.app
def test_briefing_page_collects_reorders_removes_and_offers_both_exports(monkeypatch, real_warehouse):
    app = run_page(monkeypatch, real_warehouse, "briefing", {})
    assert not app.exception and any("No charts collected yet" in info.value for info in app.info)
    app.button(key="briefing_standard").click().run()
    titles = [t.value for t in app.text]
    assert len(titles) == 5 and titles[0].startswith("1. ") and "detention" in titles[0]
    app.button(key="briefing_down_0").click().run()
    assert [t.value[3:] for t in app.text][:2] == [titles[1][3:], titles[0][3:]]
    app.button(key="briefing_remove_0").click().run()
    assert len(app.text) == 4
    assert {b.key: b.proto.label for b in app.get("download_button")} == {"briefing_download_pptx": "PPTX",
                                                                          "briefing_download_pdf": "PDF"}


@pytest.mark.app
def test_changes_page_lists_facts_after_a_date_with_sources(monkeypatch, real_warehouse):
    app = run_page(monkeypatch, real_warehouse, "changes", {})
    app.date_input(key="changes_since").set_value(dt.date(2021, 2, 11)).run()
    assert not app.exception
    con = duckdb.connect(str(real_warehouse / "repression.duckdb"), read_only=True)
    person_filters = {k: v for k, v in NO_FILTERS.items() if k not in ("date_from", "date_to")}
    expected = con.execute(sql_file("changes_since_date"), {**person_filters, "since": dt.date(2021, 2, 11)}).df()
    con.close()
    counts = expected["change"].value_counts()
    assert [int(m.value) for m in app.metric] == [int(counts.get(k, 0)) for k in KINDS]
    assert counts.get("figure moved") == 2 and (expected["fact_date"] > pd.Timestamp("2021-02-11")).all()
    assert expected["sections"].map(len).gt(0).all()
    assert "Source: " in " ".join(c.value for c in app.caption).replace("\\", "")  # captions escape punctuation


@pytest.mark.app
def test_changes_page_compares_with_an_earlier_build_kept_in_history(monkeypatch, tmp_path, records_copy):
    warehouse = tmp_path / "warehouse"
    build([FIXTURE_RECORDS], warehouse)
    persons = pd.read_csv(records_copy / "persons.csv", dtype=str, keep_default_na=False)
    changed = persons.index[persons["status"] != "released"][0]
    persons.loc[changed, "status"] = "released"
    persons.to_csv(records_copy / "persons.csv", index=False)
    build([records_copy], warehouse)
    app = run_page(monkeypatch, warehouse, "changes", {})
    app.segmented_control(key="changes_mode_en").set_value("build").run()
    assert not app.exception
    assert "status changed: 1" in app.subheader[0].value
    table = next(d.value for d in app.dataframe if header("change") in d.value)
    changed = table[header("change")] == label("change", "status changed")
    assert changed.any() and table.loc[changed, header("description")].str.contains("→ released").all()


@pytest.mark.load  # seven builds in a row: a slow test
def test_each_build_keeps_the_replaced_builds_parquet_whole_and_bounded(tmp_path):
    warehouse = tmp_path / "warehouse"
    ids = [build([FIXTURE_RECORDS], warehouse).build_id for _ in range(HISTORY_KEEP + 2)]
    # in build order, as history_builds gives them: ids of builds in one second do not sort by time
    assert [p.name for p in history_builds(warehouse)] == ids[-HISTORY_KEEP - 1:-1]
    for folder in (warehouse / HISTORY_DIR).iterdir():
        assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in (warehouse / "parquet").iterdir())
    assert [p.name for p in warehouse.glob("parquet-*")] == [f"parquet-{ids[-1]}"]


def run_cli(*args: str, prefix: tuple[str, ...] = ()) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run([*prefix, sys.executable, "-m", "briefing", *args], cwd=PROJECT, capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    return time.perf_counter() - started, done


@pytest.mark.load
@pytest.mark.alone
def test_cli_builds_a_pptx_and_a_pdf_for_filters_in_under_a_minute_each(real_warehouse, tmp_path, pdftoppm):
    filters = ("--article", "405", "--from", "2019-01-01", "--to", "2021-12-31", "--warehouse", str(real_warehouse),
               "--date", "2026-12-01")
    pptx_seconds, _ = run_cli("--out", str(tmp_path / "brief.pptx"), *filters)
    pdf_seconds, _ = run_cli("--out", str(tmp_path / "brief.pdf"), *filters)
    assert pptx_seconds < 60 and pdf_seconds < 60
    deck = Presentation(str(tmp_path / "brief.pptx"))
    assert len(pictures(deck)) == 5 and deck.slides[0].shapes.title.text == packs.TITLE
    assert "period 2019-01-01 to 2021-12-31; criminal code article: 405" in \
        deck.slides[1].notes_slide.notes_text_frame.text
    subprocess.run([pdftoppm, "-r", "30", "-png", str(tmp_path / "brief.pdf"), str(tmp_path / "page")], check=True)
    pages = len(PdfReader(str(tmp_path / "brief.pdf")).pages)
    assert len(list(tmp_path.glob("page-*.png"))) == pages >= 7
    (tmp_path / "timings.txt").write_text(f"pptx {pptx_seconds:.1f}s, pdf {pdf_seconds:.1f}s\n")


@pytest.mark.load
def test_cli_refuses_unknown_filter_values(real_warehouse, tmp_path):
    done = subprocess.run([sys.executable, "-m", "briefing", "--out", str(tmp_path / "x.pptx"), "--region", "KZ-99",
                           "--warehouse", str(real_warehouse)], cwd=PROJECT, capture_output=True, text=True)
    assert done.returncode == 2 and "--region KZ-99" in done.stderr and not (tmp_path / "x.pptx").exists()


@pytest.mark.load
def test_rendering_the_pack_sends_nothing_beyond_loopback_and_looks_no_name_up(real_warehouse, tmp_path, strace):
    log = tmp_path / "cli.strace"
    run_cli("--out", str(tmp_path / "brief.pptx"), "--anonymise", "--warehouse", str(real_warehouse),
            prefix=tuple(strace_command(strace, log, SOCKET_CALLS + ",execve", "-s", "256")))
    trace = log.read_text(errors="replace")
    browser = [line for line in trace.splitlines()
               if 'execve("/usr/lib/chromium/chromium"' in line and "--remote-debugging-pipe" in line]
    assert browser and "--disable-background-networking" in browser[0] and "MAP * ~NOTFOUND" in browser[0]
    calls = destinations(log)
    assert [c for c in calls if is_name_lookup(c[1], c[2])] == [], calls
    assert [c for c in calls if c[0] != "connect" and leaves_machine(c[1], c[2])] == [], "a datagram left the machine"
    probes, others = reachability_probes(trace)
    assert others == [], "a connection beyond loopback"
    assert all("2001:4860:4860::8888" in line for line in probes)
    assert len(pictures(Presentation(str(tmp_path / "brief.pptx")))) == 5


@pytest.mark.browser
def test_downloads_in_a_browser_render_only_when_clicked(browser, dashboard_url, tmp_path):
    visit = Visit(browser, f"{dashboard_url}/articles?anonymise=1")
    visit.wait_until_drawn("Criminal Code articles")
    visit.page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    with visit.page.expect_download(timeout=90_000) as png:
        visit.page.locator(".st-key-articles_chart_png button").first.click()
    png.value.save_as(tmp_path / "chart.png")
    assert Image.open(tmp_path / "chart.png").size == (3200, 1800)
    visit.page.get_by_role("link", name="Briefing pack").click()
    visit.wait_until_drawn("Briefing pack")
    visit.page.locator(".st-key-briefing_standard button").first.click()
    visit.page.get_by_text("5. ", exact=False).first.wait_for(timeout=30_000)
    with visit.page.expect_download(timeout=120_000) as pptx:
        visit.page.locator(".st-key-briefing_download_pptx button").first.click()
    pptx.value.save_as(tmp_path / "brief.pptx")
    assert pptx.value.suggested_filename.endswith("-names-hidden.pptx")
    assert len(pictures(Presentation(str(tmp_path / "brief.pptx")))) == 5
    assert visit.outside_hosts() == set() and not visit.console_errors
    visit.close()

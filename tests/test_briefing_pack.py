"""The briefing pack's layout and words: a cover whose key numbers are the warehouse's and the Overview's, every
table whole and in the Table tab's words however many slides or pages it needs, and Kazakh and Russian text set in
DejaVu Sans, embedded in the PDF so it reads back letter for letter."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from fontTools.ttLib import TTFont
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu
from pypdf import PdfReader

from briefing import deck as slides, documents, fonts, images
from briefing.collection import Item
from briefing.pack import in_words, make_pack
from briefing.standard import STANDARD, standard_items
from dashboard.charts import charts
from dashboard.charts.show import numbers, scope_of
from dashboard.labels import header, metric_label
from dashboard.loader import load
from dashboard.view import Filters, View
from tests.support import run_page

CREATED = dt.date(2026, 12, 1)
KAZAKH = "Қазақстан әділет үшін"
RUSSIAN = "Казахстан"
KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
RUSSIAN_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
ARTICLE_405 = View(Filters(articles=("405",)))


def deck_of(data: bytes):
    return Presentation(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def tables_of(slide) -> list[pd.DataFrame]:
    """The tables on a slide, their first row as the header."""
    found = []
    for shape in slide.shapes:
        if shape.has_table:
            cells = [[cell.text for cell in row.cells] for row in shape.table.rows]
            found.append(pd.DataFrame(cells[1:], columns=cells[0]))
    return found


def item_table(deck, title: str) -> pd.DataFrame:
    """An item's table as the deck gives it: the tables of every slide with the item's title, one after another."""
    parts = [table for slide in list(deck.slides)[1:] if slide.shapes.title.text == title for table in tables_of(slide)]
    return pd.concat(parts, ignore_index=True)


def pictures(deck) -> list:
    """The charts of a deck: every picture, by slide."""
    return [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def runs(deck):
    """Every run of text in the deck: titles, text boxes, table cells and speaker notes."""
    for slide in deck.slides:
        frames = [shape.text_frame for shape in slide.shapes if shape.has_text_frame]
        frames += [cell.text_frame for shape in slide.shapes if shape.has_table
                   for row in shape.table.rows for cell in row.cells]
        frames.append(slide.notes_slide.notes_text_frame)
        for frame in frames:
            for paragraph in frame.paragraphs:
                yield from paragraph.runs


def without_images(items: list[Item]) -> list[Item]:
    """The items as table-only items: what a pack's words and numbers are, without rendering a chart."""
    return [dataclasses.replace(item, figure_json=None) for item in items]


def as_shown(value) -> str:
    """A Table tab value (numbers() gives numbers, words and ISO dates) as the pack's text, thousands unseparated."""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if pd.isna(value) else str(value)


def unseparated(text: str) -> str:
    """Numbers without their thousands separators: the pack separates counts, the Table tab leaves that to the grid."""
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)


@pytest.fixture()
def warehouse_view(monkeypatch):
    def point(warehouse, view: View = View()) -> View:
        monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(warehouse))
        return view
    return point


@pytest.mark.unit
def test_dejavu_sans_has_every_kazakh_and_russian_letter():
    for path in (fonts.REGULAR, fonts.BOLD):
        covered = TTFont(str(path)).getBestCmap()
        assert [letter for letter in KAZAKH_LETTERS + RUSSIAN_LETTERS if ord(letter) not in covered] == [], path


@pytest.mark.sql
def test_a_pack_in_kazakh_and_russian_reads_back_letter_for_letter_in_dejavu_sans(fixture_warehouse, warehouse_view):
    view = warehouse_view(fixture_warehouse)
    item = Item("Overview", "kazakh_table", f"{KAZAKH}: {RUSSIAN}", f"Filters: region: {RUSSIAN}",
                pd.DataFrame({"name": [KAZAKH, RUSSIAN], "n_people": [1200, 3]}), (f"Доклад «{RUSSIAN}»",), ("3",))
    pack, _ = make_pack(view, [item], CREATED, f"Брифинг: {KAZAKH}")

    deck = deck_of(documents.to_pptx(pack))
    assert [s.shapes.title.text for s in deck.slides][:2] == [f"Брифинг: {KAZAKH}", f"{KAZAKH}: {RUSSIAN}"]
    assert item_table(deck, item.title).to_dict("list") == {header("name"): [KAZAKH, RUSSIAN],
                                                           header("n_people"): ["1,200", "3"]}
    assert f"Filters: region: {RUSSIAN}" in deck.slides[1].notes_slide.notes_text_frame.text
    assert {run.font.name for run in runs(deck)} == {fonts.FAMILY}

    pdf = documents.to_pdf(pack)
    text = pdf_text(pdf)
    assert KAZAKH in text and RUSSIAN in text and f"Брифинг: {KAZAKH}" in text and f"Доклад «{RUSSIAN}»" in text
    used = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            used[str(font["/BaseFont"])] = ("/FontFile2" in descriptor, "/ToUnicode" in font)
    faces = sorted(name.split("+")[-1] for name in used)  # a subset's name is prefixed with its tag
    assert len(faces) == 2 and all(face.startswith("DejaVuSans") for face in faces) and "Bold" in faces[0], faces
    assert all(embedded and mapped for embedded, mapped in used.values()), used  # TrueType, with its map to Unicode


@pytest.mark.sql
def test_a_long_table_runs_over_slides_and_pages_whole_in_order_and_inside_the_slide(fixture_warehouse, warehouse_view):
    view = warehouse_view(fixture_warehouse)
    rows = pd.DataFrame({"event": [f"R{n:03d}" for n in range(1, 121)],
                         "description": [f"{KAZAKH} {RUSSIAN} " * (1 + n % 7) for n in range(120)],
                         "n_people": range(120)})
    item = Item("What changed", "changes_table", "120 changes since 2020", "Filters: none (all records)", rows)
    pack, _ = make_pack(view, [item], CREATED)

    deck = deck_of(documents.to_pptx(pack))
    pages = [slide for slide in deck.slides if slide.shapes.title.text == item.title]
    assert len(pages) > 2
    printed, expected = item_table(deck, item.title), in_words(rows)
    assert printed.columns.tolist() == expected.columns.tolist() == [header(c) for c in rows.columns]
    assert printed.to_numpy().tolist() == expected.to_numpy().tolist()  # every row once, in order, nothing cut short
    spans = [next(s.text_frame.text for s in slide.shapes if s.has_text_frame and "rows " in s.text_frame.text)
             for slide in pages]
    assert spans[0].endswith(f"(rows 1–{len(tables_of(pages[0])[0])} of 120)")
    assert spans[-1].endswith("–120 of 120)")
    foot_top = Emu(int(slides.FOOT_TOP * 914400))
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height
            if shape.has_table:
                bottom = foot_top if slide in pages else deck.slide_height  # the table ends above the filters
                assert shape.top + sum(row.height for row in shape.table.rows) <= bottom

    pdf = documents.to_pdf(pack)
    text = pdf_text(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 3 and f"{item.title} (continued)" in text
    assert all(f"R{n:03d}" in text for n in range(1, 121))


@pytest.mark.sql
@pytest.mark.parametrize("hide_names", [False, True])
def test_cover_states_when_what_data_which_filters_and_the_key_numbers_of_the_warehouse(real_warehouse,
                                                                                       warehouse_view, hide_names):
    view = warehouse_view(real_warehouse, dataclasses.replace(ARTICLE_405, hide_names=hide_names))
    pack, _ = make_pack(view, [], CREATED)
    cover = deck_of(documents.to_pptx(pack)).slides[0]
    words = " ".join(shape.text_frame.text for shape in cover.shapes if shape.has_text_frame)
    build = load(view, "build_info").iloc[0]
    last = load(view, "period_bounds").iloc[0]["last_date"]
    assert "Prepared 1 December 2026" in words and f"Data as of {last:%-d %B %Y}" in words
    assert build["build_id"] in words and scope_of(view) in words
    assert scope_of(view).startswith("Filters: criminal code article: 405")
    assert ("pseudonym" in words) == hide_names and ("Names shown" in words) != hide_names

    figures, charged = tables_of(cover)
    comparisons = load(view, "figure_comparisons")
    named = comparisons[comparisons["named_count"].notna()]
    labels = [metric_label(m, d) for m, d in zip(named["metric"], named["description"])]
    assert figures[header("metric")].tolist() == labels
    stated = [re.sub(r"^\D+", "", s) for s in figures[header("stated_value")]]  # "at least 5" -> "5"
    assert stated == [f"{v:g}" for v in named["stated_value"]]
    assert figures[header("named_count")].tolist() == [str(int(n)) for n in named["named_count"]]
    assert [s[0].isdigit() for s in figures[header("stated_value")]] == (named["qualifier"] == "exact").tolist()
    people = load(view, "people_per_political_article")
    assert charged[header("article")].tolist() == [str(a) for a in people["article"]]
    assert charged[header("n_people")].tolist() == [f"{n:,}" for n in people["n_people"]]
    unfiltered = load(View(), "people_per_political_article")
    assert people.loc[people["article"] == 405, "n_people"].iloc[0] > 0 and not people.equals(unfiltered)

    first_page = PdfReader(io.BytesIO(documents.to_pdf(pack))).pages[0].extract_text()
    for line in pack.cover_lines:
        assert re.sub(r"\s+", " ", line) in re.sub(r"\s+", " ", first_page)
    assert all(label in re.sub(r"\s+", " ", first_page) for label in figures[header("metric")])


@pytest.mark.app
def test_cover_numbers_equal_the_overview_page_for_the_same_filters(monkeypatch, real_warehouse):
    overview = run_page(monkeypatch, real_warehouse, "overview", ARTICLE_405.to_url())
    assert not overview.exception
    shown = next(d.value for d in overview.dataframe if header("named_count") in d.value)
    shown = shown[shown[header("named_count")] != ""]  # a figure with nobody named: blank among the numbers
    charged_405 = next(int(m.value) for m in overview.metric if "article 405" in m.label)

    pack, _ = make_pack(ARTICLE_405, [], CREATED)  # the page pointed the loader at the same warehouse
    figures, charged = tables_of(deck_of(documents.to_pptx(pack)).slides[0])
    assert figures[header("metric")].tolist() == shown[header("metric")].tolist()
    assert figures[header("named_count")].tolist() == shown[header("named_count")].tolist()
    assert [float(re.sub(r"^\D+", "", s)) for s in figures[header("stated_value")]] == \
        shown[header("stated_value")].tolist()
    assert charged.loc[charged[header("article")] == "405", header("n_people")].tolist() == [str(charged_405)]


@pytest.mark.sql
def test_every_standard_table_is_in_the_deck_and_the_pdf_as_its_table_tab_gives_it(real_warehouse, warehouse_view):
    view = warehouse_view(real_warehouse, ARTICLE_405)
    items = standard_items(view)
    assert len(items) == 5
    pack, _ = make_pack(view, without_images(items), CREATED)
    deck = deck_of(documents.to_pptx(pack))
    text = unseparated(pdf_text(documents.to_pdf(pack)))
    for item, chart in zip(pack.items, charts(view, *STANDARD)):
        tab = numbers(chart.table)  # the Table tab of the chart on its page
        printed = item_table(deck, item.title)
        assert printed.columns.tolist() == tab.columns.tolist()
        shown = tab.map(as_shown).map(unseparated).to_numpy()
        assert printed.map(unseparated).to_numpy().tolist() == shown.tolist(), item.key
        notes = {slide.notes_slide.notes_text_frame.text for slide in deck.slides
                 if slide.shapes.title.text == item.title}
        assert notes == {f"{item.filters}\n{item.citation}\nFrom the {item.page} page ({item.key}); data build "
                         f"{pack.build_id}."}
        assert unseparated(re.sub(r"\s+", " ", item.title)) in text
        assert all(value in text for value in shown.ravel() if 0 < len(value) <= 20)


@pytest.mark.browser
def test_chart_images_set_kazakh_and_russian_text_in_dejavu_sans():
    figure = go.Figure(go.Bar(x=[KAZAKH, RUSSIAN], y=[3, 1]), layout={"title": {"text": KAZAKH}})
    for svg in (images.render(images.for_pack(figure, 800, 400), "svg").decode("utf-8"),
                images.chart_image(figure, KAZAKH, f"Filters: {RUSSIAN}", "Source: —", "svg").decode("utf-8")):
        assert KAZAKH in svg and RUSSIAN in svg
        families = set(re.findall(r"font-family:\s*([^;\"]+)", svg))
        assert families and all(fonts.FAMILY in family for family in families), families

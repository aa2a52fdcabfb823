"""A briefing pack as a PowerPoint deck and an A4 PDF: a title slide with the data build, one slide per item with
its finding as the title, the chart image, its numbers and (in the notes) its filters and sources, and a closing
slide of sources and methodology. The same items and data give the same files byte for byte: the only dates
inside are the stated creation date and the build's own."""
from __future__ import annotations

import datetime as dt
import functools
import io
import zipfile
from dataclasses import dataclass
from numbers import Integral
from pathlib import Path

import numpy as np
import pandas as pd
from fpdf import FPDF
from pptx import Presentation
from pptx.util import Inches, Pt

from briefing import images
from briefing.collection import Item
from dashboard.i18n import ENGLISH, N_, translation
from dashboard.labels import header, readable_table, yes_no
from dashboard.loader import load
from dashboard.view import View

TITLE = N_("Political repression in Kazakhstan: briefing")
MAX_ROWS = 10  # rows of numbers a slide or a page shows; the largest counts when a table is longer
MAX_COLUMNS = 6
CELL_CHARS = 32
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core, which fontconfig depends on
METHODOLOGY = (
    N_("Every number is computed from case records curated from the sources below; each record cites its source "
       "and report section."),
    N_("A person is someone the source names as subjected to persecution; officials and commentators are not "
       "persons."),
    N_("Dates keep their precision: facts known only by month or year are shown as that period, never as a day."),
    N_("Counts stated as 'at least' or 'more than' are lower bounds. Where a source states a figure and names a "
       "different number of people, both are given."),
    N_("Filters select people (article, sentence type, movement, gender, status) and facts (period, region); group "
       "events show only while no person filter is set."),
    N_("Record text is in English where no reviewed translation exists, marked so; names are spelled in Latin "
       "letters as the records have them."),
)
HIDDEN_NOTE = N_("Hide-names mode: every person's name is replaced by a stable pseudonym.")


@dataclass(frozen=True)
class Pack:
    title: str
    created: dt.date
    build_id: str
    built_at: dt.datetime
    items: tuple[Item, ...]
    anonymised: bool
    language: str = ENGLISH  # of the pack's own words; each item keeps the language it was shown in

    def gettext(self, message: str) -> str:
        return translation(self.language).gettext(message)

    @property
    def build_line(self) -> str:
        return self.gettext("Data build {build}, built {built_at} UTC").format(
            build=self.build_id, built_at=f"{self.built_at:%Y-%m-%d %H:%M}")

    @property
    def prepared(self) -> str:
        return self.gettext("Prepared {date}").format(date=translation(self.language).date(self.created))


def make_pack(view: View, items: list[Item], created: dt.date, title: str | None = None) -> tuple[Pack, list[Item]]:
    """The pack for the view's mode and language, and the items left out of it: in hide-names mode, an item
    collected while names were shown is never exported."""
    kept = [item for item in items if item.anonymised or not view.hide_names]
    build = load(view, "build_info").iloc[0]
    pack = Pack(title or translation(view.language).gettext(TITLE), created, str(build["build_id"]),
                build["built_at"].to_pydatetime(), tuple(kept), view.hide_names, view.language)
    return pack, [item for item in items if item not in kept]


def slide_table(table: pd.DataFrame, language: str = ENGLISH) -> tuple[pd.DataFrame, str]:
    """At most MAX_ROWS rows (the largest counts, in the page's order) and MAX_COLUMNS columns, as text under
    the headers and in the words of the Table tab."""
    words = translation(language)
    note, total = "", len(table)
    if total > MAX_ROWS:
        table = table.reset_index(drop=True)
        count = next((c for c in table.columns if c.startswith("n_")), None)
        kept = table[count].sort_values(ascending=False, kind="stable").index[:MAX_ROWS] if count else table.index[:MAX_ROWS]
        table = table.loc[sorted(kept)]
        note = (words.gettext("The {shown} rows with the largest “{column}” of {total}; every row is in the "
                              "dashboard's Table tab.") if count else
                words.gettext("The first {shown} of {total} rows; every row is in the dashboard's Table tab.")).format(
            shown=MAX_ROWS, column=header(count, language) if count else "", total=words.number(total))
    return readable_table(table.iloc[:, :MAX_COLUMNS], language).map(lambda v: cell(v, language)).reset_index(
        drop=True), note


def cell(value, language: str = ENGLISH) -> str:
    """A table value (already in words) as slide text: counts with the language's thousands separators, dates as
    ISO."""
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)):
        value = ", ".join(str(v) for v in list(value))
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp | dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, (bool, np.bool_)):
        return yes_no(value, language)
    if isinstance(value, Integral) or (isinstance(value, float) and value.is_integer()):
        return translation(language).number(int(value))
    text = str(value)
    return text if len(text) <= CELL_CHARS else text[:CELL_CHARS - 1] + "…"


@functools.lru_cache(maxsize=32)
def chart_png(figure_json: str, title: str, filters: str, citation: str) -> bytes:
    return images.chart_image(figure_json, title, filters, citation, "png")


def image_of(item: Item) -> bytes | None:
    return chart_png(item.figure_json, item.title, item.filters, item.citation) if item.figure_json else None


def notes_of(item: Item, pack: Pack) -> str:
    _ = pack.gettext
    origin = _("From the page “{page}” ({key}); data build {build}.").format(
        page=_(item.page) if item.page else _("Dashboard"), key=item.key, build=item.build_id or pack.build_id)
    return "\n".join([item.filters, item.citation, origin] + ([_(HIDDEN_NOTE)] if pack.anonymised else []))


def sources_of(pack: Pack) -> list[str]:
    """Each source the pack's items cite, once, and every report section they cite."""
    sections = sorted({s for item in pack.items for s in item.sections}, key=int)
    names = sorted({s for item in pack.items for s in item.sources}) or [pack.gettext("The curated records")]
    return [*names, pack.gettext("Report sections cited: {sections}").format(sections=", ".join(sections) or "—")]


def closing_lines(pack: Pack) -> list[tuple[str, list[str]]]:
    """The closing page's sections: sources, then methodology, with their headings in the pack's language."""
    return [(pack.gettext("Sources"), sources_of(pack)),
            (pack.gettext("Methodology"), [pack.gettext(line) for line in METHODOLOGY])]


def to_pptx(pack: Pack) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    title_slide = deck.slides.add_slide(deck.slide_layouts[0])
    title_slide.shapes.title.text = pack.title
    title_slide.placeholders[1].text = "\n".join(
        [pack.prepared, pack.build_line] + ([pack.gettext(HIDDEN_NOTE)] if pack.anonymised else []))
    for item in pack.items:
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        _title(slide, item.title)
        png = image_of(item)
        if png:
            slide.shapes.add_picture(io.BytesIO(png), Inches(0.4), Inches(1.45), width=Inches(8.5))
        rows_note = _table(slide, item.table, Inches(9.1) if png else Inches(0.4), Inches(3.85) if png else Inches(12.5),
                           item.language)
        _text(slide, "\n".join(filter(None, [item.filters, item.citation, rows_note])), Inches(0.4), Inches(6.35),
              Inches(12.5), Inches(0.9), 10)
        slide.notes_slide.notes_text_frame.text = notes_of(item, pack)
    closing = deck.slides.add_slide(deck.slide_layouts[5])
    _title(closing, pack.gettext("Sources and methodology"))
    _text(closing, "\n".join([line for heading, lines in closing_lines(pack) for line in (f"{heading}:", *lines, "")]
                             + [pack.build_line]),
          Inches(0.5), Inches(1.5), Inches(12.3), Inches(5.6), 14)
    props = deck.core_properties
    stamp = dt.datetime.combine(pack.created, dt.time())
    props.title, props.author, props.last_modified_by, props.revision = pack.title, "", "", 1
    props.created = props.modified = props.last_printed = stamp
    props.subject, props.comments, props.keywords = pack.build_line, "", ""
    buffer = io.BytesIO()
    deck.save(buffer)
    return _fixed_zip_times(buffer.getvalue(), stamp)


def _title(slide, text: str) -> None:
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = Inches(0.4), Inches(0.3), Inches(12.5), Inches(1.05)
    shape.text = text
    for paragraph in shape.text_frame.paragraphs:
        paragraph.font.size = Pt(26 if len(text) < 90 else 20)


def _text(slide, text: str, left, top, width, height, size: int) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    frame.text = text
    for paragraph in frame.paragraphs:
        paragraph.font.size = Pt(size)


def _table(slide, table: pd.DataFrame, left, width, language: str) -> str:
    """The numbers beside the chart, columns as wide as their text needs; returns the note on left-out rows."""
    rows, note = slide_table(table, language)
    if rows.empty:
        return note
    shape = slide.shapes.add_table(len(rows) + 1, len(rows.columns), left, Inches(1.45), width,
                                   Inches(0.25) * (len(rows) + 1)).table
    needs = [max(*(len(word) + 1 for word in name.split()), *(len(v) for v in rows[name]), 4) for name in rows.columns]
    for column, name in enumerate(rows.columns):
        shape.columns[column].width = int(width * needs[column] / sum(needs))
        shape.cell(0, column).text = name
        for row in range(len(rows)):
            shape.cell(row + 1, column).text = rows.iat[row, column]
    for row in shape.rows:
        for table_cell in row.cells:
            table_cell.margin_left = table_cell.margin_right = Inches(0.04)
            table_cell.margin_top = table_cell.margin_bottom = Inches(0.02)
            for paragraph in table_cell.text_frame.paragraphs:
                paragraph.font.size = Pt(8)
    return note


def _fixed_zip_times(data: bytes, stamp: dt.datetime) -> bytes:
    """python-pptx stamps every zip entry with the current time; give them all the pack's date instead."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


class _Document(FPDF):
    def para(self, height: float, text: str) -> None:
        """A paragraph across the page; the next one starts at the left margin below it."""
        self.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("body", size=8)
        self.cell(0, 6, f"{self.title_text} · {self.page_word} {self.page_no()}", align="C")


def to_pdf(pack: Pack) -> bytes:
    pdf = _Document(orientation="portrait", unit="mm", format="A4")
    pdf.title_text, pdf.page_word = pack.title, pack.gettext("page")
    pdf.set_creation_date(dt.datetime.combine(pack.created, dt.time(), tzinfo=dt.timezone.utc))
    pdf.set_title(pack.title)
    pdf.set_subject(pack.build_line)
    pdf.add_font("body", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    pdf.set_font("body", "B", 22)
    pdf.ln(40)
    pdf.para(11, pack.title)
    pdf.ln(6)
    pdf.set_font("body", size=12)
    pdf.para(7, "\n".join([pack.prepared, pack.build_line] + ([pack.gettext(HIDDEN_NOTE)] if pack.anonymised else [])))
    for item in pack.items:
        pdf.add_page()
        pdf.set_font("body", "B", 15)
        pdf.para(7.5, item.title)
        pdf.ln(2)
        png = image_of(item)
        if png:
            pdf.image(io.BytesIO(png), w=pdf.epw)
            pdf.ln(2)
        rows, note = slide_table(item.table, item.language)
        if not rows.empty:
            pdf.set_font("body", size=8)
            with pdf.table(text_align="LEFT", line_height=4.2, first_row_as_headings=True) as table:
                table.row(list(rows.columns))
                for values in rows.itertuples(index=False):
                    table.row(list(values))
            if note:
                pdf.para(4.5, note)
        pdf.ln(2)
        pdf.set_font("body", size=8.5)
        pdf.para(4.5, notes_of(item, pack))
    pdf.add_page()
    pdf.set_font("body", "B", 15)
    pdf.para(7.5, pack.gettext("Sources and methodology"))
    pdf.set_font("body", size=10)
    for heading, lines in closing_lines(pack):
        pdf.ln(3)
        pdf.set_font("body", "B", 11)
        pdf.para(6, heading)
        pdf.set_font("body", size=10)
        for line in lines:
            pdf.para(5.2, f"• {line}")
    pdf.ln(3)
    pdf.para(5.2, pack.build_line)
    return bytes(pdf.output())


WRITERS = {"pptx": to_pptx, "pdf": to_pdf}
MIME = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pdf": "application/pdf"}

"""A briefing pack as a 16:9 PowerPoint deck: a cover of key numbers; for each item a slide with its finding as the
title and its chart across the slide's width, the filters and sources under it, then its table in words over as
many slides as it needs; speaker notes with the filters and sources; a closing slide of sources and methodology.
Every run of text names DejaVu Sans, which has every Kazakh and Russian letter."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from itertools import accumulate

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from briefing import fonts
from briefing.pack import (CHARGED_HEADING, CHARGED_NOTE, FIGURES_HEADING, FIGURES_NOTE, Pack, closing_lines,
                           column_widths, cover_notes, image_of, in_words, line_height, lines_of, notes_of, pages_of,
                           row_lines)
from dashboard.i18n import translation

WIDESCREEN = (Emu(12192000), Emu(6858000))  # PowerPoint's 16:9 slide
SLIDE_WIDTH, SLIDE_HEIGHT = WIDESCREEN[0].inches, WIDESCREEN[1].inches
MARGIN = 0.4
WIDE = SLIDE_WIDTH - 2 * MARGIN
TITLE_TOP, TITLE_HEIGHT = 0.3, 0.95
BODY_TOP = 1.35
FOOT_HEIGHT = 0.7
FOOT_TOP = SLIDE_HEIGHT - 0.2 - FOOT_HEIGHT
IMAGE_HEIGHT = FOOT_TOP - BODY_TOP - 0.05
IMAGE_DPI = 96  # the chart is laid out at 96 pixels to the slide's inch: its 16-pixel type shows at 12 pt
TABLE_TOP = BODY_TOP + 0.4
TITLE_SIZES = (26, 24, 22, 20, 18, 16)
TABLE_SIZE, COVER_TABLE_SIZES, FOOT_SIZES = 12, (14, 13, 12, 11, 10), (11, 10, 9, 8)
CELL_PADDING, CELL_PADDING_TOP = 4.5, 2.5  # points
COVER_TITLE_SIZES, COVER_SIZE = (32, 28, 24), 14
COVER_SPLIT = 0.66  # the cover's share of the width for the stated figures; the articles take the rest
GAP = 0.3
GREY = RGBColor(0x33, 0x33, 0x33)


def to_pptx(pack: Pack) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDESCREEN
    _cover(deck, pack)
    for item in pack.items:
        foot = f"{item.filters}\n{item.citation}"
        png = image_of(item, round(WIDE * IMAGE_DPI), round(IMAGE_HEIGHT * IMAGE_DPI))
        if png:
            slide = _slide(deck, item.title, notes_of(item, pack))
            picture = slide.shapes.add_picture(io.BytesIO(png), Inches(MARGIN), Inches(BODY_TOP), width=Inches(WIDE))
            text_alternative = pack.gettext("Chart: {title}").format(title=item.title)
            picture._element.nvPicPr.cNvPr.set("descr", text_alternative)
            _foot(slide, foot)
        _table_slides(deck, pack, item.title, in_words(item.table, item.language), foot, notes_of(item, pack))
    closing = _slide(deck, pack.gettext("Sources and methodology"), pack.build_line)
    sections = closing_lines(pack)
    headings = [heading for heading, _ in sections]
    words = "\n".join([*(line for heading, lines in sections for line in (heading, *(f"• {v}" for v in lines), "")),
                       pack.build_line])
    height = SLIDE_HEIGHT - BODY_TOP - 0.3
    frame = _text(closing, words, MARGIN, BODY_TOP, WIDE, height, _size_to_fit(words, WIDE, height, (14, 12, 10)))
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.bold = paragraph.text in headings
    return _fixed_dates(deck, pack)


def _cover(deck, pack: Pack) -> None:
    """The title, when and from what the pack was made, and the key numbers: stated figures beside the people
    named, and the people charged under each political article for the filters, both tables in one type size, the
    largest that fits. Figures more than the cover holds go on to the next slides."""
    slide = _slide(deck, pack.title, cover_notes(pack), sizes=COVER_TITLE_SIZES)
    size = _size_to_fit(pack.title, WIDE, TITLE_HEIGHT, COVER_TITLE_SIZES, bold=True)
    lines_top = TITLE_TOP + _height(pack.title, WIDE, size, bold=True) + 0.2  # right under the title, however long
    lines = "\n".join(pack.cover_lines)
    _text(slide, lines, MARGIN, lines_top, WIDE, _height(lines, WIDE, COVER_SIZE), COVER_SIZE, color=GREY)
    top = lines_top + _height(lines, WIDE, COVER_SIZE) + 0.2  # long filters take more lines
    room = SLIDE_HEIGHT - 0.25 - top - 0.58
    left_width = WIDE * COVER_SPLIT - GAP / 2
    _ = pack.gettext
    blocks = ((MARGIN, left_width, _(FIGURES_HEADING), _(FIGURES_NOTE), pack.cover.figures),
              (MARGIN + left_width + GAP, WIDE - left_width - GAP, _(CHARGED_HEADING), _(CHARGED_NOTE),
               pack.cover.charged))
    layouts_at = lambda size: [_layout(rows, width, size) for _, width, _, _, rows in blocks]  # noqa: E731
    size = next((s for s in COVER_TABLE_SIZES if all(l.height <= room * 72 for l in layouts_at(s))),
                COVER_TABLE_SIZES[-1])
    for (left, width, heading, note, rows), layout in zip(blocks, layouts_at(size)):
        _text(slide, heading, left, top, width, 0.3, 14, bold=True)
        _text(slide, note, left, top + 0.28, width, 0.3, 11, color=GREY)
        shown = slice(0, max(1, sum(1 for used in accumulate(layout.rows) if used <= room * 72 - layout.head)))
        _table(slide, rows.iloc[shown], layout, left, top + 0.58, shown)
        if shown.stop < len(rows):
            continued = _("{title} (continued)").format(title=f"{pack.title}: {heading.lower()}")
            _table_slides(deck, pack, continued, rows.iloc[shown.stop:], f"{heading}: {note}", cover_notes(pack))


@dataclass(frozen=True)
class _Layout:
    """A table's column widths and its rows' heights at one type size, in points."""
    size: int
    widths: list[float]
    head: float
    rows: list[float]

    @property
    def height(self) -> float:
        return self.head + sum(self.rows)


def _layout(rows: pd.DataFrame, width: float, size: int) -> _Layout:
    """Columns as wide as their text needs, the table no wider than `width` inches; rows as tall as their wrapped
    text."""
    widths = column_widths(rows, size, CELL_PADDING, width * 72)
    height = lambda lines: lines * line_height(size) + 2 * CELL_PADDING_TOP + 2  # noqa: E731
    head = height(max(lines_of(str(name), w - 2 * CELL_PADDING, size, bold=True)
                      for name, w in zip(rows.columns, widths)))
    return _Layout(size, widths, head, [height(lines) for lines in row_lines(rows, widths, size, CELL_PADDING)])


def _table_slides(deck, pack: Pack, title: str, rows: pd.DataFrame, foot: str, notes: str) -> None:
    """A table in words over as many slides as its rows need, the header on each."""
    if rows.empty:
        return
    layout = _layout(rows, WIDE, TABLE_SIZE)
    pages = pages_of(layout.rows, (FOOT_TOP - 0.1 - TABLE_TOP) * 72 - layout.head)
    words = translation(pack.language)
    for page in pages:
        slide = _slide(deck, title, notes)
        span = (words.gettext("rows {first}–{last} of {total}").format(first=page.start + 1, last=page.stop,
                                                                        total=words.number(len(rows)))
                if len(pages) > 1 else
                words.ngettext("{n} row", "{n} rows", len(rows)).format(n=words.number(len(rows))))
        _text(slide, words.gettext("The numbers, as the dashboard's Table tab gives them ({span})").format(span=span),
              MARGIN, BODY_TOP, WIDE, 0.35, 12, color=GREY)
        _table(slide, rows.iloc[page], layout, MARGIN, TABLE_TOP, page)
        _foot(slide, foot)


def _table(slide, rows: pd.DataFrame, layout: _Layout, left: float, top: float, page: slice) -> None:
    shape = slide.shapes.add_table(len(rows) + 1, len(rows.columns), Inches(left), Inches(top),
                                   Pt(sum(layout.widths)), Pt(layout.head + sum(layout.rows[page]))).table
    for column, (name, width) in enumerate(zip(rows.columns, layout.widths)):
        shape.columns[column].width = Pt(width)
        shape.cell(0, column).text = str(name)
        for row in range(len(rows)):
            shape.cell(row + 1, column).text = rows.iat[row, column]
    for index, (row, height) in enumerate(zip(shape.rows, [layout.head, *layout.rows[page]])):
        row.height = Pt(height)
        for cell in row.cells:
            cell.margin_left = cell.margin_right = Pt(CELL_PADDING)
            cell.margin_top = cell.margin_bottom = Pt(CELL_PADDING_TOP)
            _style(cell.text_frame.paragraphs, layout.size, bold=index == 0)


def _slide(deck, title: str, notes: str, sizes=TITLE_SIZES):
    """A slide with its title (the largest size at which it fits its box) and its speaker notes."""
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = (Inches(v) for v in (MARGIN, TITLE_TOP, WIDE, TITLE_HEIGHT))
    shape.text = title
    frame = shape.text_frame
    frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    size = _size_to_fit(title, WIDE, TITLE_HEIGHT, sizes, bold=True)
    _style(frame.paragraphs, size, bold=True, align=PP_ALIGN.LEFT)
    slide.notes_slide.notes_text_frame.text = notes
    _style(slide.notes_slide.notes_text_frame.paragraphs, 12)
    return slide


def _foot(slide, text: str) -> None:
    """The filters and sources under a chart or a table, smaller when many filters make them long."""
    size = _size_to_fit(text, WIDE, FOOT_HEIGHT, FOOT_SIZES)
    _text(slide, text, MARGIN, FOOT_TOP, WIDE, FOOT_HEIGHT, size, color=GREY)


def _size_to_fit(text: str, width: float, height: float, sizes: tuple[int, ...], bold: bool = False) -> int:
    """The largest of `sizes` at which a text fits a box of this width and height in inches (else the smallest)."""
    return next((s for s in sizes if _height(text, width, s, bold) <= height), sizes[-1])


def _height(text: str, width: float, size: float, bold: bool = False) -> float:
    """The height in inches of a text of this size wrapped at this width in inches."""
    return lines_of(text, width * 72, size, bold) * line_height(size) / 72


def _text(slide, text: str, left: float, top: float, width: float, height: float, size: int, bold: bool = False,
          color: RGBColor | None = None):
    """A text box, its lines as paragraphs; returns its text frame."""
    frame = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height)).text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = 0
    frame.text = text
    _style(frame.paragraphs, size, bold=bold, color=color)
    return frame


def _style(paragraphs, size: float, bold: bool = False, color: RGBColor | None = None, align=None) -> None:
    """Every run in the exports' typeface at this size; an empty paragraph (a blank cell) too, or it would keep the
    template's larger type and make its row taller."""
    for paragraph in paragraphs:
        if align is not None:
            paragraph.alignment = align
        paragraph.font.name, paragraph.font.size = fonts.FAMILY, Pt(size)
        paragraph._p.get_or_add_endParaRPr().set("sz", str(round(size * 100)))
        for run in paragraph.runs:
            run.font.name, run.font.size, run.font.bold = fonts.FAMILY, Pt(size), bold
            if color is not None:
                run.font.color.rgb = color


def _fixed_dates(deck, pack: Pack) -> bytes:
    """The deck's bytes with the pack's date as every date inside: its properties, and its zip entries, which
    python-pptx stamps with the current time."""
    stamp = dt.datetime.combine(pack.created, dt.time())
    props = deck.core_properties
    props.title, props.author, props.last_modified_by, props.revision = pack.title, "", "", 1
    props.created = props.modified = props.last_printed = stamp
    props.subject, props.comments, props.keywords = pack.build_line, "", ""
    buffer = io.BytesIO()
    deck.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()

"""A briefing pack as an A4 PDF, page for slide as the deck: a cover of key numbers; for each item a page with its
finding as the heading, its chart across the page, the filters and sources under it, and its table in words, which
runs on over the next pages with its header repeated; a closing page of sources and methodology. DejaVu Sans is
embedded (a subset, with its map back to Unicode), so Kazakh and Russian text prints and can be searched and copied."""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from fpdf import FPDF, FontFace

from briefing import fonts
from briefing.pack import (CHARGED_HEADING, CHARGED_NOTE, FIGURES_HEADING, FIGURES_NOTE, HIDDEN_NOTE, Pack,
                           closing_lines, column_widths, image_of, in_words, origin_of)

MARGIN = 14  # mm
IMAGE_WIDTH, IMAGE_HEIGHT = 1100, 640  # pixels of the chart across the page: its 16-pixel type prints at 7.5 pt
TABLE_SIZE, SMALL_SIZE = 8.5, 8.5
MM_PER_PT = 25.4 / 72
CELL_PADDING = (0.6, 1.2)  # mm: above and below, left and right
GREY = (51, 51, 51)
HEADINGS = FontFace(emphasis="BOLD", fill_color=(225, 232, 240))


class _Document(FPDF):
    running_title: str | None = None  # the item a page continues, named at its top
    continued = page_word = ""  # the pack's words for "(continued)" and "page", in its language

    def header(self) -> None:
        if self.running_title:
            self.set_font("body", size=SMALL_SIZE)
            self.set_text_color(*GREY)
            self.para(SMALL_SIZE * 0.53, self.continued.format(title=self.running_title))
            self.set_text_color(0)
            self.ln(2)

    def new_page(self, running_title: str | None = None) -> None:
        """A page that starts something; pages that a long table runs on to name it at their top."""
        self.running_title = None
        self.add_page()
        self.running_title = running_title

    def para(self, height: float, text: str) -> None:
        """A paragraph across the page; the next one starts at the left margin below it."""
        self.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str, size: float) -> None:
        self.set_font("body", "B", size)
        self.para(size * 0.5, text)
        self.set_font("body", size=SMALL_SIZE)

    def small(self, *lines: str) -> None:
        self.set_font("body", size=SMALL_SIZE)
        self.set_text_color(*GREY)
        self.para(SMALL_SIZE * 0.53, "\n".join(lines))
        self.set_text_color(0)

    def table_of(self, rows: pd.DataFrame, size: float = TABLE_SIZE) -> None:
        """A table in words, columns as wide as their text needs; a long one runs on over pages, its header on each."""
        if rows.empty:
            return
        widths = [w * MM_PER_PT for w in column_widths(rows, size, CELL_PADDING[1] / MM_PER_PT, self.epw / MM_PER_PT)]
        self.set_font("body", size=size)
        with self.table(col_widths=widths, width=min(sum(widths), self.epw), align="LEFT", text_align="LEFT",
                        line_height=size * 0.45, headings_style=HEADINGS, padding=CELL_PADDING) as table:
            for values in [list(map(str, rows.columns)), *rows.itertuples(index=False)]:
                table.row(list(values))

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("body", size=8)
        self.cell(0, 5, f"{self.title_text} · {self.page_word} {self.page_no()}", align="C")


def to_pdf(pack: Pack) -> bytes:
    pdf = _Document(orientation="portrait", unit="mm", format="A4")
    pdf.title_text, pdf.page_word = pack.title, pack.gettext("page")
    pdf.continued = pack.gettext("{title} (continued)")
    pdf.set_creation_date(dt.datetime.combine(pack.created, dt.time(), tzinfo=dt.timezone.utc))
    pdf.set_title(pack.title)
    pdf.set_subject(pack.build_line)
    pdf.add_font("body", "", str(fonts.REGULAR))
    pdf.add_font("body", "B", str(fonts.BOLD))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=16)
    _cover(pdf, pack)
    for item in pack.items:
        pdf.new_page(item.title)
        pdf.heading(item.title, 15)
        pdf.ln(2)
        png = image_of(item, IMAGE_WIDTH, IMAGE_HEIGHT)
        if png:
            pdf.image(io.BytesIO(png), w=pdf.epw, alt_text=pack.gettext("Chart: {title}").format(title=item.title))
            pdf.ln(1)
        pdf.small(item.filters, item.citation)
        pdf.ln(3)
        pdf.table_of(in_words(item.table, item.language))
        pdf.ln(2)
        pdf.small(origin_of(item, pack), *([pack.gettext(HIDDEN_NOTE)] if pack.anonymised else []))
    pdf.new_page()
    pdf.heading(pack.gettext("Sources and methodology"), 15)
    for heading, lines in closing_lines(pack):
        pdf.ln(3)
        pdf.heading(heading, 11)
        pdf.set_font("body", size=10)
        for line in lines:
            pdf.para(5.2, f"• {line}")
    pdf.ln(3)
    pdf.para(5.2, pack.build_line)
    return bytes(pdf.output())


def _cover(pdf: _Document, pack: Pack) -> None:
    """The title, when and from what the pack was made, and the key numbers."""
    pdf.new_page()
    pdf.ln(20)
    pdf.heading(pack.title, 22)
    pdf.ln(4)
    pdf.set_font("body", size=11)
    pdf.para(6, "\n".join(pack.cover_lines))
    for heading, note, rows in ((FIGURES_HEADING, FIGURES_NOTE, pack.cover.figures),
                                (CHARGED_HEADING, CHARGED_NOTE, pack.cover.charged)):
        pdf.ln(6)
        pdf.heading(pack.gettext(heading), 12)
        pdf.small(pack.gettext(note))
        pdf.ln(1)
        pdf.table_of(rows, 10)

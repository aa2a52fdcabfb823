"""A briefing pack: a cover of key numbers computed from the warehouse for the view (as the Overview computes them),
the collected items in order, and the words every format prints: tables in the Table tab's words, filters, sources
and methodology. briefing/deck.py writes it as a 16:9 PowerPoint deck, briefing/paper.py as an A4 PDF; the same
items and data give the same files byte for byte (the only dates inside are the stated creation date and the
build's own)."""
from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass, field
from numbers import Integral

import numpy as np
import pandas as pd
from PIL import ImageFont

from briefing import fonts, images
from briefing.collection import Item
from dashboard.charts.show import scope_of
from dashboard.i18n import ENGLISH, N_, translation
from dashboard.labels import header, label, readable_table, yes_no
from dashboard.loader import load_many
from dashboard.view import View

# The pack's own words, in English as message ids: a pack speaks its language through Pack.gettext.
TITLE = N_("Political repression in Kazakhstan: briefing")
METHODOLOGY = (
    N_("Every number is computed from case records curated from the sources above; each record cites its source "
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
SHOWN_NOTE = N_("Names shown: hide-names mode was off when this pack was made.")
FIGURES_HEADING = N_("Stated figures and the people named for them")
FIGURES_NOTE = N_("The source's own figures, as of the date given; not filtered")
CHARGED_HEADING = N_("Charged under the political articles")
CHARGED_NOTE = N_("People, for the filters in force")
LINE_SPACING = 1.2
MEASURE_SIZE = 100  # text is measured in the font at this size and scaled
SLACK = 1.1  # renderers round and hint glyphs wider than the font's own advances: measure a tenth wider


@dataclass(frozen=True)
class Cover:
    """The cover's key numbers, each table already in words."""
    filters: str
    facts_until: dt.date
    figures: pd.DataFrame = field(compare=False)
    charged: pd.DataFrame = field(compare=False)


@dataclass(frozen=True)
class Pack:
    title: str
    created: dt.date
    build_id: str
    built_at: dt.datetime
    items: tuple[Item, ...]
    anonymised: bool
    cover: Cover
    language: str = ENGLISH  # of the pack's own words; each item keeps the language it was shown in

    def gettext(self, message: str) -> str:
        return translation(self.language).gettext(message)

    @property
    def build_line(self) -> str:
        return self.gettext("Data build {build}, built {built_at} UTC").format(
            build=self.build_id, built_at=f"{self.built_at:%Y-%m-%d %H:%M}")

    @property
    def cover_lines(self) -> list[str]:
        """What the cover states under the title: when, from which data, for which filters, with names or not."""
        words = translation(self.language)
        return [self.gettext("Prepared {date}").format(date=words.date(self.created)),
                self.gettext("Data as of {date}, the latest dated fact · data build {build} of {built_at} UTC").format(
                    date=words.date(self.cover.facts_until), build=self.build_id,
                    built_at=f"{words.date(self.built_at)} {self.built_at:%H:%M}"),
                self.cover.filters,
                self.gettext(HIDDEN_NOTE if self.anonymised else SHOWN_NOTE)]


def make_pack(view: View, items: list[Item], created: dt.date, title: str | None = None) -> tuple[Pack, list[Item]]:
    """The pack for the view's mode and language, and the items left out of it: in hide-names mode, an item
    collected while names were shown is never exported."""
    kept = [item for item in items if item.anonymised or not view.hide_names]
    frames = load_many(view, ["build_info", "period_bounds", "figure_comparisons", "people_per_political_article"])
    build = frames["build_info"].iloc[0]
    cover = Cover(scope_of(view), frames["period_bounds"].iloc[0]["last_date"].date(),
                  stated_and_named(frames["figure_comparisons"], view.language),
                  in_words(frames["people_per_political_article"], view.language))
    pack = Pack(title or translation(view.language).gettext(TITLE), created, str(build["build_id"]),
                build["built_at"].to_pydatetime(), tuple(kept), view.hide_names, cover, view.language)
    return pack, [item for item in items if item not in kept]


def stated_and_named(comparisons: pd.DataFrame, language: str = ENGLISH) -> pd.DataFrame:
    """Each stated figure the source names people for: its name, the figure as stated ('at least 5'), the people
    named and the date it refers to, as the Overview's chart gives them."""
    named = comparisons[comparisons["named_count"].notna()]
    words = in_words(named[["metric", "description", "stated_value", "named_count", "as_of"]], language)
    stated = header("stated_value", language)
    words[stated] = [value if qualifier == "exact" else f"{label('qualifier', qualifier, language).lower()} {value}"
                     for value, qualifier in zip(words[stated], named["qualifier"])]
    return words.drop(columns=[header("description", language)])


def in_words(table: pd.DataFrame, language: str = ENGLISH) -> pd.DataFrame:
    """A table as the pack prints it, every row and column: the Table tab's headers and words (readable_table) in
    the language, every value as text; counts with the language's thousands separators."""
    words = readable_table(table.reset_index(drop=True), language)
    counts = {header(column, language) for column in table.columns if column.startswith("n_")}
    return pd.DataFrame({name: [cell_text(value, name in counts, language) for value in words[name]]
                         for name in words.columns}, dtype=object)


def cell_text(value, is_count: bool = False, language: str = ENGLISH) -> str:
    """A value already in words as the text of a cell: a list joined, dates as ISO, missing as blank."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(cell_text(v, language=language) for v in value)
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, (pd.Timestamp, dt.date)):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, (bool, np.bool_)):
        return yes_no(value, language)
    if isinstance(value, Integral) or (isinstance(value, float) and value.is_integer()):
        return translation(language).number(int(value)) if is_count else str(int(value))
    if isinstance(value, float):
        return translation(language).number(value) if is_count else f"{value:g}"
    return str(value)


def notes_of(item: Item, pack: Pack) -> str:
    """The speaker notes of an item's slides: its filters, its sources and where it comes from."""
    return "\n".join([item.filters, item.citation, origin_of(item, pack)]
                     + ([pack.gettext(HIDDEN_NOTE)] if pack.anonymised else []))


def origin_of(item: Item, pack: Pack) -> str:
    _ = pack.gettext
    return _("From the {page} page ({key}); data build {build}.").format(
        page=_(item.page) if item.page else _("Dashboard"), key=item.key, build=item.build_id or pack.build_id)


def cover_notes(pack: Pack) -> str:
    _ = pack.gettext
    return "\n".join([*pack.cover_lines,
                      _("{heading}: {note} (the Overview page).").format(heading=_(FIGURES_HEADING), note=_(FIGURES_NOTE)),
                      f"{_(CHARGED_HEADING)}: {_(CHARGED_NOTE)}."])


def sources_of(pack: Pack) -> list[str]:
    """Each source the pack's items cite, once, and every report section they cite."""
    sections = sorted({s for item in pack.items for s in item.sections}, key=int)
    names = sorted({s for item in pack.items for s in item.sources}) or [pack.gettext("The curated records")]
    return [*names, pack.gettext("Report sections cited: {sections}").format(sections=", ".join(sections) or "—")]


def closing_lines(pack: Pack) -> list[tuple[str, list[str]]]:
    """The closing page's sections: sources, then methodology, with their headings in the pack's language."""
    return [(pack.gettext("Sources"), sources_of(pack)),
            (pack.gettext("Methodology"), [pack.gettext(line) for line in METHODOLOGY])]


@functools.lru_cache(maxsize=32)
def chart_png(figure_json: str, width: int, height: int) -> bytes:
    return images.render(images.for_pack(figure_json, width, height), "png")


def image_of(item: Item, width: int, height: int) -> bytes | None:
    """The item's chart alone at this size in pixels (its finding, filters and sources are text beside it)."""
    return chart_png(item.figure_json, width, height) if item.figure_json else None


@functools.lru_cache(maxsize=2)
def _face(bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(fonts.BOLD if bold else fonts.REGULAR), MEASURE_SIZE)


def text_width(value: str, size: float, bold: bool = False) -> float:
    """How wide a line of text is in the exports' typeface, in points, with SLACK to spare."""
    return _face(bold).getlength(value) * size / MEASURE_SIZE * SLACK


def lines_of(value: str, width: float, size: float, bold: bool = False) -> int:
    """The lines a text takes when wrapped, word by word, at `width` points (a word too long for a line breaks)."""
    lines = 0
    for paragraph in value.split("\n"):
        line, lines = "", lines + 1
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold) <= width + 0.5:  # half a point: what the widths were made from fits
                line = candidate
                continue
            wide = text_width(word, size, bold)
            lines += (1 if line else 0) + (math.ceil(wide / width) - 1 if wide > width else 0)
            line = word
    return lines


def column_widths(rows: pd.DataFrame, size: float, padding: float, room: float) -> list[float]:
    """Each column's width in points, within `room`: what its longest value and its header (on at most two lines,
    whole words) need; when that is wider than the room, the widest columns give way, down to one width shared,
    and their text wraps."""
    needs = []
    for name in rows.columns:
        words = str(name).split() or [""]
        halves = ((" ".join(words[:cut]), " ".join(words[cut:])) for cut in range(len(words) + 1))
        header_need = min(max(text_width(half, size, True) for half in pair) for pair in halves)  # at most two lines
        values = max((text_width(v, size) for v in rows[name]), default=0)
        needs.append(max(header_need, values) + 2 * padding)
    if sum(needs) <= room:
        return needs
    fixed = 0.0
    for count, need in enumerate(sorted(needs)):  # columns narrower than the shared width keep their own
        share = (room - fixed) / (len(needs) - count)
        if need > share:
            return [min(n, share) for n in needs]
        fixed += need
    return needs


def row_lines(rows: pd.DataFrame, widths: list[float], size: float, padding: float) -> list[int]:
    """The lines each row takes: its tallest cell, wrapped in its column's width less the padding."""
    return [max(lines_of(value, width - 2 * padding, size) for value, width in zip(row, widths))
            for row in rows.itertuples(index=False)]


def line_height(size: float) -> float:
    return size * LINE_SPACING


def pages_of(heights: list[float], room: float) -> list[slice]:
    """Rows split into pages of at most `room` height each, as evenly as that number of pages allows."""
    pages = max(1, math.ceil(sum(heights) / room))
    while True:
        target, cuts, used = sum(heights) / pages, [0], 0.0
        for index, height in enumerate(heights):
            if index > cuts[-1] and (used + height > room or used >= target):
                cuts.append(index)
                used = 0.0
            used += height
        if len(cuts) <= pages:
            return [slice(start, end) for start, end in zip(cuts, [*cuts[1:], len(heights)])]
        pages += 1

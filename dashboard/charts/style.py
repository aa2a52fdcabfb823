"""How every chart looks: a colour-blind-safe palette, a light template, a title that states the finding, labelled
axes, and larger type and thicker lines in presenter mode."""
from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go
import plotly.io as pio
import pandas as pd

from dashboard.i18n import ENGLISH, translation
from dashboard.labels import label
from dashboard.view import View

# Okabe & Ito's palette: distinguishable with the common colour-vision deficiencies and on projectors.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SEQUENTIAL = "cividis"
# The 2-D layout of plotly's "simple_white", built once: the named template also styles every trace type
# and 3-D/polar/geo axes, and validating all of that cost ~30 ms per chart on every rerun.
TEMPLATE = go.layout.Template(layout={key: value for key, value in pio.templates["simple_white"].layout.to_plotly_json().items()
                                      if key not in ("polar", "ternary", "scene", "geo")})


# A legend in a row under the chart (its x-axis title above it), where a chart needs its whole width.
LEGEND_BELOW = {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"}
# Characters of a title line at 1280×720: plotly does not wrap a title, and a finding in Russian or Kazakh runs a
# third longer than in English.
TITLE_CHARS = {False: 75, True: 70}  # presenter mode: larger type, and the sidebar folded away
# The height a presenter's slide gives its chart on a 1280×720 screen, under a finding of two lines and above two
# lines of sources: what a chart that lays its labels out in pixels plans for (a larger screen only adds room).
SLIDE_HEIGHT = 460
# The narrowest plot area a 1280-pixel screen gives a chart: beside the open sidebar, or on a slide (sidebar folded).
PLOT_WIDTH = {False: 700, True: 1100}
BASE_SIZE = {False: 14, True: 22}  # type size of a chart's text (normal, presenter)
CHAR_EM = 0.6  # a character's width as a share of the type size, for laying labels out before a browser draws them
# The shortest y axis of a chart on a 1280×720 screen (a slide's under long upright category labels, or a page's):
# its title breaks into lines of this many pixels, so a longer translation is not cut off at the plot's top.
Y_AXIS_PX = 180


def style(figure: go.Figure, view: View, title: str, x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    present = view.present
    base = BASE_SIZE[present]
    lines = title_lines(title, TITLE_CHARS[present])
    figure.update_layout(
        template=TEMPLATE,
        colorway=PALETTE,
        title={"text": "<br>".join(lines), "x": 0, "xanchor": "left", "font": {"size": base + 6}},
        font={"family": "Helvetica, Arial, sans-serif", "size": base, "color": "#111111"},
        margin={"l": 10, "r": 10, "t": (80 if present else 60) + (base + 10) * (len(lines) - title.count("<br>") - 1),
                "b": 10},
        # at the right, outside the plot: below it, a legend would run into rotated tick labels and the axis title
        legend={"orientation": "v", "yanchor": "top", "y": 1, "x": 1.02, "xanchor": "left", "title": None},
        hoverlabel={"font_size": base},
        height=560 if present else 440,
        separators=translation(view.language).separators,  # 1,234.5 or 1 234,5 on axes, labels and hovers
    )
    if x_title is not None:  # lines of the narrowest plot's width, less a y axis and a legend
        figure.update_xaxes(title_text=wrapped_title(x_title, PLOT_WIDTH[present] * 0.75, base))
    if y_title is not None:
        figure.update_yaxes(title_text=wrapped_title(y_title, Y_AXIS_PX, base))
    if present:
        figure.update_traces(selector={"type": "bar"}, marker_line_width=1.5, marker_line_color="#000000")
        figure.update_traces(selector={"type": "scatter"}, line_width=5, marker_size=14)
        figure.update_xaxes(linewidth=3, tickwidth=3)
        figure.update_yaxes(linewidth=3, tickwidth=3)
    return figure


def for_slide(figure: go.Figure) -> go.Figure:
    """A presenter's slide of the chart (a copy): its finding is the slide's heading, where it wraps to the screen,
    and its height is the screen's, so nothing scrolls; axes, legend and colour bar keep room for their labels."""
    slide = go.Figure(figure)
    slide.update_layout(title=None, height=None, autosize=True, margin_t=16)
    return slide


def title_lines(title: str, width: int) -> list[str]:
    """A title's lines of at most `width` characters, its own line breaks (a <sup> subtitle) kept."""
    lines = []
    for part in title.split("<br>"):
        subtitle = part.startswith("<sup>") and part.endswith("</sup>")
        text = part.removeprefix("<sup>").removesuffix("</sup>") if subtitle else part
        lines += [f"<sup>{line}</sup>" if subtitle else line
                  for line in textwrap.wrap(text, width, break_long_words=False) or [text]]
    return lines


def plain(text: str) -> str:
    """Record text as plain text in a chart: plotly reads a few HTML tags in labels, so escape them."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrapped_title(title: str, pixels: float, size: int) -> str:
    """An axis title (our own words, already plain) in lines of at most `pixels` in type of `size`."""
    return "<br>".join(textwrap.wrap(title, int(pixels / (size * CHAR_EM)), break_long_words=False)) or title


def wrapped(text: str, width: int) -> str:
    """Record text as plain chart text broken into lines of at most `width` characters: plotly never wraps."""
    return "<br>".join(textwrap.wrap(plain(text), width, break_long_words=False, break_on_hyphens=False))


MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60)  # months between a date axis's ticks: the fewest whose labels fit side by side
MAX_TICKS = 12


def month_ticks(figure: go.Figure, view: View, first, last) -> go.Figure:
    """Ticks of a date axis from `first` to `last` named in the view's language ('авг. 2021 г.', or the year alone
    when ticks are a year or more apart): plotly writes month names in English only. Ticks are as far apart as
    their labels need to stand upright, side by side, in the narrowest plot a 1280-pixel screen gives."""
    start, end = pd.Timestamp(first).to_period("M"), pd.Timestamp(last).to_period("M")
    months = (end - start).n + 1
    words = translation(view.language)
    size = BASE_SIZE[view.present]
    for step in MONTH_STEPS:
        first_tick = start if step < 12 else pd.Period(f"{start.year}-01", "M")
        ticks = [(first_tick + n).to_timestamp() for n in range(0, months + step, step) if first_tick + n <= end + 1]
        texts = [str(t.year) if step >= 12 else words.short_month(t) for t in ticks]
        if len(ticks) <= MAX_TICKS and len(ticks) * (max(map(len, texts)) * CHAR_EM + 1) * size <= PLOT_WIDTH[view.present]:
            break
    return figure.update_xaxes(tickvals=ticks, ticktext=texts)


def whole_counts(maximum: float) -> dict:
    """An axis of counts of people or events: whole numbers from 0, at most eight steps (never '0.2 people')."""
    return {"tickformat": ",d", "tick0": 0, "dtick": max(1, math.ceil(maximum / 8))}


def count_bars(categories, counts, unit: str, colour: str = PALETTE[0], horizontal: bool = False,
               numbered: bool = False) -> go.Figure:
    """One bar of one colour per category, its count of `unit` (in the reader's words) on hover; `numbered` writes
    each count beside its bar."""
    category, value = ("y", "x") if horizontal else ("x", "y")
    numbers = {"text": counts, "textposition": "outside", "cliponaxis": False} if numbered else {}
    return go.Figure(go.Bar(**{category: categories, value: counts}, orientation="h" if horizontal else "v",
                            marker_color=colour, hovertemplate=f"%{{{category}}}: %{{{value}}} {unit}<extra></extra>",
                            **numbers))


def bars_by(frame: pd.DataFrame, by: str, x: str, y: str, unit: str, order=None, colours=None,
            horizontal: bool = False, language: str = ENGLISH) -> go.Figure:
    """One bar trace per value of `by`, named in words of the `language` (the `unit` in it too): the grouped or
    stacked bar charts most pages draw."""
    figure = go.Figure()
    for index, group in enumerate(order or list(dict.fromkeys(frame[by]))):
        rows = frame[frame[by] == group]
        if rows.empty:
            continue
        name = plain(label(by, group, language))
        category, value = ("y", "x") if horizontal else ("x", "y")
        figure.add_bar(**{category: rows[x], value: rows[y]}, name=name, orientation="h" if horizontal else "v",
                       marker_color=(colours or {}).get(group, PALETTE[index % len(PALETTE)]),
                       hovertemplate=f"%{{{category}}}, {name}: %{{{value}}} {unit}<extra></extra>")
    return figure

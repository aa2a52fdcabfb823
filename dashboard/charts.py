"""Chart conventions every page shares: a title that states the finding, labelled axes, the filters in
force and the source under the chart, a colour-blind-safe palette, presenter styling, a table view."""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from dashboard import images, pack
from dashboard.data import load
from dashboard.db import frozen, warehouse_stamp
from dashboard.filters import current
from dashboard.images import plain_text

# Okabe & Ito's palette: distinguishable with the common colour-vision deficiencies and on projectors.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SEQUENTIAL = "cividis"
# The 2-D layout of plotly's "simple_white", built once: the named template also styles every trace type
# and 3-D/polar/geo axes, and validating all of that cost ~30 ms per chart on every rerun.
TEMPLATE = go.layout.Template(layout={key: value for key, value in pio.templates["simple_white"].layout.to_plotly_json().items()
                                      if key not in ("polar", "ternary", "scene", "geo")})
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"], "responsive": True}


@dataclass
class Chart:
    """A figure with the table of its numbers and the rows its citation is drawn from: what show() draws."""
    page: str
    key: str
    figure: go.Figure
    table: pd.DataFrame
    cite_from: list[pd.DataFrame] = field(default_factory=list)
    filtered: bool = True


CHARTS_CACHED = 256  # built charts kept across sessions: most hold tens of rows, a list chart thousands


def built_once(builder: Callable[..., Chart | None]) -> Callable[..., Chart | None]:
    """A chart builder whose Chart is made once per arguments, filters, modes and warehouse build and then
    shared by every rerun and session: building a plotly figure validates each property and cost more than
    all of a page's (cached) queries. A built Chart is never changed; images and briefings draw on copies."""
    identity = (builder.__code__.co_filename, builder.__qualname__)

    @functools.wraps(builder)
    def cached(*args):
        filters, modes = current()
        return _built(identity, builder, args, frozen(filters.params()), (modes.present, modes.anonymise),
                      warehouse_stamp())

    return cached


@st.cache_resource(max_entries=CHARTS_CACHED, show_spinner=False)
def _built(identity: tuple, _builder, args: tuple, filters: tuple, modes: tuple, stamp: tuple) -> Chart | None:
    return _builder(*args)


def style(figure: go.Figure, title: str, x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    present = current()[1].present
    base = 22 if present else 14
    figure.update_layout(
        template=TEMPLATE,
        colorway=PALETTE,
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": base + 6}},
        font={"family": "Helvetica, Arial, sans-serif", "size": base, "color": "#111111"},
        margin={"l": 10, "r": 10, "t": 80 if present else 60, "b": 10},
        # at the right, outside the plot: below it, a legend would run into rotated tick labels and the axis title
        legend={"orientation": "v", "yanchor": "top", "y": 1, "x": 1.02, "xanchor": "left", "title": None},
        hoverlabel={"font_size": base},
        height=560 if present else 440,
    )
    if x_title is not None:
        figure.update_xaxes(title_text=x_title)
    if y_title is not None:
        figure.update_yaxes(title_text=y_title)
    if present:
        figure.update_traces(selector={"type": "bar"}, marker_line_width=1.5, marker_line_color="#000000")
        figure.update_traces(selector={"type": "scatter"}, line_width=5, marker_size=14)
        figure.update_xaxes(linewidth=3, tickwidth=3)
        figure.update_yaxes(linewidth=3, tickwidth=3)
    return figure


def readable(value) -> str:
    """A vocabulary value as words: 'restriction_of_liberty' -> 'restriction of liberty'."""
    return str(value).replace("_", " ")


def bars_by(frame: pd.DataFrame, by: str, x: str, y: str, unit: str, order=None, colours=None,
            horizontal: bool = False) -> go.Figure:
    """One bar trace per value of `by`: the grouped or stacked bar charts most pages draw."""
    figure = go.Figure()
    for index, group in enumerate(order or list(dict.fromkeys(frame[by]))):
        rows = frame[frame[by] == group]
        if rows.empty:
            continue
        name = plain(readable(group))
        category, value = ("y", "x") if horizontal else ("x", "y")
        figure.add_bar(**{category: rows[x], value: rows[y]}, name=name, orientation="h" if horizontal else "v",
                       marker_color=(colours or {}).get(group, PALETTE[index % len(PALETTE)]),
                       hovertemplate=f"%{{{category}}}, {name}: %{{{value}}} {unit}<extra></extra>")
    return figure


def cited(*frames: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The titles of the sources and the report sections behind the rows a chart was drawn from."""
    sections, source_ids = set(), set()
    for frame in frames:
        if "sections" in frame:
            sections.update(s for cell in frame["sections"] for s in (cell if cell is not None else []))
        if "source_ids" in frame:
            source_ids.update(s for cell in frame["source_ids"] for s in (cell if cell is not None else []))
    titles = load("sources").set_index("source_id")["title"].to_dict()
    return [titles.get(s, s) for s in sorted(source_ids)], sorted(sections, key=int)


def citation(*frames: pd.DataFrame) -> str:
    return pack.cite_line(*cited(*frames))


def show(key: str, figure: go.Figure, table: pd.DataFrame, cite_from: list[pd.DataFrame], on_select=None,
         filtered: bool = True):
    """Draw a chart with its filters, source and a table of the same numbers. The table is sent only once its
    tab is opened: a grid under every chart doubled the JavaScript a page starts before its first chart shows."""
    chart_tab, table_tab = st.tabs(["Chart", "Table"], key=table_tabs_key(key), on_change="rerun")
    with chart_tab:
        event = st.plotly_chart(figure, key=key, config=PLOTLY_CONFIG, width="stretch", theme=None,
                                on_select="rerun" if on_select else "ignore",
                                selection_mode="points" if on_select else ("points", "box", "lasso"))
    shown = numbers(table)
    if table_tab.open:
        with table_tab:
            st.dataframe(shown, hide_index=True, width="stretch", key=f"{key}_table")
    scope = scope_of(filtered)
    note = citation(*cite_from)
    caption(scope, note)
    briefing_actions(key, figure, shown, scope, cite_from, note)
    return event


def table_tabs_key(chart_key: str) -> str:
    """The session-state key of a chart's Chart/Table tabs: its value is the open tab's label."""
    return f"{chart_key}_tabs"


def numbers(table: pd.DataFrame) -> pd.DataFrame:
    """The table of a chart as its Table tab shows it: the citation lists are under the chart instead."""
    return table.drop(columns=[c for c in ("sections", "source_ids") if c in table])


def scope_of(filtered: bool) -> str:
    return current()[0].describe() if filtered else "Filters: not applied (the source's own statements)"


def show_chart(chart: Chart, on_select=None):
    """show() for a chart built by dashboard.figures."""
    return show(chart.key, chart.figure, chart.table, chart.cite_from, on_select=on_select, filtered=chart.filtered)


def show_or_empty(chart: Chart | None, missing: str, note: str | None = None) -> None:
    """The chart with a note under it, or, when the filters leave nothing to draw, the empty state naming what
    is missing."""
    if chart is None:
        empty_state(missing)
        return
    show_chart(chart)
    if note:
        st.caption(note)


def export_item(key: str, figure: go.Figure | None, table: pd.DataFrame, scope: str, cite_from: list[pd.DataFrame],
                title: str | None = None, page: str | None = None) -> pack.Item:
    """The chart (or table) as a briefing item, as it is shown now."""
    names, sections = cited(*cite_from)
    return pack.make_item(page or st.session_state.get(pack.PAGE_KEY, ""), key,
                          title or plain_text(figure.layout.title.text), scope, table, names, sections, figure,
                          current()[1].anonymise)


def briefing_actions(key: str, figure: go.Figure | None, table: pd.DataFrame, scope: str,
                     cite_from: list[pd.DataFrame], note: str, title: str | None = None) -> None:
    """PNG and SVG of the chart, rendered only when their button is clicked, and "Add to briefing"."""
    with st.container(horizontal=True):
        if figure is not None:
            heading = plain_text(figure.layout.title.text)
            for fmt, mime in images.FORMATS.items():
                st.download_button(fmt.upper(), file_name=f"{key}.{fmt}", mime=mime, key=f"{key}_{fmt}",
                                   data=lambda fmt=fmt: images.chart_image(figure, heading, scope, note, fmt),
                                   on_click="ignore", icon=":material/image:", type="tertiary",
                                   help="The chart at 1600×900 with its title, filters and sources")
        st.button("Add to briefing", key=f"{key}_brief", icon=":material/playlist_add:", type="tertiary",
                  on_click=lambda: pack.add(export_item(key, figure, table, scope, cite_from, title)))


def empty_state(what: str) -> None:
    st.info(f"No {what} match the current filters. Widen the period or clear a filter in the sidebar.")


def caption(*lines: str) -> None:
    """Small print that holds record text (source titles, filter labels): st.caption reads Markdown, so every
    ASCII punctuation mark is backslash-escaped and the text shows as typed, one line per argument."""
    st.caption("  \n".join(re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", line) for line in lines))


def plain(text: str) -> str:
    """Record text as plain text in a chart: plotly reads a few HTML tags in labels, so escape them."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

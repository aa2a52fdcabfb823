"""A chart on screen: Chart and Table tabs, the filters in force and the sources under it, PNG/SVG images, "Add to
briefing" and a link and embed code for the chart; as a presenter's slide, the chart alone with its finding and
sources, fitted to the screen; and the empty state when the filters leave nothing to draw."""
from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from briefing import collection, images
from dashboard import present
from dashboard.charts import Chart, cited
from dashboard.charts.style import for_slide
from dashboard.i18n import ENGLISH, N_, translation
from dashboard.labels import readable_table
from dashboard.present import Place
from dashboard.view import View, filter_labels

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"], "responsive": True}
SUBTITLE = re.compile(r"<br\s*/?>(?=<sup>)")  # where a title's finding ends and its subtitle begins
NOT_FILTERED = N_("Filters: not applied (the source's own statements)")


def show(chart: Chart, view: View, on_select: bool = False, note: str | None = None):
    """Draw a chart with its filters, source and a table of the same numbers, or as the presenter's slide, or not at
    all while the link asks for another chart of the page; a `note` goes under it in the page. The table is sent
    only once its tab is opened: a grid under every chart doubled the JavaScript a page starts before its first
    chart shows."""
    where = present.place(chart.key)
    if where is Place.SKIP:
        return None
    _ = translation(view.language).gettext
    finding = images.plain_text(chart.figure.layout.title.text)
    scope = scope_of(view, chart.filtered)
    sources = collection.cite_line(*chart.cited, view.language)
    if where is Place.SLIDE:
        with present.slide():
            headline, subtitle = title_parts(chart.figure.layout.title.text)
            heading(headline)
            if subtitle:  # secondary words in small print, so the finding keeps to a line or two
                caption(subtitle)
            event = plotly(chart, for_slide(chart.figure), finding, on_select, height="stretch")
            caption(scope, sources)
        return event
    present.show_all()
    chart_tab, table_tab = st.tabs([_("Chart"), _("Table")], key=table_tabs_key(chart.key), on_change="rerun")
    with chart_tab:
        event = plotly(chart, chart.figure, finding, on_select)
    if table_tab.open:
        with table_tab:
            st.dataframe(numbers(chart.table, view.language), hide_index=True, width="stretch",
                         key=f"{chart.key}_table")
    caption(scope, sources)
    briefing_actions(view, chart.page, chart.key, chart.figure, chart.table, scope, chart.cite_from, sources,
                     finding, shared=True)
    if note:
        st.caption(note)
    return event


def plotly(chart: Chart, figure: go.Figure, finding: str, on_select: bool, height="content"):
    """The plotly chart itself, named by its finding for screen readers."""
    return st.plotly_chart(figure, key=chart.key, config=PLOTLY_CONFIG, width="stretch", height=height, theme=None,
                           on_select="rerun" if on_select else "ignore", alt=finding,
                           selection_mode="points" if on_select else ("points", "box", "lasso"))


def show_or_empty(chart: Chart | None, view: View, missing: str, note: str | None = None) -> None:
    """The chart with a note under it, or, when the filters leave nothing to draw, the empty state: `missing` says
    what is missing ("No activity bans match the current filters.") in the reader's language, as `note` is."""
    if chart is None:
        empty_state(missing, view)
        return
    show(chart, view, note=note)


def table_tabs_key(chart_key: str) -> str:
    """The session-state key of a chart's Chart/Table tabs: its value is the open tab's label."""
    return f"{chart_key}_tabs"


def uncited(table: pd.DataFrame) -> pd.DataFrame:
    """A chart's table without its citation lists, which are under the chart instead: what a briefing item keeps
    (with the stored names, labelled as the Table tab labels them when the pack is written)."""
    return table.drop(columns=[c for c in ("sections", "source_ids") if c in table])


def numbers(table: pd.DataFrame, language: str = ENGLISH) -> pd.DataFrame:
    """The table of a chart as its Table tab shows it: in words, with human headers."""
    return readable_table(uncited(table), language)


def scope_of(view: View, filtered: bool = True) -> str:
    """The filters in force, as a line under a chart."""
    words = translation(view.language)
    return view.filters.describe(filter_labels(view.language), words) if filtered else words.gettext(NOT_FILTERED)


def citation(view: View, *frames: pd.DataFrame) -> str:
    return collection.cite_line(*cited(view, *frames), view.language)


def briefing_actions(view: View, page: str, key: str, figure: go.Figure | None, table: pd.DataFrame, scope: str,
                     cite_from: list[pd.DataFrame], note: str, title: str | None = None, shared: bool = False) -> None:
    """PNG and SVG of the chart, rendered only when their button is clicked, "Add to briefing" (the item keeps
    `table` without its citation lists, made when it is clicked), and a chart's link and embed code when `shared`."""
    _ = translation(view.language).gettext
    title = title or images.plain_text(figure.layout.title.text)
    with st.container(horizontal=True):
        if figure is not None:
            for fmt, mime in images.FORMATS.items():
                st.download_button(fmt.upper(), file_name=f"{key}.{fmt}", mime=mime, key=f"{key}_{fmt}",
                                   data=lambda fmt=fmt: images.chart_image(figure, title, scope, note, fmt),
                                   on_click="ignore", icon=":material/image:", type="tertiary",
                                   help=_("The chart at 1600×900 with its title, filters and sources"))
        item = lambda: collection.make_item(view, page, key, title, scope, uncited(table), *cited(view, *cite_from),  # noqa: E731
                                            figure)
        st.button(_("Add to briefing"), key=f"{key}_brief", icon=":material/playlist_add:", type="tertiary",
                  on_click=lambda: collection.add(item(), language=view.language))
        if shared:
            share(view, key, title)


def share(view: View, key: str, title: str) -> None:
    """The link to this view showing just this chart, and the embed code of the chart alone: each with its copy
    button."""
    _ = translation(view.language).gettext
    with st.popover(_("Share"), icon=":material/share:", type="tertiary", key=f"{key}_share"):
        st.markdown(_("**Copy link**: this view, showing just this chart"))
        st.code(present.chart_link(view, key), language=None, wrap_lines=True)
        st.markdown(_("**Copy embed code**: the chart with its finding, filters and sources, for another web page"))
        st.code(present.embed_code(view, key, title), language="html", wrap_lines=True)


def empty_state(missing: str, view: View) -> None:
    """What to say when the filters leave nothing to draw: what is missing, in the page's words, and what to do."""
    hint = translation(view.language).gettext("Widen the period or clear a filter in the sidebar.")
    st.info(f"{missing} {hint}")


def heading(text: str) -> None:
    """A chart's finding as the slide's heading: record text may be in it, so Markdown is escaped as in caption()."""
    st.subheader(markdown_escaped(text), anchor=False)


def title_parts(title: str) -> tuple[str, str]:
    """A chart's title as plain text: its finding, and its subtitle (the <sup> lines after it; "" when none)."""
    headline, subtitle = (SUBTITLE.split(title or "", maxsplit=1) + [""])[:2]
    return images.plain_text(headline), images.plain_text(subtitle)


def markdown_escaped(text: str) -> str:
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def caption(*lines: str) -> None:
    """Small print that holds record text (source titles, filter labels): st.caption reads Markdown, so every
    ASCII punctuation mark is backslash-escaped and the text shows as typed, one line per argument."""
    st.caption("  \n".join(markdown_escaped(line) for line in lines))

"""One chart at a time. In presenter mode a page's charts become slides: the chart, its finding and its source fill
a 1280×720 screen, the page's own title and controls fold away behind a "Controls" switch, and Previous/Next (or
the arrow keys) step from chart to chart, the step held in the link (`?present=1&chart=<key>`). A link that names
a chart (`?chart=<key>`) shows just that chart of the page; embedded (`?embed=true&chart=<key>`) it shows the chart,
its finding, filters and sources and nothing else.

app.py runs every page inside `stage()`; show() asks `place()` where a chart goes. Pages change nothing: what a
page draws before, between and after its charts stays in the page's body, which a slide folds away."""
from __future__ import annotations

import contextlib
import html
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from enum import Enum
from urllib.parse import quote, urlencode

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.i18n import translation
from dashboard.view import View

BODY_KEY = "page_body"  # the page's own elements: title, controls, notes, tables
SLIDE_KEY = "chart_slide"  # the chart in focus, its finding and its sources
BAR_KEY = "presenter_bar"  # Previous, the step, Next and the Controls switch
CONTROLS_KEY = "presenter_controls"
# Our own constant CSS: the page's body folds away, and the slide fills the screen below the bar (the chart takes
# what its finding and sources leave).
SLIDE_CSS = f"""<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-{BODY_KEY}), .st-key-{BODY_KEY} {{ display: none !important; }}
[data-testid="stMainBlockContainer"] {{ height: 100dvh; box-sizing: border-box; }}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] {{ height: 100%; }}
.st-key-{SLIDE_KEY} > [data-testid="stElementContainer"] {{ flex-shrink: 0; }}
[data-testid="stLayoutWrapper"]:has(> .st-key-{SLIDE_KEY}), .st-key-{SLIDE_KEY},
.st-key-{SLIDE_KEY} [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) {{
  flex: 1 1 0; min-height: 0; display: flex; flex-direction: column; }}
.st-key-{SLIDE_KEY} [data-testid="stFullScreenFrame"]:has([data-testid="stPlotlyChart"]),
.st-key-{SLIDE_KEY} [data-testid="stPlotlyChart"] {{ height: 100%; }}
.st-key-{SLIDE_KEY} [data-testid="stCaptionContainer"], .st-key-{SLIDE_KEY} [data-testid="stCaptionContainer"] p {{ margin: 0 !important; }}
</style>"""
# An embedded chart: its filters are in its link, so the sidebar and its opener are left out.
EMBED_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"] {
  display: none !important; }
</style>"""
EMBED_HEIGHT = 620  # an embedded chart's iframe: the chart, its finding and two lines of sources


class Place(Enum):
    """Where show() draws a chart: in the page as usual, as the slide, or not at all (another chart is in focus)."""
    INLINE = "inline"
    SLIDE = "slide"
    SKIP = "skip"


@dataclass
class Stage:
    """The layout of one page run: the view, and in a slide mode the containers the focused chart goes to."""
    view: View
    page_path: str
    slides: bool = False  # presenter mode, or an embedded chart: the chart in focus replaces the page
    presenting: bool = False  # with the presenter's bar
    met: list[str] = field(default_factory=list)  # the keys of the charts the page showed so far, in order
    focus: str | None = None  # the key of the chart drawn as the slide
    bar: DeltaGenerator | None = None
    slide: DeltaGenerator | None = None
    next_slot: DeltaGenerator | None = None
    step_slot: DeltaGenerator | None = None


_stage: ContextVar[Stage | None] = ContextVar("stage", default=None)


@contextlib.contextmanager
def stage(view: View, page_path: str):
    """Run a page inside this: in presenter mode (and for an embedded chart) a bar and a slide come first, then the
    page's own body, which folds away once a chart fills the slide."""
    embedded = bool(st.context.is_embedded)
    presenting = view.present and not embedded
    current = Stage(view, page_path, slides=presenting or (embedded and view.chart is not None), presenting=presenting)
    if current.slides:
        current.bar = st.container(key=BAR_KEY, horizontal=True, vertical_alignment="center") if presenting else None
        body = st.container(key=BODY_KEY)
        current.slide = st.container(key=SLIDE_KEY)
    else:
        body = st.container()
    token = _stage.set(current)
    try:
        with body:
            yield current
    finally:
        _stage.reset(token)
    if view.chart and current.met and view.chart not in current.met:  # an old link: the page has no such chart now
        st.query_params.pop("chart", None)
        st.rerun()


def place(key: str) -> Place:
    """Where the chart `key` goes in this run. In a slide mode the first chart the link names (else the page's first
    chart) becomes the slide; a link naming a chart shows only that one."""
    current = _stage.get()
    if current is None:
        return Place.INLINE
    current.met.append(key)
    wanted = current.view.chart
    if current.slides:
        if current.focus is None and (key == wanted or (wanted is None and current.presenting)):
            current.focus = key
            return Place.SLIDE
        if current.presenting and current.focus is not None:
            _step_buttons_after(current, key)
        return Place.SKIP
    return Place.INLINE if wanted in (None, key) else Place.SKIP


def slide() -> DeltaGenerator:
    """The slide's container, with the presenter's bar drawn above it and the page's body folded away."""
    current = _stage.get()
    if current.presenting:
        _bar(current)
    if not (current.presenting and st.session_state.get(CONTROLS_KEY)):
        current.slide.html(SLIDE_CSS + ("" if current.presenting else EMBED_CSS))
    return current.slide


def _bar(current: Stage) -> None:
    """Previous, "Chart n of m", Next and the Controls switch. Next and the count are completed as the page goes on
    to show its later charts (none: Next stays disabled)."""
    _ = translation(current.view.language).gettext
    earlier = current.met[:-1]
    with current.bar:
        st.button(_("Previous"), key="presenter_previous", icon=":material/arrow_back:", shortcut="left",
                  disabled=not earlier, on_click=_go_to, args=(earlier[-1] if earlier else None,),
                  help=_("The page's previous chart (left arrow key)"))
        current.step_slot = st.empty()
        current.next_slot = st.empty()
        with current.next_slot:
            st.button(_("Next"), key="presenter_next_none", icon=":material/arrow_forward:", disabled=True,
                      help=_("This is the page's last chart"))
        st.toggle(_("Controls"), key=CONTROLS_KEY, help=_("Show the page's title, options and notes above the chart"))
    _count(current)


def _step_buttons_after(current: Stage, key: str) -> None:
    """A chart after the focused one: Next leads to the first of them, and the count grows."""
    if current.met[-2] == current.focus:
        _ = translation(current.view.language).gettext
        with current.next_slot:
            st.button(_("Next"), key="presenter_next", icon=":material/arrow_forward:", shortcut="right",
                      on_click=_go_to, args=(key,), help=_("The page's next chart (right arrow key)"))
    _count(current)


def _count(current: Stage) -> None:
    words = translation(current.view.language)
    current.step_slot.caption(words.gettext("Chart {n} of {total}").format(
        n=words.number(current.met.index(current.focus) + 1), total=words.number(len(current.met))))


def _go_to(key: str | None) -> None:
    st.query_params["chart"] = key


def show_all() -> None:
    """A note above the one chart a link asks for, with a way back to all of the page's charts."""
    current = _stage.get()
    if current is None or current.view.chart is None or current.slides:
        return
    _ = translation(current.view.language).gettext
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(_("This link shows one chart of the page."))
        st.button(_("Show every chart"), key="chart_show_all", icon=":material/unfold_more:", type="tertiary",
                  on_click=lambda: st.query_params.pop("chart", None))


def base_url() -> str:
    """The address of this page as the browser reached it (behind a proxy too), else as the server is configured."""
    if st.context.url:
        return st.context.url
    current = _stage.get()
    host = st.get_option("browser.serverAddress") or "127.0.0.1"
    return f"http://{host}:{st.get_option('browser.serverPort')}/{current.page_path if current else ''}"


def chart_link(view: View, key: str) -> str:
    """The link that reopens this view showing just the chart `key`."""
    query = urlencode(replace(view, chart=key).to_url(), quote_via=quote)
    return f"{base_url()}?{query}"


def embed_code(view: View, key: str, title: str) -> str:
    """An iframe of the chart alone, with its finding, filters and sources, in Streamlit's embed mode."""
    source = chart_link(replace(view, present=False), key).replace("?", "?embed=true&", 1)
    return (f'<iframe src="{html.escape(source)}" title="{html.escape(title)}" width="100%" height="{EMBED_HEIGHT}" '
            'style="border: 0"></iframe>')

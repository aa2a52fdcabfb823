"""Chart images (PNG for projectors, SVG for print) rendered on this machine by kaleido, which drives Debian's
chromium: plotly.js comes from the plotly package, MathJax is off (its default is a CDN), chromium runs with its
background services off, and every host name it might still look up resolves to nothing, without asking a DNS
server. One chromium is kept for the process, started on the first render, and renders one image at a time."""
from __future__ import annotations

import html
import re
import textwrap
import threading

import kaleido
import plotly.graph_objects as go
import plotly.io as pio
from choreographer.browsers.chromium import Chromium

from briefing import fonts

BROWSER = "/usr/bin/chromium"
# Debian's launcher adds --disable-background-networking only while /etc/chromium.d does not enable remote
# extensions, which it does: ask for it ourselves, with the switches Playwright uses to keep chromium from calling
# home at start (extension and component updates, field trials, sign-in's ListAccounts, search preconnects).
# A loopback proxy would catch stray requests too, but chromium then probes IPv6 reachability with a socket aimed
# at a public address; failing every name lookup inside chromium stops the same requests without that.
OFFLINE_FLAGS = ("--disable-background-networking", "--disable-field-trial-config", "--disable-updater-scheduler",
                 "--disable-component-extensions-with-background-pages", "--disable-default-apps",
                 "--disable-client-side-phishing-detection", "--disable-domain-reliability",
                 "--disable-search-engine-choice-screen", "--no-service-autorun", "--no-pings",
                 "--disable-features=MediaRouter,DialMediaRouteProvider,Translate,OptimizationHints,AimEnabled,"
                 "CertificateTransparencyComponentUpdater,NetworkTimeServiceQuerying,PreconnectToSearch",
                 "--enable-features=SkipListAccountsWithoutGaiaCookies", "--host-resolver-rules=MAP * ~NOTFOUND")
WIDTH, HEIGHT, SCALE = 1600, 900, 2  # 16:9 at twice the pixels, sharp on a projector
FONT_SIZE = 16
NOTE_WIDTH = 190  # characters per line of the filters and sources under the chart
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
_render_lock = threading.Lock()  # kaleido's shared server pairs requests and answers through one queue


class OfflineChromium(Chromium):
    """choreographer's chromium with OFFLINE_FLAGS added to its command line."""

    def get_cli(self):
        return [*super().get_cli(), *OFFLINE_FLAGS, "about:blank"]


def plain_text(label: str) -> str:
    """A plotly label (with <br>, <sup> and escaped entities) as one line of text: a subtitle after " · ", a
    wrapped line (of the title or of its subtitle) joined with a space."""
    label = re.sub(r"</sup><br\s*/?>(?=<sup>)", "</sup> ", label or "")
    label = re.sub(r"<br\s*/?>(?=<sup>)", " · ", label)
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", " ", label))).strip()


def laid_out(figure: go.Figure | dict | str, width: int, height: int, margin: dict) -> go.Figure:
    """A copy of the chart (the page keeps its own) at a fixed size, in the exports' typeface, with its legend in a
    row above the plot, where a wide picture has room for it."""
    figure = pio.from_json(figure) if isinstance(figure, str) else go.Figure(figure)
    figure.update_layout(width=width, height=height, font={"family": fonts.FAMILY, "size": FONT_SIZE}, margin=margin,
                         legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "yref": "paper"})
    return figure


def for_export(figure: go.Figure | dict | str, title: str, filters: str, citation: str) -> go.Figure:
    """The chart at presentation size with its title, the filters in force and its sources drawn into it."""
    note = "<br>".join(html.escape(line) for text in (filters, citation)
                       for line in textwrap.wrap(text, NOTE_WIDTH, break_long_words=False))
    lines = note.count("<br>") + 1
    figure = laid_out(figure, WIDTH, HEIGHT, {"l": 60, "r": 40, "t": 90, "b": 150 + 20 * lines})
    figure.update_layout(title={"text": html.escape(title), "x": 0.01, "xanchor": "left", "y": 0.97, "yanchor": "top",
                                "font": {"size": 26}})
    figure.add_annotation(text=note, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
                          yshift=-95, align="left", showarrow=False, font={"size": 14, "color": "#333333"})
    return figure


def for_pack(figure: go.Figure | dict | str, width: int, height: int) -> go.Figure:
    """The chart alone, for a slide or a page that states its finding, filters and sources as text around it."""
    figure = laid_out(figure, width, height, {"l": 20, "r": 20, "t": 20, "b": 20})
    figure.update_layout(title_text="")
    return figure


def render(figure: go.Figure, fmt: str) -> bytes:
    """PNG or SVG bytes of a figure already laid out at its size (for_export, for_pack)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}")
    opts = {"format": fmt, "width": figure.layout.width, "height": figure.layout.height,
            "scale": SCALE if fmt == "png" else 1}
    with _render_lock:
        kaleido.start_sync_server(path=BROWSER, browser_cls=OfflineChromium, enable_extensions=False, mathjax=False,
                                  silence_warnings=True)
        return kaleido.calc_fig_sync(figure, opts=opts)


def chart_image(figure, title: str, filters: str, citation: str, fmt: str) -> bytes:
    """A figure (or its JSON) as a self-explaining image: title, filters and sources are part of the picture."""
    return render(for_export(figure, title, filters, citation), fmt)

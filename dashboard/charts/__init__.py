"""Charts as functions of (frames, view): each builder in dashboard/charts/<page>.py names the queries it draws
from, and `charts(view, ...)` loads the queries of every chart not yet built together, builds those charts, and
keeps them in one bounded chart cache shared by every rerun and session. The page and the briefing pack get the
very same Chart."""
from __future__ import annotations

import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard.loader import frozen, load, load_many, warehouse_stamp
from dashboard.view import View

CHARTS_KEPT = 256  # built charts kept across sessions: most hold tens of rows, a list chart thousands
Frames = dict[str, pd.DataFrame]
Queries = tuple[str | tuple[str, dict], ...]


@dataclass
class Chart:
    """A figure with the table of its numbers and the rows its citation is drawn from: what show() draws. A built
    Chart is shared and never changed; images and briefings draw on copies."""
    page: str
    key: str
    figure: go.Figure
    table: pd.DataFrame
    cite_from: list[pd.DataFrame] = field(default_factory=list)
    filtered: bool = True
    # the titles of the sources and the report sections behind cite_from's rows: charts() sets them once, when the
    # chart is built, and every rerun that shows it reads them
    cited: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


Builder = Callable[..., Chart | None]


def builder(*queries: str | tuple[str, dict], choose: Callable[..., Queries] | None = None):
    """Marks a chart builder `draw(frames, view, **options)` with the queries it draws from: names, or
    (name, parameters) pairs, or `choose(**options)` giving them when the options decide. Options the query takes
    as $named parameters are passed to it. The first query is what the chart draws: when it has no rows, there is
    no chart (None) and the builder is not called."""
    def mark(draw: Builder) -> Builder:
        draw.queries = choose or (lambda **options: queries)
        # options left out take the builder's defaults, so a chart asked for with and without them is one chart
        draw.defaults = {name: p.default for name, p in inspect.signature(draw).parameters.items()
                         if p.default is not inspect.Parameter.empty}
        return draw
    return mark


class _ChartCache:
    """The last CHARTS_KEPT charts, by builder, options, view and build: building a plotly figure validates every
    property and cost more than all of a page's (cached) queries."""

    def __init__(self, size: int):
        self._size, self._kept, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return True, self._kept[key]
            return False, None

    def put(self, key, chart: Chart | None) -> None:
        with self._lock:
            self._kept[key] = chart
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


built_charts = _ChartCache(CHARTS_KEPT)


def charts(view: View, *wanted: Builder | tuple[Builder, dict], also: Queries = ()) -> list[Chart | None]:
    """The charts for this view, in order (None where the filters leave nothing to draw); `wanted` holds builders,
    or (builder, options). `also` names queries the page loads next itself (load()): they run side by side with the
    charts' own, so that load() finds them in the result cache instead of starting after the charts."""
    stamp = warehouse_stamp()
    requests = [(draw, {**draw.defaults, **options}) for draw, options in ((w, {}) if callable(w) else w for w in wanted)]
    keys = [(draw.__module__, draw.__qualname__, frozen(options), view, stamp) for draw, options in requests]
    built = {key: chart for key in keys for hit, chart in [built_charts.get(key)] if hit}
    missing = [(request, key) for request, key in zip(requests, keys) if key not in built]
    queries = {(q, ()) if isinstance(q, str) else (q[0], frozen(q[1])): options
               for (draw, options), _ in missing for q in draw.queries(**options)}
    # `also` first: where a name is shared, the chart's own frame is the one kept
    wanted_queries = [*also, *[(name, {**options, **dict(own)}) for (name, own), options in queries.items()]]
    frames = load_many(view, wanted_queries) if wanted_queries else {}
    for (draw, options), key in missing:
        drawn = draw.queries(**options)[0]
        built[key] = None if frames[drawn if isinstance(drawn, str) else drawn[0]].empty else \
            draw({name: frame.copy() for name, frame in frames.items()}, view, **options)  # each its own frames
        if built[key] is not None:
            built[key].cited = cited(view, *built[key].cite_from)
        built_charts.put(key, built[key])
    return [built[key] for key in keys]


def cited(view: View, *frames: pd.DataFrame) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The titles of the sources and the report sections behind the rows of `frames`."""
    sections, source_ids = set(), set()
    for frame in frames:
        if "sections" in frame:
            sections.update(s for cell in frame["sections"] for s in (cell if cell is not None else []))
        if "source_ids" in frame:
            source_ids.update(s for cell in frame["source_ids"] for s in (cell if cell is not None else []))
    titles = load(view, "sources").set_index("source_id")["title"].to_dict() if source_ids else {}
    return tuple(titles.get(s, s) for s in sorted(source_ids)), tuple(sorted(sections, key=int))


def chart(draw: Builder, view: View, **options) -> Chart | None:
    """One chart for this view (see charts())."""
    return charts(view, (draw, options))[0]


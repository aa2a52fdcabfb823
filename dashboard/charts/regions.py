"""Regions: where the records place people and events: the map, the regions ranked, and cities."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import PALETTE, plain, style
from dashboard.geo import region_map
from dashboard.i18n import N_, Translation, translation
from dashboard.view import View

PAGE = N_("Regions")


@dataclass(frozen=True)
class Measure:
    query: str
    column: str
    many: str  # what is counted, in English (a message id): "people"
    extra: tuple[str, ...] = ()


MEASURES = {"People": Measure("people_by_region", "n_people", N_("people")),
            "Events": Measure("events_by_region", "n_events", N_("events"), ("n_people",))}
MEASURE_WORDS = {"People": N_("People"), "Events": N_("Events")}  # the page's Count control
by_measure = lambda measure="People": (MEASURES[measure].query,)  # noqa: E731  the query a measure reads


@dataclass
class RegionCounts:
    """What the Regions page counts per region, and the finding its titles state."""
    counts: pd.DataFrame
    known: pd.DataFrame
    measure: Measure
    unplaced: int
    finding: str
    silent: str


def number_of(t: Translation, what: str) -> str:
    """An axis title for a count of `what` (the English message id "people" or "events")."""
    return t.gettext("Number of people") if what == "people" else t.gettext("Number of events")


def leader(t: Translation, frame: pd.DataFrame, label: str, column: str, what: str) -> str:
    """The finding: which places (`label`: region_name or city) have the most `what`, out of all placed."""
    top = frame[frame[column] == frame[column].max()]
    n_top = len(top)
    message = {  # (what, where): one place has the most, or several share it
        ("people", "region_name"): lambda: t.ngettext(
            "{places} has the most people with a known region: {n} of {total}",
            "{places} have the most people with a known region: {n} each of {total}", n_top),
        ("events", "region_name"): lambda: t.ngettext(
            "{places} has the most events with a known region: {n} of {total}",
            "{places} have the most events with a known region: {n} each of {total}", n_top),
        ("events", "city"): lambda: t.ngettext(
            "{places} has the most events with a known city: {n} of {total}",
            "{places} have the most events with a known city: {n} each of {total}", n_top),
    }[(what, label)]()
    return message.format(places=t.gettext(" and ").join(top[label].astype(str)),
                          n=t.number(int(top[column].iloc[0])), total=t.number(int(frame[column].sum())))


def region_counts(frames: Frames, measure: str, view: View) -> RegionCounts:
    t = translation(view.language)
    m = MEASURES[measure]
    counts = frames[m.query]
    known = counts[counts["region_iso"].notna() & (counts[m.column] > 0)].sort_values([m.column, "region_name"],
                                                                                       ascending=[True, False])
    unplaced = int(counts.loc[counts["region_iso"].isna(), m.column].sum())
    silent = (t.ngettext("{n} person has no region in the source", "{n} people have no region in the source", unplaced)
              if m.many == "people" else
              t.ngettext("{n} event has no region in the source", "{n} events have no region in the source", unplaced)
              ).format(n=t.number(unplaced))
    if not known.empty:
        finding = leader(t, known, "region_name", m.column, m.many)
    else:
        finding = t.gettext("No people with a known region") if m.many == "people" else \
            t.gettext("No events with a known region")
    return RegionCounts(counts, known, m, unplaced, finding, silent)


@builder(choose=by_measure)
def regions_map(frames: Frames, view: View, measure: str = "People") -> Chart | None:
    r = region_counts(frames, measure, view)
    if r.known.empty and not r.unplaced:
        return None
    t = translation(view.language)
    _ = t.gettext
    figure = region_map(r.counts, r.measure.column, _(r.measure.many), f"{plain(r.finding)}<br><sup>{r.silent}</sup>",
                        view, number_of(t, r.measure.many))
    table = r.counts.assign(region_name=r.counts["region_name"].fillna(_("No region in the source")))
    return Chart(PAGE, "regions_map", figure, table[["region_name", r.measure.column, *r.measure.extra]],
                 [r.counts])


def ranked_bars(frame: pd.DataFrame, label: str, column: str, what: str, title: str, view: View) -> go.Figure:
    """Horizontal bars, largest on top, as tall as their number needs; `what` is counted (the English message id
    "people" or "events")."""
    t = translation(view.language)
    figure = go.Figure(go.Bar(x=frame[column], y=frame[label].map(plain), orientation="h", marker_color=PALETTE[0],
                              text=frame[column], textposition="outside", cliponaxis=False,
                              hovertemplate=f"%{{y}}: %{{x}} {t.gettext(what)}<extra></extra>"))
    style(figure, view, title, number_of(t, what))
    figure.update_xaxes(tickformat=",d", tick0=0, dtick=max(1, math.ceil(frame[column].max() / 8)))
    return figure.update_layout(height=figure.layout.height - 300 + min(300, 36 * len(frame)))


@builder(choose=by_measure)
def ranked(frames: Frames, view: View, measure: str = "People") -> Chart | None:
    r = region_counts(frames, measure, view)
    if r.known.empty:
        return None
    t = translation(view.language)
    m = r.measure
    spread = (t.gettext("People with a known region are in {n} of {total} regions") if m.many == "people" else
              t.gettext("Events with a known region are in {n} of {total} regions")).format(
        n=t.number(len(r.known)), total=t.number(r.counts["region_iso"].count()))
    figure = ranked_bars(r.known, "region_name", m.column, m.many,
                         f"{plain(spread)}<br><sup>{plain(r.finding)}</sup>", view)
    return Chart(PAGE, "regions_ranked", figure, r.known[::-1][["region_name", m.column, *m.extra]],
                 [r.known])


@builder("events_by_city")
def cities(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    by_city = frames["events_by_city"]
    named = by_city[by_city["city"].notna()].sort_values(["n_events", "city"], ascending=[True, False])
    if named.empty:
        return None
    no_city = int(by_city.loc[by_city["city"].isna(), "n_events"].sum())
    cityless = t.ngettext("{n} event names no city", "{n} events name no city", no_city).format(n=t.number(no_city))
    figure = ranked_bars(named, "city", "n_events", "events",
                         f"{plain(leader(t, named, 'city', 'n_events', 'events'))}<br><sup>{cityless}</sup>", view)
    return Chart(PAGE, "regions_cities", figure, named[::-1][["city", "region_name", "n_events", "n_people"]], [named])

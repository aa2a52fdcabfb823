"""Regions: where the records place people and events: the map, the regions ranked, and cities."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import PALETTE, amount, plain, style, wrapped
from dashboard.geo import region_map
from dashboard.view import View

PAGE = "Regions"
TITLE_WIDTH = 75  # characters of a finding per title line


@dataclass(frozen=True)
class Measure:
    query: str
    column: str
    many: str
    one: str
    extra: tuple[str, ...] = ()
    where: str = "region"  # what places them, as the finding says it
    silent: str = "no region in the source"  # what the unplaced lack


MEASURES = {"People": Measure("people_by_region", "n_people", "people", "person"),
            "Events": Measure("events_by_region", "n_events", "events", "event", ("n_people",))}
# How people are placed: by the region the source gives for them, or by where their case happened.
PLACINGS = {"home": "Home region", "case": "Place of their case"}
CASE_PEOPLE = Measure("people_by_case_region", "n_people", "people", "person", ("n_no_place",),
                      "place of their case", "no place of their case in the records")


def measure_of(measure: str = "People", placed_by: str = "home") -> Measure:
    return CASE_PEOPLE if measure == "People" and placed_by == "case" else MEASURES[measure]


by_measure = lambda measure="People", placed_by="home": (measure_of(measure, placed_by).query,)  # noqa: E731


@dataclass
class RegionCounts:
    """What the Regions page counts per region, and the finding its titles state."""
    counts: pd.DataFrame
    known: pd.DataFrame
    measure: Measure
    unplaced: int
    finding: str
    silent: str


def leader(frame: pd.DataFrame, label: str, column: str, what: str, where: str) -> str:
    """The finding: which places have the most, out of all the records placed."""
    top = frame[frame[column] == frame[column].max()]
    names = " and ".join(top[label].astype(str))
    return (f"{names} {'has' if len(top) == 1 else 'have'} the most {what} with a known {where}: "
            f"{int(top[column].iloc[0])}{'' if len(top) == 1 else ' each'} of {int(frame[column].sum()):,}")


def region_counts(frames: Frames, measure: str, placed_by: str = "home") -> RegionCounts:
    m = measure_of(measure, placed_by)
    counts = frames[m.query]
    known = counts[counts["region_iso"].notna() & (counts[m.column] > 0)].sort_values([m.column, "region_name"],
                                                                                       ascending=[True, False])
    unplaced = int(counts.loc[counts["region_iso"].isna(), m.column].sum())
    silent = f"{amount(unplaced, m.many, m.one)} {'has' if unplaced == 1 else 'have'} {m.silent}"
    finding = leader(known, "region_name", m.column, m.many, m.where) if not known.empty else \
        f"No {m.many} with a known {m.where}"
    return RegionCounts(counts, known, m, unplaced, finding, silent)


@builder(choose=by_measure)
def regions_map(frames: Frames, view: View, measure: str = "People", placed_by: str = "home") -> Chart | None:
    r = region_counts(frames, measure, placed_by)
    if r.known.empty and not r.unplaced:
        return None
    finding = wrapped(r.finding, TITLE_WIDTH)
    figure = region_map(r.counts, r.measure.column, r.measure.many, f"{finding}<br><sup>{r.silent}</sup>", view)
    # each further line of a long finding moves the map down a line
    figure.update_layout(margin_t=figure.layout.margin.t + finding.count("<br>") * (34 if view.present else 26))
    table = r.counts.assign(region_name=r.counts["region_name"].fillna(r.measure.silent.capitalize()))
    return Chart(PAGE, "regions_map", figure, table[["region_name", r.measure.column, *r.measure.extra]],
                 [r.counts])


def ranked_bars(frame: pd.DataFrame, label: str, column: str, what: str, title: str, view: View) -> go.Figure:
    """Horizontal bars, largest on top, as tall as their number needs."""
    figure = go.Figure(go.Bar(x=frame[column], y=frame[label].map(plain), orientation="h", marker_color=PALETTE[0],
                              text=frame[column], textposition="outside", cliponaxis=False,
                              hovertemplate=f"%{{y}}: %{{x}} {what}<extra></extra>"))
    style(figure, view, title, f"Number of {what}")
    figure.update_xaxes(tickformat=",d", tick0=0, dtick=max(1, math.ceil(frame[column].max() / 8)))
    return figure.update_layout(height=figure.layout.height - 300 + min(300, 36 * len(frame)))


@builder(choose=by_measure)
def ranked(frames: Frames, view: View, measure: str = "People", placed_by: str = "home") -> Chart | None:
    r = region_counts(frames, measure, placed_by)
    if r.known.empty:
        return None
    m = r.measure
    spread = f"{m.many.capitalize()} with a known {m.where} are in {len(r.known)} of {r.counts['region_iso'].count()} regions"
    figure = ranked_bars(r.known, "region_name", m.column, m.many, f"{plain(spread)}<br><sup>{plain(r.finding)}</sup>", view)
    extra = [c for c in m.extra if r.known[c].notna().any()]  # a count of the unplaced has no place here
    return Chart(PAGE, "regions_ranked", figure, r.known[::-1][["region_name", m.column, *extra]], [r.known])


@builder("events_by_city")
def cities(frames: Frames, view: View) -> Chart | None:
    by_city = frames["events_by_city"]
    named = by_city[by_city["city"].notna()].sort_values(["n_events", "city"], ascending=[True, False])
    if named.empty:
        return None
    no_city = int(by_city.loc[by_city["city"].isna(), "n_events"].sum())
    cityless = f"{amount(no_city, 'events', 'event')} {'names' if no_city == 1 else 'name'} no city"
    figure = ranked_bars(named, "city", "n_events", "events",
                         f"{plain(leader(named, 'city', 'n_events', 'events', 'city'))}<br><sup>{cityless}</sup>", view)
    return Chart(PAGE, "regions_cities", figure, named[::-1][["city", "region_name", "n_events", "n_people"]], [named])

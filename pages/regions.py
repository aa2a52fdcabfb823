"""Regions: where the records place people and events: a tile-grid map, the regions ranked, and cities."""
import math
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import figures
from dashboard.charts import PALETTE, Chart, built_once, empty_state, plain, show_chart, show_or_empty, style
from dashboard.data import at_once, load_filtered
from dashboard.figures import amount, leader


def ranked_bars(frame: pd.DataFrame, label: str, column: str, what: str, title: str) -> go.Figure:
    """Horizontal bars, largest on top, as tall as their number needs."""
    figure = go.Figure(go.Bar(x=frame[column], y=frame[label].map(plain), orientation="h", marker_color=PALETTE[0],
                              text=frame[column], textposition="outside", cliponaxis=False,
                              hovertemplate=f"%{{y}}: %{{x}} {what}<extra></extra>"))
    style(figure, title, f"Number of {what}")
    figure.update_xaxes(tickformat=",d", tick0=0, dtick=max(1, math.ceil(frame[column].max() / 8)))
    return figure.update_layout(height=figure.layout.height - 300 + min(300, 36 * len(frame)))


@built_once
def ranked_chart(measure: str) -> Chart:
    regions = figures.region_counts(measure)
    known, column, what = regions.known, regions.column, regions.what
    spread = f"{what.capitalize()} with a known region are in {len(known)} of {regions.counts['region_iso'].count()} regions"
    figure = ranked_bars(known, "region_name", column, what, f"{plain(spread)}<br><sup>{plain(regions.finding)}</sup>")
    return Chart("Regions", "regions_ranked", figure, known[::-1][["region_iso", "region_name", column, *regions.extra]],
                 [known])


@built_once
def cities_chart() -> Chart | None:
    cities = load_filtered("events_by_city")
    named = cities[cities["city"].notna()].sort_values(["n_events", "city"], ascending=[True, False])
    if named.empty:
        return None
    no_city = int(cities.loc[cities["city"].isna(), "n_events"].sum())
    cityless = f"{amount(no_city, 'events', 'event')} {'names' if no_city == 1 else 'name'} no city"
    figure = ranked_bars(named, "city", "n_events", "events",
                         f"{plain(leader(named, 'city', 'n_events', 'events', 'city'))}<br><sup>{cityless}</sup>")
    return Chart("Regions", "regions_cities", figure, named[::-1][["city", "region_name", "n_events", "n_people"]],
                 [named])


st.title("Regions")
measure = st.segmented_control("Count", list(figures.REGION_MEASURES), default="People", key="regions_measure") or "People"
chart, cities = at_once(partial(figures.regions_map, measure), cities_chart)
regions = figures.region_counts(measure)
known, what = regions.known, regions.what
if chart is None:
    empty_state(what)
    st.stop()
show_chart(chart)
if measure == "People":
    st.caption("People are counted in the region the source gives for them. With a period set, only people with an "
               "event, charge or sentence dated in it.")
else:
    st.caption("Events are counted in the region the source gives for the event, or else for its person. "
               "n_people counts each person's own event as one.")

if not known.empty:
    st.subheader("Regions ranked")
    show_chart(ranked_chart(measure))
    st.caption(f"Regions with no {what} recorded are left out; {regions.silent}.")

st.subheader("Cities")
show_or_empty(cities, "events with a known city",
              "The city the source gives for the event, or else for its person; some are abroad (no region).")

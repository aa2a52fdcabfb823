"""Regions: where the records place people and events: the map of regions, the regions ranked, and cities."""
import streamlit as st

from dashboard.charts import charts, regions
from dashboard.charts.show import empty_state, show, show_or_empty
from dashboard.loader import load_many
from dashboard.view import page_view

view = page_view()
st.title("Regions")
measure = st.segmented_control("Count", list(regions.MEASURES), default="People", key="regions_measure") or "People"
drawn, ranked, cities = charts(view, (regions.regions_map, {"measure": measure}), (regions.ranked, {"measure": measure}),
                               regions.cities)
if drawn is None:
    empty_state(regions.MEASURES[measure].many)
    st.stop()
show(drawn, view)
if measure == "People":
    st.caption("People are counted in the region the source gives for them. With a period set, only people with an "
               "event, charge or sentence dated in it.")
else:
    st.caption("Events are counted in the region the source gives for the event, or else for its person. "
               "n_people counts each person's own event as one.")

if ranked is not None:
    st.subheader("Regions ranked")
    show(ranked, view)
    counted = regions.region_counts(load_many(view, regions.by_measure(measure)), measure)
    st.caption(f"Regions with no {counted.measure.many} recorded are left out; {counted.silent}.")

st.subheader("Cities")
show_or_empty(cities, view, "events with a known city",
              "The city the source gives for the event, or else for its person; some are abroad (no region).")

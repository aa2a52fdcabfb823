"""Regions: where the records place people and events: the map of regions, the regions ranked, and cities."""
import streamlit as st

from dashboard.charts import charts, regions
from dashboard.charts.show import empty_state, show, show_or_empty
from dashboard.charts.style import amount
from dashboard.loader import load, load_many
from dashboard.view import page_view

RULES = {
    "home": "People are counted in the region the source gives for them.",
    "case": "People are counted where the source places one of their own events: the court that sentenced them, the "
            "facility where they were held, the protest where they were detained. Someone placed in two regions "
            "counts in each; a chosen region filter picks people by the place of their case.",
}

view = page_view()
st.title("Regions")
measure = st.segmented_control("Count", list(regions.MEASURES), default="People", key="regions_measure") or "People"
placed_by = (st.segmented_control("Place people by", list(regions.PLACINGS), format_func=regions.PLACINGS.get,
                                  default="home", key="regions_placed_by") or "home") if measure == "People" else "home"
options = {"measure": measure, "placed_by": placed_by}
drawn, ranked, cities = charts(view, (regions.regions_map, options), (regions.ranked, options), regions.cities)
if drawn is None:
    empty_state(regions.MEASURES[measure].many)
    st.stop()
show(drawn, view)
if measure == "People":
    nowhere = int(load(view, "people_by_case_region")["n_no_place"].sum())
    st.caption(f"{RULES[placed_by]} With a period set, only people with an event, charge or sentence dated in it. "
               f"{amount(nowhere, 'people have', 'person has')} no place at all in the records: neither a home "
               "region nor a place of their case.")
else:
    st.caption("Events are counted in the region the source gives for the event, or else for its person. "
               "The table's People column counts each person's own event as one.")

if ranked is not None:
    st.subheader("Regions ranked")
    show(ranked, view)
    counted = regions.region_counts(load_many(view, regions.by_measure(measure, placed_by)), measure, placed_by)
    st.caption(f"Regions with no {counted.measure.many} recorded are left out; {counted.silent}.")

st.subheader("Cities")
show_or_empty(cities, view, "events with a known city",
              "The city the source gives for the event, or else for its person; some are abroad (no region).")

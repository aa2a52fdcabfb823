"""Detentions over time: detention-type events per month (per year where only the year is known)."""
import streamlit as st

from dashboard.charts import chart, detentions
from dashboard.charts.show import empty_state, show
from dashboard.view import page_view

view = page_view()
st.title("Detentions over time")
measure = st.segmented_control("Count", list(detentions.MEASURES), default="People", key="detentions_measure")
event_types = st.multiselect("Event types", list(detentions.DETENTION_TYPES), default=list(detentions.DETENTION_TYPES),
                             format_func=detentions.DETENTION_TYPES.get, key="detentions_types")
drawn = chart(detentions.detentions, view, measure=measure or "People", event_types=tuple(event_types))
if drawn is None:
    empty_state("detentions")
    st.stop()
show(drawn, view)
st.caption("Counts marked as lower bounds come from the source's 'at least' or 'more than' figures. "
           "Dotted lines: bans of the DCK and Koshe Partiyasy movements, European Parliament resolutions and "
           "mass detentions at rallies, from the timeline.")

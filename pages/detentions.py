"""Detentions over time: detention-type events per month (per year where only the year is known)."""
import streamlit as st

from dashboard import figures
from dashboard.charts import empty_state, show_chart
from dashboard.figures import DETENTION_TYPES

st.title("Detentions over time")
measure = st.segmented_control("Count", ["People", "Events"], default="People", key="detentions_measure")
types = st.multiselect("Event types", list(DETENTION_TYPES), default=list(DETENTION_TYPES),
                       format_func=DETENTION_TYPES.get, key="detentions_types")
chart = figures.detentions(measure or "People", types)
if chart is None:
    empty_state("detentions")
    st.stop()
show_chart(chart)
st.caption("Counts marked as lower bounds come from the source's 'at least' or 'more than' figures. "
           "Dotted lines: bans of the DCK and Koshe Partiyasy movements, European Parliament resolutions and "
           "mass detentions at rallies, from the timeline.")

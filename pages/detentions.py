"""Detentions over time: people detained at rallies and individual detentions and custody events, per month (per
year where only the year is known), opening on the years where the records are dense."""
import streamlit as st

from dashboard.charts import chart, detentions
from dashboard.charts.show import show_or_empty
from dashboard.view import page_view

view = page_view()
st.title("Detentions over time")
span = st.segmented_control("Period shown", detentions.SPANS, default=detentions.SPANS[0], key="detentions_span",
                            help="Dense years: the shortest run of years holding 90% of the detention events. "
                                 "The sidebar's period filter applies to both.")
show_or_empty(chart(detentions.detentions, view, span=span or detentions.SPANS[0]), view, "detentions",
              "The two panels share the time axis and each has its own scale: people detained at rallies (mass "
              "detentions, many of them lower bounds: 'at least' or 'more than') above, individual detentions, "
              "pre-trial detention, house arrest and psychiatric commitment below. Dotted lines: bans of the DCK "
              "and Koshe Partiyasy movements, European Parliament resolutions and mass detentions at rallies.")

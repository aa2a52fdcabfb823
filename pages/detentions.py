"""Detentions over time: detention-type events per month (per year where only the year is known)."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.charts import PALETTE, empty_state, plain, show, style
from dashboard.data import load, load_filtered
from dashboard.filters import current

DETENTION_TYPES = {"detention": "Detention", "mass_detention": "Mass detention",
                   "pre_trial_detention": "Pre-trial detention", "house_arrest": "House arrest",
                   "psychiatric_commitment": "Psychiatric commitment"}
MARK_LABELS = {"movement_ban": "Ban", "resolution": "EP resolution", "mass_detention": "Mass detention"}
YEAR_MS = 365.25 * 24 * 3600 * 1000
MONTH_MS = YEAR_MS / 12

st.title("Detentions over time")
measure = st.segmented_control("Count", ["People", "Events"], default="People", key="detentions_measure")
types = st.multiselect("Event types", list(DETENTION_TYPES), default=list(DETENTION_TYPES),
                       format_func=DETENTION_TYPES.get, key="detentions_types")
column = "n_people" if measure != "Events" else "n_events"

counts = load_filtered("detentions_by_period", event_types=types)
if counts.empty:
    empty_state("detentions")
    st.stop()

figure = go.Figure()
for index, (event_type, label) in enumerate(DETENTION_TYPES.items()):
    for period, rows in counts[counts["event_type"] == event_type].groupby("period"):
        yearly = period == "year"
        figure.add_bar(
            x=rows["period_start"] + pd.to_timedelta(182 if yearly else 15, unit="D"), y=rows[column],
            width=YEAR_MS * 0.9 if yearly else MONTH_MS * 0.9, name=label + (" (year only)" if yearly else ""),
            marker_color=PALETTE[index], marker_pattern_shape="/" if yearly else "",
            customdata=rows[["period_start"]].assign(lower=rows["is_lower_bound"].map({True: "at least ", False: ""})),
            hovertemplate=f"{label}<br>%{{customdata[0]|{'%Y' if yearly else '%b %Y'}}}: %{{customdata[1]}}%{{y}} "
                          f"{measure.lower()}<extra></extra>",
        )
filters = current()[0]
marks = load("key_dates", date_from=filters.date_from, date_to=filters.date_to)
for mark in marks.itertuples():
    figure.add_vline(x=mark.event_date.timestamp() * 1000, line_dash="dot", line_color="#555555",
                     annotation_text=f"{MARK_LABELS[mark.event_type]} {mark.event_date:%Y-%m-%d}",
                     annotation_textangle=-90, annotation_position="top left")

busiest = counts.groupby("period_start")[column].sum().idxmax()
total = int(counts[column].sum())
title = (f"{total:,} {measure.lower()} in detention events; the busiest "
         f"{'month' if counts.loc[counts['period_start'] == busiest, 'period'].iloc[0] == 'month' else 'year'} "
         f"is {busiest:%B %Y}")
style(figure, plain(title), "Month (hatched bars: only the year is known)", f"Number of {measure.lower()}")
figure.update_layout(barmode="stack", bargap=0)
table = counts.assign(event_type=counts["event_type"].map(DETENTION_TYPES))[
    ["period_start", "period", "event_type", "n_events", "n_people", "is_lower_bound"]]
show("detentions_chart", figure, table, [counts, marks.assign(sections=marks["source_section"].str.split(";"))])
st.caption("Counts marked as lower bounds come from the source's 'at least' or 'more than' figures. "
           "Dotted lines: bans of the DCK and Koshe Partiyasy movements, European Parliament resolutions and "
           "mass detentions at rallies, from the timeline.")

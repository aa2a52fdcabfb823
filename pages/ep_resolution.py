"""EP resolution compliance: the assessed paragraphs of resolution 2021/2544(RSP) by theme and status,
with the evidence, and the stated counts that moved since the resolution."""
from functools import partial

import plotly.graph_objects as go
import streamlit as st

from dashboard import figures
from dashboard.charts import PALETTE, Chart, built_once, empty_state, readable, show_chart, show_or_empty, style
from dashboard.data import at_once, load
from dashboard.figures import STATUS_COLOURS


@built_once
def moved_chart() -> Chart | None:
    moved = load("figures_that_moved")
    if moved.empty:
        return None
    figure = go.Figure()
    changes = []
    for index, (metric, rows) in enumerate(moved.groupby("metric", sort=False)):
        label = readable(metric)
        figure.add_scatter(x=rows["as_of"], y=rows["value"], mode="lines+markers+text", name=label,
                           text=rows["value"].map("{:g}".format), textposition="top center",
                           line_color=PALETTE[index], marker_size=12,
                           hovertemplate=label + " on %{x|%d %b %Y}: %{y}<extra></extra>")
        changes.append(f"{label} {rows['value'].iloc[0]:g} → {rows['value'].iloc[-1]:g}")
    style(figure, "; ".join(changes), "Date the figure refers to", "People (as stated)")
    return Chart("EP resolution", "ep_moved_chart", figure, moved, [moved], filtered=False)


st.title("European Parliament resolution of 11 February 2021")
st.caption("Resolution 2021/2544(RSP): how the source assesses Kazakhstan's implementation of each paragraph. "
           "The sidebar filters do not apply to this assessment.")

scorecard, moved = at_once(partial(load, "ep_scorecard"), moved_chart)
if scorecard.empty:
    empty_state("assessed paragraphs")
    st.stop()
show_chart(figures.ep_status())

st.subheader("Scorecard")
status_filter = st.multiselect("Status", list(STATUS_COLOURS), default=[], key="ep_status_filter",
                               format_func=readable, placeholder="All statuses")
shown = scorecard[scorecard["status"].isin(status_filter)] if status_filter else scorecard
st.dataframe(shown.drop(columns=["sections", "source_ids"]), hide_index=True, width="stretch", key="ep_scorecard_table",
             column_config={"paragraph": st.column_config.NumberColumn("¶", width="small"),
                            "evidence": st.column_config.TextColumn("evidence", width="large")})

st.subheader("Counts that moved since the resolution")
show_or_empty(moved, "figures stated for two dates",
              "The source notes that the fall reflects people moved to restriction of liberty, not releases.")

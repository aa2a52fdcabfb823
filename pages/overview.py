"""Overview: the source's stated figures beside the counts its named records give, a small timeline,
the data build and the sources."""
from functools import partial

import plotly.graph_objects as go
import streamlit as st

from dashboard.charts import PALETTE, Chart, bars_by, built_once, empty_state, plain, readable, show_chart, show_or_empty, style
from dashboard.data import at_once, load, load_filtered


@built_once
def figures_chart() -> Chart | None:
    comparisons = load("figure_comparisons")
    named = comparisons[comparisons["named_count"].notna()]
    if named.empty:
        return None
    labels, hover = named["metric"].map(readable), named["description"].map(plain)
    figure = go.Figure()
    figure.add_bar(y=labels, x=named["stated_value"], name="stated by the source", orientation="h",
                   marker_color=PALETTE[0], customdata=hover, hovertemplate="%{customdata}<br>stated: %{x}<extra></extra>")
    figure.add_bar(y=labels, x=named["named_count"], name="people named", orientation="h",
                   marker_color=PALETTE[1], customdata=hover, hovertemplate="%{customdata}<br>named: %{x}<extra></extra>")
    differing = named[named["comparison"] != "Same"]
    title = ("Named records match every stated figure" if differing.empty else
             f"{len(differing)} of {len(named)} stated figures differ from the names given, e.g. "
             f"{differing.iloc[0]['stated_value']:g} stated, {int(differing.iloc[0]['named_count'])} named")
    style(figure, title, "People", None)
    figure.update_layout(barmode="group", height=120 + 48 * len(named))
    figure.update_yaxes(autorange="reversed")
    return Chart("Overview", "overview_figures_chart", figure,
                 named[["metric", "description", "stated_value", "qualifier", "named_count", "comparison", "as_of"]],
                 [named.assign(sections=named["source_section"].str.split(";"), source_ids=named["source_id"].map(lambda s: [s]))],
                 filtered=False)


@built_once
def timeline_chart() -> Chart | None:
    timeline = load_filtered("events_per_year")
    if timeline.empty:
        return None
    figure = bars_by(timeline, "event_type", "year", "n_events", "events")
    per_year = timeline.groupby("year")["n_events"].sum()
    style(figure, f"{int(per_year.max())} recorded events in {per_year.idxmax()}, the busiest year",
          "Year", "Recorded events")
    figure.update_layout(barmode="stack", height=380)
    return Chart("Overview", "overview_timeline_chart", figure, timeline, [timeline])


st.title("Political repression in Kazakhstan")
st.caption("Case records curated from the report below; every number on these pages is computed from them. "
           "Where the report's stated figure and the people it names differ, both are shown.")

comparisons, people, figures_drawn, timeline, build, sources = at_once(
    partial(load, "figure_comparisons"), partial(load_filtered, "people_per_political_article"), figures_chart,
    timeline_chart, partial(load, "build_info"), partial(load, "sources"))
named = comparisons[comparisons["named_count"].notna()].copy()
prisoners = named.set_index("metric")
left, middle, right = st.columns(3)
if "political_prisoners" in prisoners.index:
    row = prisoners.loc["political_prisoners"]
    left.metric("Political prisoners (stated)", f"{row['stated_value']:g}",
                delta=f"{int(row['named_count'])} named in the report", delta_color="off", delta_arrow="off")
middle.metric("Charged under article 405", int(people.loc[people["article"] == 405, "n_people"].sum()))
right.metric("Charged under article 258 (financing extremism)", int(people.loc[people["article"] == 258, "n_people"].sum()))

st.subheader("Stated figures and the people named for them")
if figures_drawn is None:
    empty_state("figures with named people")
else:
    show_chart(figures_drawn)
    for row in named[named["comparison"] != "Same"].itertuples():
        st.text(f"{row.description} Stated: {row.stated_value:g}; named: {int(row.named_count)} "
                f"(report section {row.source_section}).")

with st.expander("Every figure the source states", expanded=False):
    st.dataframe(comparisons, hide_index=True, width="stretch", key="overview_all_figures")

st.subheader("Timeline")
show_or_empty(timeline, "events")

build = build.iloc[0]
st.subheader("Data and sources")
st.text(f"Data build {build['build_id']} made {build['built_at']:%Y-%m-%d %H:%M} UTC from {build['inputs']} "
        f"({build['n_persons']} people, {build['n_events']} events).")
st.dataframe(sources, hide_index=True, width="stretch", key="overview_sources")

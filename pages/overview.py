"""Overview: the source's stated figures beside the counts its named records give, a small timeline,
the data build and the sources."""
import streamlit as st

from dashboard.charts import chart, charts, overview
from dashboard.charts.show import show_or_empty
from dashboard.labels import header, readable_table
from dashboard.loader import load_many
from dashboard.view import page_view

view = page_view()
stated_and_named, timeline = charts(view, overview.stated_and_named, overview.timeline)
frames = load_many(view, ["figure_comparisons", "people_per_political_article", "build_info", "sources",
                          "figure_statements"])
comparisons, people = frames["figure_comparisons"], frames["people_per_political_article"]

st.title("Political repression in Kazakhstan")
st.caption("Case records curated from the report below; every number on these pages is computed from them. "
           "Where the report's stated figure and the people it names differ, both are shown.")
named = comparisons[comparisons["named_count"].notna()]
prisoners = named.set_index("metric")
left, middle, right = st.columns(3)
if "political_prisoners" in prisoners.index:
    row = prisoners.loc["political_prisoners"]
    left.metric("Political prisoners (stated)", f"{row['stated_value']:g}",
                delta=f"{int(row['named_count'])} named in the report", delta_color="off", delta_arrow="off")
middle.metric("Charged under article 405", int(people.loc[people["article"] == 405, "n_people"].sum()))
right.metric("Charged under article 258", int(people.loc[people["article"] == 258, "n_people"].sum()),
             help="Financing extremism")

st.subheader("Stated figures and the people named for them")
show_or_empty(stated_and_named, view, "figures with named people")
for row in named[named["comparison"] != "Same"].itertuples():  # the chart's notes as text, with what each counts
    words = overview.difference(row)
    st.text(f"{row.description} {words[:1].upper()}{words[1:]} (report section {row.source_section.replace(';', ', ')}).")

with st.expander("Every figure the source states", expanded=False):
    titles = frames["sources"].set_index("source_id")["title"]
    st.dataframe(readable_table(comparisons.assign(source_id=comparisons["source_id"].map(titles))), hide_index=True,
                 width="stretch", key="overview_all_figures")

if not (statements := frames["figure_statements"]).empty:
    with st.expander("The same figure on other dates or in other reports", expanded=False):
        shown = readable_table(statements[["metric", "description", "as_of", "value", "qualifier", "unit", "title",
                                           "published"]])
        st.dataframe(shown.drop(columns=[header("description")]), hide_index=True, width="stretch",
                     key="overview_figure_statements")

st.subheader("Political prisoners named in the report")
show_or_empty(chart(overview.prisoners_by_group, view), view, "political prisoners")

st.subheader("Timeline")
show_or_empty(timeline, view, "events")

build = frames["build_info"].iloc[0]
st.subheader("Data and sources")
st.text(f"Data build {build['build_id']} made {build['built_at']:%Y-%m-%d %H:%M} UTC from {build['inputs']} "
        f"({build['n_persons']} people, {build['n_events']} events).")
st.dataframe(readable_table(frames["sources"].drop(columns=["source_id"])), hide_index=True, width="stretch",
             key="overview_sources")

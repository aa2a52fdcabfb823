"""Overview: the source's stated figures beside the counts its named records give, a small timeline,
the data build and the sources."""
import streamlit as st

from dashboard.charts import chart, charts, overview
from dashboard.charts.show import show_or_empty
from dashboard.i18n import translation
from dashboard.labels import SOURCE_SHOWN, article_name, header, readable_table
from dashboard.loader import load_many, load_table
from dashboard.view import page_view

view = page_view()
t = translation(view.language)
_ = t.gettext
frames = load_many(view, ["figure_comparisons", "people_per_political_article", "build_info", "sources"])
comparisons, people = frames["figure_comparisons"], frames["people_per_political_article"]

st.title(_("Political repression in Kazakhstan"))
st.caption(_("Case records curated from the report below; every number on these pages is computed from them. "
             "Where the report's stated figure and the people it names differ, both are shown."))
named = comparisons[comparisons["named_count"].notna()]
prisoners = named.set_index("metric")
left, middle, right = st.columns(3)
if "political_prisoners" in prisoners.index:
    row = prisoners.loc["political_prisoners"]
    n_named = int(row["named_count"])
    left.metric(_("Political prisoners (stated)"), t.number(row["stated_value"]),
                delta=t.ngettext("{n} named in the report", "{n} named in the report", n_named).format(
                    n=t.number(n_named)), delta_color="off", delta_arrow="off")
for column, article in ((middle, 405), (right, 258)):
    column.metric(_("Charged under article {article}").format(article=article),
                  t.number(int(people.loc[people["article"] == article, "n_people"].sum())),
                  help=article_name(article, view.language).capitalize())

st.subheader(_("Stated figures and the people named for them"))
show_or_empty(chart(overview.stated_and_named, view), view, _("No figures with named people are recorded."))
for row in named[named["comparison"] != "Same"].itertuples():  # the chart's notes as text, with what each counts
    words = overview.difference(row, t)
    st.text(_("{description} {difference} (report section {section}).").format(
        description=row.description, difference=words[:1].upper() + words[1:],
        section=row.source_section.replace(";", ", ")))

with st.expander(_("Every figure the source states"), expanded=False):
    titles = frames["sources"].set_index("source_id")["title"]
    st.dataframe(readable_table(comparisons.assign(source_id=comparisons["source_id"].map(titles)), view.language),
                 hide_index=True, width="stretch", key="overview_all_figures")

statements = load_table(view, "figure_statements", ("metric", "description", "as_of", "value", "qualifier", "unit",
                                                    "title", "published"))
if statements.num_rows:
    with st.expander(_("The same figure on other dates or in other reports"), expanded=False):
        st.dataframe(statements.drop_columns([header("description", view.language)]), hide_index=True, width="stretch",
                     key="overview_figure_statements")

prisoners_by_group, timeline = charts(view, overview.prisoners_by_group, overview.timeline)
st.subheader(_("Political prisoners named in the report"))
show_or_empty(prisoners_by_group, view, _("No political prisoners match the current filters."))

st.subheader(_("Timeline"))
show_or_empty(timeline, view, _("No events match the current filters."))

build = frames["build_info"].iloc[0]
st.subheader(_("Data and sources"))
st.text(_("Data build {build} made {built_at} UTC from {inputs} ({persons} people, {events} events).").format(
    build=build["build_id"], built_at=f"{build['built_at']:%Y-%m-%d %H:%M}", inputs=build["inputs"],
    persons=t.number(build["n_persons"]), events=t.number(build["n_events"])))
st.dataframe(load_table(view, "sources", SOURCE_SHOWN), hide_index=True, width="stretch", key="overview_sources")

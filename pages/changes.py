"""What changed: new persons, charges and sentences, status changes, deaths and stated figures that moved, since a
chosen date or an earlier data build (then also new events and corrected rows), each with its source and section;
addable to the briefing pack."""
import datetime as dt

import streamlit as st

from dashboard import changes
from dashboard.charts.show import briefing_actions, caption, citation, scope_of
from dashboard.i18n import translation
from dashboard.labels import header, label
from dashboard.loader import load
from dashboard.view import EndOfPage, page_view, worded_key

ROW = 5
view = page_view()
t = translation(view.language)
_ = t.gettext
st.title(_("What changed"))
A_DATE, A_BUILD = "date", "build"
mode = st.segmented_control(_("Compare with"), [A_DATE, A_BUILD], default=A_DATE, key=worded_key("changes_mode", view),
                            format_func={A_DATE: _("A date"), A_BUILD: _("An earlier data build")}.get) or A_DATE
if mode == A_DATE:
    last = load(view, "period_bounds").iloc[0]["last_date"].date()
    since = st.date_input(_("Facts dated after"), value=last - dt.timedelta(days=365), key="changes_since",
                          format="YYYY-MM-DD")
    rows, compared_with = changes.since_date(view, since), t.date(since)
else:
    builds = changes.earlier_builds()
    if not builds:
        st.info(_("No earlier data build is kept yet. Each `python -m etl build` keeps the Parquet of the build it "
                  "replaces (the last five) in data/warehouse/history/."))
        raise EndOfPage
    build = st.selectbox(_("Earlier data build"), builds, key="changes_build")
    rows, compared_with = changes.since_build(view, build), _("data build {build}").format(build=build)

title = changes.summary(rows, compared_with, view.language)
st.subheader(title)
counts = rows["change"].value_counts()
for start in range(0, len(changes.KINDS), ROW):  # a row of five: their labels fit at 1280 pixels
    for column, kind in zip(st.columns(ROW), changes.KINDS[start:start + ROW]):
        column.metric(label("change", kind, view.language), t.number(int(counts.get(kind, 0))))
table = rows.drop(columns=["person_id"])
titles = load(view, "sources").set_index("source_id")["title"].to_dict()
st.dataframe(changes.readable(rows, titles, view.language), hide_index=True, width="stretch", key="changes_table",
             column_config={header("sections", view.language): st.column_config.ListColumn(),
                            header("source_ids", view.language): st.column_config.ListColumn()})
scope = scope_of(view) + "; " + _("compared with {compared_with}").format(compared_with=compared_with) + \
    ("; " + _("the period is not applied") if mode == A_DATE else "")
note = citation(view, rows)
caption(scope, note)
briefing_actions(view, changes.PAGE, "changes_table", None, table.drop(columns=["sections", "source_ids"]), scope,
                 [rows], note, title)
st.caption(_("A new person is one whose first dated fact falls after the date. The sidebar's person filters apply; "
             "stated figures are the source's own and are not filtered."))

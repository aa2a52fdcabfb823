"""What changed: new persons, charges and sentences, status changes, deaths and stated figures that moved, since a
chosen date or an earlier data build (then also new events and corrected rows), each with its source and section;
addable to the briefing pack."""
import datetime as dt

import streamlit as st

from dashboard import changes
from dashboard.charts.show import briefing_actions, caption, citation, scope_of
from dashboard.labels import header, readable_table
from dashboard.loader import load
from dashboard.view import page_view

ROW = 5
view = page_view()
st.title("What changed")
mode = st.segmented_control("Compare with", ["A date", "An earlier data build"], default="A date",
                            key="changes_mode") or "A date"
if mode == "A date":
    last = load(view, "period_bounds").iloc[0]["last_date"].date()
    since = st.date_input("Facts dated after", value=last - dt.timedelta(days=365), key="changes_since")
    rows, compared_with = changes.since_date(view, since), f"{since:%Y-%m-%d}"
else:
    builds = changes.earlier_builds()
    if not builds:
        st.info("No earlier data build is kept yet. Each `python -m etl build` keeps the Parquet of the build it "
                "replaces (the last five) in data/warehouse/history/.")
        st.stop()
    build = st.selectbox("Earlier data build", builds, key="changes_build")
    rows, compared_with = changes.since_build(view, build), f"data build {build}"

title = changes.summary(rows, compared_with)
st.subheader(title)
counts = rows["change"].value_counts()
for start in range(0, len(changes.KINDS), ROW):  # a row of five: their labels fit at 1280 pixels
    for column, kind in zip(st.columns(ROW), changes.KINDS[start:start + ROW]):
        column.metric(kind.capitalize(), int(counts.get(kind, 0)))
table = rows.drop(columns=["person_id"])
titles = load(view, "sources").set_index("source_id")["title"].to_dict()
shown = readable_table(table.assign(source_ids=table["source_ids"].map(lambda ids: [titles.get(i, i) for i in ids])))
st.dataframe(shown, hide_index=True, width="stretch", key="changes_table",
             column_config={header("sections"): st.column_config.ListColumn(),
                            header("source_ids"): st.column_config.ListColumn()})
scope = f"{scope_of(view)}; compared with {compared_with}" + \
    ("; the period is not applied" if mode == "A date" else "")
note = citation(view, rows)
caption(scope, note)
briefing_actions(view, "What changed", "changes_table", None, table.drop(columns=["sections", "source_ids"]), scope, [rows], note, title)
st.caption("A new person is one whose first dated fact falls after the date. The sidebar's person filters apply; "
           "stated figures are the source's own and are not filtered.")

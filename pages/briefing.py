"""Briefing pack: the charts collected with "Add to briefing" (or the standard set), in order, exported as a
PowerPoint deck or an A4 PDF."""
import datetime as dt

import streamlit as st

from briefing import collection, documents, pack
from briefing.standard import standard_items
from dashboard.charts.show import caption
from dashboard.view import page_view

view = page_view()
st.title("Briefing pack")
st.caption("Collect charts with \"Add to briefing\" under any chart, or start from the standard set for the current "
           "filters. The pack opens with a cover of key numbers for the current filters; then each chart fills a "
           "slide under its finding, with its filters and sources, followed by its numbers in words.")

if st.button("Standard briefing", key="briefing_standard", icon=":material/auto_awesome:",
             help="Detentions over time, articles, sentences, regions and EP compliance for the current filters"):
    collection.add(*standard_items(view))

items = collection.items()
if not items:
    st.info("No charts collected yet. Use \"Add to briefing\" under a chart, or the standard briefing above.")
    st.stop()

for index, item in enumerate(items):
    with st.container(border=True):
        text, buttons = st.columns([5, 1], vertical_alignment="center")
        with text:
            st.text(f"{index + 1}. {item.title}")
            caption(f"{item.page or 'Dashboard'} · {item.filters}" + (" · names hidden" if item.anonymised else ""))
        with buttons, st.container(horizontal=True):
            st.button("", key=f"briefing_up_{index}", icon=":material/arrow_upward:", help="Move up",
                      disabled=index == 0, on_click=collection.move, args=(index, -1))
            st.button("", key=f"briefing_down_{index}", icon=":material/arrow_downward:", help="Move down",
                      disabled=index == len(items) - 1, on_click=collection.move, args=(index, 1))
            st.button("", key=f"briefing_remove_{index}", icon=":material/delete:", help="Remove",
                      on_click=collection.remove, args=(index,))

st.header("Export")
title = st.text_input("Title", value=pack.TITLE, key="briefing_title")
export, left_out = pack.make_pack(view, items, dt.datetime.now(dt.timezone.utc).date(), title or pack.TITLE)
if left_out:
    st.warning(f"Hide-names mode is on: {len(left_out)} item(s) collected while names were shown are left out of "
               "the export. Add them again with hide-names on.")
caption(f"{len(export.items)} item(s). The cover:", *export.cover_lines)
stem = f"briefing-{export.build_id}" + ("-names-hidden" if export.anonymised else "")
for column, fmt in zip(st.columns(2), documents.WRITERS):
    column.download_button(fmt.upper(), data=lambda fmt=fmt: documents.WRITERS[fmt](export), file_name=f"{stem}.{fmt}",
                           mime=documents.MIME[fmt], key=f"briefing_download_{fmt}", on_click="ignore",
                           icon=":material/download:", width="stretch", disabled=not export.items,
                           help="Rendered when clicked: a few seconds per chart")

"""Briefing pack: the charts collected with "Add to briefing" (or the standard set), in order, exported as a
PowerPoint deck or an A4 PDF."""
import datetime as dt

import streamlit as st

from briefing import collection, documents, pack
from briefing.standard import standard_items
from dashboard.charts.show import caption
from dashboard.i18n import LANGUAGES, translation
from dashboard.view import EndOfPage, page_view

view = page_view()
t = translation(view.language)
_ = t.gettext
st.title(_("Briefing pack"))
st.caption(_("Collect charts with \"Add to briefing\" under any chart, or start from the standard set for the "
             "current filters. The pack opens with a cover of key numbers for the current filters; then each chart "
             "fills a slide under its finding, with its filters and sources, followed by its numbers in words."))

if st.button(_("Standard briefing"), key="briefing_standard", icon=":material/auto_awesome:",
             help=_("Detentions over time, articles, sentences, regions and EP compliance for the current filters")):
    collection.add(*standard_items(view), language=view.language)

items = collection.items()
if not items:
    st.info(_("No charts collected yet. Use \"Add to briefing\" under a chart, or the standard briefing above."))
    raise EndOfPage

for index, item in enumerate(items):
    with st.container(border=True):
        text, buttons = st.columns([5, 1], vertical_alignment="center")
        with text:
            st.text(f"{index + 1}. {item.title}")
            caption(" · ".join([_(item.page) if item.page else _("Dashboard"), item.filters,
                                *([_("names hidden")] if item.anonymised else []),
                                *([LANGUAGES[item.language]] if item.language != view.language else [])]))
        with buttons, st.container(horizontal=True):
            st.button("", key=f"briefing_up_{index}", icon=":material/arrow_upward:", help=_("Move up"),
                      disabled=index == 0, on_click=collection.move, args=(index, -1))
            st.button("", key=f"briefing_down_{index}", icon=":material/arrow_downward:", help=_("Move down"),
                      disabled=index == len(items) - 1, on_click=collection.move, args=(index, 1))
            st.button("", key=f"briefing_remove_{index}", icon=":material/delete:", help=_("Remove"),
                      on_click=collection.remove, args=(index,))

st.header(_("Export"))
default_title = _(pack.TITLE)
title = st.text_input(_("Title"), value=default_title, key="briefing_title")
export, left_out = pack.make_pack(view, items, dt.datetime.now(dt.timezone.utc).date(), title or default_title)
if left_out:
    st.warning(t.ngettext("Hide-names mode is on: {n} item collected while names were shown is left out of the "
                          "export. Add it again with hide-names on.",
                          "Hide-names mode is on: {n} items collected while names were shown are left out of the "
                          "export. Add them again with hide-names on.", len(left_out)).format(n=len(left_out)))
caption(t.ngettext("{n} item. The cover:", "{n} items. The cover:", len(export.items)).format(n=len(export.items)),
        *export.cover_lines)
stem = f"briefing-{export.build_id}" + ("-names-hidden" if export.anonymised else "")
for column, fmt in zip(st.columns(2), documents.WRITERS):
    column.download_button(fmt.upper(), data=lambda fmt=fmt: documents.WRITERS[fmt](export), file_name=f"{stem}.{fmt}",
                           mime=documents.MIME[fmt], key=f"briefing_download_{fmt}", on_click="ignore",
                           icon=":material/download:", width="stretch", disabled=not export.items,
                           help=_("Rendered when clicked: a few seconds per chart"))

"""Detentions over time: detention-type events per month (per year where only the year is known)."""
import streamlit as st

from dashboard.charts import chart, detentions
from dashboard.charts.show import empty_state, show
from dashboard.i18n import translation
from dashboard.labels import label
from dashboard.view import page_view, worded_key

view = page_view()
_ = translation(view.language).gettext
st.title(_("Detentions over time"))
measure = st.segmented_control(_("Count"), list(detentions.MEASURES), default="People",
                               key=worded_key("detentions_measure", view),
                               format_func=lambda m: _(detentions.MEASURE_WORDS[m]))
event_types = st.multiselect(_("Event types"), list(detentions.DETENTION_TYPES),
                             default=list(detentions.DETENTION_TYPES), key=worded_key("detentions_types", view),
                             format_func=lambda kind: label("event_type", kind, view.language),
                             placeholder=_("Choose event types"))
drawn = chart(detentions.detentions, view, measure=measure or "People", event_types=tuple(event_types))
if drawn is None:
    empty_state(_("No detentions match the current filters."), view)
    st.stop()
show(drawn, view)
st.caption(_("Counts marked as lower bounds come from the source's 'at least' or 'more than' figures. "
             "Dotted lines: bans of the DCK and Koshe Partiyasy movements, European Parliament resolutions and "
             "mass detentions at rallies, from the timeline."))

"""Regions: where the records place people and events: the map of regions, the regions ranked, and cities."""
import streamlit as st

from dashboard.charts import charts, regions
from dashboard.charts.show import empty_state, show, show_or_empty
from dashboard.i18n import translation
from dashboard.loader import load_many
from dashboard.view import page_view, worded_key

view = page_view()
_ = translation(view.language).gettext
st.title(_("Regions"))
measure = st.segmented_control(_("Count"), list(regions.MEASURES), default="People",
                               key=worded_key("regions_measure", view),
                               format_func=lambda m: _(regions.MEASURE_WORDS[m])) or "People"
drawn, ranked, cities = charts(view, (regions.regions_map, {"measure": measure}),
                               (regions.ranked, {"measure": measure}), regions.cities)
if drawn is None:
    empty_state(_("No people match the current filters.") if measure == "People" else
                _("No events match the current filters."), view)
    st.stop()
show(drawn, view)
if measure == "People":
    st.caption(_("People are counted in the region the source gives for them. With a period set, only people with an "
                 "event, charge or sentence dated in it."))
else:
    st.caption(_("Events are counted in the region the source gives for the event, or else for its person. "
                 "The People column counts each person's own event as one."))

if ranked is not None:
    st.subheader(_("Regions ranked"))
    show(ranked, view)
    counted = regions.region_counts(load_many(view, regions.by_measure(measure)), measure, view)
    left_out = _("Regions with no people recorded are left out") if measure == "People" else \
        _("Regions with no events recorded are left out")
    st.caption(f"{left_out}; {counted.silent}.")

st.subheader(_("Cities"))
show_or_empty(cities, view, _("No events with a known city match the current filters."),
              _("The city the source gives for the event, or else for its person; some are abroad (no region)."))

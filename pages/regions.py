"""Regions: where the records place people and events: the map of regions, the regions ranked, and cities."""
import streamlit as st

from dashboard.charts import charts, regions
from dashboard.charts.show import empty_state, show, show_or_empty
from dashboard.i18n import N_, translation
from dashboard.loader import load, load_many
from dashboard.view import EndOfPage, page_view, worded_key

RULES = {
    "home": N_("People are counted in the region the source gives for them."),
    "case": N_("People are counted where the source places one of their own events: the court that sentenced them, "
               "the facility where they were held, the protest where they were detained. Someone placed in two "
               "regions counts in each; a chosen region filter picks people by the place of their case."),
}

view = page_view()
t = translation(view.language)
_ = t.gettext
st.title(_("Regions"))
measure = st.segmented_control(_("Count"), list(regions.MEASURES), default="People",
                               key=worded_key("regions_measure", view),
                               format_func=lambda m: _(regions.MEASURE_WORDS[m])) or "People"
placed_by = (st.segmented_control(_("Place people by"), list(regions.PLACINGS), default="home",
                                  key=worded_key("regions_placed_by", view),
                                  format_func=lambda p: _(regions.PLACINGS[p])) or "home") \
    if measure == "People" else "home"
options = {"measure": measure, "placed_by": placed_by}
drawn, ranked, cities = charts(view, (regions.regions_map, options), (regions.ranked, options), regions.cities)
if drawn is None:
    empty_state(_("No people match the current filters.") if measure == "People" else
                _("No events match the current filters."), view)
    raise EndOfPage
show(drawn, view)
if measure == "People":
    nowhere = int(load(view, regions.measure_of(measure, placed_by).query)["n_no_place"].sum())  # the map's rows
    st.caption(" ".join([_(RULES[placed_by]),
                         _("With a period set, only people with an event, charge or sentence dated in it."),
                         t.ngettext("{n} person has no place at all in the records: neither a home region nor a "
                                    "place of their case.",
                                    "{n} people have no place at all in the records: neither a home region nor a "
                                    "place of their case.", nowhere).format(n=t.number(nowhere))]))
else:
    st.caption(_("Events are counted in the region the source gives for the event, or else for its person. "
                 "The People column counts each person's own event as one."))

if ranked is not None:
    st.subheader(_("Regions ranked"))
    show(ranked, view)
    counted = regions.region_counts(load_many(view, regions.by_measure(measure, placed_by)), measure, view, placed_by)
    left_out = _("Regions with no people recorded are left out") if measure == "People" else \
        _("Regions with no events recorded are left out")
    st.caption(f"{left_out}; {counted.silent}.")

st.subheader(_("Cities"))
show_or_empty(cities, view, _("No events with a known city match the current filters."),
              _("The city the source gives for the event, or else for its person; some are abroad (no region)."))

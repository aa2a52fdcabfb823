"""Sentences: types, term lengths, activity bans, and restriction of liberty replaced by prison."""
import streamlit as st

from dashboard.charts import charts, sentences
from dashboard.charts.show import empty_state, show, show_or_empty
from dashboard.i18n import translation
from dashboard.labels import label, readable_table
from dashboard.loader import LISTED, load
from dashboard.view import EndOfPage, page_view, worded_key

view = page_view()
t = translation(view.language)
_ = t.gettext
people_type = worded_key("sentences_people_type", view)
# the list loads with the charts: of the type the box kept from an earlier run or, on a first visit (none kept), of
# the type with the most people (NULL), the chart's first bar, which the box then shows
kept_type = st.session_state.get(people_type)
types, terms, bans, conversions = charts(
    view, sentences.types, sentences.terms, sentences.bans, sentences.conversions,
    also=[("people_with_sentence", {"chosen_type": kept_type, "listed": LISTED})])
st.title(_("Sentences"))
if types is None:
    empty_state(_("No sentences match the current filters."), view)
    raise EndOfPage
event = show(types, view, on_select=True)

# a bar's label -> its type
choices = {label("sentence_type", kind, view.language): kind for kind in types.table["sentence_type"].unique()}
clicked = [choices[p["x"]] for p in (event.selection.points if event else []) if p.get("x") in choices]
if clicked:
    st.session_state[people_type] = clicked[0]
chosen = st.selectbox(_("People with a sentence of type"), list(choices.values()), key=people_type,
                      format_func=lambda kind: label("sentence_type", kind, view.language))
people = load(view, "people_with_sentence", chosen_type=chosen if kept_type else None, listed=LISTED)
st.dataframe(readable_table(people.drop(columns=["person_id", "n_matching"]), view.language), hide_index=True,
             width="stretch", key="sentences_people_table")
if len(people) and people["n_matching"].iloc[0] > LISTED:
    n = int(people["n_matching"].iloc[0])
    st.caption(t.ngettext("{n} sentence of this type; the first {listed} by date are listed.",
                          "{n} sentences of this type; the first {listed} by date are listed.", n).format(
        n=t.number(n), listed=t.number(LISTED)) + " " + _("Narrow the filters or download them from the Data page."))

st.subheader(_("Term lengths"))
show_or_empty(terms, view, _("No sentences with a stated term match the current filters."))

st.subheader(_("Bans on public and political activity"))
show_or_empty(bans, view, _("No activity bans match the current filters."))

st.subheader(_("Restriction of liberty replaced by prison"))
show_or_empty(conversions, view, _("No conversions to prison match the current filters."))

"""Sentences: types, term lengths, activity bans, and restriction of liberty replaced by prison."""
import streamlit as st

from dashboard.charts import charts, sentences
from dashboard.charts.show import empty_state, show, show_or_empty
from dashboard.labels import label, readable_table
from dashboard.loader import LISTED, load
from dashboard.view import page_view

view = page_view()
types, terms, bans, conversions = charts(view, sentences.types, sentences.terms, sentences.bans, sentences.conversions)
st.title("Sentences")
if types is None:
    empty_state("sentences")
    st.stop()
event = show(types, view, on_select=True)

choices = {label("sentence_type", t): t for t in types.table["sentence_type"].unique()}  # a bar's label -> its type
clicked = [choices[p["x"]] for p in (event.selection.points if event else []) if p.get("x") in choices]
if clicked:
    st.session_state["sentences_people_type"] = clicked[0]
chosen = st.selectbox("People with a sentence of type", list(choices.values()), key="sentences_people_type",
                      format_func=lambda t: label("sentence_type", t))
people = load(view, "people_with_sentence", chosen_type=chosen, listed=LISTED)
st.dataframe(readable_table(people.drop(columns=["person_id", "n_matching"])), hide_index=True, width="stretch",
             key="sentences_people_table")
if len(people) and people["n_matching"].iloc[0] > LISTED:
    st.caption(f"{people['n_matching'].iloc[0]:,} sentences of this type; the first {LISTED:,} by date are listed. "
               "Narrow the filters or download them from the Data page.")

st.subheader("Term lengths")
show_or_empty(terms, view, "sentences with a stated term")

st.subheader("Bans on public and political activity")
show_or_empty(bans, view, "activity bans")

st.subheader("Restriction of liberty replaced by prison")
show_or_empty(conversions, view, "conversions to prison")

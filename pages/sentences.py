"""Sentences: types, term lengths, activity bans, and restriction of liberty replaced by prison."""
import streamlit as st

from dashboard.charts import charts, sentences
from dashboard.charts.show import empty_state, show, show_or_empty
from dashboard.charts.style import readable
from dashboard.loader import LISTED, load
from dashboard.view import page_view

view = page_view()
types, terms, bans, conversions = charts(view, sentences.types, sentences.terms, sentences.bans, sentences.conversions)
st.title("Sentences")
if types is None:
    empty_state("sentences")
    st.stop()
event = show(types, view, on_select=True)

choices = list(types.table["sentence_type"].unique())
clicked = [p["x"].replace(" ", "_") for p in (event.selection.points if event else []) if "x" in p]
if clicked and clicked[0] in choices:
    st.session_state["sentences_people_type"] = clicked[0]
chosen = st.selectbox("People with a sentence of type", choices, key="sentences_people_type", format_func=readable)
people = load(view, "people_with_sentence", chosen_type=chosen, listed=LISTED)
st.dataframe(people.drop(columns=["person_id", "n_matching"]), hide_index=True, width="stretch",
             key="sentences_people_table",
             column_config={"sentence_date": st.column_config.DateColumn("sentence_date", format="YYYY-MM-DD")})
if len(people) and people["n_matching"].iloc[0] > LISTED:
    st.caption(f"{people['n_matching'].iloc[0]:,} sentences of this type; the first {LISTED:,} by date are listed. "
               "Narrow the filters or download them from the Data page.")

st.subheader("Term lengths")
show_or_empty(terms, view, "sentences with a stated term")

st.subheader("Bans on public and political activity")
show_or_empty(bans, view, "activity bans")

st.subheader("Restriction of liberty replaced by prison")
show_or_empty(conversions, view, "conversions to prison")

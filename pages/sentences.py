"""Sentences: types, term lengths, activity bans, and restriction of liberty replaced by prison."""
import plotly.graph_objects as go
import streamlit as st

from dashboard.charts import PALETTE, bars_by, empty_state, plain, readable, show, style
from dashboard.data import load_filtered

STAGES = ["first_instance", "appeal", "conversion", "parole", "other"]


st.title("Sentences")
types = load_filtered("sentence_types")
if types.empty:
    empty_state("sentences")
    st.stop()

types["type_label"] = types["sentence_type"].map(readable)
figure = bars_by(types, "stage", "type_label", "n_sentences", "sentences", order=STAGES)
lead = types.iloc[0]
style(figure, f"{readable(lead['sentence_type']).capitalize()} is the most frequent sentence: "
              f"{int(lead['n_people_type'])} people", "Sentence type (select a bar to list its people)",
      "Sentences (including appeals and conversions)")
figure.update_layout(barmode="stack")
event = show("sentences_types_chart", figure,
             types[["sentence_type", "stage", "n_sentences", "n_people", "n_people_type"]], [types], on_select=True)

choices = list(types["sentence_type"].unique())
clicked = [p["x"].replace(" ", "_") for p in (event.selection.points if event else []) if "x" in p]
if clicked and clicked[0] in choices:
    st.session_state["sentences_people_type"] = clicked[0]
chosen = st.selectbox("People with a sentence of type", choices, key="sentences_people_type", format_func=readable)
people = load_filtered("people_with_sentence", chosen_type=chosen)
st.dataframe(people.drop(columns=["person_id"]), hide_index=True, width="stretch", key="sentences_people_table")

st.subheader("Term lengths")
terms = load_filtered("sentence_terms")
if terms.empty:
    empty_state("sentences with a stated term")
else:
    figure = bars_by(terms, "sentence_type", "term_months", "n_sentences", "sentences")
    longest = terms.loc[terms["term_months"].idxmax()]
    style(figure, f"Terms run up to {longest['term_months']:g} months ({readable(longest['sentence_type'])})",
          "Term (months)", "Sentences")
    figure.update_layout(barmode="stack")
    show("sentences_terms_chart", figure, terms, [terms])

st.subheader("Bans on public and political activity")
bans = load_filtered("activity_bans")
if bans.empty:
    empty_state("activity bans")
else:
    figure = go.Figure(go.Bar(x=bans["activity_ban_years"].map("{:g} years".format), y=bans["n_people"],
                              marker_color=PALETTE[5], hovertemplate="%{x}: %{y} people<extra></extra>"))
    style(figure, f"{int(bans['n_people'].sum())} people are banned from public activity after their sentence",
          "Length of the ban", "People")
    show("sentences_bans_chart", figure, bans, [bans])

st.subheader("Restriction of liberty replaced by prison")
conversions = load_filtered("sentence_conversions")
if conversions.empty:
    empty_state("conversions to prison")
else:
    figure = go.Figure()
    names = conversions["name"].map(plain)
    for (_, row), name in zip(conversions.iterrows(), names):
        figure.add_scatter(x=[row["restriction_months"], row["prison_months"]], y=[name] * 2,
                           mode="lines", line_color="#999999", showlegend=False, hoverinfo="skip")
    figure.add_scatter(x=conversions["restriction_months"], y=names, mode="markers",
                       name="restriction of liberty", marker_color=PALETTE[1], marker_size=12,
                       hovertemplate="%{y}: %{x} months' restriction of liberty<extra></extra>")
    figure.add_scatter(x=conversions["prison_months"], y=names, mode="markers",
                       name="prison instead", marker_color=PALETTE[5], marker_size=12, marker_symbol="square",
                       hovertemplate="%{y}: %{x} months in prison<extra></extra>")
    style(figure, f"{len(conversions)} restriction-of-liberty sentences were replaced by prison",
          "Term (months; prison term missing where the source gives none)", None)
    show("sentences_conversions_chart", figure, conversions.drop(columns=["person_id"]),
         [conversions])

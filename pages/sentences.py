"""Sentences: types, term lengths, activity bans, and restriction of liberty replaced by prison."""
import plotly.graph_objects as go
import streamlit as st

from dashboard import figures
from dashboard.charts import (PALETTE, Chart, bars_by, built_once, empty_state, plain, readable, show_chart,
                              show_or_empty, style)
from dashboard.data import LISTED, at_once, load_filtered

CHARTED_CONVERSIONS = 40


@built_once
def terms_chart() -> Chart | None:
    terms = load_filtered("sentence_terms")
    if terms.empty:
        return None
    figure = bars_by(terms, "sentence_type", "term_months", "n_sentences", "sentences")
    longest = terms.loc[terms["term_months"].idxmax()]
    style(figure, f"Terms run up to {longest['term_months']:g} months ({readable(longest['sentence_type'])})",
          "Term (months)", "Sentences")
    figure.update_layout(barmode="stack")
    return Chart("Sentences", "sentences_terms_chart", figure, terms, [terms])


@built_once
def bans_chart() -> Chart | None:
    bans = load_filtered("activity_bans")
    if bans.empty:
        return None
    figure = go.Figure(go.Bar(x=bans["activity_ban_years"].map("{:g} years".format), y=bans["n_people"],
                              marker_color=PALETTE[5], hovertemplate="%{x}: %{y} people<extra></extra>"))
    style(figure, f"{int(bans['n_people'].sum())} people are banned from public activity after their sentence",
          "Length of the ban", "People")
    return Chart("Sentences", "sentences_bans_chart", figure, bans, [bans])


@built_once
def conversions_chart() -> Chart | None:
    conversions = load_filtered("sentence_conversions", listed=LISTED)
    if conversions.empty:
        return None
    n_conversions = int(conversions["n_matching"].iloc[0])
    # the first conversions in date order only: a row per person stops being readable (and costs megabytes)
    # beyond a few dozen; the table lists the first LISTED
    drawn = conversions.head(CHARTED_CONVERSIONS)
    names = drawn["name"].map(plain)
    figure = go.Figure()
    # one trace of line segments (None separates them) rather than a trace per person
    figure.add_scatter(x=[x for r, i in zip(drawn["restriction_months"], drawn["prison_months"]) for x in (r, i, None)],
                       y=[y for name in names for y in (name, name, None)],
                       mode="lines", line_color="#999999", showlegend=False, hoverinfo="skip")
    figure.add_scatter(x=drawn["restriction_months"], y=names, mode="markers",
                       name="restriction of liberty", marker_color=PALETTE[1], marker_size=12,
                       hovertemplate="%{y}: %{x} months' restriction of liberty<extra></extra>")
    figure.add_scatter(x=drawn["prison_months"], y=names, mode="markers",
                       name="prison instead", marker_color=PALETTE[5], marker_size=12, marker_symbol="square",
                       hovertemplate="%{y}: %{x} months in prison<extra></extra>")
    drawn_note = "" if len(drawn) == n_conversions else (
        f" (the first {len(drawn)} drawn, " + ("all" if len(conversions) == n_conversions else f"the first {len(conversions):,}")
        + " in the table)")
    style(figure, f"{n_conversions:,} restriction-of-liberty sentences were replaced by prison{drawn_note}",
          "Term (months; prison term missing where the source gives none)", None)
    return Chart("Sentences", "sentences_conversions_chart", figure, conversions.drop(columns=["person_id", "n_matching"]),
                 [conversions])


st.title("Sentences")
types_chart, terms, bans, conversions = at_once(figures.sentence_types, terms_chart, bans_chart, conversions_chart)
if types_chart is None:
    empty_state("sentences")
    st.stop()
event = show_chart(types_chart, on_select=True)

choices = list(types_chart.table["sentence_type"].unique())
clicked = [p["x"].replace(" ", "_") for p in (event.selection.points if event else []) if "x" in p]
if clicked and clicked[0] in choices:
    st.session_state["sentences_people_type"] = clicked[0]
chosen = st.selectbox("People with a sentence of type", choices, key="sentences_people_type", format_func=readable)
people = load_filtered("people_with_sentence", chosen_type=chosen, listed=LISTED)
st.dataframe(people.drop(columns=["person_id", "n_matching"]), hide_index=True, width="stretch",
             key="sentences_people_table",
             column_config={"sentence_date": st.column_config.DateColumn("sentence_date", format="YYYY-MM-DD")})
if len(people) and people["n_matching"].iloc[0] > LISTED:
    st.caption(f"{people['n_matching'].iloc[0]:,} sentences of this type; the first {LISTED:,} by date are listed. "
               "Narrow the filters or download them from the Data page.")

st.subheader("Term lengths")
show_or_empty(terms, "sentences with a stated term")

st.subheader("Bans on public and political activity")
show_or_empty(bans, "activity bans")

st.subheader("Restriction of liberty replaced by prison")
show_or_empty(conversions, "conversions to prison")

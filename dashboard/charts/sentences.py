"""Sentences: types, term lengths, activity bans, and restriction of liberty replaced by prison."""
from __future__ import annotations

import math

import plotly.graph_objects as go

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import PALETTE, bars_by, plain, style
from dashboard.labels import label
from dashboard.loader import LISTED
from dashboard.view import View

PAGE = "Sentences"
STAGES = ["first_instance", "appeal", "conversion", "parole", "other"]
CHARTED_CONVERSIONS = 40


@builder("sentence_types")
def types(frames: Frames, view: View) -> Chart | None:
    counted = frames["sentence_types"]
    counted["type_label"] = counted["sentence_type"].map(lambda t: label("sentence_type", t))
    figure = bars_by(counted, "stage", "type_label", "n_sentences", "sentences", order=STAGES)
    lead = counted.iloc[0]
    style(figure, view, f"{label('sentence_type', lead['sentence_type'])} is the most frequent sentence: "
                        f"{int(lead['n_people_type'])} people", "Sentence type (select a bar to list its people)",
          "Sentences, all stages")
    figure.update_layout(barmode="stack")
    return Chart(PAGE, "sentences_types_chart", figure,
                 counted[["sentence_type", "stage", "n_sentences", "n_people", "n_people_type"]], [counted])


@builder("sentence_terms")
def terms(frames: Frames, view: View) -> Chart | None:
    counted = frames["sentence_terms"]
    figure = bars_by(counted, "sentence_type", "term_months", "n_sentences", "sentences")
    longest = counted.loc[counted["term_months"].idxmax()]
    style(figure, view, f"Terms run up to {longest['term_months']:g} months ({label('sentence_type', longest['sentence_type']).lower()})",
          "Term (months)", "Sentences")
    figure.update_layout(barmode="stack")
    return Chart(PAGE, "sentences_terms_chart", figure, counted, [counted])


@builder("activity_bans")
def bans(frames: Frames, view: View) -> Chart | None:
    counted = frames["activity_bans"]
    figure = go.Figure(go.Bar(x=counted["activity_ban_years"].map("{:g} years".format), y=counted["n_people"],
                              marker_color=PALETTE[5], hovertemplate="%{x}: %{y} people<extra></extra>"))
    style(figure, view, f"{int(counted['n_people'].sum())} people are banned from public activity after their sentence",
          "Length of the ban", "People")
    figure.update_yaxes(tickformat=",d", dtick=max(1, math.ceil(counted["n_people"].max() / 8)))  # whole people
    return Chart(PAGE, "sentences_bans_chart", figure, counted, [counted])


@builder(("sentence_conversions", {"listed": LISTED}))
def conversions(frames: Frames, view: View) -> Chart | None:
    converted = frames["sentence_conversions"]
    n_conversions = int(converted["n_matching"].iloc[0])
    # the first conversions in date order only: a row per person stops being readable (and costs megabytes)
    # beyond a few dozen; the table lists the first LISTED
    drawn = converted.head(CHARTED_CONVERSIONS)
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
        f" (the first {len(drawn)} drawn, " + ("all" if len(converted) == n_conversions else f"the first {len(converted):,}")
        + " in the table)")
    style(figure, view, f"{n_conversions:,} restriction-of-liberty sentences were replaced by prison{drawn_note}",
          "Term (months; prison term missing where the source gives none)", None)
    return Chart(PAGE, "sentences_conversions_chart", figure, converted.drop(columns=["person_id", "n_matching"]),
                 [converted])

"""Sentences: types, term lengths, activity bans, and restriction of liberty replaced by prison."""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import PALETTE, bars_by, count_bars, plain, style, whole_counts
from dashboard.i18n import N_, translation
from dashboard.labels import label
from dashboard.loader import LISTED
from dashboard.view import View

PAGE = N_("Sentences")
STAGES = ["first_instance", "appeal", "conversion", "parole", "other"]
CHARTED_CONVERSIONS = 40


@builder("sentence_types")
def types(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    _ = t.gettext
    counted = frames["sentence_types"]
    counted["type_label"] = counted["sentence_type"].map(lambda kind: label("sentence_type", kind, view.language))
    figure = bars_by(counted, "stage", "type_label", "n_sentences", _("sentences"), order=STAGES,
                     language=view.language)
    lead = counted.iloc[0]
    n = int(lead["n_people_type"])
    title = t.ngettext("{sentence} is the most frequent sentence: {n} person",
                       "{sentence} is the most frequent sentence: {n} people", n).format(
        sentence=lead["type_label"], n=t.number(n))
    style(figure, view, title, _("Sentence type (select a bar to list its people)"), _("Sentences, all stages"))
    figure.update_layout(barmode="stack")
    return Chart(PAGE, "sentences_types_chart", figure,
                 counted[["sentence_type", "stage", "n_sentences", "n_people", "n_people_type"]], [counted])


@builder("sentence_terms")
def terms(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    _ = t.gettext
    counted = frames["sentence_terms"]
    figure = bars_by(counted, "sentence_type", "term_months", "n_sentences", _("sentences"), language=view.language)
    longest = counted.loc[counted["term_months"].idxmax()]
    months = longest["term_months"]
    title = t.ngettext("Terms run up to {n} month ({sentence})", "Terms run up to {n} months ({sentence})",
                       months if float(months).is_integer() else 2).format(
        n=t.number(months), sentence=label("sentence_type", longest["sentence_type"], view.language).lower())
    style(figure, view, title, _("Term (months)"), _("Sentences"))
    figure.update_layout(barmode="stack")
    return Chart(PAGE, "sentences_terms_chart", figure, counted, [counted])


@builder("activity_bans")
def bans(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    _ = t.gettext
    counted = frames["activity_bans"]
    years = counted["activity_ban_years"].map(
        lambda n: t.ngettext("{n} year", "{n} years", n if float(n).is_integer() else 2).format(n=t.number(n)))
    figure = count_bars(years, counted["n_people"], _("people"), colour=PALETTE[5])
    n = int(counted["n_people"].sum())
    title = t.ngettext("{n} person is banned from public activity after their sentence",
                       "{n} people are banned from public activity after their sentence", n).format(n=t.number(n))
    style(figure, view, title, _("Length of the ban"), _("People"))
    figure.update_yaxes(whole_counts(counted["n_people"].max()))
    return Chart(PAGE, "sentences_bans_chart", figure, counted, [counted])


@builder(("sentence_conversions", {"listed": LISTED}))
def conversions(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    _ = t.gettext
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
                       name=_("restriction of liberty"), marker_color=PALETTE[1], marker_size=12,
                       hovertemplate="%{y}: " + _("%{x} months' restriction of liberty") + "<extra></extra>")
    figure.add_scatter(x=drawn["prison_months"], y=names, mode="markers",
                       name=_("prison instead"), marker_color=PALETTE[5], marker_size=12, marker_symbol="square",
                       hovertemplate="%{y}: " + _("%{x} months in prison") + "<extra></extra>")
    title = t.ngettext("{n} restriction-of-liberty sentence was replaced by prison",
                       "{n} restriction-of-liberty sentences were replaced by prison", n_conversions).format(
        n=t.number(n_conversions))
    if len(drawn) != n_conversions:
        title += " " + (_("(the first {drawn} drawn, all in the table)") if len(converted) == n_conversions else
                        _("(the first {drawn} drawn, the first {listed} in the table)")).format(
            drawn=t.number(len(drawn)), listed=t.number(len(converted)))
    style(figure, view, title, _("Term (months; prison term missing where the source gives none)"), None)
    return Chart(PAGE, "sentences_conversions_chart", figure, converted.drop(columns=["person_id", "n_matching"]),
                 [converted])

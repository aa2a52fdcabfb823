"""Detentions over time: detention-type events per month (per year where only the year is known), with key dates."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import PALETTE, month_ticks, plain, style
from dashboard.i18n import N_, translation
from dashboard.labels import label
from dashboard.view import View

PAGE = N_("Detentions over time")
DETENTION_TYPES = ("detention", "mass_detention", "pre_trial_detention", "house_arrest", "psychiatric_commitment")
MEASURES = {"People": "n_people", "Events": "n_events"}  # what the page's Count control offers -> the column
MEASURE_WORDS = {"People": N_("People"), "Events": N_("Events")}
MARK_LABELS = {"movement_ban": N_("Ban"), "resolution": N_("EP resolution"), "mass_detention": N_("Mass detention")}
MARK_GAP_DAYS = 31
YEAR_MS = 365.25 * 24 * 3600 * 1000
MONTH_MS = YEAR_MS / 12


@builder("detentions_by_period", "key_dates")
def detentions(frames: Frames, view: View, measure: str = "People", event_types=DETENTION_TYPES) -> Chart | None:
    t = translation(view.language)
    _ = t.gettext
    column, counted = MEASURES[measure], _(MEASURE_WORDS[measure]).lower()
    counts = frames["detentions_by_period"]
    figure = go.Figure()
    for index, event_type in enumerate(DETENTION_TYPES):
        name = label("event_type", event_type, view.language)
        for period, rows in counts[counts["event_type"] == event_type].groupby("period"):
            yearly = period == "year"
            when = rows["period_start"].map(lambda d: str(d.year) if yearly else t.month(d))
            at_least = rows["is_lower_bound"].map({True: _("at least") + " ", False: ""})
            figure.add_bar(
                x=rows["period_start"] + pd.to_timedelta(182 if yearly else 15, unit="D"), y=rows[column],
                width=YEAR_MS * 0.9 if yearly else MONTH_MS * 0.9,
                name=_("{type} (year only)").format(type=name) if yearly else name,
                marker_color=PALETTE[index], marker_pattern_shape="/" if yearly else "",
                customdata=list(zip(when, at_least)),
                hovertemplate=f"{name}<br>%{{customdata[0]}}: %{{customdata[1]}}%{{y}} {counted}<extra></extra>",
            )
    marks = frames["key_dates"]
    # one line per day and kind (several mass detentions on one rally day share it), set in one layout update:
    # add_vline re-validates every shape drawn so far, which grows with the square of the marks
    days = marks.drop_duplicates(["event_date", "event_type"])
    figure.update_layout(
        shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": day.event_date, "x1": day.event_date, "y0": 0,
                 "y1": 1, "line": {"dash": "dot", "color": "#555555"}} for day in days.itertuples()],
        annotations=[{"xref": "x", "yref": "paper", "x": dates[0], "y": 1, "xanchor": "right", "yanchor": "top",
                      "showarrow": False, "textangle": -90,
                      "text": f"{_(MARK_LABELS[kind])} {', '.join(f'{d:%Y-%m-%d}' for d in dates)}"}
                     for kind, dates in close_marks(days)])

    busiest = counts.groupby("period_start")[column].sum().idxmax()
    total = int(counts[column].sum())
    monthly = counts.loc[counts["period_start"] == busiest, "period"].iloc[0] == "month"
    title = {("People", True): t.ngettext("{n} person in detention events; the busiest month is {when}",
                                          "{n} people in detention events; the busiest month is {when}", total),
             ("People", False): t.ngettext("{n} person in detention events; the busiest year is {when}",
                                           "{n} people in detention events; the busiest year is {when}", total),
             ("Events", True): t.ngettext("{n} detention event; the busiest month is {when}",
                                          "{n} detention events; the busiest month is {when}", total),
             ("Events", False): t.ngettext("{n} detention event; the busiest year is {when}",
                                           "{n} detention events; the busiest year is {when}", total)}[
        (measure, monthly)].format(n=t.number(total), when=t.month(busiest) if monthly else busiest.year)
    style(figure, view, plain(title), _("Month (hatched bars: only the year is known)"),
          _("Number of people") if measure == "People" else _("Number of events"))
    month_ticks(figure, view, counts["period_start"].min(), counts["period_start"].max() + pd.DateOffset(months=1))
    figure.update_layout(barmode="stack", bargap=0)
    table = counts[["period_start", "period", "event_type", "n_events", "n_people", "is_lower_bound"]]
    return Chart(PAGE, "detentions_chart", figure, table,
                 [counts, marks.assign(sections=marks["source_section"].str.split(";"))])


def close_marks(days: pd.DataFrame) -> list[tuple[str, list]]:
    """Marks of one kind less than a month apart share one label (e.g. two EP resolutions in February 2021),
    so their texts never print over each other."""
    groups: list[tuple[str, list]] = []
    for day in days.sort_values("event_date").itertuples():
        if groups and groups[-1][0] == day.event_type and (day.event_date - groups[-1][1][-1]).days <= MARK_GAP_DAYS:
            groups[-1][1].append(day.event_date)
        else:
            groups.append((day.event_type, [day.event_date]))
    return groups

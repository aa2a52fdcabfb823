"""People: a person's recorded events on a timeline, dates drawn with their precision."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import PALETTE, month_ticks, plain, style, wrapped
from dashboard.i18n import N_, translation
from dashboard.labels import label
from dashboard.view import View

PAGE = N_("People")
PRECISIONS = {"day": (N_("Exact day"), "circle"), "month": (N_("Only the month is known"), "square"),
              "year": (N_("Only the year is known"), "diamond")}
HOVER_WIDTH = 60


@builder("person_events")
def timeline(frames: Frames, view: View, person_id: str) -> Chart | None:
    t = translation(view.language)
    _ = t.gettext
    events = frames["person_events"]
    events = events.assign(type_label=events["event_type"].map(lambda kind: label("event_type", kind, view.language)))
    figure = go.Figure()
    for index, (precision, (name, symbol)) in enumerate(PRECISIONS.items()):
        rows = events[events["date_precision"] == precision]
        if rows.empty:
            continue
        if precision != "day":  # the span a month- or year-only date could fall in
            span_x = [x for start, end in zip(rows["event_date"], rows["period_end"]) for x in (start, end, None)]
            span_y = [y for label in rows["type_label"] for y in (label, label, None)]
            figure.add_scatter(x=span_x, y=span_y, mode="lines", line={"color": PALETTE[index], "width": 2},
                               hoverinfo="skip", showlegend=False)
        hover = [wrapped(text, HOVER_WIDTH) for text in rows["description"].fillna("")]
        figure.add_scatter(
            x=rows["plotted_date"], y=rows["type_label"], mode="markers", name=_(name),
            marker={"symbol": symbol, "size": 14, "color": PALETTE[index], "line": {"width": 1, "color": "#000000"}},
            customdata=list(zip(rows["date_label"].map(plain), hover)),
            hovertemplate="%{customdata[0]} · %{y}<br>%{customdata[1]}<extra></extra>",
        )
    counts = events["type_label"].value_counts()
    first, last = events.iloc[0], events.iloc[-1]
    span = {"n": t.number(len(events)), "first": first["date_label"], "last": last["date_label"]}
    if len(events) == 1:
        title = _("One recorded event: {event}, {date}").format(event=first["type_label"].lower(),
                                                                  date=first["date_label"])
    elif counts.iloc[0] == 1:
        title = _("{n} recorded events, each of a different kind, from {first} to {last}").format(**span)
    else:
        title = t.ngettext("{n} recorded events from {first} to {last}; most often: {event} ({times} time)",
                           "{n} recorded events from {first} to {last}; most often: {event} ({times} times)",
                           int(counts.iloc[0])).format(**span, event=counts.index[0].lower(),
                                                       times=t.number(int(counts.iloc[0])))
    style(figure, view, plain(title), _("Date (month- or year-only dates: middle of the period, line = its span)"),
          _("Event type"))
    figure.update_yaxes(categoryorder="array", categoryarray=list(dict.fromkeys(events["type_label"])))
    start, end = events["event_date"].min(), events["period_end"].max()
    margin = max(pd.Timedelta(days=45), (end - start) * 0.05)  # a lone event would otherwise zoom to milliseconds
    figure.update_xaxes(type="date", range=[start - margin, end + margin])
    month_ticks(figure, view, start - margin, end + margin)
    # the legend sits at the foot of the figure, below the axis title, however few rows the chart has
    figure.update_layout(legend={"yref": "container", "y": 0, "yanchor": "bottom"}, margin_b=70, showlegend=True)
    if not view.present:
        figure.update_layout(height=max(340, 150 + 48 * len(counts)))
    table = events[["date_label", "date_precision", "type_label", "n_people", "count_qualifier", "city", "description"]]
    return Chart(PAGE, "person_timeline", figure, table.rename(columns={"date_label": "date", "type_label": "event"}),
                 [events])

"""Overview: the source's stated figures beside the people it names for them, and a small timeline."""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import PALETTE, amount, bars_by, plain, style
from dashboard.labels import label, metric_label
from dashboard.view import View

PAGE = "Overview"


@builder("figure_comparisons")
def stated_and_named(frames: Frames, view: View) -> Chart | None:
    comparisons = frames["figure_comparisons"]
    named = comparisons[comparisons["named_count"].notna()]
    if named.empty:
        return None
    labels = [plain(metric_label(m, d)) for m, d in zip(named["metric"], named["description"])]
    hover = named["description"].map(plain)
    figure = go.Figure()
    figure.add_bar(y=labels, x=named["stated_value"], name="Stated by the source", orientation="h",
                   marker_color=PALETTE[0], customdata=hover, hovertemplate="%{customdata}<br>Stated: %{x}<extra></extra>")
    figure.add_bar(y=labels, x=named["named_count"], name="People named", orientation="h",
                   marker_color=PALETTE[1], customdata=hover, hovertemplate="%{customdata}<br>Named: %{x}<extra></extra>")
    differing = named[named["comparison"] != "Same"]
    title = ("Named records match every stated figure" if differing.empty else
             f"{len(differing)} of {len(named)} stated figures differ from the names given, e.g. "
             f"{differing.iloc[0]['stated_value']:g} stated, {int(differing.iloc[0]['named_count'])} named")
    style(figure, view, title, "People", None)
    figure.update_layout(barmode="group", height=120 + 48 * len(named))
    figure.update_yaxes(autorange="reversed")
    return Chart(PAGE, "overview_figures_chart", figure,
                 named[["metric", "description", "stated_value", "qualifier", "named_count", "comparison", "as_of"]],
                 [named.assign(sections=named["source_section"].str.split(";"), source_ids=named["source_id"].map(lambda s: [s]))],
                 filtered=False)


@builder("events_per_year")
def timeline(frames: Frames, view: View) -> Chart | None:
    per_type = frames["events_per_year"]
    figure = bars_by(per_type, "event_type", "year", "n_events", "events")
    per_year = per_type.groupby("year")["n_events"].sum()
    style(figure, view, f"{int(per_year.max())} recorded events in {per_year.idxmax()}, the busiest year",
          "Year", "Recorded events")
    figure.update_layout(barmode="stack", height=380)
    return Chart(PAGE, "overview_timeline_chart", figure, per_type, [per_type])


@builder("political_prisoners_by_group")
def prisoners_by_group(frames: Frames, view: View) -> Chart:
    groups = frames["political_prisoners_by_group"]
    names = [plain(label("prisoner_group", g) if isinstance(g, str) else "Group not stated") for g in groups["prisoner_group"]]
    figure = go.Figure(go.Bar(x=groups["n_people"], y=names, orientation="h", marker_color=PALETTE[0],
                              text=groups["n_people"], textposition="outside", cliponaxis=False,
                              hovertemplate="%{y}: %{x} people<extra></extra>"))
    lead = groups.iloc[0]
    style(figure, view, f"{amount(int(groups['n_people'].sum()), 'political prisoners', 'political prisoner')} named; "
                        f"{int(lead['n_people'])} of them {names[0].lower()}", "People named as political prisoners", None)
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(height=200 + 50 * len(groups))
    return Chart(PAGE, "overview_prisoners_chart", figure, groups, [groups])

"""EP resolution: the assessed paragraphs of resolution 2021/2544(RSP) by theme and status, and the stated counts
that moved since it. The source's own assessment: the sidebar filters do not apply."""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import PALETTE, bars_by, plain, style
from dashboard.labels import label, metric_label
from dashboard.view import View

PAGE = "EP resolution"
STATUS_COLOURS = {"implemented": PALETTE[2], "partially_implemented": PALETTE[4],
                  "not_implemented": PALETTE[5], "unknown": "#999999"}


@builder("ep_scorecard")
def status(frames: Frames, view: View) -> Chart | None:
    scorecard = frames["ep_scorecard"]
    by_theme = scorecard.groupby(["theme", "status"]).size().rename("n_paragraphs").reset_index()
    by_theme["theme_label"] = by_theme["theme"].map(lambda theme: plain(label("theme", theme)))  # free text, as a label
    figure = bars_by(by_theme, "status", "theme_label", "n_paragraphs", "paragraphs", order=list(STATUS_COLOURS),
                     colours=STATUS_COLOURS, horizontal=True)
    implemented = (scorecard["status"] != "not_implemented").sum()
    style(figure, view, f"{len(scorecard) - implemented} of {len(scorecard)} assessed paragraphs not implemented; "
                        f"{implemented} partly", "Assessed paragraphs", None)
    figure.update_layout(barmode="stack")
    return Chart(PAGE, "ep_status_chart", figure, by_theme.drop(columns=["theme_label"]), [scorecard], filtered=False)


@builder("figures_that_moved")
def moved(frames: Frames, view: View) -> Chart | None:
    stated = frames["figures_that_moved"]
    figure = go.Figure()
    changes = []
    for index, (metric, rows) in enumerate(stated.groupby("metric", sort=False)):
        name = plain(metric_label(metric, rows["description"].iloc[-1]))
        figure.add_scatter(x=rows["as_of"], y=rows["value"], mode="lines+markers+text", name=name,
                           text=rows["value"].map("{:g}".format), textposition="top center",
                           line_color=PALETTE[index], marker_size=12,
                           hovertemplate=name + " on %{x|%d %b %Y}: %{y}<extra></extra>")
        changes.append(f"{name} {rows['value'].iloc[0]:g} → {rows['value'].iloc[-1]:g}")
    style(figure, view, "; ".join(changes), "Date the figure refers to", "People (as stated)")
    return Chart(PAGE, "ep_moved_chart", figure, stated, [stated], filtered=False)

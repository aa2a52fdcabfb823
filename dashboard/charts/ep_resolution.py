"""EP resolution: the assessed paragraphs of resolution 2021/2544(RSP) by theme and status, and the stated counts
that moved since it. The source's own assessment: the sidebar filters do not apply."""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import BASE_SIZE, LEGEND_BELOW, PALETTE, bars_by, month_ticks, plain, style
from dashboard.i18n import N_, translation
from dashboard.labels import label, metric_label
from dashboard.view import View

PAGE = N_("EP resolution")
STATUS_COLOURS = {"implemented": PALETTE[2], "partially_implemented": PALETTE[4],
                  "not_implemented": PALETTE[5], "unknown": "#999999"}


@builder("ep_scorecard")
def status(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    _ = t.gettext
    scorecard = frames["ep_scorecard"]
    by_theme = scorecard.groupby(["theme", "status"]).size().rename("n_paragraphs").reset_index()
    by_theme["theme_label"] = by_theme["theme"].map(  # free text, as a label
        lambda theme: plain(label("theme", theme, view.language)))
    figure = bars_by(by_theme, "status", "theme_label", "n_paragraphs", _("paragraphs"), order=list(STATUS_COLOURS),
                     colours=STATUS_COLOURS, horizontal=True, language=view.language)
    implemented = int((scorecard["status"] != "not_implemented").sum())
    not_implemented = len(scorecard) - implemented
    title = t.ngettext("{n} of {total} assessed paragraphs not implemented; {partly} partly",
                       "{n} of {total} assessed paragraphs not implemented; {partly} partly", not_implemented).format(
        n=t.number(not_implemented), total=t.number(len(scorecard)), partly=t.number(implemented))
    style(figure, view, title, _("Assessed paragraphs"), None)
    figure.update_layout(barmode="stack")
    return Chart(PAGE, "ep_status_chart", figure, by_theme.drop(columns=["theme_label"]), [scorecard], filtered=False)


@builder("figures_that_moved")
def moved(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    _ = t.gettext
    stated = frames["figures_that_moved"]
    figure = go.Figure()
    changes = []
    for index, (metric, rows) in enumerate(stated.groupby("metric", sort=False)):
        name = plain(metric_label(metric, rows["description"].iloc[-1], view.language))
        figure.add_scatter(x=rows["as_of"], y=rows["value"], mode="lines+markers+text", name=name,
                           text=rows["value"].map(t.number), textposition="top center", cliponaxis=False,
                           line_color=PALETTE[index], marker_size=12, customdata=rows["as_of"].map(t.date),
                           hovertemplate=name + ", %{customdata}: %{y}<extra></extra>")
        changes.append(f"{name} {t.number(rows['value'].iloc[0])} → {t.number(rows['value'].iloc[-1])}")
    style(figure, view, "; ".join(changes), _("Date the figure refers to"), _("People (as stated)"))
    # the figures' long names in a row under the chart: the time axis keeps the width its dates need
    figure.update_layout(legend=LEGEND_BELOW, margin_b=5 * BASE_SIZE[view.present])
    month_ticks(figure, view, stated["as_of"].min(), stated["as_of"].max())
    return Chart(PAGE, "ep_moved_chart", figure, stated, [stated], filtered=False)

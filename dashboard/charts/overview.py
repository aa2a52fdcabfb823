"""Overview: the source's stated figures beside the people it names for them, and a small timeline."""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import PALETTE, bars_by, plain, style
from dashboard.i18n import N_, translation
from dashboard.labels import label, metric_label
from dashboard.view import View

PAGE = N_("Overview")


@builder("figure_comparisons")
def stated_and_named(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    _ = t.gettext
    comparisons = frames["figure_comparisons"]
    named = comparisons[comparisons["named_count"].notna()]
    if named.empty:
        return None
    labels = [plain(metric_label(m, d, view.language)) for m, d in zip(named["metric"], named["description"])]
    hover = named["description"].map(plain)
    figure = go.Figure()
    figure.add_bar(y=labels, x=named["stated_value"], name=_("Stated by the source"), orientation="h",
                   marker_color=PALETTE[0], customdata=hover,
                   hovertemplate="%{customdata}<br>" + _("Stated: %{x}") + "<extra></extra>")
    figure.add_bar(y=labels, x=named["named_count"], name=_("People named"), orientation="h",
                   marker_color=PALETTE[1], customdata=hover,
                   hovertemplate="%{customdata}<br>" + _("Named: %{x}") + "<extra></extra>")
    differing = named[named["comparison"] != "Same"]
    if differing.empty:
        title = _("Named records match every stated figure")
    else:
        example = differing.iloc[0]
        title = t.ngettext("{n} of {total} stated figures differs from the names given, e.g. {stated} stated, "
                           "{named} named",
                           "{n} of {total} stated figures differ from the names given, e.g. {stated} stated, "
                           "{named} named", len(differing)).format(
            n=t.number(len(differing)), total=t.number(len(named)), stated=t.number(example["stated_value"]),
            named=t.number(int(example["named_count"])))
    style(figure, view, title, _("People"), None)
    figure.update_layout(barmode="group", height=120 + 48 * len(named))
    figure.update_yaxes(autorange="reversed")
    return Chart(PAGE, "overview_figures_chart", figure,
                 named[["metric", "description", "stated_value", "qualifier", "named_count", "comparison", "as_of"]],
                 [named.assign(sections=named["source_section"].str.split(";"), source_ids=named["source_id"].map(lambda s: [s]))],
                 filtered=False)


@builder("events_per_year")
def timeline(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    _ = t.gettext
    per_type = frames["events_per_year"]
    figure = bars_by(per_type, "event_type", "year", "n_events", _("events"), language=view.language)
    per_year = per_type.groupby("year")["n_events"].sum()
    n = int(per_year.max())
    title = t.ngettext("{n} recorded event in {year}, the busiest year",
                       "{n} recorded events in {year}, the busiest year", n).format(n=t.number(n), year=per_year.idxmax())
    style(figure, view, title, _("Year"), _("Recorded events"))
    figure.update_layout(barmode="stack", height=380)
    return Chart(PAGE, "overview_timeline_chart", figure, per_type, [per_type])


@builder("political_prisoners_by_group")
def prisoners_by_group(frames: Frames, view: View) -> Chart:
    t = translation(view.language)
    _ = t.gettext
    groups = frames["political_prisoners_by_group"]
    names = [plain(label("prisoner_group", g, view.language) if isinstance(g, str) else _("Group not stated"))
             for g in groups["prisoner_group"]]
    figure = go.Figure(go.Bar(x=groups["n_people"], y=names, orientation="h", marker_color=PALETTE[0],
                              text=groups["n_people"], textposition="outside", cliponaxis=False,
                              hovertemplate="%{y}: %{x} " + _("people") + "<extra></extra>"))
    total, lead = int(groups["n_people"].sum()), int(groups.iloc[0]["n_people"])
    title = t.ngettext("{n} political prisoner named; {lead} of them {group}",
                       "{n} political prisoners named; {lead} of them {group}", total).format(
        n=t.number(total), lead=t.number(lead), group=names[0].lower())
    style(figure, view, title, _("People named as political prisoners"), None)
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(height=200 + 50 * len(groups))
    return Chart(PAGE, "overview_prisoners_chart", figure, groups, [groups])

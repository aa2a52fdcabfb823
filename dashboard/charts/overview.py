"""Overview: the source's stated figures beside the people it names for them, and a small timeline."""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import LEGEND_BELOW, PALETTE, SLIDE_HEIGHT, bars_by, count_bars, plain, style, wrapped
from dashboard.i18n import N_, Translation, translation
from dashboard.labels import label, metric_label, stated
from dashboard.view import View
from etl.schema import EVENT_GROUPS

PAGE = N_("Overview")


# each group of events its own colour, fixed whichever groups the filters leave; "other" in the lightest
GROUP_COLOURS = dict(zip(EVENT_GROUPS, (PALETTE[0], PALETTE[1], PALETTE[5], PALETTE[7], PALETTE[2], PALETTE[3],
                                        PALETTE[4])))
# characters of a figure's name per line beside its bars, and their type size (normal, presenter): on a slide a
# name keeps to one line, so twelve figures fit the height of a 1280×720 screen
LABEL_WIDTH, LABEL_SIZE = {False: 30, True: 64}, {False: None, True: 15}
# characters per line of the note saying why a figure and its names differ, and its type size (normal, presenter)
NOTE_WIDTH, NOTE_SIZE = {False: 46, True: 40}, {False: 13, True: 14}
LINE_EM = 1.25  # a line of a note, in its type size


@builder("figure_comparisons")
def stated_and_named(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    _ = t.gettext
    comparisons = frames["figure_comparisons"]
    named = comparisons[comparisons["named_count"].notna()]
    if named.empty:
        return None
    labels = [wrapped(metric_label(m, d, view.language), LABEL_WIDTH[view.present])
              for m, d in zip(named["metric"], named["description"])]
    hover = named["description"].map(plain)
    figure = go.Figure()
    for column, name, colour in (("stated_value", _("Stated by the source"), PALETTE[0]),
                                 ("named_count", _("People named"), PALETTE[1])):
        figure.add_bar(y=labels, x=named[column], name=name, orientation="h", marker_color=colour, customdata=hover,
                       text=named[column].map(t.number), textposition="outside", cliponaxis=False,
                       hovertemplate=f"%{{customdata}}<br>{name}: %{{x}}<extra></extra>")
    differing = named[named["comparison"] != "Same"]
    widest = float(named[["stated_value", "named_count"]].max().max())
    # on a slide, the height a 1280×720 screen leaves it; on a page, a row per figure
    height = SLIDE_HEIGHT if view.present else 130 + 56 * len(named)
    figure.update_layout(annotations=notes(named, t, view, widest, height))
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
    units = _("People stated and named")
    style(figure, view, title, None if view.present else units, None)
    figure.update_layout(barmode="group", height=height,
                         legend=LEGEND_BELOW, margin_b=70)
    if view.present:  # the units head the legend's row: a slide has no height to spare for an axis title
        figure.update_layout(legend_title_text=units, margin_b=50, bargap=0.12)
        figure.update_yaxes(tickfont_size=LABEL_SIZE[True])
    # the bars carry their numbers; an axis would run on under the notes
    figure.update_xaxes(range=[0, widest * (2.3 if len(differing) else 1.15)], showticklabels=False, ticks="",
                        showline=False)
    figure.update_yaxes(autorange="reversed")
    table = named[["metric", "description", "stated_value", "qualifier", "named_count", "comparison", "names_note", "as_of"]]
    cited = named.assign(sections=named["source_section"].str.split(";"), source_ids=named["source_id"].map(lambda s: [s]))
    return Chart(PAGE, "overview_figures_chart", figure, table, [cited], filtered=False)


def notes(named, t: Translation, view: View, widest: float, height: int) -> list[dict]:
    """Each difference and its reason (the records' note, else the kind of difference) in a column right of the
    bars, beside its figure; notes that would run into each other move apart, a line leading from each to its bars.
    Rows are as tall as the chart's `height` shared among the figures (on a slide, larger screens give them more
    room)."""
    size, width = NOTE_SIZE[view.present], NOTE_WIDTH[view.present]
    texts = {index: wrapped(difference(row, t), width) for index, row in enumerate(named.itertuples())
             if row.comparison != "Same"}
    row_px = height / (len(named) + 3)  # margins: ~3 rows
    heights = {index: (text.count("<br>") + 1) * size * LINE_EM / row_px + 0.2 for index, text in texts.items()}
    # top to bottom, each note centred on its figure unless the one above reaches lower; then up from the foot
    tops, below = {}, -0.5
    for index in texts:
        tops[index] = below = max(index - heights[index] / 2, below)
        below += heights[index]
    above = len(named) - 0.5
    for index in reversed(texts):
        tops[index] = above = min(tops[index], above - heights[index])
    values = named[["stated_value", "named_count"]].max(axis=1).tolist()
    return [{"x": values[index] * 1.02, "y": index, "ax": widest * 1.12, "ay": tops[index] + heights[index] / 2,
             "axref": "x", "ayref": "y", "xanchor": "left", "yanchor": "middle", "align": "left", "showarrow": True,
             "arrowhead": 0, "arrowcolor": "#777777", "standoff": 28, "text": text, "font": {"size": size}}
            for index, text in texts.items()]


def difference(row, t: Translation) -> str:
    """How a stated figure and the people named for it differ, and why: the records' note (record text, as the loader
    gives it in the reader's language), else the kind of difference ('stated 22, named 23: the list of convicted
    prisoners … has one name more')."""
    why = row.names_note if isinstance(row.names_note, str) else label("comparison", row.comparison, t.language).lower()
    return t.gettext("stated {stated}, named {named}: {why}").format(
        stated=stated(row.stated_value, row.qualifier, t.language), named=t.number(int(row.named_count)), why=why)


@builder("events_per_year")
def timeline(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    _ = t.gettext
    per_group = frames["events_per_year"]
    figure = bars_by(per_group, "event_group", "year", "n_events", _("events"), order=list(EVENT_GROUPS),
                     colours=GROUP_COLOURS, language=view.language)
    per_year = per_group.groupby("year")["n_events"].sum()
    n = int(per_year.max())
    title = t.ngettext("{n} recorded event in {year}, the busiest year",
                       "{n} recorded events in {year}, the busiest year", n).format(n=t.number(n), year=per_year.idxmax())
    style(figure, view, title, _("Year"), _("Recorded events"))
    figure.update_layout(barmode="stack", height=380)
    if view.present:  # the groups' names in large type need the width: the legend goes under the chart
        figure.update_layout(height=600, margin_b=140, legend=LEGEND_BELOW)
    return Chart(PAGE, "overview_timeline_chart", figure, per_group, [per_group])


@builder("political_prisoners_by_group")
def prisoners_by_group(frames: Frames, view: View) -> Chart:
    t = translation(view.language)
    _ = t.gettext
    groups = frames["political_prisoners_by_group"]
    names = [plain(label("prisoner_group", g, view.language) if isinstance(g, str) else _("Group not stated"))
             for g in groups["prisoner_group"]]
    figure = count_bars(names, groups["n_people"], _("people"), horizontal=True, numbered=True)
    total, lead = int(groups["n_people"].sum()), int(groups.iloc[0]["n_people"])
    title = t.ngettext("{n} political prisoner named; {lead} of them {group}",
                       "{n} political prisoners named; {lead} of them {group}", total).format(
        n=t.number(total), lead=t.number(lead), group=names[0].lower())
    style(figure, view, title, _("People named as political prisoners"), None)
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(height=200 + 50 * len(groups))
    return Chart(PAGE, "overview_prisoners_chart", figure, groups, [groups])

"""Detentions over time: people detained at rallies and individual detentions and custody events, in two aligned
panels with their own scales (one mass detention would flatten every other bar on one), per month (per year where
only the year is known), with key dates and the source's own figure for rally detentions."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from plotly.subplots import make_subplots

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import (BASE_SIZE, CHAR_EM, LEGEND_BELOW, PALETTE, PLOT_WIDTH, SLIDE_HEIGHT, month_ticks,
                                    plain, style, wrapped, wrapped_title)
from dashboard.i18n import N_, Translation, translation
from dashboard.labels import label, stated
from dashboard.view import View

PAGE = N_("Detentions over time")
RALLY_TYPES = ("mass_detention",)
CUSTODY_TYPES = ("detention", "pre_trial_detention", "house_arrest", "psychiatric_commitment")
DETENTION_TYPES = (*RALLY_TYPES, *CUSTODY_TYPES)
# The source's own count of rally detentions, shown beside the records' (figures.metric, stable by contract).
RALLY_FIGURE = "rally_detentions_three_years"
# The period shown first: the shortest run of years holding this share of the detention events; or everything.
DENSE_SHARE = 0.9
SPANS = {"Dense years": N_("Dense years"), "Whole record": N_("Whole record")}  # the page's control: value -> words
# A key date's label: one date, several dates of one kind less than a month apart.
MARK_LABELS = {"movement_ban": (N_("Movement banned"), N_("Movements banned")),
               "resolution": (N_("EP resolution"), N_("EP resolutions")),
               "mass_detention": (N_("Mass detention"), N_("Mass detentions"))}
MARK_GAP_DAYS = 31
YEAR_MS = 365.25 * 24 * 3600 * 1000
MONTH_MS = YEAR_MS / 12
TITLE_WIDTH, NOTE_WIDTH = 72, 80  # characters per line of the title and of the lines under it


@dataclass(frozen=True)
class Panel:
    """One of the two panels: which event types it draws, what it counts and in which unit, and its axis title."""
    types: tuple[str, ...]
    column: str
    unit: str
    axis: str
    empty: str
    slide_axis: str  # on a slide, where a panel is too short for its axis title: what it counts (the legend says of what)


# Each panel's unit (a hover's "12 people") and axis title are words of the reader's language; an axis title's lines
# are broken where the words end (wrapped) to the panel's height, so a longer translation keeps within its panel.
PANELS = (Panel(RALLY_TYPES, "n_people", N_("people"), N_("People detained at rallies"),
                N_("No detentions at rallies within these filters"), N_("People")),
          Panel(CUSTODY_TYPES, "n_events", N_("events"), N_("Individual detentions and custody events"),
                N_("No individual detentions or custody events within these filters"), N_("Events")))


@builder("detentions_by_period", "key_dates", "figure_comparisons")
def detentions(frames: Frames, view: View, span: str = "Dense years", event_types=DETENTION_TYPES) -> Chart | None:
    words = translation(view.language)
    _ = words.gettext
    counts = frames["detentions_by_period"]
    shown = shown_years(counts, span, words)
    # panels apart by more than a tick label: on a slide they are short, and the type large
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.16 if view.present else 0.1)
    for row, panel in enumerate(PANELS, start=1):
        rows = counts[counts["event_type"].isin(panel.types)]
        for event_type in panel.types:
            draw_bars(figure, row, rows[rows["event_type"] == event_type], event_type, panel, words)
        figure.update_yaxes(row=row, col=1, rangemode="nonnegative", tickformat=",d", automargin=True,
                            title_font_size=18 if view.present else None)
        if rows.empty:
            figure.add_annotation(row=row, col=1, xref="x domain", yref="y domain", x=0.5, y=0.5, showarrow=False,
                                  text=_(panel.empty))
    figure_row = rally_figure(frames["figure_comparisons"])
    notes = [source_figure_line(figure_row, words)] if figure_row is not None else []
    axis = _("Month (hatched bars: only the year is known)")
    if view.present:  # a slide's chart keeps its height for the panels: the period's rule joins the source's figure
        notes.append(shown.rule)
    else:
        axis = f"{axis}<br>{wrapped(shown.rule, NOTE_WIDTH)}"
    panel_px = lay_out(figure, view, wrapped(finding(counts, words), TITLE_WIDTH), plain(" · ".join(notes)))
    for row, panel in enumerate(PANELS, start=1):  # each axis title within its panel's height
        figure.update_yaxes(row=row, col=1, title_text=_(panel.slide_axis) if view.present else
                            wrapped_title(_(panel.axis), panel_px, BASE_SIZE[False]))
    marks = frames["key_dates"]
    marks = marks[marks["event_date"].between(*shown.range, inclusive="left")]
    levels = mark_key_dates(figure, marks, shown, view)
    # the key dates' labels sit at the top of the upper panel, above its bars
    room = max(0.3, 1 - (levels * (mark_font(view) + 6) + 10) / panel_px)
    rallies = counts[counts["event_type"].isin(RALLY_TYPES)].groupby(["period_start", "period"])["n_people"].sum()
    figure.update_yaxes(row=1, col=1, range=[0, (rallies.max() if len(rallies) else 1) / room])
    figure.update_xaxes(type="date", range=list(shown.range))
    month_ticks(figure, view, shown.range[0], shown.range[1] - pd.DateOffset(days=1))
    figure.update_xaxes(row=2, col=1, title_text=axis)
    table = counts[["period_start", "period", "event_type", "n_events", "n_people", "is_lower_bound"]]
    cited = [counts, marks.assign(sections=marks["source_section"].str.split(";"))]
    if figure_row is not None:
        cited.append(pd.DataFrame({"sections": [figure_row["source_section"].split(";")],
                                   "source_ids": [[figure_row["source_id"]]]}))
    return Chart(PAGE, "detentions_chart", figure, table, cited)


def lay_out(figure, view: View, title: str, notes: str) -> float:
    """The title and its notes at the top, the legend under the time axis (the panels get the chart's whole width,
    which the key dates' labels need): returns the height of a panel in pixels. On a slide the title and its notes
    are above the chart, and the chart is as tall as a 1280×720 screen leaves it."""
    # the notes as one subtitle, which style() breaks into lines of their own (plotly draws a <sup> across lines
    # at random heights)
    style(figure, view, title + (f"<br><sup>{notes}</sup>" if notes else ""), None, None)
    base = BASE_SIZE[view.present]
    height, margin_b = (SLIDE_HEIGHT, 110) if view.present else (620, 130)
    # every line of the title, a subtitle's too, takes a line of the title's type
    margin_t = int(2 * base + 8 + (figure.layout.title.text.count("<br>") + 1) * (base + 6) * 1.3)
    # a line of the font below the top: a browser's plotly sets a title of several lines higher than it says
    figure.update_layout(barmode="stack", bargap=0, height=height, margin_t=margin_t, margin_b=margin_b,
                         margin_l=int(base * (4 if view.present else 6.5)),  # a one-word axis title on a slide
                         title={"yref": "container", "y": 1 - (base + 8) / height, "yanchor": "top"},
                         legend=LEGEND_BELOW)
    if view.present:
        figure.update_layout(margin_t=16, legend_font_size=17)  # as the slide draws it: the title is its heading
        figure.update_xaxes(title_font_size=17)
    return (height - figure.layout.margin.t - margin_b) * 0.45


def draw_bars(figure, row: int, rows: pd.DataFrame, event_type: str, panel: Panel, words: Translation) -> None:
    """One event type's bars: a month's in the middle of its month, a year-only count hatched across its year."""
    if rows.empty:
        return
    rows = rows.sort_values("period")  # months first: the legend shows the first bar's fill, hatched only for a year
    yearly = rows["period"] == "year"
    name = label("event_type", event_type, words.language)
    when = [period_words(start, "year" if year else "month", words) for start, year in zip(rows["period_start"], yearly)]
    at_least = words.gettext("at least") + " "
    figure.add_bar(
        row=row, col=1, name=name, legendgroup=name,
        # mid-period, as days: a timestamp's "T00:00:00" on every bar was a tenth of the chart's JSON
        x=(rows["period_start"] + pd.to_timedelta(yearly.map({True: 182, False: 15}), unit="D")).dt.strftime("%Y-%m-%d"),
        y=rows[panel.column],
        width=yearly.map({True: YEAR_MS * 0.9, False: MONTH_MS * 0.9}).tolist(),
        marker={"color": PALETTE[DETENTION_TYPES.index(event_type)],
                "pattern": {"shape": yearly.map({True: "/", False: ""}).tolist()}},
        customdata=list(zip(when, rows["is_lower_bound"].map({True: at_least, False: ""}))),
        hovertemplate=f"{name}<br>%{{customdata[0]}}: %{{customdata[1]}}%{{y}} {words.gettext(panel.unit)}<extra></extra>",
    )


def period_words(start: pd.Timestamp, period: str, words: Translation) -> str:
    """A bar's period: 'August 2021', or '2019 (only the year is known)'."""
    return words.gettext("{year} (only the year is known)").format(year=start.year) if period == "year" \
        else words.month(start)


@dataclass(frozen=True)
class Shown:
    """The period the chart opens on, and the rule that chose it, in words."""
    range: tuple[pd.Timestamp, pd.Timestamp]
    rule: str


def shown_years(counts: pd.DataFrame, span: str, words: Translation) -> Shown:
    """The whole record, or the dense years: the shortest run of years holding DENSE_SHARE of the detention
    events (of runs as short, the one with most events, then the latest)."""
    first = counts["period_start"].min()
    last = max(start + pd.DateOffset(**{f"{period}s": 1}) for start, period in zip(counts["period_start"], counts["period"]))
    per_year = counts.groupby(counts["period_start"].dt.year)["n_events"].sum()
    per_year = per_year.reindex(range(per_year.index.min(), per_year.index.max() + 1), fill_value=0)
    total = int(per_year.sum())
    runs = [(per_year.iloc[i:j].sum(), per_year.index[i], per_year.index[j - 1])
            for i in range(len(per_year)) for j in range(i + 1, len(per_year) + 1)]
    held, from_year, to_year = max((r for r in runs if r[0] >= DENSE_SHARE * total),
                                   key=lambda r: (-(r[2] - r[1]), r[0], r[1]))
    years = f"{from_year}" if from_year == to_year else f"{from_year}–{to_year}"
    if span == "Whole record" or (from_year, to_year) == (per_year.index[0], per_year.index[-1]):
        return Shown((first - pd.DateOffset(months=1), last + pd.DateOffset(months=1)),
                     words.ngettext("Shown: the whole record, {first} to {last} ({n} detention event)",
                                    "Shown: the whole record, {first} to {last} ({n} detention events)", total).format(
                         first=words.month(first), last=words.month(last - pd.DateOffset(days=1)),
                         n=words.number(total)))
    return Shown((pd.Timestamp(from_year, 1, 1), pd.Timestamp(to_year + 1, 1, 1)),
                 words.ngettext("Shown: {years}, the shortest run of years with at least {share} of the {n} detention "
                                "event ({held})",
                                "Shown: {years}, the shortest run of years with at least {share} of the {n} detention "
                                "events ({held})", total).format(
                     years=years, share=f"{DENSE_SHARE:.0%}", n=words.number(total), held=words.number(int(held))))


def finding(counts: pd.DataFrame, words: Translation) -> str:
    """The title: the busiest month (or year-only count) of each panel."""
    messages = (lambda n: words.ngettext("{n} person detained at rallies in {when}",
                                         "{n} people detained at rallies in {when}", n),
                lambda n: words.ngettext("individual detentions and custody events peak at {n} in {when}",
                                         "individual detentions and custody events peak at {n} in {when}", n))
    parts = []
    for panel, message in zip(PANELS, messages):
        rows = counts[counts["event_type"].isin(panel.types)]
        if rows.empty:
            continue
        per_period = rows.groupby(["period_start", "period"]).agg(n=(panel.column, "sum"), lower=("is_lower_bound", "any"))
        (start, period), busiest = next(iter(per_period.sort_values("n", ascending=False, kind="stable").iterrows()))
        n = int(busiest["n"])
        count = words.gettext("at least {n}").format(n=words.number(n)) if busiest["lower"] else words.number(n)
        parts.append(message(n).format(n=count, when=period_words(start, period, words)))
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def rally_figure(comparisons: pd.DataFrame) -> pd.Series | None:
    """The source's own figure for people detained at rallies, when the warehouse has it."""
    rows = comparisons[comparisons["metric"] == RALLY_FIGURE]
    return rows.iloc[0] if len(rows) else None


def source_figure_line(row: pd.Series, words: Translation) -> str:
    """The source's figure in words, its qualifier kept ('more than' is a lower bound); its description is record
    text, as the loader gives it in the reader's language."""
    figure = words.gettext("The source's own figure: {figure} — {description}").format(
        figure=stated(row["stated_value"], row["qualifier"], words.language),
        description=str(row["description"]).rstrip("."))
    as_of = words.gettext(", as of {date}").format(date=words.date(row["as_of"])) if pd.notna(row["as_of"]) else ""
    return figure + as_of + words.gettext(" (section {sections})").format(
        sections=row["source_section"].replace(";", ", "))


def mark_key_dates(figure, marks: pd.DataFrame, shown: Shown, view: View) -> int:
    """A dotted line across both panels per key date, labelled at the top of the upper panel, each label in the first
    row where it does not run into another: returns the number of rows used. Marks of one kind less than a month
    apart share a label (e.g. the two EP resolutions of February 2021)."""
    words = translation(view.language)
    font = mark_font(view)
    start, end = (pd.Timestamp(d) for d in shown.range)
    span_ms = (end - start).total_seconds() * 1000
    ends: list[float] = []  # per row, where its last label ends (share of the plot's width)
    shapes, annotations = [], []
    days = marks.drop_duplicates(["event_date", "event_type"])
    for kind, dates in close_marks(days):
        days_text = " & ".join(words.short_date(d) for d in dates)  # each whole: languages order day and month apart
        text = f"{words.gettext(MARK_LABELS[kind][len(dates) > 1])}, {days_text}"
        at = (pd.Timestamp(dates[0]) - start).total_seconds() * 1000 / span_ms
        width = len(text) * font * CHAR_EM / PLOT_WIDTH[view.present] + 0.01
        left = at if at + width <= 1 or at < 0.5 else at - width  # a label near the right edge runs leftwards
        level = next((i for i, e in enumerate(ends) if e < left), len(ends))
        ends[level:level + 1] = [left + width]
        for day in dates:
            shapes.append({"type": "line", "xref": "x2", "yref": "paper", "x0": day, "x1": day, "y0": 0, "y1": 1,
                           "opacity": 1, "line": {"dash": "dot", "color": "#555555", "width": 3 if view.present else 1.5}})
        annotations.append({"xref": "x", "yref": "y domain", "x": dates[0], "y": 1, "yanchor": "top",
                            "xanchor": "left" if left == at else "right", "yshift": -level * (font + 6) - 2,
                            "xshift": 3 if left == at else -3, "showarrow": False, "text": text,
                            "font": {"size": font}, "bgcolor": "rgba(255, 255, 255, 0.85)"})
    figure.update_layout(shapes=shapes, annotations=[*figure.layout.annotations, *annotations])
    return len(ends)


def mark_font(view: View) -> int:
    return 18 if view.present else 13


def close_marks(days: pd.DataFrame) -> list[tuple[str, list]]:
    """Marks of one kind less than a month apart share one label, so their texts never print over each other."""
    groups: list[tuple[str, list]] = []
    for day in days.sort_values("event_date").itertuples():
        if groups and groups[-1][0] == day.event_type and (day.event_date - groups[-1][1][-1]).days <= MARK_GAP_DAYS:
            groups[-1][1].append(day.event_date)
        else:
            groups.append((day.event_type, [day.event_date]))
    return groups

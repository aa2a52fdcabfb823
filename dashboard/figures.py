"""The key charts as functions, so a page and the briefing pack draw exactly the same figure from the same query.
Each returns a Chart (or None when the filters leave nothing to draw); the active filters and modes come from
dashboard.filters.current(), as for every query a page runs."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import PALETTE, Chart, bars_by, built_once, plain, readable, style
from dashboard.data import load, load_filtered
from dashboard.filters import current
from dashboard.geo import region_map

DETENTION_TYPES = {"detention": "Detention", "mass_detention": "Mass detention",
                   "pre_trial_detention": "Pre-trial detention", "house_arrest": "House arrest",
                   "psychiatric_commitment": "Psychiatric commitment"}
MARK_LABELS = {"movement_ban": "Ban", "resolution": "EP resolution", "mass_detention": "Mass detention"}
MARK_GAP_DAYS = 31
YEAR_MS = 365.25 * 24 * 3600 * 1000
MONTH_MS = YEAR_MS / 12
STAGES = ["first_instance", "appeal", "conversion", "parole", "other"]
STATUS_COLOURS = {"implemented": PALETTE[2], "partially_implemented": PALETTE[4],
                  "not_implemented": PALETTE[5], "unknown": "#999999"}
# shown measure -> query, column counted, plural and singular noun, other columns for the tables
REGION_MEASURES = {"People": ("people_by_region", "n_people", "people", "person", []),
                   "Events": ("events_by_region", "n_events", "events", "event", ["n_people"])}


@built_once
def detentions(measure: str = "People", types=tuple(DETENTION_TYPES)) -> Chart | None:
    column = "n_people" if measure != "Events" else "n_events"
    counts = load_filtered("detentions_by_period", event_types=list(types))
    if counts.empty:
        return None
    figure = go.Figure()
    for index, (event_type, label) in enumerate(DETENTION_TYPES.items()):
        for period, rows in counts[counts["event_type"] == event_type].groupby("period"):
            yearly = period == "year"
            figure.add_bar(
                x=rows["period_start"] + pd.to_timedelta(182 if yearly else 15, unit="D"), y=rows[column],
                width=YEAR_MS * 0.9 if yearly else MONTH_MS * 0.9, name=label + (" (year only)" if yearly else ""),
                marker_color=PALETTE[index], marker_pattern_shape="/" if yearly else "",
                customdata=rows[["period_start"]].assign(lower=rows["is_lower_bound"].map({True: "at least ", False: ""})),
                hovertemplate=f"{label}<br>%{{customdata[0]|{'%Y' if yearly else '%b %Y'}}}: %{{customdata[1]}}%{{y}} "
                              f"{measure.lower()}<extra></extra>",
            )
    filters = current()[0]
    marks = load("key_dates", date_from=filters.date_from, date_to=filters.date_to)
    # one line per day and kind (several mass detentions on one rally day share it), set in one layout update:
    # add_vline re-validates every shape drawn so far, which grows with the square of the marks
    days = marks.drop_duplicates(["event_date", "event_type"])
    figure.update_layout(
        shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": day.event_date, "x1": day.event_date, "y0": 0,
                 "y1": 1, "line": {"dash": "dot", "color": "#555555"}} for day in days.itertuples()],
        annotations=[{"xref": "x", "yref": "paper", "x": dates[0], "y": 1, "xanchor": "right", "yanchor": "top",
                      "showarrow": False, "textangle": -90,
                      "text": f"{MARK_LABELS[kind]} {', '.join(f'{d:%Y-%m-%d}' for d in dates)}"}
                     for kind, dates in close_marks(days)])

    busiest = counts.groupby("period_start")[column].sum().idxmax()
    total = int(counts[column].sum())
    title = (f"{total:,} {measure.lower()} in detention events; the busiest "
             f"{'month' if counts.loc[counts['period_start'] == busiest, 'period'].iloc[0] == 'month' else 'year'} "
             f"is {busiest:%B %Y}")
    style(figure, plain(title), "Month (hatched bars: only the year is known)", f"Number of {measure.lower()}")
    figure.update_layout(barmode="stack", bargap=0)
    table = counts.assign(event_type=counts["event_type"].map(DETENTION_TYPES))[
        ["period_start", "period", "event_type", "n_events", "n_people", "is_lower_bound"]]
    return Chart("Detentions over time", "detentions_chart", figure, table,
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


@built_once
def articles() -> Chart:
    per_article = load_filtered("people_per_article")
    political = per_article[per_article["is_political"]]
    by_article = per_article.drop_duplicates("article_name")
    top = by_article.sort_values("n_people_article", ascending=False).iloc[0]
    zeros = ", ".join(political.loc[political["n_people_article"] == 0, "article_name"])

    per_article["article_label"] = "Art. " + per_article["article_name"]
    figure = bars_by(per_article, "part_name", "article_label", "n_people", "people")
    unused = political[political["n_people_article"] == 0]
    figure.add_scatter(x="Art. " + unused["article_name"], y=[0] * len(unused), mode="text", text=["0"] * len(unused),
                       textposition="top center", showlegend=False, hoverinfo="skip")  # a zero bar has no height
    if top["n_people_article"] == 0:
        title = f"Nobody named is charged under these filters; shown at zero: articles {zeros}"
    else:
        title = (f"Article {top['article_name']} is used most: {int(top['n_people_article'])} people charged"
                 + (f"; nobody named under {zeros}" if zeros else ""))
    style(figure, title, "Criminal Code article (political articles first)", "People charged")
    figure.update_layout(barmode="group")  # side by side: one person may be charged under two parts
    figure.update_yaxes(rangemode="nonnegative")
    figure.update_xaxes(categoryorder="array", categoryarray=[f"Art. {a}" for a in by_article["article_name"]])
    return Chart("Articles", "articles_chart", figure,
                 per_article[["article", "part", "label", "n_people", "n_people_article", "is_political"]], [per_article])


@built_once
def sentence_types() -> Chart | None:
    types = load_filtered("sentence_types")
    if types.empty:
        return None
    types["type_label"] = types["sentence_type"].map(readable)
    figure = bars_by(types, "stage", "type_label", "n_sentences", "sentences", order=STAGES)
    lead = types.iloc[0]
    style(figure, f"{readable(lead['sentence_type']).capitalize()} is the most frequent sentence: "
                  f"{int(lead['n_people_type'])} people", "Sentence type (select a bar to list its people)",
          "Sentences, all stages")
    figure.update_layout(barmode="stack")
    return Chart("Sentences", "sentences_types_chart", figure,
                 types[["sentence_type", "stage", "n_sentences", "n_people", "n_people_type"]], [types])


@dataclass
class RegionCounts:
    """What the Regions page counts per region, and the finding its titles state."""
    counts: pd.DataFrame
    known: pd.DataFrame
    column: str
    what: str
    one: str
    extra: list[str]
    unplaced: int
    finding: str
    silent: str


def amount(n: int, many: str, one: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def leader(frame: pd.DataFrame, label: str, column: str, what: str, where: str) -> str:
    """The finding: which places have the most, out of all the records placed."""
    top = frame[frame[column] == frame[column].max()]
    names = " and ".join(top[label].astype(str))
    return (f"{names} {'has' if len(top) == 1 else 'have'} the most {what} with a known {where}: "
            f"{int(top[column].iloc[0])}{'' if len(top) == 1 else ' each'} of {int(frame[column].sum()):,}")


def region_counts(measure: str = "People") -> RegionCounts:
    query_name, column, what, one, extra = REGION_MEASURES[measure]
    counts = load_filtered(query_name)
    known = counts[counts["region_iso"].notna() & (counts[column] > 0)].sort_values([column, "region_name"],
                                                                                     ascending=[True, False])
    unplaced = int(counts.loc[counts["region_iso"].isna(), column].sum())
    silent = f"{amount(unplaced, what, one)} {'has' if unplaced == 1 else 'have'} no region in the source"
    finding = leader(known, "region_name", column, what, "region") if not known.empty else f"No {what} with a known region"
    return RegionCounts(counts, known, column, what, one, extra, unplaced, finding, silent)


@built_once
def regions_map(measure: str = "People") -> Chart | None:
    r = region_counts(measure)
    if r.known.empty and not r.unplaced:
        return None
    figure = region_map(r.counts, r.column, r.what, f"{plain(r.finding)}<br><sup>{r.silent}</sup>")
    table = r.counts.assign(region_name=r.counts["region_name"].fillna("No region in the source"))
    return Chart("Regions", "regions_map", figure, table[["region_iso", "region_name", r.column, *r.extra]], [r.counts])


@built_once
def ep_status() -> Chart | None:
    scorecard = load("ep_scorecard")
    if scorecard.empty:
        return None
    by_theme = scorecard.groupby(["theme", "status"]).size().rename("n_paragraphs").reset_index()
    by_theme["theme_label"] = by_theme["theme"].map(lambda theme: plain(readable(theme)))  # free text, as a label
    figure = bars_by(by_theme, "status", "theme_label", "n_paragraphs", "paragraphs", order=list(STATUS_COLOURS),
                     colours=STATUS_COLOURS, horizontal=True)
    implemented = (scorecard["status"] != "not_implemented").sum()
    style(figure, f"{len(scorecard) - implemented} of {len(scorecard)} assessed paragraphs not implemented; "
                  f"{implemented} partly", "Assessed paragraphs", None)
    figure.update_layout(barmode="stack")
    return Chart("EP resolution", "ep_status_chart", figure, by_theme.drop(columns=["theme_label"]), [scorecard],
                 filtered=False)


def standard() -> list[Chart]:
    """The charts of the one-click standard briefing, in the order a briefing tells them."""
    return [chart for chart in (detentions(), articles(), sentence_types(), regions_map(), ep_status()) if chart]

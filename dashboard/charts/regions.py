"""Regions: where the records place people and events: the map, the regions ranked, and cities."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import count_bars, plain, style, whole_counts, wrapped
from dashboard.geo import region_map
from dashboard.i18n import N_, Translation, translation
from dashboard.view import View

PAGE = N_("Regions")
TITLE_WIDTH = 75  # characters of a finding per title line


@dataclass(frozen=True)
class Measure:
    query: str
    column: str
    many: str  # what is counted, in English (a message id): "people"
    extra: tuple[str, ...] = ()
    where: str = "region"  # what places them: "region" (as the source gives it) or "case" (where their case happened)


MEASURES = {"People": Measure("people_by_region", "n_people", N_("people")),
            "Events": Measure("events_by_region", "n_events", N_("events"), ("n_people",))}
MEASURE_WORDS = {"People": N_("People"), "Events": N_("Events")}  # the page's Count control
# How people are placed: by the region the source gives for them, or by where their case happened.
PLACINGS = {"home": N_("Home region"), "case": N_("Place of their case")}
CASE_PEOPLE = Measure("people_by_case_region", "n_people", N_("people"), ("n_no_place",), "case")


def measure_of(measure: str = "People", placed_by: str = "home") -> Measure:
    return CASE_PEOPLE if measure == "People" and placed_by == "case" else MEASURES[measure]


by_measure = lambda measure="People", placed_by="home": (measure_of(measure, placed_by).query,)  # noqa: E731


@dataclass
class RegionCounts:
    """What the Regions page counts per region, and the finding its titles state."""
    counts: pd.DataFrame
    known: pd.DataFrame
    measure: Measure
    unplaced: int
    finding: str
    silent: str


def number_of(t: Translation, what: str) -> str:
    """An axis title for a count of `what` (the English message id "people" or "events")."""
    return t.gettext("Number of people") if what == "people" else t.gettext("Number of events")


def leader(t: Translation, frame: pd.DataFrame, label: str, column: str, what: str, where: str) -> str:
    """The finding: which places (`label`: region_name or city) have the most `what` with a known `where` (region,
    case or city), out of all placed."""
    top = frame[frame[column] == frame[column].max()]
    n_top = len(top)
    message = {  # (what, where): one place has the most, or several share it
        ("people", "region"): t.ngettext("{places} has the most people with a known region: {n} of {total}",
                                         "{places} have the most people with a known region: {n} each of {total}",
                                         n_top),
        ("people", "case"): t.ngettext(
            "{places} has the most people with a known place of their case: {n} of {total}",
            "{places} have the most people with a known place of their case: {n} each of {total}", n_top),
        ("events", "region"): t.ngettext("{places} has the most events with a known region: {n} of {total}",
                                         "{places} have the most events with a known region: {n} each of {total}",
                                         n_top),
        ("events", "city"): t.ngettext("{places} has the most events with a known city: {n} of {total}",
                                       "{places} have the most events with a known city: {n} each of {total}", n_top),
    }[(what, where)]
    return message.format(places=t.gettext(" and ").join(top[label].astype(str)),
                          n=t.number(int(top[column].iloc[0])), total=t.number(int(frame[column].sum())))


def unplaced_words(t: Translation, m: Measure, n: int) -> str:
    """What the unplaced lack: '3 people have no region in the source'."""
    return {("people", "region"): lambda: t.ngettext("{n} person has no region in the source",
                                                     "{n} people have no region in the source", n),
            ("people", "case"): lambda: t.ngettext("{n} person has no place of their case in the records",
                                                   "{n} people have no place of their case in the records", n),
            ("events", "region"): lambda: t.ngettext("{n} event has no region in the source",
                                                     "{n} events have no region in the source", n),
            }[(m.many, m.where)]().format(n=t.number(n))


def region_counts(frames: Frames, measure: str, view: View, placed_by: str = "home") -> RegionCounts:
    t = translation(view.language)
    m = measure_of(measure, placed_by)
    counts = frames[m.query]
    known = counts[counts["region_iso"].notna() & (counts[m.column] > 0)].sort_values([m.column, "region_name"],
                                                                                       ascending=[True, False])
    unplaced = int(counts.loc[counts["region_iso"].isna(), m.column].sum())
    if not known.empty:
        finding = leader(t, known, "region_name", m.column, m.many, m.where)
    else:
        finding = {("people", "region"): t.gettext("No people with a known region"),
                   ("people", "case"): t.gettext("No people with a known place of their case"),
                   ("events", "region"): t.gettext("No events with a known region")}[(m.many, m.where)]
    return RegionCounts(counts, known, m, unplaced, finding, unplaced_words(t, m, unplaced))


@builder(choose=by_measure)
def regions_map(frames: Frames, view: View, measure: str = "People", placed_by: str = "home") -> Chart | None:
    r = region_counts(frames, measure, view, placed_by)
    if r.known.empty and not r.unplaced:
        return None
    t = translation(view.language)
    _ = t.gettext
    finding = wrapped(r.finding, TITLE_WIDTH)
    figure = region_map(r.counts, r.measure.column, _(r.measure.many), f"{finding}<br><sup>{r.silent}</sup>", view,
                        number_of(t, r.measure.many))
    # each further line of a long finding moves the map down a line
    figure.update_layout(margin_t=figure.layout.margin.t + finding.count("<br>") * (34 if view.present else 26))
    nowhere = _("No place of their case in the records") if r.measure.where == "case" else _("No region in the source")
    table = r.counts.assign(region_name=r.counts["region_name"].fillna(nowhere))
    return Chart(PAGE, "regions_map", figure, table[["region_name", r.measure.column, *r.measure.extra]],
                 [r.counts])


def ranked_bars(frame: pd.DataFrame, label: str, column: str, what: str, title: str, view: View) -> go.Figure:
    """Horizontal bars, largest on top, as tall as their number needs; `what` is counted (the English message id
    "people" or "events")."""
    t = translation(view.language)
    figure = count_bars(frame[label].map(plain), frame[column], t.gettext(what), horizontal=True, numbered=True)
    style(figure, view, title, number_of(t, what))
    figure.update_xaxes(whole_counts(frame[column].max()))
    return figure.update_layout(height=figure.layout.height - 300 + min(300, 36 * len(frame)))


@builder(choose=by_measure)
def ranked(frames: Frames, view: View, measure: str = "People", placed_by: str = "home") -> Chart | None:
    r = region_counts(frames, measure, view, placed_by)
    if r.known.empty:
        return None
    t = translation(view.language)
    m = r.measure
    spread = {("people", "region"): t.gettext("People with a known region are in {n} of {total} regions"),
              ("people", "case"): t.gettext("People with a known place of their case are in {n} of {total} regions"),
              ("events", "region"): t.gettext("Events with a known region are in {n} of {total} regions")}[
        (m.many, m.where)].format(n=t.number(len(r.known)), total=t.number(r.counts["region_iso"].count()))
    figure = ranked_bars(r.known, "region_name", m.column, m.many,
                         f"{plain(spread)}<br><sup>{plain(r.finding)}</sup>", view)
    extra = [c for c in m.extra if r.known[c].notna().any()]  # a count of the unplaced has no place here
    return Chart(PAGE, "regions_ranked", figure, r.known[::-1][["region_name", m.column, *extra]], [r.known])


@builder("events_by_city")
def cities(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    by_city = frames["events_by_city"]
    named = by_city[by_city["city"].notna()].sort_values(["n_events", "city"], ascending=[True, False])
    if named.empty:
        return None
    no_city = int(by_city.loc[by_city["city"].isna(), "n_events"].sum())
    cityless = t.ngettext("{n} event names no city", "{n} events name no city", no_city).format(n=t.number(no_city))
    figure = ranked_bars(named, "city", "n_events", "events",
                         f"{plain(leader(t, named, 'city', 'n_events', 'events', 'city'))}<br><sup>{cityless}</sup>",
                         view)
    return Chart(PAGE, "regions_cities", figure, named[::-1][["city", "region_name", "n_events", "n_people"]], [named])

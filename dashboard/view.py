"""The view of one rerun: the shared filters, the display modes and the language, as one frozen value that a page
passes to every loader and chart builder, and that a link's query string holds (so a copied link reopens it).
The sidebar below makes it from the link once per rerun; `python -m briefing` makes one from its arguments. This is
the one module that reads filters and modes from Streamlit: everything else takes the View as an argument."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import streamlit as st

from dashboard.loader import NAMES_LOCKED, load


@dataclass(frozen=True)
class ListFilter:
    """One list filter: its field on Filters (also its $named SQL parameter), its key in a link, its label."""
    field: str
    url_key: str
    label: str


LIST_FILTERS = (
    ListFilter("regions", "region", "Region"),
    ListFilter("articles", "article", "Criminal Code article"),
    ListFilter("sentence_types", "sentence_type", "Sentence type"),
    ListFilter("affiliations", "affiliation", "Movement or group"),
    ListFilter("genders", "gender", "Gender"),
    ListFilter("statuses", "status", "Status (as of the source)"),
)
PERIOD_KEYS = ("from", "to")
MODE_KEYS = {"present": "Presenter mode", "anonymise": "Hide names"}  # link key -> toggle label
LANGUAGES = ("en",)
CHART_KEY = "chart"  # a link's one chart: the presenter's step, or the chart a shared link or an embed shows
CHART_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")  # a chart's key (see dashboard/charts)
VIEW_KEYS = (*(f.url_key for f in LIST_FILTERS), *PERIOD_KEYS, *MODE_KEYS, "lang", CHART_KEY)
# filter link key -> value -> label, as the warehouse offers them (queries/filter_options.sql)
Labels = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Filters:
    """The sidebar's filters; an empty tuple or None means "not applied". The rules for what each one selects are
    stated once, in etl/sql/30_filter_macros.sql."""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    regions: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    sentence_types: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    def params(self) -> dict:
        """The $named parameters every filtered query takes."""
        values = {f.field: list(getattr(self, f.field)) for f in LIST_FILTERS}
        values["articles"] = [int(a) for a in values["articles"]]
        return {"date_from": self.date_from, "date_to": self.date_to, **values}

    @property
    def is_set(self) -> bool:
        return bool(self.date_from or self.date_to or any(getattr(self, f.field) for f in LIST_FILTERS))

    def describe(self, labels: Labels) -> str:
        """The filters in force, in words, as every chart states them under it."""
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"period {self.date_from or '…'} to {self.date_to or '…'}")
        for f in LIST_FILTERS:
            if values := getattr(self, f.field):
                named = labels.get(f.url_key, {})
                parts.append(f"{f.label.lower()}: {', '.join(named.get(v, v) for v in values)}")
        return "Filters: " + ("; ".join(parts) if parts else "none (all records)")


@dataclass(frozen=True)
class View:
    filters: Filters = field(default_factory=Filters)
    present: bool = False
    hide_names: bool = False
    language: str = "en"
    # the one chart the link asks for; what a chart is built from leaves it out, so stepping reuses the built charts
    chart: str | None = field(default=None, compare=False)

    def to_url(self) -> dict[str, str]:
        """The query-string parameters that reopen this view (empty filters and modes off are left out)."""
        url = {f.url_key: ",".join(getattr(self.filters, f.field)) for f in LIST_FILTERS
               if getattr(self.filters, f.field)}
        if self.filters.date_from:
            url["from"] = self.filters.date_from.isoformat()
        if self.filters.date_to:
            url["to"] = self.filters.date_to.isoformat()
        if self.present:
            url["present"] = "1"
        if self.hide_names:
            url["anonymise"] = "1"
        if self.language != LANGUAGES[0]:
            url["lang"] = self.language
        if self.chart:
            url[CHART_KEY] = self.chart
        return url

    def with_filters(self, **changes) -> View:
        return replace(self, filters=replace(self.filters, **changes))


def from_url(query: Mapping[str, str], labels: Labels, first: dt.date, last: dt.date) -> tuple[View, list[str]]:
    """The view a link asks for, and a warning for each part of it that was ignored (an unknown value, a date
    that is not a date). Dates are held within the records' period; a period that spans it all is no filter."""
    warnings = []
    lists = {}
    for f in LIST_FILTERS:
        values = [v for v in query.get(f.url_key, "").split(",") if v]
        allowed = labels.get(f.url_key, {})
        if unknown := [v for v in values if v not in allowed]:
            warnings.append(f"Ignored unknown {f.label.lower()} in the link: {', '.join(unknown)}")
        lists[f.field] = tuple(dict.fromkeys(v for v in values if v in allowed))
    dates = {}
    for key in PERIOD_KEYS:
        raw = query.get(key)
        try:
            dates[key] = min(max(dt.date.fromisoformat(raw), first), last) if raw else None
        except ValueError:
            warnings.append(f"Ignored a period date in the link that is not YYYY-MM-DD: {raw}")
            dates[key] = None
    filters = Filters(dates["from"] if dates["from"] != first else None, dates["to"] if dates["to"] != last else None,
                      **lists)
    language = query.get("lang", LANGUAGES[0])
    chart = query.get(CHART_KEY) or None
    if chart and not CHART_PATTERN.fullmatch(chart):
        warnings.append(f"Ignored a chart in the link that is not a chart's name: {chart}")
        chart = None
    view = View(filters, query.get("present") == "1", query.get("anonymise") == "1",
                language if language in LANGUAGES else LANGUAGES[0], chart)
    return view, warnings


def filter_labels() -> dict[str, dict[str, str]]:
    """Every value each list filter offers, with its label: filter link key -> value -> label. A filter over a
    vocabulary (sentence type, status, gender) takes its words from the label registry."""
    from dashboard.labels import vocabulary  # the registry names regions through a View: imported once it exists
    options = load(View(), "filter_options")
    return {key: {value: (vocabulary(key) or {}).get(value, label) for value, label in zip(group["value"], group["label"])}
            for key, group in options.groupby("filter")}


VIEW_KEY = "view_of_this_run"
LOCKED_HELP = "Names are locked hidden on this server: every name shows as a pseudonym, for every viewer."


def widget_key(url_key: str) -> str:
    """The session-state key of a filter's widget (tests find widgets by it)."""
    return f"filter_{url_key}"


def draw_sidebar() -> View:
    """Draw the filters and modes and return the view they select; the router calls it once per rerun."""
    labels = filter_labels()
    bounds = load(View(), "period_bounds").iloc[0]
    first, last = bounds["first_date"].date(), bounds["last_date"].date()
    asked, warnings = from_url(st.query_params.to_dict(), labels, first, last)
    for warning in warnings:
        st.sidebar.warning(warning)

    # a widget's state, once it exists, is the viewer's latest choice; the link only seeds it
    st.session_state.setdefault("mode_present", asked.present)
    st.session_state.setdefault("mode_anonymise", asked.hide_names)
    if NAMES_LOCKED:
        st.session_state["mode_anonymise"] = True
    st.session_state.setdefault(widget_key("period"), (asked.filters.date_from or first, asked.filters.date_to or last))
    for f in LIST_FILTERS:
        st.session_state.setdefault(widget_key(f.url_key), list(getattr(asked.filters, f.field)))

    with st.sidebar:
        modes = {mode: st.toggle(label, key=f"mode_{mode}", disabled=NAMES_LOCKED and mode == "anonymise",
                                 help=LOCKED_HELP if NAMES_LOCKED and mode == "anonymise" else None)
                 for mode, label in MODE_KEYS.items()}
        st.header("Filters")
        start, end = st.slider("Period", min_value=first, max_value=last, key=widget_key("period"), format="YYYY-MM")
        chosen = {}
        for f in LIST_FILTERS:
            choices = labels.get(f.url_key, {})
            chosen[f.field] = tuple(st.multiselect(f.label, list(choices), key=widget_key(f.url_key),
                                                   format_func=lambda v, c=choices: c.get(v, v)))
        if st.button("Clear filters", key="filters_clear", width="stretch"):
            for key in (widget_key("period"), *(widget_key(f.url_key) for f in LIST_FILTERS)):
                st.session_state.pop(key, None)
            st.query_params.clear()
            st.rerun()

    view = View(Filters(start if start > first else None, end if end < last else None, **chosen),
                present=modes["present"], hide_names=modes["anonymise"], language=asked.language,
                # leaving presenter mode leaves its step: the page shows all its charts again
                chart=asked.chart if modes["present"] or not asked.present else None)
    _write_url(view)
    st.session_state[VIEW_KEY] = view
    return view


def _write_url(view: View) -> None:
    """The view into the link, keeping a page's own parameters (e.g. ?person=)."""
    own = {k: v for k, v in st.query_params.to_dict().items() if k not in VIEW_KEYS}
    wanted = {**own, **view.to_url()}
    if wanted != st.query_params.to_dict():
        st.query_params.from_dict(wanted)


def presenter_asked() -> bool:
    """Whether the link asks for presenter mode, before the sidebar is drawn (it starts collapsed then)."""
    return st.query_params.get("present") == "1"


def page_view() -> View:
    """The view the sidebar made for this rerun: a page takes it once and passes it on."""
    return st.session_state[VIEW_KEY]

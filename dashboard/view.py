"""The view of one rerun: the shared filters, the display modes and the language, as one frozen value that a page
passes to every loader and chart builder, and that a link's query string holds (so a copied link reopens it).
The sidebar below makes it from the link once per rerun; `python -m briefing` makes one from its arguments. This is
the one module that reads filters and modes from Streamlit: everything else takes the View as an argument."""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import streamlit as st

from dashboard.i18n import ENGLISH, LANGUAGES, N_, Translation, language_of_locale, translation
from dashboard.labels import NOT_STATED, article_name, label
from dashboard.loader import NAMES_LOCKED, load, warehouse_stamp
from dashboard.places import place_name


@dataclass(frozen=True)
class ListFilter:
    """One list filter: its field on Filters (also its $named SQL parameter), its key in a link, its label."""
    field: str
    url_key: str
    label: str


LIST_FILTERS = (
    ListFilter("regions", "region", N_("Region")),
    ListFilter("articles", "article", N_("Criminal Code article")),
    ListFilter("sentence_types", "sentence_type", N_("Sentence type")),
    ListFilter("affiliations", "affiliation", N_("Movement or group")),
    ListFilter("genders", "gender", N_("Gender")),
    ListFilter("statuses", "status", N_("Status (as of the source)")),
)
PERIOD_KEYS = ("from", "to")
MODE_KEYS = {"present": N_("Presenter mode"), "anonymise": N_("Hide names")}  # link key -> toggle label
LANGUAGE_KEY = "lang"
CHART_KEY = "chart"  # a link's one chart: the presenter's step, or the chart a shared link or an embed shows
CHART_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")  # a chart's key (see dashboard/charts)
VIEW_KEYS = (*(f.url_key for f in LIST_FILTERS), *PERIOD_KEYS, *MODE_KEYS, LANGUAGE_KEY, CHART_KEY)
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

    def describe(self, labels: Labels, words: Translation = translation(ENGLISH)) -> str:
        """The filters in force, in words (the labels and `words` of the reader's language), as every chart states
        them under it."""
        _ = words.gettext
        parts = []
        if self.date_from or self.date_to:
            parts.append(_("period {start} to {end}").format(start=self.date_from or "…", end=self.date_to or "…"))
        for f in LIST_FILTERS:
            if values := getattr(self, f.field):
                named = labels.get(f.url_key, {})
                parts.append(f"{_(f.label).lower()}: {', '.join(named.get(v, v) for v in values)}")
        return _("Filters: {filters}").format(filters="; ".join(parts) if parts else _("none (all records)"))


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
        url[LANGUAGE_KEY] = self.language  # always: a link opens in its sender's language, whatever the browser's
        if self.chart:
            url[CHART_KEY] = self.chart
        return url

    def with_filters(self, **changes) -> View:
        return replace(self, filters=replace(self.filters, **changes))


def from_url(query: Mapping[str, str], labels: Labels, first: dt.date, last: dt.date,
             browser_language: str = ENGLISH) -> tuple[View, list[str]]:
    """The view a link asks for, and a warning for each part of it that was ignored (an unknown value, a date
    that is not a date), in the view's language: the link's, else the browser's. Dates are held within the
    records' period; a period that spans it all is no filter."""
    language = query.get(LANGUAGE_KEY) if query.get(LANGUAGE_KEY) in LANGUAGES else browser_language
    _ = translation(language).gettext
    warnings = []
    lists = {}
    for f in LIST_FILTERS:
        values = [v for v in query.get(f.url_key, "").split(",") if v]
        allowed = labels.get(f.url_key, {})
        if unknown := [v for v in values if v not in allowed]:
            warnings.append(_("Ignored unknown {filter} in the link: {values}").format(
                filter=_(f.label).lower(), values=", ".join(unknown)))
        lists[f.field] = tuple(dict.fromkeys(v for v in values if v in allowed))
    dates = {}
    for key in PERIOD_KEYS:
        raw = query.get(key)
        try:
            dates[key] = min(max(dt.date.fromisoformat(raw), first), last) if raw else None
        except ValueError:
            warnings.append(_("Ignored a period date in the link that is not YYYY-MM-DD: {value}").format(value=raw))
            dates[key] = None
    filters = Filters(dates["from"] if dates["from"] != first else None, dates["to"] if dates["to"] != last else None,
                      **lists)
    chart = query.get(CHART_KEY) or None
    if chart and not CHART_PATTERN.fullmatch(chart):
        warnings.append(_("Ignored a chart in the link that is not a chart's name: {value}").format(value=chart))
        chart = None
    return View(filters, query.get("present") == "1", query.get("anonymise") == "1", language, chart), warnings


def filter_labels(language: str = ENGLISH) -> dict[str, dict[str, str]]:
    """Every value each list filter offers, with its label in `language`: filter link key -> value -> label. The
    warehouse offers the values; the words come from the label registry, place names and our names of the
    political articles (any other article is named by its charges' label, record text in English). Shared: read,
    never change."""
    return _filter_labels(language, warehouse_stamp())


# worded once per language and build: the sidebar and the line under every chart read them on each rerun
@functools.lru_cache(maxsize=len(LANGUAGES))
def _filter_labels(language: str, stamp: tuple) -> dict[str, dict[str, str]]:
    options = load(View(), "filter_options")
    words = translation(language)

    def article(value: str, recorded: str) -> str:
        named = article_name(int(value), language)
        return f"{value} {named}" if named else words.in_english(recorded)

    relabel = {
        "region": lambda value, _: place_name(value, language),
        "article": article,
        "sentence_type": lambda value, _: label("sentence_type", value, language),
        "affiliation": lambda value, _: label("affiliations", value, language),
        "gender": lambda value, _: words.gettext(NOT_STATED) if value == "unknown" else label("gender", value,
                                                                                             language),
        "status": lambda value, _: label("status", value, language),
    }
    return {key: {value: relabel[key](value, recorded) for value, recorded in zip(group["value"], group["label"])}
            for key, group in options.groupby("filter")}


VIEW_KEY = "view_of_this_run"
LANGUAGE_WIDGET = "view_language"
LOCKED_HELP = N_("Names are locked hidden on this server: every name shows as a pseudonym, for every viewer.")


def widget_key(url_key: str) -> str:
    """The session-state key of a filter's widget (tests find widgets by it)."""
    return f"filter_{url_key}"


def worded_key(name: str, view: View) -> str:
    """The key of a page's widget that words its options (format_func), one per language: the browser keeps the
    words a choice was first sent in, so a widget in another language is a widget of its own."""
    return f"{name}_{view.language}"


def _resend_filters() -> None:
    """The filters' choices set again when the language changes, so the browser shows them in the new words (it
    keeps the words a choice was first sent in, and would send those back)."""
    for f in LIST_FILTERS:
        if widget_key(f.url_key) in st.session_state:
            st.session_state[widget_key(f.url_key)] = list(st.session_state[widget_key(f.url_key)])


def chosen_language() -> str:
    """The language of this rerun: the viewer's latest choice in the switcher, else the link's, else the browser's
    (st.context.locale), else English. The router titles its pages in it before the sidebar is drawn."""
    asked = st.query_params.get(LANGUAGE_KEY)
    st.session_state.setdefault(LANGUAGE_WIDGET, asked if asked in LANGUAGES else language_of_locale(st.context.locale))
    return st.session_state[LANGUAGE_WIDGET]


class EndOfPage(Exception):
    """A page that has nothing more to show raises this, not st.stop(): the router still draws the sidebar after it."""


def _period_bounds() -> tuple[dt.date, dt.date]:
    bounds = load(View(), "period_bounds").iloc[0]
    return bounds["first_date"].date(), bounds["last_date"].date()


def make_view() -> View:
    """The view of this rerun, from its widgets' state (the viewer's latest choices; the link seeds them). The router
    makes it before the page runs and draws the widgets after it (draw_sidebar), so the page's charts reach the
    browser before the sidebar's widgets and the first chart redraws sooner after a filter changes."""
    query = st.query_params.to_dict()
    language = chosen_language()
    first, last = _period_bounds()
    asked, warnings = from_url({**query, LANGUAGE_KEY: language}, filter_labels(language), first, last)
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

    start, end = st.session_state[widget_key("period")]
    chosen = {f.field: tuple(st.session_state[widget_key(f.url_key)]) for f in LIST_FILTERS}
    present, hide_names = st.session_state["mode_present"], st.session_state["mode_anonymise"]
    view = View(Filters(start if start > first else None, end if end < last else None, **chosen),
                present=present, hide_names=hide_names, language=language,
                # leaving presenter mode leaves its step: the page shows all its charts again
                chart=asked.chart if present or not asked.present else None)
    _write_url(view)
    st.session_state[VIEW_KEY] = view
    return view


def draw_sidebar(view: View) -> None:
    """The language, modes and filters whose state make_view read; the router draws them once per rerun."""
    _ = translation(view.language).gettext
    labels = filter_labels(view.language)
    first, last = _period_bounds()
    with st.sidebar:
        st.radio(_("Language"), list(LANGUAGES), format_func=LANGUAGES.get, key=LANGUAGE_WIDGET, horizontal=True,
                 on_change=_resend_filters)
        for mode, label in MODE_KEYS.items():
            st.toggle(_(label), key=f"mode_{mode}", disabled=NAMES_LOCKED and mode == "anonymise",
                      help=_(LOCKED_HELP) if NAMES_LOCKED and mode == "anonymise" else None)
        st.header(_("Filters"))
        st.slider(_("Period"), min_value=first, max_value=last, key=widget_key("period"), format="YYYY-MM")
        for f in LIST_FILTERS:
            choices = labels.get(f.url_key, {})
            st.multiselect(_(f.label), list(choices), key=widget_key(f.url_key),
                           format_func=lambda v, c=choices: c.get(v, v), placeholder=_("All"), help=None)
        st.button(_("Clear filters"), key="filters_clear", width="stretch", on_click=_clear_filters,
                  args=(view.language,))


def _clear_filters(language: str) -> None:
    """Before the rerun its click starts: the filters back to none, and the link to the language alone."""
    for key in (widget_key("period"), *(widget_key(f.url_key) for f in LIST_FILTERS)):
        st.session_state.pop(key, None)
    st.query_params.from_dict({LANGUAGE_KEY: language})


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

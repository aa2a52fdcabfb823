"""The shared sidebar filters and display modes, kept in the URL query string so a copied link
reopens the same view on any page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import streamlit as st

from dashboard.db import query

# One registry of the list filters: URL key -> (sidebar label, SQL parameter).
LIST_FILTERS = {
    "region": ("Region", "regions"),
    "article": ("Criminal Code article", "articles"),
    "sentence_type": ("Sentence type", "sentence_types"),
    "affiliation": ("Movement or group", "affiliations"),
    "gender": ("Gender", "genders"),
    "status": ("Status (as of the source)", "statuses"),
}
MODES = {"present": "Presenter mode", "anonymise": "Hide names"}
STATE_KEY = "active_filters"


@dataclass(frozen=True)
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def params(self) -> dict:
        """The $named parameters every filtered query takes."""
        values = {param: list(self.lists.get(key, ())) for key, (_, param) in LIST_FILTERS.items()}
        values["articles"] = [int(a) for a in values["articles"]]
        return {"date_from": self.date_from, "date_to": self.date_to, **values}

    def describe(self) -> str:
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"period {self.date_from or '…'} to {self.date_to or '…'}")
        for key, values in self.lists.items():
            if values:
                names = [self.labels.get(key, {}).get(v, v) for v in values]
                parts.append(f"{LIST_FILTERS[key][0].lower()}: {', '.join(names)}")
        return "Filters: " + ("; ".join(parts) if parts else "none (all records)")


@dataclass(frozen=True)
class Modes:
    present: bool = False
    anonymise: bool = False


def _url_list(key: str, allowed: dict[str, str]) -> list[str]:
    raw = st.query_params.get(key, "")
    values = [v for v in raw.split(",") if v]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        st.sidebar.warning(f"Ignored unknown {LIST_FILTERS[key][0].lower()} in the link: {', '.join(unknown)}")
    return [v for v in values if v in allowed]


def _url_date(key: str, lowest: dt.date, highest: dt.date) -> dt.date | None:
    raw = st.query_params.get(key)
    if not raw:
        return None
    try:
        return min(max(dt.date.fromisoformat(raw), lowest), highest)
    except ValueError:
        st.sidebar.warning(f"Ignored a period date in the link that is not YYYY-MM-DD: {raw}")
        return None


def filter_labels() -> dict[str, dict[str, str]]:
    """Every value each list filter offers, with its label: filter key -> value -> label."""
    return {key: dict(zip(group["value"], group["label"])) for key, group in query("filter_options").groupby("filter")}


def use(filters: Filters, modes: Modes) -> None:
    """Set the filters and modes outside the sidebar (the briefing command line)."""
    st.session_state[STATE_KEY] = (filters, modes)


def sidebar() -> tuple[Filters, Modes]:
    """Draw the filters in the sidebar, seeded from and written back to the URL."""
    labels = filter_labels()
    bounds = query("period_bounds").iloc[0]
    first, last = bounds["first_date"].date(), bounds["last_date"].date()

    for mode in MODES:
        st.session_state.setdefault(f"mode_{mode}", st.query_params.get(mode) == "1")
    st.session_state.setdefault("filter_period", (_url_date("from", first, last) or first,
                                                  _url_date("to", first, last) or last))
    for key in LIST_FILTERS:
        st.session_state.setdefault(f"filter_{key}", _url_list(key, labels.get(key, {})))

    with st.sidebar:
        modes = Modes(**{m: st.toggle(label, key=f"mode_{m}") for m, label in MODES.items()})
        st.header("Filters")
        start, end = st.slider("Period", min_value=first, max_value=last, key="filter_period", format="YYYY-MM")
        chosen = {}
        for key, (label, _) in LIST_FILTERS.items():
            choices = labels.get(key, {})
            chosen[key] = tuple(st.multiselect(label, list(choices), key=f"filter_{key}",
                                               format_func=lambda v, c=choices: c.get(v, v)))
        if st.button("Clear filters", key="filters_clear", width="stretch"):
            for key in LIST_FILTERS:
                st.session_state.pop(f"filter_{key}", None)
            st.session_state.pop("filter_period", None)
            st.query_params.clear()
            st.rerun()

    filters = Filters(start if start > first else None, end if end < last else None, chosen, labels)
    _write_url(filters, modes)
    use(filters, modes)
    return filters, modes


def _write_url(filters: Filters, modes: Modes) -> None:
    wanted = {key: ",".join(values) for key, values in filters.lists.items() if values}
    if filters.date_from:
        wanted["from"] = filters.date_from.isoformat()
    if filters.date_to:
        wanted["to"] = filters.date_to.isoformat()
    wanted.update({m: "1" for m in MODES if getattr(modes, m)})
    keep = {k: v for k, v in st.query_params.to_dict().items() if k not in (*LIST_FILTERS, *MODES, "from", "to")}
    if {**keep, **wanted} != st.query_params.to_dict():
        st.query_params.from_dict({**keep, **wanted})


def current() -> tuple[Filters, Modes]:
    """The filters and modes the router drew for this run."""
    return st.session_state.get(STATE_KEY, (Filters(), Modes()))

"""The shared sidebar: the filters and display modes, seeded from the link's query string and written back to it,
made into the View of this rerun. The one module that reads them from Streamlit; pages take the View it made."""
from __future__ import annotations

import streamlit as st

from dashboard.loader import filter_labels, load
from dashboard.view import LIST_FILTERS, MODE_KEYS, VIEW_KEYS, Filters, View, from_url

VIEW_KEY = "view_of_this_run"


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
    st.session_state.setdefault(widget_key("period"), (asked.filters.date_from or first, asked.filters.date_to or last))
    for f in LIST_FILTERS:
        st.session_state.setdefault(widget_key(f.url_key), list(getattr(asked.filters, f.field)))

    with st.sidebar:
        modes = {mode: st.toggle(label, key=f"mode_{mode}") for mode, label in MODE_KEYS.items()}
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
                present=modes["present"], hide_names=modes["anonymise"], language=asked.language)
    _write_url(view)
    st.session_state[VIEW_KEY] = view
    return view


def _write_url(view: View) -> None:
    """The view into the link, keeping a page's own parameters (e.g. ?person=)."""
    own = {k: v for k, v in st.query_params.to_dict().items() if k not in VIEW_KEYS}
    wanted = {**own, **view.to_url()}
    if wanted != st.query_params.to_dict():
        st.query_params.from_dict(wanted)


def page_view() -> View:
    """The view the sidebar made for this rerun: a page takes it once and passes it on."""
    return st.session_state[VIEW_KEY]

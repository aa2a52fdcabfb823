"""Links inside the app that carry the shared filters and modes, so the view they open is the same one
(a profile opened from a hide-names table stays in hide-names mode)."""
from __future__ import annotations

from urllib.parse import quote, urlencode

import streamlit as st

from dashboard.filters import LIST_FILTERS, MODES

SHARED_KEYS = (*LIST_FILTERS, *MODES, "from", "to")


def shared_params() -> dict[str, str]:
    """The filter and mode parameters of the current URL, without any page's own ones."""
    return {k: v for k, v in st.query_params.to_dict().items() if k in SHARED_KEYS}


def app_link(url_path: str, **params: str) -> str:
    """A relative link to a page of this app, e.g. /people?person=...&anonymise=1."""
    return f"/{url_path}?" + urlencode({**params, **shared_params()}, quote_via=quote)


def profile_links(person_ids) -> list[str]:
    """app_link("people", person=...) for each person, with the URL read and encoded once for a table of a
    thousand rows."""
    shared = urlencode(shared_params(), quote_via=quote)
    return [f"/people?person={quote(person_id, safe='')}" + (f"&{shared}" if shared else "") for person_id in person_ids]

"""What pages call to get data: the query layer plus the active filters and hide-names mode."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.db import query, warehouse_stamp
from dashboard.filters import current
from dashboard.privacy import NameScrubber, hide_names


@st.cache_resource(max_entries=2, show_spinner=False)
def _scrubber(stamp: tuple) -> NameScrubber:
    return NameScrubber(query("person_names"))


def load(name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql; names are replaced by pseudonyms when hide-names is on."""
    frame = query(name, **params)
    if current()[1].anonymise:
        frame = hide_names(frame, _scrubber(warehouse_stamp()))
    return frame


def load_filtered(name: str, **extra) -> pd.DataFrame:
    """Run a query that takes the shared filters as $named parameters."""
    return load(name, **current()[0].params(), **extra)

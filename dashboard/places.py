"""Names of regions and cities in the reader's language, from our reference table data/reference/place_names.csv
(official Russian and Kazakh names; Astana was called Nur-Sultan from 2019 to 2022, and the records keep the name
a fact was recorded under). The records and the warehouse hold English names; a place the table does not know is
shown as recorded."""
from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

PLACE_NAMES = Path(__file__).resolve().parent.parent / "data" / "reference" / "place_names.csv"
# Query columns that hold a place's English name; events_by_city joins several regions with "; ".
PLACE_COLUMNS = ("region_name", "region", "city")
JOINED = "; "


@functools.cache
def place_table() -> pd.DataFrame:
    return pd.read_csv(PLACE_NAMES, dtype=str, keep_default_na=False, encoding="utf-8")


@functools.cache
def names_in(language: str) -> dict[str, str]:
    """Region code or English name -> the name in `language`."""
    table = place_table()
    return {**dict(zip(table["en"], table[language])), **dict(zip(table["place"], table[language]))}


def place_name(place: str, language: str) -> str:
    """A region code or a place's English name in `language`; as given when the table does not know it."""
    return names_in(language).get(place, place)


@functools.cache
def short_names(language: str) -> dict[str, str]:
    """Region code -> the short name a map writes on the region."""
    regions = place_table()[place_table()["kind"] == "region"]
    return dict(zip(regions["place"], regions[f"short_{language}"]))


def rename_places(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """The frame with the names in its place columns in `language` (in place: the loader's own copy)."""
    names = names_in(language)
    for column in PLACE_COLUMNS:
        if column in frame and pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(
                lambda v: JOINED.join(names.get(p, p) for p in v.split(JOINED)) if isinstance(v, str) else v)
    return frame

"""The briefing pack a user collects in their session: each item is a chart (or a table) frozen as it was shown,
with its filters, numbers and sources, so the export says exactly what the screen said."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.i18n import ENGLISH, translation
from dashboard.loader import load
from dashboard.view import View

ITEMS_KEY = "briefing_items"


@dataclass(frozen=True)
class Item:
    page: str
    key: str
    title: str
    filters: str
    table: pd.DataFrame = field(compare=False)
    sources: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    figure_json: str | None = None  # None: a table-only item (e.g. what changed since a date)
    anonymised: bool = False
    build_id: str = ""
    language: str = ENGLISH  # the language the item was shown in: its title, filters and table are in it

    @property
    def citation(self) -> str:
        return cite_line(self.sources, self.sections, self.language)


def cite_line(sources, sections, language: str = ENGLISH) -> str:
    """The source line under every chart, in the dashboard and in its exports."""
    _ = translation(language).gettext
    return _("Source: {sources}; report sections {sections}.").format(
        sources="; ".join(sources) or _("the curated records"), sections=", ".join(sections) or "—")


def make_item(view: View, page: str, key: str, title: str, filters: str, table: pd.DataFrame, sources, sections,
              figure: go.Figure | None) -> Item:
    """A chart (or, without a figure, a table) as it is shown now in this view."""
    return Item(page, key, title, filters, table.reset_index(drop=True), tuple(sources), tuple(sections),
                figure.to_json() if figure is not None else None, view.hide_names,
                str(load(view, "build_info").iloc[0]["build_id"]), view.language)


def items() -> list[Item]:
    return st.session_state.setdefault(ITEMS_KEY, [])


def add(*new: Item, language: str = ENGLISH) -> None:
    """Add items; the same chart under the same filters and mode replaces its earlier copy instead of doubling it.
    The note saying so is in the reader's `language`."""
    collected = items()
    for item in new:
        same = [i for i, old in enumerate(collected) if (old.key, old.filters, old.anonymised) ==
                (item.key, item.filters, item.anonymised)]
        if same:
            collected[same[0]] = item
        else:
            collected.append(item)
    st.toast(translation(language).ngettext("Added to the briefing ({n} item).", "Added to the briefing ({n} items).",
                                            len(collected)).format(n=len(collected)))


def move(index: int, step: int) -> None:
    collected = items()
    target = index + step
    if 0 <= target < len(collected):
        collected[index], collected[target] = collected[target], collected[index]


def remove(index: int) -> None:
    del items()[index]

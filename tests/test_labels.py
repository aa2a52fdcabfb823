"""Words, not codes: every vocabulary value and every column a reader sees has a label from the one registry, the
template explains values with the same labels, downloads keep the stored names and carry a labels sheet, and no
page shows a machine name (a word with an underscore, None/NaN/NaT, a figure's or theme's slug)."""
from __future__ import annotations

import io
import json
import re

import duckdb
import numpy as np
import openpyxl
import pandas as pd
import pytest

from dashboard import labels
from dashboard.charts.show import numbers, uncited
from dashboard.export import LABELS_SHEET, to_xlsx
from dashboard.view import View
from etl.schema import TABLES
from etl.template import write_template
from tests.support import PAGES, busiest_person, every_chart, run_page

MACHINE_WORDS = re.compile(r"\w*_\w*|\bNone\b|\bNaN\b|\bnan\b|\bNaT\b")
PLACEHOLDER = re.compile(r"%\{[^}]*\}")
# The Data page's dictionary of table and column names, for analysts: the one place machine names belong.
DEFINITIONS = [["table", "one row per", "key"], ["table", "column", "type", "meaning", "required", "allowed values"]]


@pytest.mark.unit
def test_every_allowed_value_of_every_vocabulary_has_a_label():
    for table, spec in TABLES.items():
        for column in spec["columns"]:
            missing = [v for v in column.allowed if not column.labels.get(v)]
            assert missing == [], f"{table}.{column.name}: no label for {missing}"
            for value, words in column.labels.items():
                assert labels.label(column.name, value) == words
                assert not MACHINE_WORDS.search(words), (table, column.name, words)


@pytest.mark.unit
def test_event_types_fall_into_at_most_eight_labelled_groups_each_with_a_colour():
    from dashboard.charts.overview import GROUP_COLOURS
    from dashboard.charts.style import PALETTE
    from etl.schema import EVENT_GROUPS, EVENT_TYPE_GROUPS, EVENT_TYPES

    assert set(EVENT_TYPE_GROUPS) == set(EVENT_TYPES), "every event type is in a group"
    assert set(EVENT_TYPE_GROUPS.values()) == set(EVENT_GROUPS) and len(EVENT_GROUPS) <= 8
    assert all(labels.label("event_group", g) == words and not MACHINE_WORDS.search(words)
               for g, words in EVENT_GROUPS.items())
    assert len(set(PALETTE)) >= 8 and len(set(GROUP_COLOURS.values())) == len(EVENT_GROUPS)


@pytest.mark.unit
def test_every_event_type_outcome_stage_and_sentence_type_has_its_words_in_a_profile():
    from etl.schema import CHARGE_OUTCOMES, EVENT_TYPES, SENTENCE_STAGES, SENTENCE_TYPES

    for vocabulary, values in (("event_verb", EVENT_TYPES), ("sentence_opening", SENTENCE_STAGES),
                               ("decision_opening", SENTENCE_STAGES), ("charges_with_outcome", CHARGE_OUTCOMES)):
        assert set(labels.VOCABULARIES[vocabulary]) == set(values), vocabulary
    typed = set(SENTENCE_TYPES) - {"other"}  # a decision of no type has no words of its own
    assert set(labels.VOCABULARIES["sentence_with_term"]) == set(labels.VOCABULARIES["sentence_without_term"]) == typed
    assert all("{term}" in words for words in labels.VOCABULARIES["sentence_with_term"].values())


@pytest.mark.unit
def test_template_explains_values_with_the_dashboards_labels(tmp_path):
    write_template(tmp_path / "cases.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "cases.xlsx")["columns"]
    heading, *rows = sheet.iter_rows(values_only=True)
    assert heading[-1] == "shown in the dashboard as"
    shown = {(r[0], r[1]): r[-1] for r in rows}
    assert "restriction_of_liberty: Restriction of liberty" in shown[("sentences", "sentence_type")]
    for table, spec in TABLES.items():
        for column in spec["columns"]:
            for value in column.labels:
                assert f"{value}: {labels.label(column.name, value)}" in shown[(table, column.name)]


@pytest.mark.unit
def test_readable_table_has_headers_words_and_no_missing_markers():
    frame = pd.DataFrame({"sentence_type": ["restriction_of_liberty", None], "term_months": [18.0, np.nan],
                          "as_of": pd.to_datetime(["2021-09-01", None]), "roles": [["human_rights_defender"], []],
                          "n_people": [1, 2]})
    shown = labels.readable_table(frame)
    assert list(shown.columns) == ["Sentence type", "Term (months)", "As of", "Roles", "People"]
    assert shown["Sentence type"].tolist() == ["Restriction of liberty", "not stated"]
    assert shown["Term (months)"].tolist() == ["18", ""] and shown["As of"].tolist() == ["2021-09-01", "not stated"]
    assert shown["Roles"].iloc[0] == ["Human-rights defender"] and shown["People"].tolist() == [1, 2]


@pytest.mark.unit
def test_xlsx_download_keeps_stored_names_and_carries_a_labels_sheet():
    frame = pd.DataFrame({"event_type": ["mass_detention"], "n_people": [200], "count_qualifier": ["more_than"]})
    sheets = pd.read_excel(io.BytesIO(to_xlsx(frame)), sheet_name=None)
    assert list(sheets) == ["data", LABELS_SHEET]
    assert sheets["data"].columns.tolist() == ["event_type", "n_people", "count_qualifier"]
    assert sheets["data"]["event_type"].tolist() == ["mass_detention"]
    named = sheets[LABELS_SHEET].fillna("")
    assert {("n_people", "People"), ("event_type", "Event type")} <= set(zip(named["column"], named["header"]))
    values = dict(zip(zip(named["column"], named["value"]), named["label"]))
    assert values[("event_type", "mass_detention")] == "Mass detention"
    assert values[("count_qualifier", "more_than")] == "More than"


@pytest.mark.sql
def test_every_table_tab_column_has_a_header_and_no_machine_names(monkeypatch, real_warehouse):
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(real_warehouse))
    view = View()
    charts = every_chart(view, busiest_person(real_warehouse))
    assert len(charts) >= 15
    slugs = warehouse_slugs(real_warehouse)
    for drawn in charts:
        assert [c for c in uncited(drawn.table).columns if c not in labels.HEADERS] == [], drawn.key
        assert machine_names(table_text(numbers(drawn.table)), slugs) == [], drawn.key
        assert machine_names(figure_text(drawn.figure.to_plotly_json()), slugs) == [], drawn.key


def warehouse_slugs(warehouse) -> dict[str, re.Pattern]:
    """Each figure's metric, each EP theme and each vocabulary value of the records registry, as a pattern matching
    it with or without its underscores: as a whole text in any case when it is one or two words, which ordinary
    prose may contain, else anywhere, its first letter in any case (as a slug or a capitalised slug shows; record
    prose may name a theme in its own capitals). A code whose words are its own label ('restriction_of_liberty',
    'Restriction of liberty') reads the same either way and is left out, and so is a one-word code ('day')."""
    con = duckdb.connect(str(warehouse / "repression.duckdb"), read_only=True)
    try:
        codes = {c for (c,) in con.execute("SELECT metric FROM figures UNION SELECT theme FROM ep_recommendations").fetchall()}
    finally:
        con.close()
    codes |= {value for spec in TABLES.values() for column in spec["columns"] for value in column.labels}
    named: dict[str, set[str]] = {}  # a code -> its labels, in every vocabulary that has it
    for words in (*labels.VOCABULARIES.values(), labels.METRICS):
        for value, word in words.items():
            named.setdefault(value, set()).add(word.lower())
    patterns = {}
    for code in codes:
        spaced = code.replace("_", " ")
        if "_" not in code or spaced.lower() in named.get(code, set()):
            continue
        first, rest = re.escape(spaced[0]), re.escape(spaced[1:])
        patterns[code] = re.compile(rf"\b(?i:{first}){rest}\b" if code.count("_") >= 2 else rf"(?i)^\s*{first}{rest}\s*$")
    return patterns


def machine_names(texts, slugs: dict[str, re.Pattern]) -> list[str]:
    found = []
    for text in texts:
        text = str(text)
        found += [f"{m!r} in {text[:80]!r}" for m in MACHINE_WORDS.findall(text)]
        found += [f"{code} in {text[:80]!r}" for code, pattern in slugs.items() if pattern.search(text)]
    return found


def strings(value):
    """Every string inside a value (lists, arrays, dicts)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, (list, tuple, np.ndarray)):
        for item in value:
            yield from strings(item)


def table_text(frame: pd.DataFrame, config: dict | None = None) -> list[str]:
    """A table's headers (as a column's configured label shows it) and every cell, as the grid shows them."""
    config = config or {}
    headers = [str(config.get(str(c), {}).get("label") or c) for c in frame.columns]
    cells = [v if isinstance(v, str) else str(v) for column in frame.columns for value in frame[column]
             for v in (strings(value) if isinstance(value, (list, tuple, np.ndarray)) else [value])
             if not isinstance(v, (bool, np.bool_))]
    return headers + cells


def figure_text(spec: dict) -> list[str]:
    """The visible strings of a plotly figure: title, axis titles, tick and category values, trace names, hover
    text (placeholders removed) and its data, and annotations."""
    layout = spec.get("layout", {})
    texts = [layout.get("title", {}).get("text", "")]
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")):
            texts += [axis.get("title", {}).get("text", ""), *strings(axis.get("ticktext", [])),
                      *strings(axis.get("categoryarray", []))]
    texts += [a.get("text", "") for a in layout.get("annotations", [])]
    for trace in spec.get("data", []):
        texts += [trace.get("name") or "", PLACEHOLDER.sub("", trace.get("hovertemplate") or "")]
        for key in ("x", "y", "text", "customdata", "hovertext"):
            texts += list(strings(trace.get(key, [])))
    return texts


def page_text(app, definitions=DEFINITIONS) -> list[str]:
    """Everything a reader sees on a page run by AppTest, less the Data page's dictionary of names (its tables'
    headers are `definitions`, in the page's language)."""
    texts = []
    for kind in ("title", "header", "subheader", "text", "caption", "markdown", "info", "warning", "error"):
        texts += [element.value for element in getattr(app, kind)]
    for metric in app.metric:
        texts += [metric.label, str(metric.value)]
    for frame in app.dataframe:
        if [str(c) for c in frame.value.columns] in definitions:
            continue
        texts += table_text(frame.value, json.loads(frame.proto.columns or "{}"))
    for element in app.get("plotly_chart"):
        texts += figure_text(json.loads(element.proto.spec))
    return texts


def opened_tables(app, table: str = "Table"):
    """The page again with every chart's Table tab open (`table`: the tab's label in the page's language)."""
    keys = [k for k in app.session_state._state._state.filtered_state if k.endswith("_tabs")]
    for key in keys:
        app.session_state[key] = table
    app = app.run() if keys else app
    assert len(app.dataframe) >= len(keys), "every Table tab is open"
    return app


@pytest.mark.app
@pytest.mark.parametrize("params", [{}, {"present": "1", "anonymise": "1"}], ids=["default", "present-anonymise"])
@pytest.mark.parametrize("page", [*PAGES, "profile"])
def test_no_page_shows_a_machine_name(monkeypatch, real_warehouse, page, params):
    slugs = warehouse_slugs(real_warehouse)
    if page == "profile":
        app = run_page(monkeypatch, real_warehouse, "people", {**params, "person": busiest_person(real_warehouse)})
    else:
        app = run_page(monkeypatch, real_warehouse, page, params)
    if page == "briefing":
        app.button(key="briefing_standard").click().run()
    app = opened_tables(app)
    assert not app.exception, app.exception
    texts = page_text(app)
    assert len(texts) > 5
    found = machine_names(texts, slugs)
    assert found == [], "\n".join(found)

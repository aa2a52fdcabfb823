"""Words, not codes: the one place where a stored value or a column name becomes what a reader sees.

Vocabulary labels sit beside their allowed values in the records registry (etl/schema.py), which the template's
explanations read too; column headers, metric labels and region names are here. Every label on a page, a chart, a
Table tab, a briefing or a download's labels sheet is looked up through `label()`, `metric_label()` or `header()`,
so a translation wraps these three functions and nothing else. Downloads keep the stored names and values.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from dashboard.changes import KINDS as CHANGE_KINDS
from dashboard.loader import load
from dashboard.view import View
from etl.schema import EVENT_GROUPS, TABLES

NOT_STATED = "not stated"


def _vocabularies() -> dict[str, dict[str, str]]:
    """Column name -> value -> label, from the registry: a column name holds one vocabulary in every table
    (persons' and EP paragraphs' statuses share only 'unknown', labelled alike)."""
    merged: dict[str, dict[str, str]] = {}
    for spec in TABLES.values():
        for column in spec["columns"]:
            if column.labels:
                merged.setdefault(column.name, {}).update(column.labels)
    return merged


# the detentions chart's bars: a month, or a year when only the year is known
VOCABULARIES = {**_vocabularies(), "period": {"month": "Month", "year": "Year only"}, "event_group": EVENT_GROUPS,
                "change": {kind: kind.capitalize() for kind in CHANGE_KINDS}}
# The records tables, as the Data page offers them for download.
VOCABULARIES["table"] = {
    "persons": "People", "charges": "Charges", "sentences": "Sentences", "events": "Events",
    "figures": "Stated figures", "figure_members": "People named for stated figures",
    "ep_recommendations": "EP resolution paragraphs", "sources": "Sources", "regions": "Regions",
    "person_statuses": "Later statements of a person's status",
}
# A profile's summary in words (dashboard/profile.py): what an event did to the person, charges of each outcome (what
# they are brought under: {}), how a sentence of each stage opens its clause (a decision of type "other" another way),
# and a sentence of each type with its term ({term}) or without one.
VOCABULARIES["event_verb"] = {
    "detention": "detained", "mass_detention": "detained at a rally", "search": "searched",
    "house_arrest": "placed under house arrest", "pre_trial_detention": "held in pre-trial detention",
    "charge": "charged", "trial": "tried", "sentence": "sentenced", "release": "released",
    "parole_denied": "denied parole", "ill_treatment": "ill-treated", "hunger_strike": "went on hunger strike",
    "psychiatric_commitment": "committed to a psychiatric hospital", "death": "died",
    "movement_ban": "saw a movement banned", "resolution": "named in a resolution", "rally": "took part in a protest",
    "other": "had another recorded event",
}
VOCABULARIES["charges_with_outcome"] = {"convicted": "Convicted {}", "pending": "Charged {}; the case is pending",
                                        "dropped": "Charged {}; the charges were dropped",
                                        "acquitted": "Charged {}; acquitted", "unknown": "Charged {}"}
VOCABULARIES["sentence_opening"] = {"first_instance": "Sentenced", "appeal": "On appeal, sentenced",
                                    "conversion": "Sentence converted", "parole": "Granted parole",
                                    "other": "Later sentenced"}
VOCABULARIES["decision_opening"] = {"first_instance": "Another penalty", "appeal": "Appeal decision",
                                    "conversion": "Sentence converted", "parole": "Granted parole",
                                    "other": "Further court decision"}  # a sentence of type "other"
VOCABULARIES["sentence_with_term"] = {
    "imprisonment": "to {term} in prison", "restriction_of_liberty": "to {term} of restriction of liberty",
    "suspended": "to a suspended prison term of {term}", "fine": "to a fine of {term}",
    "administrative_arrest": "to {term} of administrative arrest",
    "compulsory_psychiatric_treatment": "to compulsory psychiatric treatment for {term}",
}
VOCABULARIES["sentence_without_term"] = {
    "imprisonment": "to prison", "restriction_of_liberty": "to restriction of liberty",
    "suspended": "to a suspended prison term", "fine": "to a fine", "administrative_arrest": "to administrative arrest",
    "compulsory_psychiatric_treatment": "to compulsory psychiatric treatment",
}
# Query columns that hold a vocabulary under another name.
SAME_VOCABULARY = {"changed_by": "stage", "as_of_precision": "date_precision"}

# Short names of the stated figures the charts draw; any other figure is named by its own description.
METRICS = {
    "political_prisoners": "Political prisoners",
    "political_prisoners_convicted": "Political prisoners serving prison sentences",
    "political_prisoners_pre_trial": "Political prisoners in pre-trial detention",
    "political_prisoners_psychiatric": "Political prisoners in psychiatric hospitals",
    "prosecuted_extremist_charges": "People prosecuted on extremism charges",
    "china_refugees_prosecuted_border_crossing": "Refugees from China prosecuted for crossing the border",
    "ep_para3_political_prisoners_listed": "Political prisoners listed in the EP resolution (¶ 3)",
    "ep_para3_political_prisoners_released": "EP-listed political prisoners released",
    "ep_para3_released_sentenced_restriction_of_liberty": "EP-listed prisoners released to restriction of liberty",
    "financing_case_individuals": "People linked to the financing-extremism case",
    "opposition_activists_killed_2020": "Opposition activists killed in 2020",
    "pegasus_french_nationals_targeted": "French nationals put under surveillance",
    "restriction_of_liberty_sentences_2021": "Restriction-of-liberty sentences in 2021",
}

HEADERS = {
    # people and their records
    "name": "Name", "aliases": "Other spellings", "gender": "Gender", "region": "Region", "region_iso": "Region",
    "region_name": "Region", "name_en": "Region", "city": "City", "roles": "Roles",
    "affiliations": "Movements and groups", "status": "Status", "status_as_of": "Status as of",
    "is_political_prisoner": "Political prisoner", "prisoner_group": "Prisoner group", "notes": "Notes",
    "profile": "Profile", "person_id": "Person (id)", "charge_id": "Charge (id)", "sentence_id": "Sentence (id)",
    "event_id": "Event (id)",
    # charges and articles
    "code": "Code", "article": "Article", "part": "Part", "label": "Offence", "charge_date": "Charge date",
    "outcome": "Outcome", "is_political": "Political article", "first_article": "First article",
    "second_article": "Second article",
    # sentences
    "sentence_type": "Sentence type", "stage": "Stage", "sentence_date": "Sentence date", "term_months": "Term (months)",
    "term_days": "Term (days)", "activity_ban_years": "Activity ban (years)", "fine_amount": "Fine",
    "fine_currency": "Currency", "court": "Court", "restriction_date": "Restriction of liberty from",
    "restriction_months": "Restriction of liberty (months)", "prison_date": "Prison from",
    "prison_months": "Prison (months)", "changed_by": "Changed by",
    # events and dates
    "event_type": "Event type", "event_group": "Kind of event", "event": "Event", "event_date": "Date", "date": "Date", "date_label": "Date",
    "date_precision": "Date known to", "count_qualifier": "Count", "description": "Description", "year": "Year",
    "period": "Period", "period_start": "Period from", "is_lower_bound": "At least (lower bound)",
    # counts
    "n_people": "People", "n_events": "Events", "n_sentences": "Sentences", "n_charges": "Charges",
    "n_people_article": "People charged under the article", "n_people_type": "People with a sentence of this type",
    "n_no_place": "Of them, with no place at all", "n_paragraphs": "Paragraphs", "n_persons": "People", "n_rows": "Rows",
    "n_political_prisoners": "Political prisoners named", "n_imprisoned": "Imprisoned (latest status)",
    "political_prisoners_stated": "Political prisoners (latest stated figure)", "n_figures": "Stated figures",
    "n_sources": "Sources",
    # stated figures
    "metric": "Figure", "value": "Value", "stated_value": "Stated", "named_count": "People named",
    "qualifier": "Stated as", "names_note": "Why the names differ", "unit": "Unit", "as_of": "As of", "as_of_precision": "As of, known to",
    "comparison": "Comparison",
    # EP resolution
    "paragraph": "Paragraph", "theme": "Theme", "summary": "What it asks", "evidence": "Evidence since",
    # sources and changes
    "source_id": "Source", "source_ids": "Sources", "source_section": "Sections", "sections": "Sections",
    "sections_cited": "Sections", "title": "Source", "publisher": "Publisher", "published": "Published",
    "url": "Web address", "change": "Change", "fact_date": "Date",
    # regions
    "lat": "Latitude (°)", "lon": "Longitude (°)",
}


def header(column: str) -> str:
    """A column's name as a table header: n_people -> 'People', term_months -> 'Term (months)'."""
    return HEADERS.get(column) or column.replace("_", " ").capitalize()


def vocabulary(column: str) -> dict[str, str] | None:
    """The value -> label map of a column that holds a vocabulary, else None."""
    return VOCABULARIES.get(SAME_VOCABULARY.get(column, column))


def label(kind: str, value) -> str:
    """A stored value as words, `kind` being the column (or vocabulary) it comes from: label('stage',
    'first_instance') -> 'First instance'; a region code -> its name; a value of no vocabulary, as text."""
    return labeller(kind)(value)


def labeller(kind: str):
    """label() for one kind, its words looked up once: a table labels a column of a thousand rows with it."""
    if kind == "metric":
        return metric_label
    words = region_names() if kind == "region_iso" else vocabulary(kind)
    if words is None:
        return str
    if kind == "region_iso":
        return lambda value: words.get(value, str(value))
    return lambda value: words.get(value) or str(value).replace("_", " ").capitalize()


def metric_label(metric: str, description: str | None = None) -> str:
    """A stated figure's name: its short label, else the first clause of its own description."""
    if metric in METRICS:
        return METRICS[metric]
    if isinstance(description, str) and description.strip():
        return description.split(";")[0].strip().rstrip(".")
    return metric.replace("_", " ").capitalize()


def stated(value: float, qualifier: str | None) -> str:
    """A stated number with its qualifier, as the source words it: 'more than 8,500', '22', 'up to 17'."""
    words = "" if qualifier in (None, "exact") else label("qualifier", qualifier).lower() + " "
    return f"{words}{int(value):,}" if float(value).is_integer() else f"{words}{value:,}"


def region_names() -> dict[str, str]:
    """Region code -> English name, from the warehouse's regions table."""
    regions = load(View(), "export_regions")
    return dict(zip(regions["region_iso"], regions["name_en"]))


def _missing(value) -> bool:
    return not isinstance(value, (list, tuple, np.ndarray)) and bool(pd.isna(value))


def _cell(value):
    """A value of a column of mixed or missing values as table text."""
    if _missing(value):
        return NOT_STATED
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (dt.date, pd.Timestamp)):
        return f"{value:%Y-%m-%d}"
    return value


def _values(frame: pd.DataFrame, column: str) -> pd.Series:
    """One column of a table in words: vocabularies labelled (lists item by item), figures named, dates as
    YYYY-MM-DD; a missing value is blank among numbers, 'not stated' elsewhere."""
    values = frame[column]
    if column == "metric":
        described = frame["description"] if "description" in frame else pd.Series(None, index=frame.index)
        return pd.Series([metric_label(m, d) for m, d in zip(values, described)], index=frame.index, dtype=object)
    if column == "source_section":  # "3;9" as stored
        return values.map(lambda v: NOT_STATED if _missing(v) else str(v).replace(";", ", ")).astype(object)
    if column == "region_iso" or vocabulary(column) is not None:
        words = labeller(column)
        return values.map(lambda v: NOT_STATED if _missing(v) else [words(i) for i in v]
                          if isinstance(v, (list, tuple, np.ndarray)) else words(v)).astype(object)
    missing = values.map(_missing)
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        return values.map(lambda v: "" if _missing(v) else f"{v:,g}").astype(object) if missing.any() else values
    if pd.api.types.is_bool_dtype(values.dtype) and not missing.any():
        return values
    return values.map(_cell).astype(object)


def readable_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as a reader sees it: human headers (with units), values in words, no None, NaN or NaT."""
    return pd.DataFrame({header(column): _values(frame, column) for column in frame.columns}, index=frame.index)


def labels_sheet(frame: pd.DataFrame) -> pd.DataFrame:
    """What a download's stored names mean: each column with its header, then each value of its vocabulary
    (every allowed value; for figures and regions, those in the table) with its label."""
    rows = []
    for column in frame.columns:
        rows.append({"column": column, "header": header(column), "value": "", "label": ""})
        if column == "metric":
            described = frame.drop_duplicates("metric")
            known = zip(described["metric"], _values(described, "metric"))
        elif column == "region_iso":
            known = ((code, label(column, code)) for code in sorted(frame[column].dropna().unique()))
        else:
            known = (vocabulary(column) or {}).items()
        rows += [{"column": column, "header": header(column), "value": value, "label": words} for value, words in known]
    return pd.DataFrame(rows, columns=["column", "header", "value", "label"])

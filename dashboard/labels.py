"""Words, not codes: the one place where a stored value or a column name becomes what a reader sees, in the reader's
language.

Vocabulary labels sit beside their allowed values in the records registry (etl/schema.py), which the template's
explanations read too; column headers and metric labels are here, place names in dashboard/places.py. Every label on
a page, a chart, a Table tab, a briefing or a download's labels sheet is looked up through `label()`,
`metric_label()` or `header()`, each given the language: the registry's words are English and the catalogues'
message ids (dashboard/i18n.py). Downloads keep the stored names and values.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.i18n import ENGLISH, N_, translation
from dashboard.places import place_name
from etl.schema import EVENT_GROUPS, TABLE_NAMES, TABLES, read_registry

NOT_STATED = N_("not stated")


def _vocabularies() -> dict[str, dict[str, str]]:
    """Column name -> value -> label, from the registry: a column name holds one vocabulary in every table
    (persons' and EP paragraphs' statuses share only 'unknown', labelled alike)."""
    merged: dict[str, dict[str, str]] = {}
    for spec in TABLES.values():
        for column in spec["columns"]:
            if column.labels:
                merged.setdefault(column.name, {}).update(column.labels)
    return merged


# period: the detentions chart's bars (a month, or a year when only the year is known), and the Articles page's
# charges before and after the EP resolution
VOCABULARIES = {**_vocabularies(),
                "period": {"month": N_("Month"), "year": N_("Year only"),
                           "before the resolution": N_("Before the resolution"),
                           "after the resolution": N_("After the resolution"), "date not given": N_("Date not given")},
                "event_group": EVENT_GROUPS,  # the Overview timeline's groups of event types
                "table": TABLE_NAMES,
                # a stated figure beside the people named for it (queries/figure_comparisons.sql)
                "comparison": {
                    "No names given for this figure": N_("No names given for this figure"), "Same": N_("Same"),
                    "Names reach the stated minimum": N_("Names reach the stated minimum"),
                    "Fewer names than the stated minimum: the rest are not named":
                        N_("Fewer names than the stated minimum: the rest are not named"),
                    "The source names more people than it states": N_("The source names more people than it states"),
                    "The source names fewer people than it states": N_("The source names fewer people than it states")},
                # what changed (queries/changes_since_*.sql; dashboard/changes.py KINDS)
                "change": {"new person": N_("New person"), "new charge": N_("New charge"),
                           "new sentence": N_("New sentence"), "new event": N_("New event"),
                           "status changed": N_("Status changed"),
                           "released": N_("Released"), "converted to prison": N_("Converted to prison"),
                           "death": N_("Death"), "corrected": N_("Corrected"), "figure moved": N_("Figure moved")}}
# The Criminal Code articles every article chart shows (the political_articles mart), named in our own words.
ARTICLE_NAMES = {174: N_("inciting social discord"), 179: N_("propaganda or public calls to seize power"),
                 258: N_("financing extremism"), 274: N_("disseminating false information"),
                 405: N_("participation in a banned extremist organisation")}
# A profile's summary in words (dashboard/profile.py): what an event did to the person, charges of each outcome (what
# they are brought under: {articles}), how a sentence of each stage opens its clause (a decision of type "other"
# another way), and a sentence of each type with its term ({term}) or without one. Each a whole phrase to translate:
# a translation words the person without a grammatical gender (Russian "задержание", not "задержан(а)").
VOCABULARIES["event_verb"] = {
    "detention": N_("detained"), "mass_detention": N_("detained at a rally"), "search": N_("searched"),
    "house_arrest": N_("placed under house arrest"), "pre_trial_detention": N_("held in pre-trial detention"),
    "charge": N_("charged"), "trial": N_("tried"), "sentence": N_("sentenced"), "release": N_("released"),
    "parole_denied": N_("denied parole"), "ill_treatment": N_("ill-treated"),
    "hunger_strike": N_("went on hunger strike"), "psychiatric_commitment": N_("committed to a psychiatric hospital"),
    "death": N_("died"), "movement_ban": N_("saw a movement banned"), "resolution": N_("named in a resolution"),
    "rally": N_("took part in a protest"), "other": N_("had another recorded event"),
}
VOCABULARIES["charges_with_outcome"] = {
    "convicted": N_("Convicted {articles}"), "pending": N_("Charged {articles}; the case is pending"),
    "dropped": N_("Charged {articles}; the charges were dropped"), "acquitted": N_("Charged {articles}; acquitted"),
    "unknown": N_("Charged {articles}")}
VOCABULARIES["sentence_opening"] = {"first_instance": N_("Sentenced"), "appeal": N_("On appeal, sentenced"),
                                    "conversion": N_("Sentence converted"), "parole": N_("Granted parole"),
                                    "other": N_("Later sentenced")}
VOCABULARIES["decision_opening"] = {"first_instance": N_("Another penalty"), "appeal": N_("Appeal decision"),
                                    "conversion": N_("Sentence converted"), "parole": N_("Granted parole"),
                                    "other": N_("Further court decision")}  # a sentence of type "other"
VOCABULARIES["sentence_with_term"] = {
    "imprisonment": N_("to {term} in prison"), "restriction_of_liberty": N_("to {term} of restriction of liberty"),
    "suspended": N_("to a suspended prison term of {term}"), "fine": N_("to a fine of {term}"),
    "administrative_arrest": N_("to {term} of administrative arrest"),
    "compulsory_psychiatric_treatment": N_("to compulsory psychiatric treatment for {term}"),
}
VOCABULARIES["sentence_without_term"] = {
    "imprisonment": N_("to prison"), "restriction_of_liberty": N_("to restriction of liberty"),
    "suspended": N_("to a suspended prison term"), "fine": N_("to a fine"),
    "administrative_arrest": N_("to administrative arrest"),
    "compulsory_psychiatric_treatment": N_("to compulsory psychiatric treatment"),
}
# Query columns that hold a vocabulary under another name.
SAME_VOCABULARY = {"changed_by": "stage", "as_of_precision": "date_precision"}

# Short names of the stated figures the charts draw; any other figure is named by its own description.
METRICS = {
    "political_prisoners": N_("Political prisoners"),
    "political_prisoners_convicted": N_("Political prisoners serving prison sentences"),
    "political_prisoners_pre_trial": N_("Political prisoners in pre-trial detention"),
    "political_prisoners_psychiatric": N_("Political prisoners in psychiatric hospitals"),
    "prosecuted_extremist_charges": N_("People prosecuted on extremism charges"),
    "china_refugees_prosecuted_border_crossing": N_("Refugees from China prosecuted for crossing the border"),
    "ep_para3_political_prisoners_listed": N_("Political prisoners listed in the EP resolution (¶ 3)"),
    "ep_para3_political_prisoners_released": N_("EP-listed political prisoners released"),
    "ep_para3_released_sentenced_restriction_of_liberty": N_("EP-listed prisoners released to restriction of liberty"),
    "financing_case_individuals": N_("People linked to the financing-extremism case"),
    "opposition_activists_killed_2020": N_("Opposition activists killed in 2020"),
    "pegasus_french_nationals_targeted": N_("French nationals put under surveillance"),
    "restriction_of_liberty_sentences_2021": N_("Restriction-of-liberty sentences in 2021"),
}

SOURCE_SHOWN = ("title", "publisher", "published", "url", "notes")  # a source as a reader's table: all but its id

# Column name -> its header in a reader's table (n_people -> "People"), from dashboard/headers.csv: a table of words
# easier to review as a table, extracted for translation like the code's (etl.schema.extract_messages, babel.cfg).
HEADERS = {row["column"]: row["header"] for row in read_registry(Path(__file__).with_name("headers.csv"))}


def header(column: str, language: str = ENGLISH) -> str:
    """A column's name as a table header: n_people -> 'People', term_months -> 'Term (months)'."""
    words = HEADERS.get(column)
    return translation(language).gettext(words) if words else column.replace("_", " ").capitalize()


def vocabulary(column: str) -> dict[str, str] | None:
    """The value -> label map of a column that holds a vocabulary, else None."""
    return VOCABULARIES.get(SAME_VOCABULARY.get(column, column))


def label(kind: str, value, language: str = ENGLISH) -> str:
    """A stored value as words, `kind` being the column (or vocabulary) it comes from: label('stage',
    'first_instance') -> 'First instance'; a region code -> its name; a value of no vocabulary, as text."""
    return labeller(kind, language)(value)


def labeller(kind: str, language: str = ENGLISH):
    """label() for one kind, its words looked up once: a table labels a column of a thousand rows with it."""
    if kind == "metric":
        return lambda metric: metric_label(metric, None, language)
    if kind == "region_iso":
        return lambda value: place_name(str(value), language)
    words = vocabulary(kind)
    if words is None:
        return str
    gettext = translation(language).gettext
    return lambda value: gettext(words[value]) if words.get(value) else str(value).replace("_", " ").capitalize()


def metric_label(metric: str, description: str | None = None, language: str = ENGLISH) -> str:
    """A stated figure's name: its short label, else the first clause of its own description (record text, as
    the loader gives it: in the reader's language where translated)."""
    if metric in METRICS:
        return translation(language).gettext(METRICS[metric])
    if isinstance(description, str) and description.strip():
        return description.split(";")[0].strip().rstrip(".")
    return metric.replace("_", " ").capitalize()


def stated(value: float, qualifier: str | None, language: str = ENGLISH) -> str:
    """A stated number with its qualifier, as the source words it: 'more than 8,500', '22', 'up to 17'."""
    words = "" if qualifier in (None, "exact") else label("qualifier", qualifier, language).lower() + " "
    return words + translation(language).number(value)


def article_name(article: int, language: str = ENGLISH) -> str | None:
    """A political article's name in our words, else None (other articles are named by their charges' labels)."""
    return translation(language).gettext(ARTICLE_NAMES[article]) if article in ARTICLE_NAMES else None


def _missing(value) -> bool:
    return not isinstance(value, (list, tuple, np.ndarray)) and bool(pd.isna(value))


def yes_no(value: bool, language: str = ENGLISH) -> str:
    words = translation(language)
    return words.gettext("yes") if value else words.gettext("no")


def _cell(value, language: str):
    """A value of a column of mixed or missing values as table text."""
    if _missing(value):
        return translation(language).gettext(NOT_STATED)
    if isinstance(value, (bool, np.bool_)):
        return yes_no(value, language)
    if isinstance(value, (dt.date, pd.Timestamp)):
        return f"{value:%Y-%m-%d}"
    return value


def _values(frame: pd.DataFrame, column: str, language: str) -> pd.Series:
    """One column of a table in words: vocabularies labelled (lists item by item), figures named, dates as
    YYYY-MM-DD; a missing value is blank among numbers, 'not stated' elsewhere."""
    values = frame[column]
    words = translation(language)
    not_stated = words.gettext(NOT_STATED)
    if column == "metric":
        described = frame["description"] if "description" in frame else pd.Series(None, index=frame.index)
        return pd.Series([metric_label(m, d, language) for m, d in zip(values, described)], index=frame.index,
                         dtype=object)
    if column == "source_section":  # "3;9" as stored
        return _worded(values, lambda v: not_stated if _missing(v) else str(v).replace(";", ", "))
    if column == "region_iso" or vocabulary(column) is not None:
        named = labeller(column, language)
        return _worded(values, lambda v: not_stated if _missing(v) else [named(i) for i in v]
                       if isinstance(v, (list, tuple, np.ndarray)) else named(v))
    missing = values.isna()
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        return _worded(values, lambda v: "" if _missing(v) else words.number(v, 6)) if missing.any() else values
    if pd.api.types.is_bool_dtype(values.dtype) and not missing.any():
        return values
    return _worded(values, lambda v: _cell(v, language))


def _worded(values: pd.Series, word) -> pd.Series:
    """`word` of every value, worked out once per distinct value: a column of a thousand rows holds a few dozen,
    and wording a number or a label is most of the time a table takes on each rerun."""
    try:
        codes, distinct = pd.factorize(values, use_na_sentinel=False)
    except TypeError:  # lists (aliases, sections): unhashable, worded one by one
        return values.map(word).astype(object)
    worded = np.empty(len(distinct), dtype=object)
    for i, value in enumerate(distinct):  # one by one: a list of words stays one cell
        worded[i] = word(value)
    return pd.Series(worded[codes], index=values.index, dtype=object)


def readable_table(frame: pd.DataFrame, language: str = ENGLISH) -> pd.DataFrame:
    """A table as a reader sees it: human headers (with units), values in words, no None, NaN or NaT."""
    return pd.DataFrame({header(column, language): _values(frame, column, language) for column in frame.columns},
                        index=frame.index)


def labels_sheet(frame: pd.DataFrame) -> pd.DataFrame:
    """What a download's stored names mean: each column with its header, then each value of its vocabulary
    (every allowed value; for figures and regions, those in the table) with its label, in English as stored."""
    rows = []
    for column in frame.columns:
        rows.append({"column": column, "header": header(column), "value": "", "label": ""})
        if column == "metric":
            described = frame.drop_duplicates("metric")
            known = zip(described["metric"], _values(described, "metric", ENGLISH))
        elif column == "region_iso":
            known = ((code, label(column, code)) for code in sorted(frame[column].dropna().unique()))
        else:
            known = (vocabulary(column) or {}).items()
        rows += [{"column": column, "header": header(column), "value": value, "label": words} for value, words in known]
    return pd.DataFrame(rows, columns=["column", "header", "value", "label"])

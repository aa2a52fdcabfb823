"""The records contract: every table, column, type and allowed value in one registry: the vocabularies here, the
tables and their columns in etl/tables.csv and etl/columns.csv, which read and review best as tables (their words for
readers are extracted for translation like the code's: extract_messages).

Validation (etl/validate.py), the spreadsheet template (etl/template.py) and the typed warehouse
tables (etl/sql/) all read this registry, so a rule is stated once.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path

import pycountry


def N_(message: str) -> str:
    """Marks words a reader sees for the translation catalogues (`make locales` extracts them); they are translated
    where they are shown (dashboard/i18n.py), and stored and compared in English."""
    return message


SOURCE_TABLE_ORDER = (
    "sources",
    "regions",
    "persons",
    "charges",
    "sentences",
    "events",
    "figures",
    "ep_recommendations",
    "figure_members",
    "person_statuses",
    "translations",
)

# Each vocabulary maps its allowed values (stored in the records, never renamed) to the words a reader sees: the
# dashboard (dashboard/labels.py), its downloads' labels sheet and the template's explanations all read them here.
DATE_PRECISIONS = {"day": N_("Exact day"), "month": N_("Month only"), "year": N_("Year only")}
GENDERS = {"female": N_("Female"), "male": N_("Male")}
ROLES = {
    "activist": N_("Activist"), "human_rights_defender": N_("Human-rights defender"),
    "journalist": N_("Journalist"),
    "blogger": N_("Blogger"), "relative": N_("Relative"), "refugee": N_("Refugee"),
    "opposition_politician": N_("Opposition politician"), "whistleblower": N_("Whistleblower"),
    "businessperson": N_("Businessperson"), "philanthropist": N_("Philanthropist"), "lawyer": N_("Lawyer"),
    "public_figure": N_("Public figure"), "employee": N_("Employee"), "witness": N_("Witness"),
    "other": N_("Other"),
}
AFFILIATIONS = {  # names of movements and groups, as they call themselves: not translated
    "DCK": "DCK", "Koshe Partiyasy": "Koshe Partiyasy", "Qaharman": "Qaharman",
    "405": N_("405 (human-rights movement)"),
    "Bostandyq Kz": "Bostandyq Kz", "Femina Virtute": "Femina Virtute", "Veritas": "Veritas", "Elimay": "Elimay",
    "Article 14": "Article 14", "We Against Torture": "We Against Torture",
    "Freedom Kazakhstan Foundation": "Freedom Kazakhstan Foundation", "KSS": "KSS",
}
PERSON_STATUSES = {
    "imprisoned": N_("Imprisoned"), "pre_trial_detention": N_("Pre-trial detention"),
    "house_arrest": N_("House arrest"),
    "psychiatric_detention": N_("Psychiatric detention"), "restriction_of_liberty": N_("Restriction of liberty"),
    "released": N_("Released"), "abroad": N_("Abroad"), "deceased": N_("Deceased"), "at_liberty": N_("At liberty"),
    "unknown": N_("Unknown"),
}
PRISONER_GROUPS = {"convicted": N_("Convicted"), "pre_trial": N_("Pre-trial"), "psychiatric": N_("Psychiatric")}
CHARGE_CODES = {"CC": N_("Criminal Code"), "CAO": N_("Code of Administrative Offences")}
CHARGE_OUTCOMES = {"pending": N_("Pending"), "convicted": N_("Convicted"), "dropped": N_("Dropped"),
                   "acquitted": N_("Acquitted"), "unknown": N_("Unknown")}
SENTENCE_TYPES = {
    "imprisonment": N_("Imprisonment"), "restriction_of_liberty": N_("Restriction of liberty"),
    "suspended": N_("Suspended"),
    "fine": N_("Fine"), "administrative_arrest": N_("Administrative arrest"),
    "compulsory_psychiatric_treatment": N_("Compulsory psychiatric treatment"), "other": N_("Other"),
}
SENTENCE_STAGES = {"first_instance": N_("First instance"), "appeal": N_("Appeal"), "conversion": N_("Conversion"),
                   "parole": N_("Parole"), "other": N_("Other")}
EVENT_TYPES = {
    "detention": N_("Detention"), "mass_detention": N_("Mass detention"), "search": N_("Search"),
    "house_arrest": N_("House arrest"), "pre_trial_detention": N_("Pre-trial detention"), "charge": N_("Charge"),
    "trial": N_("Trial"), "sentence": N_("Sentence"),
    "release": N_("Release"), "parole_denied": N_("Parole denied"), "ill_treatment": N_("Ill-treatment"),
    "hunger_strike": N_("Hunger strike"), "psychiatric_commitment": N_("Psychiatric commitment"), "death": N_("Death"),
    "movement_ban": N_("Movement banned"), "resolution": N_("Resolution"), "rally": N_("Rally"), "other": N_("Other"),
}
# The Overview timeline stacks event types in these groups: at most eight, so each keeps a colour of its own
# (dashboard/charts/style.py PALETTE). The ETL stores the grouping as the event_type_groups table.
EVENT_GROUPS = {
    "custody": N_("Detentions, arrests and searches"), "court": N_("Charges, trials, sentences and releases"),
    "violence": N_("Ill-treatment and hunger strikes"), "death": N_("Deaths"), "protest": N_("Rallies"),
    "ban_or_resolution": N_("Bans and resolutions"), "other": N_("Other events"),
}
EVENT_TYPE_GROUPS = {
    "detention": "custody", "mass_detention": "custody", "search": "custody", "house_arrest": "custody",
    "pre_trial_detention": "custody", "psychiatric_commitment": "custody",
    "charge": "court", "trial": "court", "sentence": "court", "release": "court", "parole_denied": "court",
    "ill_treatment": "violence", "hunger_strike": "violence", "death": "death", "rally": "protest",
    "movement_ban": "ban_or_resolution", "resolution": "ban_or_resolution", "other": "other",
}
COUNT_QUALIFIERS = {"exact": N_("Exact"), "at_least": N_("At least"), "more_than": N_("More than"),
                    "approximately": N_("Approximately")}
FIGURE_QUALIFIERS = {**COUNT_QUALIFIERS, "up_to": N_("Up to"), "range_min": N_("Lower end of a range"),
                     "range_max": N_("Upper end of a range")}
EP_STATUSES = {"implemented": N_("Implemented"), "partially_implemented": N_("Partly implemented"),
               "not_implemented": N_("Not implemented"), "unknown": N_("Unknown")}
# The source's themes of the EP paragraphs: free text in the records (not checked), labelled where known.
EP_THEMES = {
    "political_persecution": N_("Political persecution"), "democratic_reforms": N_("Democratic reforms"),
    "ngos_trade_unions_human_rights_movements": N_("NGOs, trade unions and human-rights movements"),
    "international_human_rights_agreements": N_("International human-rights agreements"),
    "media_and_internet_freedom": N_("Freedom of the media and the internet"), "torture": N_("Torture"),
}
# The units of stated figures: free text in the records (not checked), labelled where known.
UNITS = {"people": N_("people"), "years": N_("years"), "months": N_("months"), "days": N_("days"),
         "hours": N_("hours"), "cases": N_("cases"), "lawsuits": N_("lawsuits"), "conventions": N_("conventions"),
         "refusals": N_("refusals"), "paragraphs": N_("paragraphs"), "areas": N_("areas"), "EUR": "EUR", "KZT": "KZT"}
CURRENCIES = {"KZT": "KZT", "EUR": "EUR", "USD": "USD"}
# The records tables by what they hold, as the Data page offers them and the translations table names them.
TABLE_NAMES = {
    "persons": N_("People"), "charges": N_("Charges"), "sentences": N_("Sentences"), "events": N_("Events"),
    "figures": N_("Stated figures"), "figure_members": N_("People named for stated figures"),
    "ep_recommendations": N_("EP resolution paragraphs"), "sources": N_("Sources"), "regions": N_("Regions"),
    "person_statuses": N_("Later statements of a person's status"), "translations": N_("Translations of record text"),
}
# Record text a translator may give in another language: table -> its text columns (a row is named by its key).
TRANSLATABLE = {
    "sources": ("title", "notes"), "persons": ("notes",), "charges": ("label", "notes"),
    "sentences": ("court", "notes"), "events": ("description",), "figures": ("description", "names_note"),
    "ep_recommendations": ("summary", "evidence"),
}
TRANSLATION_LANGUAGES = {"ru": N_("Russian"), "kk": N_("Kazakh")}
MAY_BE_EMPTY = ("translations",)  # a header alone is a whole file: no translation may exist yet
ROW_ID_SEPARATOR = "|"  # a row of a table keyed by two columns (figures: metric|as_of)


@functools.cache
def region_codes() -> tuple[str, ...]:
    """Every ISO 3166-2:KZ code: read when a build validates, not when the dashboard imports the registry (pycountry's
    subdivisions take 7 MB)."""
    return tuple(sorted(s.code for s in pycountry.subdivisions.get(country_code="KZ")))


# The "political" Criminal Code articles every article chart shows, even at zero.
POLITICAL_ARTICLES = (174, 179, 258, 274, 405)
MAX_TEXT_LENGTH = 2000


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text | id | date | precision | integer | number | boolean | list | enum | region | sections
    description: str
    required: bool = False
    allowed: tuple[str, ...] = ()
    qualifies: str | None = None  # the column this one qualifies: given exactly when that one is
    labels: dict[str, str] = field(default_factory=dict, compare=False)  # value -> words, for allowed (or known) values


def _col(name, kind, description, required=False, allowed=None, qualifies=None, labels=None):
    """A column; `allowed` is a vocabulary (value -> label) whose values are the only ones accepted, `labels` one
    whose values are only labelled."""
    return Column(name, kind, description, required, tuple(allowed or ()), qualifies, dict(allowed or labels or {}))


# The vocabularies a column of etl/columns.csv names as its `allowed` values (the only ones accepted) or as those it is
# `labelled_by` (values only labelled).
TRANSLATABLE_TABLES = {t: TABLE_NAMES[t] for t in TRANSLATABLE}
VOCABULARIES = {
    "DATE_PRECISIONS": DATE_PRECISIONS, "GENDERS": GENDERS, "ROLES": ROLES, "AFFILIATIONS": AFFILIATIONS,
    "PERSON_STATUSES": PERSON_STATUSES, "PRISONER_GROUPS": PRISONER_GROUPS, "CHARGE_CODES": CHARGE_CODES,
    "CHARGE_OUTCOMES": CHARGE_OUTCOMES, "SENTENCE_TYPES": SENTENCE_TYPES, "SENTENCE_STAGES": SENTENCE_STAGES,
    "CURRENCIES": CURRENCIES, "EVENT_TYPES": EVENT_TYPES, "COUNT_QUALIFIERS": COUNT_QUALIFIERS,
    "FIGURE_QUALIFIERS": FIGURE_QUALIFIERS, "EP_STATUSES": EP_STATUSES, "UNITS": UNITS, "EP_THEMES": EP_THEMES,
    "TRANSLATION_LANGUAGES": TRANSLATION_LANGUAGES, "TRANSLATABLE_TABLES": TRANSLATABLE_TABLES,
}
HERE = Path(__file__).resolve().parent
# The last two columns of every table whose rows state a fact (`cites_source` in etl/tables.csv).
SOURCE_COLUMNS = (
    _col("source_id", "id", N_("Which source states the fact (a row of sources)."), required=True),
    _col("source_section", "sections", N_("Section number(s) of the source, e.g. 3 or 3;9."), required=True),
)


def read_registry(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _tables() -> dict[str, dict]:
    """Table -> its key, grain and columns in order: etl/tables.csv (one row per table) and etl/columns.csv (one row
    per column of a table), then SOURCE_COLUMNS where the table cites its source."""
    columns: dict[str, list[Column]] = {}
    for row in read_registry(HERE / "columns.csv"):
        # a name not in VOCABULARIES fails here, at import, rather than leaving the column unchecked
        allowed, labels = (VOCABULARIES[row[named]] if row[named] else None for named in ("allowed", "labelled_by"))
        columns.setdefault(row["table"], []).append(_col(row["column"], row["kind"], row["description"],
                                                         row["required"] == "yes", allowed, row["qualifies"] or None,
                                                         labels))
    tables = {}
    for row in read_registry(HERE / "tables.csv"):
        cited = SOURCE_COLUMNS if row["cites_source"] == "yes" else ()
        tables[row["table"]] = {"key": tuple(row["key"].split("|")), "grain": row["grain"],
                                "columns": tuple(columns[row["table"]]) + cited}
    return tables


TABLES: dict[str, dict] = _tables()


def extract_messages(fileobj, keywords, comment_tags, options):
    """Babel's extractor for a registry CSV (babel.cfg): the cells of its message columns, by line."""
    rows = csv.DictReader(line.decode("utf-8") for line in fileobj)
    wanted = options.get("messages", "").split()
    for row in rows:
        for column in wanted:
            if row[column]:
                yield rows.line_num, None, row[column], []


# Tables whose rows point at persons, and the column that does.
PERSON_REFERENCES = {"charges": "person_id", "sentences": "person_id", "events": "person_id",
                     "figure_members": "person_id", "person_statuses": "person_id"}
NON_NEGATIVE_COLUMNS = {
    "events": ("n_people",),
    "sentences": ("term_months", "term_days", "activity_ban_years", "fine_amount"),
    "figures": ("value",),
    "charges": ("article", "part"),
}


# An input may mark a row as the correction of an earlier row with the same key (a kept upload correcting the records
# or an earlier upload): an optional column of its own, never stored in the warehouse. Sources and regions are named
# once; a person named for a figure is a fact of its own, with nothing to correct.
CORRECTS = _col("corrects", "boolean", N_("true when this row replaces the earlier row with the same id (a correction, "
                   "shown before and after on the data desk); leave empty for a new row"))
CORRECTABLE = ("persons", "charges", "sentences", "events", "figures", "ep_recommendations", "person_statuses")


def column_names(table: str) -> list[str]:
    return [c.name for c in TABLES[table]["columns"]]

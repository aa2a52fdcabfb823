"""The records contract: every table, column, type and allowed value in one registry.

Validation (etl/validate.py), the spreadsheet template (etl/template.py) and the typed warehouse
tables (etl/sql/) all read this registry, so a rule is stated once.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

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


SOURCE_COLUMNS = (
    _col("source_id", "id", N_("Which source states the fact (a row of sources)."), required=True),
    _col("source_section", "sections",
         N_("Section number(s) of the source, e.g. 3 or 3;9."), required=True),
)

TABLES: dict[str, dict] = {
    "sources": {
        "key": ("source_id",),
        "grain": N_("one row per source document"),
        "columns": (
            _col("source_id", "id", N_("Stable slug of the source."), required=True),
            _col("title", "text", N_("Title in English."), required=True),
            _col("publisher", "text", N_("Who published it."), required=True),
            _col("published", "date", N_("Publication date, when known.")),
            _col("url", "text", N_("Web address (http or https only), when public.")),
            _col("notes", "text", N_("What the source covers, its 'as of' date.")),
        ),
    },
    "regions": {
        "key": ("region_iso",),
        "grain": N_("one row per region of Kazakhstan (ISO 3166-2:KZ)"),
        "columns": (
            _col("region_iso", "region", N_("ISO 3166-2:KZ code."), required=True),
            _col("name_en", "text", N_("English display name."), required=True),
            _col("lat", "number", N_("Latitude of the region's centre."), required=True),
            _col("lon", "number", N_("Longitude of the region's centre."), required=True),
        ),
    },
    "persons": {
        "key": ("person_id",),
        "grain": N_("one row per person subjected to persecution"),
        "columns": (
            _col("person_id", "id", N_("Stable slug, never changes when the name is edited."), required=True),
            _col("name", "text", N_("Canonical Latin spelling."), required=True),
            _col("aliases", "list", N_("Other spellings seen in sources, separated by |.")),
            _col("gender", "enum", N_("Only when the source says it."), allowed=GENDERS),
            _col("region_iso", "region", N_("Region the source ties the person to.")),
            _col("city", "text", N_("City or town the source ties the person to.")),
            _col("roles", "list", N_("Roles, separated by |."), required=True, allowed=ROLES),
            _col("affiliations", "list", N_("Movements and groups, separated by |."), allowed=AFFILIATIONS),
            _col("status", "enum", N_("Situation as of status_as_of, as this row's source states it (a later "
                 "statement goes in person_statuses; the dashboard shows the latest)."), required=True,
                 allowed=PERSON_STATUSES),
            _col("status_as_of", "date", N_("Date the status refers to."), required=True),
            _col("is_political_prisoner", "boolean",
                 N_("true when the source counts the person as a political prisoner."), required=True),
            _col("prisoner_group", "enum", N_("For political prisoners: which group the source puts them in."),
                 allowed=PRISONER_GROUPS),
            _col("notes", "text", N_("Our short words on data-quality points (variants, duplicates).")),
        ) + SOURCE_COLUMNS,
    },
    "charges": {
        "key": ("charge_id",),
        "grain": N_("one row per person x code x article x part"),
        "columns": (
            _col("charge_id", "id", N_("Stable slug: person-code-article-part."), required=True),
            _col("person_id", "id", N_("The person charged (a row of persons)."), required=True),
            _col("code", "enum", N_("CC Criminal Code, CAO Code of Administrative Offences."),
                 required=True, allowed=CHARGE_CODES),
            _col("article", "integer", N_("Article number; empty when the source names the offence only.")),
            _col("part", "integer", N_("Part of the article, when given.")),
            _col("label", "text", N_("Short English name of the offence."), required=True),
            _col("charge_date", "date", N_("When the charge was brought, when known.")),
            _col("date_precision", "precision", N_("Precision of charge_date."),
                 allowed=DATE_PRECISIONS, qualifies="charge_date"),
            _col("outcome", "enum", N_("State of the charge as of the source."), required=True,
                 allowed=CHARGE_OUTCOMES),
            _col("notes", "text", N_("Our short words on the charge.")),
        ) + SOURCE_COLUMNS,
    },
    "sentences": {
        "key": ("sentence_id",),
        "grain": N_("one row per sentence or change of sentence"),
        "columns": (
            _col("sentence_id", "id", N_("Stable slug: person-s1, person-s2, ..."), required=True),
            _col("person_id", "id", N_("The person sentenced (a row of persons)."), required=True),
            _col("sentence_date", "date", N_("Date of the sentence, when known.")),
            _col("date_precision", "precision", N_("Precision of sentence_date."),
                 allowed=DATE_PRECISIONS, qualifies="sentence_date"),
            _col("sentence_type", "enum", N_("Kind of sentence."), required=True, allowed=SENTENCE_TYPES),
            _col("term_months", "number", N_("Term in months (1.5 years = 18).")),
            _col("term_days", "integer", N_("Term in days, for short terms stated in days.")),
            _col("activity_ban_years", "number", N_("Ban on public or political activity, in years.")),
            _col("fine_amount", "number", N_("Amount of a fine.")),
            _col("fine_currency", "enum", N_("Currency of the fine."), allowed=CURRENCIES),
            _col("court", "text", N_("Court that passed it, when given.")),
            _col("stage", "enum", N_("first_instance, appeal, conversion (e.g. restriction of liberty "
                 "replaced by prison), parole, other."), required=True, allowed=SENTENCE_STAGES),
            _col("notes", "text", N_("Our short words on the sentence.")),
        ) + SOURCE_COLUMNS,
    },
    "events": {
        "key": ("event_id",),
        "grain": N_("one row per dated event of a person or a group"),
        "columns": (
            _col("event_id", "id", N_("Stable slug."), required=True),
            _col("person_id", "id", N_("The person (a row of persons); empty for a group event.")),
            _col("event_date", "date", N_("When it happened."), required=True),
            _col("date_precision", "precision", N_("Precision of event_date."), required=True,
                 allowed=DATE_PRECISIONS, qualifies="event_date"),
            _col("event_type", "enum", N_("What happened."), required=True, allowed=EVENT_TYPES),
            _col("n_people", "integer", N_("Number of people concerned (1 for a personal event; empty when the "
                 "source gives no count, e.g. a court ban).")),
            _col("count_qualifier", "enum", N_("How exact n_people is."), allowed=COUNT_QUALIFIERS,
                 qualifies="n_people"),
            _col("region_iso", "region", N_("Region where it happened.")),
            _col("city", "text", N_("City where it happened.")),
            _col("description", "text", N_("One short sentence in our own words."), required=True),
        ) + SOURCE_COLUMNS,
    },
    "figures": {
        "key": ("metric", "as_of"),
        "grain": N_("one row per aggregate number the source states, per date it refers to"),
        "columns": (
            _col("metric", "id", N_("Slug naming what is counted."), required=True),
            _col("value", "number", N_("The stated number."), required=True),
            _col("qualifier", "enum", N_("How exact the number is."), required=True, allowed=FIGURE_QUALIFIERS),
            _col("unit", "text", N_("people, cases, years, KZT, ..."), required=True, labels=UNITS),
            _col("as_of", "date", N_("Date the number refers to, when stated.")),
            _col("as_of_precision", "precision", N_("Precision of as_of."),
                 allowed=DATE_PRECISIONS, qualifies="as_of"),
            _col("description", "text", N_("What the number counts, in our words."), required=True),
            _col("names_note", "text", N_("Why the people the source names for the number differ from it, in our "
                 "words (only where they differ).")),
        ) + SOURCE_COLUMNS,
    },
    "ep_recommendations": {
        "key": ("paragraph",),
        "grain": N_("one row per assessed paragraph of European Parliament resolution 2021/2544(RSP)"),
        "columns": (
            _col("paragraph", "integer", N_("Paragraph number of the resolution."), required=True),
            _col("theme", "text", N_("The source's grouping of the paragraph."), required=True, labels=EP_THEMES),
            _col("summary", "text", N_("What the paragraph asks, in our words."), required=True),
            _col("status", "enum", N_("Implementation as the source assesses it."), required=True,
                 allowed=EP_STATUSES),
            _col("evidence", "text", N_("What happened since, in our words."), required=True),
            _col("as_of", "date", N_("Date of the assessment."), required=True),
        ) + SOURCE_COLUMNS,
    },
    "person_statuses": {
        "key": ("person_id", "as_of", "source_id"),
        "grain": N_("one row per statement of a person's status by a source, besides the one in the person's own row"),
        "columns": (
            _col("person_id", "id", N_("The person (a row of persons)."), required=True),
            _col("status", "enum", N_("The person's situation as of as_of, as this source states it."), required=True,
                 allowed=PERSON_STATUSES),
            _col("as_of", "date", N_("Date the status refers to."), required=True),
        ) + SOURCE_COLUMNS,
    },
    "figure_members": {
        "key": ("metric", "as_of", "person_id"),
        "grain": N_("one row per person a source names as counted in a stated figure"),
        "columns": (
            _col("metric", "id", N_("The figure's metric (a row of figures)."), required=True),
            _col("as_of", "date", N_("The figure's as_of date, as in figures.")),
            _col("person_id", "id", N_("A person the source names for this figure."), required=True),
        ) + SOURCE_COLUMNS,
    },
    "translations": {
        "key": ("table_name", "row_id", "column_name", "language"),
        "grain": N_("one row per translation of one text of one record into one language"),
        "columns": (
            _col("table_name", "enum", N_("The table of the translated text."), required=True,
                 allowed={t: TABLE_NAMES[t] for t in TRANSLATABLE}),
            _col("row_id", "text", N_("The row's key (figures: metric|as_of, e.g. political_prisoners|2021-09-01)."),
                 required=True),
            _col("column_name", "text", N_("The translated column: title, notes, label, court, description, summary, "
                                           "evidence or names_note, as the table has it."), required=True),
            _col("language", "enum", N_("The language of the translation."), required=True,
                 allowed=TRANSLATION_LANGUAGES),
            _col("text", "text", N_("The translation, by a person, never by a machine; people's names in Latin "
                                    "letters as the records spell them."), required=True),
            _col("translator", "text", N_("Who translated it."), required=True),
            _col("reviewed", "boolean", N_("true once a second person has checked it against the English: only "
                                           "reviewed translations are shown."), required=True),
        ),
    },
}

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

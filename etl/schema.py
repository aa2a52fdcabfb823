"""The records contract: every table, column, type and allowed value in one registry.

Validation (etl/validate.py), the spreadsheet template (etl/template.py) and the typed warehouse
tables (etl/sql/) all read this registry, so a rule is stated once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pycountry

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
)

# Each vocabulary maps its allowed values (stored in the records, never renamed) to the words a reader sees: the
# dashboard (dashboard/labels.py), its downloads' labels sheet and the template's explanations all read them here.
DATE_PRECISIONS = {"day": "Exact day", "month": "Month only", "year": "Year only"}
GENDERS = {"female": "Female", "male": "Male"}
ROLES = {
    "activist": "Activist", "human_rights_defender": "Human-rights defender", "journalist": "Journalist",
    "blogger": "Blogger", "relative": "Relative", "refugee": "Refugee",
    "opposition_politician": "Opposition politician", "whistleblower": "Whistleblower",
    "businessperson": "Businessperson", "philanthropist": "Philanthropist", "lawyer": "Lawyer",
    "public_figure": "Public figure", "employee": "Employee", "witness": "Witness", "other": "Other",
}
AFFILIATIONS = {
    "DCK": "DCK", "Koshe Partiyasy": "Koshe Partiyasy", "Qaharman": "Qaharman", "405": "405 (human-rights movement)",
    "Bostandyq Kz": "Bostandyq Kz", "Femina Virtute": "Femina Virtute", "Veritas": "Veritas", "Elimay": "Elimay",
    "Article 14": "Article 14", "We Against Torture": "We Against Torture",
    "Freedom Kazakhstan Foundation": "Freedom Kazakhstan Foundation", "KSS": "KSS",
}
PERSON_STATUSES = {
    "imprisoned": "Imprisoned", "pre_trial_detention": "Pre-trial detention", "house_arrest": "House arrest",
    "psychiatric_detention": "Psychiatric detention", "restriction_of_liberty": "Restriction of liberty",
    "released": "Released", "abroad": "Abroad", "deceased": "Deceased", "at_liberty": "At liberty",
    "unknown": "Unknown",
}
PRISONER_GROUPS = {"convicted": "Convicted", "pre_trial": "Pre-trial", "psychiatric": "Psychiatric"}
CHARGE_CODES = {"CC": "Criminal Code", "CAO": "Code of Administrative Offences"}
CHARGE_OUTCOMES = {"pending": "Pending", "convicted": "Convicted", "dropped": "Dropped", "acquitted": "Acquitted",
                   "unknown": "Unknown"}
SENTENCE_TYPES = {
    "imprisonment": "Imprisonment", "restriction_of_liberty": "Restriction of liberty", "suspended": "Suspended",
    "fine": "Fine", "administrative_arrest": "Administrative arrest",
    "compulsory_psychiatric_treatment": "Compulsory psychiatric treatment", "other": "Other",
}
SENTENCE_STAGES = {"first_instance": "First instance", "appeal": "Appeal", "conversion": "Conversion",
                   "parole": "Parole", "other": "Other"}
EVENT_TYPES = {
    "detention": "Detention", "mass_detention": "Mass detention", "search": "Search", "house_arrest": "House arrest",
    "pre_trial_detention": "Pre-trial detention", "charge": "Charge", "trial": "Trial", "sentence": "Sentence",
    "release": "Release", "parole_denied": "Parole denied", "ill_treatment": "Ill-treatment",
    "hunger_strike": "Hunger strike", "psychiatric_commitment": "Psychiatric commitment", "death": "Death",
    "movement_ban": "Movement banned", "resolution": "Resolution", "rally": "Rally", "other": "Other",
}
# The Overview timeline stacks event types in these groups: at most eight, so each keeps a colour of its own
# (dashboard/charts/style.py PALETTE). The ETL stores the grouping as the event_type_groups table.
EVENT_GROUPS = {
    "custody": "Detentions, arrests and searches", "court": "Charges, trials, sentences and releases",
    "violence": "Ill-treatment and hunger strikes", "death": "Deaths", "protest": "Rallies",
    "ban_or_resolution": "Bans and resolutions", "other": "Other events",
}
EVENT_TYPE_GROUPS = {
    "detention": "custody", "mass_detention": "custody", "search": "custody", "house_arrest": "custody",
    "pre_trial_detention": "custody", "psychiatric_commitment": "custody",
    "charge": "court", "trial": "court", "sentence": "court", "release": "court", "parole_denied": "court",
    "ill_treatment": "violence", "hunger_strike": "violence", "death": "death", "rally": "protest",
    "movement_ban": "ban_or_resolution", "resolution": "ban_or_resolution", "other": "other",
}
COUNT_QUALIFIERS = {"exact": "Exact", "at_least": "At least", "more_than": "More than",
                    "approximately": "Approximately"}
FIGURE_QUALIFIERS = {**COUNT_QUALIFIERS, "up_to": "Up to", "range_min": "Lower end of a range",
                     "range_max": "Upper end of a range"}
EP_STATUSES = {"implemented": "Implemented", "partially_implemented": "Partly implemented",
               "not_implemented": "Not implemented", "unknown": "Unknown"}
# The source's themes of the EP paragraphs: free text in the records (not checked), labelled where known.
EP_THEMES = {
    "political_persecution": "Political persecution", "democratic_reforms": "Democratic reforms",
    "ngos_trade_unions_human_rights_movements": "NGOs, trade unions and human-rights movements",
    "international_human_rights_agreements": "International human-rights agreements",
    "media_and_internet_freedom": "Freedom of the media and the internet", "torture": "Torture",
}
CURRENCIES = {"KZT": "KZT", "EUR": "EUR", "USD": "USD"}
REGION_CODES = tuple(sorted(s.code for s in pycountry.subdivisions.get(country_code="KZ")))

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
    _col("source_id", "id", "Which source states the fact (a row of sources).", required=True),
    _col("source_section", "sections",
         "Section number(s) of the source, e.g. 3 or 3;9.", required=True),
)

TABLES: dict[str, dict] = {
    "sources": {
        "key": ("source_id",),
        "grain": "one row per source document",
        "columns": (
            _col("source_id", "id", "Stable slug of the source.", required=True),
            _col("title", "text", "Title in English.", required=True),
            _col("publisher", "text", "Who published it.", required=True),
            _col("published", "date", "Publication date, when known."),
            _col("url", "text", "Web address (http or https only), when public."),
            _col("notes", "text", "What the source covers, its 'as of' date."),
        ),
    },
    "regions": {
        "key": ("region_iso",),
        "grain": "one row per region of Kazakhstan (ISO 3166-2:KZ)",
        "columns": (
            _col("region_iso", "region", "ISO 3166-2:KZ code.", required=True),
            _col("name_en", "text", "English display name.", required=True),
            _col("lat", "number", "Latitude of the region's centre.", required=True),
            _col("lon", "number", "Longitude of the region's centre.", required=True),
        ),
    },
    "persons": {
        "key": ("person_id",),
        "grain": "one row per person subjected to persecution",
        "columns": (
            _col("person_id", "id", "Stable slug, never changes when the name is edited.", required=True),
            _col("name", "text", "Canonical Latin spelling.", required=True),
            _col("aliases", "list", "Other spellings seen in sources, separated by |."),
            _col("gender", "enum", "Only when the source says it.", allowed=GENDERS),
            _col("region_iso", "region", "Region the source ties the person to."),
            _col("city", "text", "City or town the source ties the person to."),
            _col("roles", "list", "Roles, separated by |.", required=True, allowed=ROLES),
            _col("affiliations", "list", "Movements and groups, separated by |.", allowed=AFFILIATIONS),
            _col("status", "enum", "Situation as of status_as_of, as this row's source states it (a later "
                 "statement goes in person_statuses; the dashboard shows the latest).", required=True,
                 allowed=PERSON_STATUSES),
            _col("status_as_of", "date", "Date the status refers to.", required=True),
            _col("is_political_prisoner", "boolean",
                 "true when the source counts the person as a political prisoner.", required=True),
            _col("prisoner_group", "enum", "For political prisoners: which group the source puts them in.",
                 allowed=PRISONER_GROUPS),
            _col("notes", "text", "Our short words on data-quality points (variants, duplicates)."),
        ) + SOURCE_COLUMNS,
    },
    "charges": {
        "key": ("charge_id",),
        "grain": "one row per person x code x article x part",
        "columns": (
            _col("charge_id", "id", "Stable slug: person-code-article-part.", required=True),
            _col("person_id", "id", "The person charged (a row of persons).", required=True),
            _col("code", "enum", "CC Criminal Code, CAO Code of Administrative Offences.",
                 required=True, allowed=CHARGE_CODES),
            _col("article", "integer", "Article number; empty when the source names the offence only."),
            _col("part", "integer", "Part of the article, when given."),
            _col("label", "text", "Short English name of the offence.", required=True),
            _col("charge_date", "date", "When the charge was brought, when known."),
            _col("date_precision", "precision", "Precision of charge_date.",
                 allowed=DATE_PRECISIONS, qualifies="charge_date"),
            _col("outcome", "enum", "State of the charge as of the source.", required=True,
                 allowed=CHARGE_OUTCOMES),
            _col("notes", "text", "Our short words on the charge."),
        ) + SOURCE_COLUMNS,
    },
    "sentences": {
        "key": ("sentence_id",),
        "grain": "one row per sentence or change of sentence",
        "columns": (
            _col("sentence_id", "id", "Stable slug: person-s1, person-s2, ...", required=True),
            _col("person_id", "id", "The person sentenced (a row of persons).", required=True),
            _col("sentence_date", "date", "Date of the sentence, when known."),
            _col("date_precision", "precision", "Precision of sentence_date.",
                 allowed=DATE_PRECISIONS, qualifies="sentence_date"),
            _col("sentence_type", "enum", "Kind of sentence.", required=True, allowed=SENTENCE_TYPES),
            _col("term_months", "number", "Term in months (1.5 years = 18)."),
            _col("term_days", "integer", "Term in days, for short terms stated in days."),
            _col("activity_ban_years", "number", "Ban on public or political activity, in years."),
            _col("fine_amount", "number", "Amount of a fine."),
            _col("fine_currency", "enum", "Currency of the fine.", allowed=CURRENCIES),
            _col("court", "text", "Court that passed it, when given."),
            _col("stage", "enum", "first_instance, appeal, conversion (e.g. restriction of liberty "
                 "replaced by prison), parole, other.", required=True, allowed=SENTENCE_STAGES),
            _col("notes", "text", "Our short words on the sentence."),
        ) + SOURCE_COLUMNS,
    },
    "events": {
        "key": ("event_id",),
        "grain": "one row per dated event of a person or a group",
        "columns": (
            _col("event_id", "id", "Stable slug.", required=True),
            _col("person_id", "id", "The person (a row of persons); empty for a group event."),
            _col("event_date", "date", "When it happened.", required=True),
            _col("date_precision", "precision", "Precision of event_date.", required=True,
                 allowed=DATE_PRECISIONS, qualifies="event_date"),
            _col("event_type", "enum", "What happened.", required=True, allowed=EVENT_TYPES),
            _col("n_people", "integer", "Number of people concerned (1 for a personal event; empty when the "
                 "source gives no count, e.g. a court ban)."),
            _col("count_qualifier", "enum", "How exact n_people is.", allowed=COUNT_QUALIFIERS,
                 qualifies="n_people"),
            _col("region_iso", "region", "Region where it happened."),
            _col("city", "text", "City where it happened."),
            _col("description", "text", "One short sentence in our own words.", required=True),
        ) + SOURCE_COLUMNS,
    },
    "figures": {
        "key": ("metric", "as_of"),
        "grain": "one row per aggregate number the source states, per date it refers to",
        "columns": (
            _col("metric", "id", "Slug naming what is counted.", required=True),
            _col("value", "number", "The stated number.", required=True),
            _col("qualifier", "enum", "How exact the number is.", required=True, allowed=FIGURE_QUALIFIERS),
            _col("unit", "text", "people, cases, years, KZT, ...", required=True),
            _col("as_of", "date", "Date the number refers to, when stated."),
            _col("as_of_precision", "precision", "Precision of as_of.",
                 allowed=DATE_PRECISIONS, qualifies="as_of"),
            _col("description", "text", "What the number counts, in our words.", required=True),
            _col("names_note", "text", "Why the people the source names for the number differ from it, in our "
                 "words (only where they differ)."),
        ) + SOURCE_COLUMNS,
    },
    "ep_recommendations": {
        "key": ("paragraph",),
        "grain": "one row per assessed paragraph of European Parliament resolution 2021/2544(RSP)",
        "columns": (
            _col("paragraph", "integer", "Paragraph number of the resolution.", required=True),
            _col("theme", "text", "The source's grouping of the paragraph.", required=True, labels=EP_THEMES),
            _col("summary", "text", "What the paragraph asks, in our words.", required=True),
            _col("status", "enum", "Implementation as the source assesses it.", required=True,
                 allowed=EP_STATUSES),
            _col("evidence", "text", "What happened since, in our words.", required=True),
            _col("as_of", "date", "Date of the assessment.", required=True),
        ) + SOURCE_COLUMNS,
    },
    "person_statuses": {
        "key": ("person_id", "as_of", "source_id"),
        "grain": "one row per statement of a person's status by a source, besides the one in the person's own row",
        "columns": (
            _col("person_id", "id", "The person (a row of persons).", required=True),
            _col("status", "enum", "The person's situation as of as_of, as this source states it.", required=True,
                 allowed=PERSON_STATUSES),
            _col("as_of", "date", "Date the status refers to.", required=True),
        ) + SOURCE_COLUMNS,
    },
    "figure_members": {
        "key": ("metric", "as_of", "person_id"),
        "grain": "one row per person a source names as counted in a stated figure",
        "columns": (
            _col("metric", "id", "The figure's metric (a row of figures).", required=True),
            _col("as_of", "date", "The figure's as_of date, as in figures."),
            _col("person_id", "id", "A person the source names for this figure.", required=True),
        ) + SOURCE_COLUMNS,
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
CORRECTS = _col("corrects", "boolean", "true when this row replaces the earlier row with the same id (a correction, "
                "shown before and after on the data desk); leave empty for a new row")
CORRECTABLE = ("persons", "charges", "sentences", "events", "figures", "ep_recommendations", "person_statuses")


def column_names(table: str) -> list[str]:
    return [c.name for c in TABLES[table]["columns"]]

"""Golden answers of every queries/*.sql on the small fixture (tests/fixtures/small), each worked out by hand from
the fixture's CSV files; a comment on each case says where its numbers come from. Only the columns that matter are
compared, row by row in the query's own order. Where a filter changes the answer, a case sets one, so the shared
filter macros are run the way each query calls them.

The fixture in short: three persons (alpha-one in Almaty KZ-75, imprisoned, political prisoner, convicted group;
beta-two in Atyrau KZ-23, restriction of liberty, no gender given; gamma-three, no region, pre-trial detention,
political prisoner), five charges, four sentences, five events (two of them group events without a person), three
stated figures, three figure members, two EP paragraphs, one later statement of a status (beta-two in pre-trial
detention as of 2020-11-01), one source; the regions are the 20 shipped in data/records/regions.csv."""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from tests.conftest import NO_FILTERS, PROJECT, sql_file

pytestmark = pytest.mark.sql

D = dt.date
DETENTION_TYPES = ["detention", "mass_detention", "pre_trial_detention", "house_arrest", "psychiatric_commitment"]
# A query's parameters where its case sets none: no filter, no search, every row listed, and the event types the
# Detentions page starts with (dashboard/figures.py).
DEFAULTS = {**NO_FILTERS, "listed": None, "search": "", "search_key": "", "event_types": DETENTION_TYPES}
# data/records/regions.csv, in region_iso order
REGION_CODES = ["KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39", "KZ-43",
                "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79"]
THIS_BUILD = "<this build>"  # stands for the fixture warehouse's own Parquet folder
OLD_BUILD = "<old build>"  # stands for the Parquet folder the old_build fixture writes
SECTIONS = "sections"


@dataclass
class Case:
    query: str
    params: dict
    columns: list[str]
    rows: list[tuple]
    label: str = ""
    keep: str | None = None  # a pandas query: compare only the rows it keeps...
    n_rows: int | None = None  # ...after checking how many rows there are in all
    unordered: bool = False  # the query has no ORDER BY: compare sorted rows
    table: str | None = None  # a download: it must hold exactly this warehouse table's columns

    @property
    def id(self) -> str:
        return f"{self.query}-{self.label}" if self.label else self.query


CASES = [
    # sentences.csv: only beta-two-s1 bans activity (3 years), section 7
    Case("activity_bans", {}, ["activity_ban_years", "n_people", SECTIONS], [(3.0, 1, ["7"])]),
    # persons.csv: alpha-one is the only person in Almaty (KZ-75), and neither of her sentences bans activity
    Case("activity_bans", {"regions": ["KZ-75"]}, ["activity_ban_years"], [], "region"),
    # charges.csv: nobody has two Criminal Code articles (alpha-one and beta-two only 405, gamma-three 392 under CC
    # and 488 under the administrative code, CAO), so there is no pair
    Case("article_combinations", {}, ["first_article", "n_people"], []),
    # charges.csv, CC only: 392 gamma-three; 405 alpha-one (parts 1 and 2, section 3) and beta-two (section 4).
    # The period is not compared: the fixture has no EP resolution event (see the report on this case).
    Case("articles_before_after", {}, ["article", "n_people", SECTIONS], [(392, 1, ["5"]), (405, 2, ["3", "4"])]),
    # persons.csv has 3 rows, events.csv 5; the build's inputs are the fixture folder
    Case("build_info", {}, ["inputs", "n_persons", "n_events"], [("tests/fixtures/small", 3, 5)]),
    # a build compared with its own Parquet copy: nothing changed
    Case("changes_since_build", {"old_parquet": THIS_BUILD}, ["change"], [], "same build"),
    # old_build (below) is the fixture without gamma-three and her two charges and one sentence, without
    # alpha-one-s2 and her event of 2021-08-10, with beta-two in pre-trial detention, 1 political prisoner stated
    # instead of 2, and other words in alpha-one's notes, her first charge's outcome and the 2020 group event. Every
    # one of those differences is a change, with the current row's date, text and sections (persons.csv,
    # charges.csv, sentences.csv, events.csv, figures.csv); a row without a date sorts last.
    Case("changes_since_build", {"old_parquet": OLD_BUILD},
         ["change", "fact_date", "person_id", "description", "previous_status", "status", "code", "article",
          "sentence_type", "stage", "previous_value", "value", SECTIONS], [
        ("converted to prison", D(2021, 8, 10), "alpha-one", None, None, None, None, None, "imprisonment",
         "conversion", None, None, ["3"]),
        ("corrected", D(2020, 1, 1), None, "Activists detained during the year.", None, None, None, None, None, None,
         None, None, ["2"]),
        ("corrected", D(2020, 6, 1), "alpha-one", None, None, None, "CC", 405, None, None, None, None, ["3"]),
        ("corrected", None, "alpha-one", None, None, None, None, None, None, None, None, None, ["3"]),  # her notes
        ("figure moved", D(2021, 9, 1), None, "Political prisoners counted by the fixture.", None, None, None, None,
         None, None, 1.0, 2.0, ["1", "3"]),
        ("new charge", D(2021, 2, 9), "gamma-three", None, None, None, "CAO", 488, None, None, None, None, ["5"]),
        ("new charge", None, "gamma-three", None, None, None, "CC", 392, None, None, None, None, ["5"]),
        ("new event", D(2021, 8, 10), "alpha-one", "Restriction replaced by prison.", None, None, None, None, None,
         None, None, None, ["3"]),
        ("new person", D(2021, 9, 1), "gamma-three", None, None, "pre_trial_detention", None, None, None, None, None,
         None, ["5"]),
        ("new sentence", D(2021, 2, 9), "gamma-three", None, None, None, None, None, "administrative_arrest",
         "first_instance", None, None, ["5"]),
        ("status changed", D(2021, 9, 1), "beta-two", None, "pre_trial_detention", "restriction_of_liberty", None,
         None, None, None, None, None, ["4", "7"]),
    ], "old build"),
    # the status filter keeps beta-two (restriction of liberty) and her status change; stated figures are not filtered
    Case("changes_since_build", {"old_parquet": OLD_BUILD, "statuses": ["restriction_of_liberty"]},
         ["change", "person_id"], [("figure moved", None), ("status changed", "beta-two")], "status"),
    # after 15 January 2021: gamma-three's first dated fact is 2021-02-09 (her CAO charge and her arrest, the same
    # day), alpha-one's is 2020-06-01 and beta-two's 2021-01-01, so only gamma-three is new; then the sentences
    # dated after it (sentences.csv). No release, death or figure with two dates in the fixture.
    Case("changes_since_date", {"since": D(2021, 1, 15)},
         ["fact_date", "change", "person_id", "status", "code", "article", "label", "sentence_type", "term_months"], [
        (D(2021, 2, 9), "new charge", "gamma-three", None, "CAO", 488, "unauthorised rally", None, None),
        (D(2021, 2, 9), "new person", "gamma-three", "pre_trial_detention", None, None, None, None, None),
        (D(2021, 2, 9), "new sentence", "gamma-three", None, None, None, None, "administrative_arrest", None),
        (D(2021, 3, 4), "new sentence", "alpha-one", None, None, None, None, "restriction_of_liberty", 18.0),
        (D(2021, 6, 1), "new sentence", "beta-two", None, None, None, None, "restriction_of_liberty", 12.0),
        (D(2021, 8, 10), "converted to prison", "alpha-one", None, None, None, None, "imprisonment", None),
    ]),
    # only alpha-one belongs to DCK (persons.csv)
    Case("changes_since_date", {"since": D(2021, 1, 15), "affiliations": ["DCK"]}, ["fact_date", "change"],
         [(D(2021, 3, 4), "new sentence"), (D(2021, 8, 10), "converted to prison")], "affiliation"),
    # events.csv: the two group detentions; the rally (2019-09-21, day, more than 200, section 5) counts in its
    # month, the 2020 detentions (year only, at least 3, section 2) in their year; both counts are lower bounds
    Case("detentions_by_period", {}, ["period_start", "period", "event_type", "n_events", "n_people", "is_lower_bound",
                                      SECTIONS], [
        (D(2019, 9, 1), "month", "mass_detention", 1, 200, True, ["5"]),
        (D(2020, 1, 1), "year", "detention", 1, 3, True, ["2"]),
    ]),
    Case("detentions_by_period", {"date_from": D(2020, 1, 1)}, ["period_start", "event_type"],
         [(D(2020, 1, 1), "detention")], "period"),
    # ep_recommendations.csv: paragraphs 3 and 19, section 9
    Case("ep_scorecard", {}, ["paragraph", "theme", "status", SECTIONS],
         [(3, "political_persecution", "partially_implemented", ["9"]), (19, "torture", "not_implemented", ["9"])]),
    # events.csv: alpha-one's two sentences in Almaty; beta-two's has no city and takes hers, Atyrau (persons.csv);
    # the group events have none (200 + 3 people); Almaty and the unplaced tie at 2 and the unplaced sort last
    Case("events_by_city", {}, ["city", "region_name", "n_events", "n_people", SECTIONS], [
        ("Almaty", "Almaty", 2, 2, ["3"]),
        (None, None, 2, 203, ["2", "5"]),
        ("Atyrau", "Atyrau Region", 1, 1, ["7"]),
    ]),
    Case("events_by_city", {"regions": ["KZ-23"]}, ["city", "n_events"], [("Atyrau", 1)], "region"),
    # the same placement by region; every one of the 20 regions has a row, 17 of them at zero, and one row for the
    # unplaced group events
    Case("events_by_region", {}, ["region_iso", "n_events", "n_people", SECTIONS], [
        ("KZ-75", 2, 2, ["3"]), (None, 2, 203, ["2", "5"]), ("KZ-23", 1, 1, ["7"]),
    ], keep="n_events > 0", n_rows=21),
    # a person filter drops the group events, which have no person, and gamma-three (male) has no event: the 20
    # regions at zero and no row for the unplaced
    Case("events_by_region", {"genders": ["male"]}, ["region_iso", "n_events"], [], "gender", keep="n_events > 0",
         n_rows=20),
    # events.csv by year and group (etl/schema.py EVENT_TYPE_GROUPS): the 2019 rally detentions and the 2020
    # detentions are custody, the three 2021 sentences (sections 3 and 7) court
    Case("events_per_year", {}, ["year", "event_group", "n_events", SECTIONS], [
        (2019, "custody", 1, ["5"]), (2020, "custody", 1, ["2"]), (2021, "court", 3, ["3", "7"]),
    ]),
    # beta-two is the only member of Veritas
    Case("events_per_year", {"affiliations": ["Veritas"]}, ["year", "event_group", "n_events"], [(2021, "court", 1)],
         "affiliation"),
    # charges.csv, all five by charge_id, without the warehouse's decided_date
    Case("export_charges", {}, ["charge_id", "code", "article", "part", "charge_date"], [
        ("alpha-one-cc-405-1", "CC", 405, 1, D(2020, 6, 1)),
        ("alpha-one-cc-405-2", "CC", 405, 2, None),
        ("beta-two-cc-405-2", "CC", 405, 2, D(2021, 1, 1)),
        ("gamma-three-cao-488", "CAO", 488, None, D(2021, 2, 9)),
        ("gamma-three-cc-392", "CC", 392, None, None),
    ], table="charges"),
    # from 2021: the charges dated then (undated ones count only while the period is open)
    Case("export_charges", {"date_from": D(2021, 1, 1)}, ["charge_id"],
         [("beta-two-cc-405-2",), ("gamma-three-cao-488",)], "period"),
    Case("export_ep_recommendations", {}, ["paragraph", "status"],
         [(3, "partially_implemented"), (19, "not_implemented")], table="ep_recommendations"),
    # events.csv by date, without the placed region and city
    Case("export_events", {}, ["event_id", "event_date", "n_people"], [
        ("grp-20190921-rally-detentions", D(2019, 9, 21), 200),
        ("grp-2020-detentions", D(2020, 1, 1), 3),
        ("alpha-one-20210304-sentence", D(2021, 3, 4), 1),
        ("beta-two-20210601-sentence", D(2021, 6, 1), 1),
        ("alpha-one-20210810-sentence", D(2021, 8, 10), 1),
    ], table="events"),
    Case("export_events", {"regions": ["KZ-75"]}, ["event_id"],
         [("alpha-one-20210304-sentence",), ("alpha-one-20210810-sentence",)], "region"),
    # figure_members.csv
    Case("export_figure_members", {}, ["metric", "person_id"], [
        ("political_prisoners", "alpha-one"), ("political_prisoners", "gamma-three"),
        ("political_prisoners_convicted", "alpha-one"),
    ], table="figure_members"),
    # figures.csv
    Case("export_figures", {}, ["metric", "value", "as_of"], [
        ("political_prisoners", 2.0, D(2021, 9, 1)), ("political_prisoners_convicted", 0.0, D(2021, 9, 1)),
        ("rally_detentions_three_years", 8500.0, None),
    ], table="figures"),
    Case("export_persons", {}, ["person_id", "name"],
         [("alpha-one", "Alpha One"), ("beta-two", "Beta Two"), ("gamma-three", "Gamma Three")],
         table="persons"),
    # June to December 2021: alpha-one (sentence and event of 10 August) and beta-two (of 1 June) have a fact then;
    # gamma-three's facts are of 9 February or undated
    Case("export_persons", {"date_from": D(2021, 6, 1), "date_to": D(2021, 12, 31)}, ["person_id"],
         [("alpha-one",), ("beta-two",)], "period"),
    Case("export_regions", {}, ["region_iso"], [(code,) for code in REGION_CODES], table="regions"),
    # every fixture table's row count; the regions are the shipped 20
    Case("export_row_counts", {}, ["table_name", "n_rows"], [
        ("persons", 3), ("charges", 5), ("sentences", 4), ("events", 5), ("person_statuses", 1), ("figures", 3),
        ("figure_members", 3), ("ep_recommendations", 2), ("sources", 1), ("regions", 20), ("translations", 3),
    ]),
    # Almaty: alpha-one with her 2 charges, 2 sentences and 2 events; the unfiltered tables stay whole
    Case("export_row_counts", {"regions": ["KZ-75"]}, ["table_name", "n_rows"], [
        ("persons", 1), ("charges", 2), ("sentences", 2), ("events", 2), ("person_statuses", 1), ("figures", 3),
        ("figure_members", 3), ("ep_recommendations", 2), ("sources", 1), ("regions", 20), ("translations", 3),
    ], "region"),
    # person_statuses.csv: beta-two's one later statement
    Case("export_person_statuses", {}, ["person_id", "status", "as_of"],
         [("beta-two", "pre_trial_detention", D(2020, 11, 1))], table="person_statuses"),
    Case("export_sentences", {}, ["sentence_id", "sentence_type"], [
        ("alpha-one-s1", "restriction_of_liberty"), ("alpha-one-s2", "imprisonment"),
        ("beta-two-s1", "restriction_of_liberty"), ("gamma-three-s1", "administrative_arrest"),
    ], table="sentences"),
    Case("export_sentences", {"sentence_types": ["restriction_of_liberty"]}, ["sentence_id"],
         [("alpha-one-s1",), ("beta-two-s1",)], "sentence type"),
    Case("export_sources", {}, ["source_id", "title"], [("fixture-report", "Fixture report")],
         table="sources"),
    # figures.csv states each of its three figures once: none to compare across dates or sources
    Case("figure_statements", {}, ["metric"], []),
    # persons.csv: 3 people, alpha-one and gamma-three political prisoners, only alpha-one imprisoned; 2 political
    # prisoners stated; 5 charges, 4 sentences, 5 events, 3 figures, 1 source
    Case("headline_numbers", {}, ["n_persons", "n_political_prisoners", "n_imprisoned", "political_prisoners_stated",
                                  "n_charges", "n_sentences", "n_events", "n_figures", "n_sources"],
         [(3, 2, 1, 2.0, 5, 4, 5, 3, 1)]),
    # translations.csv, in key order, reviewed or not
    Case("export_translations", {}, ["table_name", "row_id", "language", "reviewed"], [
        ("ep_recommendations", "3", "ru", False), ("events", "grp-20190921-rally-detentions", "kk", True),
        ("events", "grp-20190921-rally-detentions", "ru", True)], table="translations"),
    # the reviewed Russian translation beside the English text it translates (the unreviewed one is left out)
    Case("record_translations", {"language": "ru"}, ["original", "text"],
         [("Protesters detained at a rally.", "Участники митинга задержаны.")]),
    # figures.csv against figure_members.csv: 2 stated and 2 named; 0 stated as convicted but alpha-one named, with
    # the note saying why; no names for the rally figure (its as_of is empty)
    Case("figure_comparisons", {}, ["metric", "stated_value", "named_count", "comparison", "names_note"], [
        ("political_prisoners", 2.0, 2, "Same", None),
        ("political_prisoners_convicted", 0.0, 1, "The source names more people than it states",
         "the fixture names alpha-one though it states none"),
        ("rally_detentions_three_years", 8500.0, None, "No names given for this figure", None),
    ]),
    # no metric of figures.csv is given for two dates
    Case("figures_that_moved", {}, ["metric"], []),
    # the sidebar's options: the five political articles and 392 (the only other CC article in charges.csv, with
    # its charge's label); the sentence types of sentences.csv; the affiliations, genders (beta-two's missing
    # gender as "unknown") and statuses of persons.csv; and the 20 regions
    Case("filter_options", {}, ["filter", "value", "label"], [
        ("affiliation", "DCK", "DCK"), ("affiliation", "Koshe Partiyasy", "Koshe Partiyasy"),
        ("affiliation", "Veritas", "Veritas"),
        ("article", "174", "174 inciting social discord"),
        ("article", "179", "179 propaganda or public calls to seize power"),
        ("article", "258", "258 financing extremism"), ("article", "274", "274 disseminating false information"),
        ("article", "392", "392 illegal border crossing"),
        ("article", "405", "405 participation in a banned extremist organisation"),
        ("gender", "female", "female"), ("gender", "male", "male"), ("gender", "unknown", "not stated"),
        ("sentence_type", "administrative_arrest", "administrative arrest"),
        ("sentence_type", "imprisonment", "imprisonment"),
        ("sentence_type", "restriction_of_liberty", "restriction of liberty"),
        ("status", "imprisoned", "imprisoned"), ("status", "pre_trial_detention", "pre trial detention"),
        ("status", "restriction_of_liberty", "restriction of liberty"),
    ], keep="filter != 'region'", n_rows=38),
    # events.csv: the rally is the only group event dated to the day of a marked type (the 2020 detentions are
    # dated to the year)
    Case("key_dates", {}, ["event_date", "event_type", "n_people", "count_qualifier"],
         [(D(2019, 9, 21), "mass_detention", 200, "more_than")]),
    Case("key_dates", {"date_from": D(2020, 1, 1)}, ["event_date"], [], "period"),
    # everyone, by name, with every charge, sentence and event counted: alpha-one 2/2/2, beta-two 1/1/1,
    # gamma-three 2 charges (CC and CAO), 1 sentence, no event
    Case("people", {}, ["person_id", "region", "n_charges", "n_sentences", "n_events", "n_matching"], [
        ("alpha-one", "Almaty", 2, 2, 2, 3), ("beta-two", "Atyrau Region", 1, 1, 1, 3),
        ("gamma-three", None, 2, 1, 0, 3),
    ]),
    # "uan" is in alpha-one's alias "Alpha Uan" only
    Case("people", {"search": "uan"}, ["person_id", "n_matching"], [("alpha-one", 1)], "search"),
    # typed in Cyrillic: "Альфа" has the spelling key of alpha-one's alias "Alfa One" (etl/spelling.py)
    Case("people", {"search": "Альфа", "search_key": "alfa"}, ["person_id", "n_matching"], [("alpha-one", 1)],
         "search key"),
    # the first one listed by name, of three matching
    Case("people", {"listed": 1}, ["person_id", "n_matching"], [("alpha-one", 3)], "listed"),
    # from 2021, facts dated then only: alpha-one's charges are of 2020 and undated, her sentences and events of
    # 2021; beta-two's charge is dated 2021-01-01; gamma-three's CAO charge and arrest 2021-02-09, her CC charge undated
    Case("people", {"date_from": D(2021, 1, 1)}, ["person_id", "n_charges", "n_sentences", "n_events"], [
        ("alpha-one", 0, 2, 2), ("beta-two", 1, 1, 1), ("gamma-three", 1, 1, 0),
    ], "period"),
    # persons.csv: one person each in Almaty, Atyrau and no region; the 17 other regions at zero. The one with no
    # region, gamma-three, has no event placed anywhere either: no place at all
    Case("people_by_region", {}, ["region_iso", "region_name", "n_people", "n_no_place", SECTIONS], [
        ("KZ-75", "Almaty", 1, 0, ["3"]), ("KZ-23", "Atyrau Region", 1, 0, ["4", "7"]), (None, None, 1, 1, ["5"]),
    ], keep="n_people > 0", n_rows=21),
    # by the place of the case: alpha-one's two sentence events are placed in Almaty (KZ-75, section 3); beta-two's
    # event and gamma-three (no event) give no place of a case, and of them gamma-three has no home region either
    # (persons.csv: beta-two sections 4;7, gamma-three 5)
    Case("people_by_case_region", {}, ["region_iso", "region_name", "n_people", "n_no_place", SECTIONS], [
        (None, None, 2, 1, ["4", "5", "7"]), ("KZ-75", "Almaty", 1, None, ["3"]),
    ], keep="n_people > 0", n_rows=21),
    # a chosen region is tested against the place of the case: beta-two lives in Atyrau (KZ-23) but has no case
    # placed there; the people with no place of their case are not counted while a region is chosen
    Case("people_by_case_region", {"regions": ["KZ-23"]}, ["region_iso", "n_people"], [], "region",
         keep="n_people > 0", n_rows=20),
    # March 2021: alpha-one (sentence and event of 4 March) is the only person with a fact dated then
    Case("people_by_case_region", {"date_from": D(2021, 3, 1), "date_to": D(2021, 3, 31)}, ["region_iso", "n_people"],
         [("KZ-75", 1)], "period", keep="n_people > 0", n_rows=20),
    # gamma-three is the one in pre-trial detention, and the source gives no region for her
    Case("people_by_region", {"statuses": ["pre_trial_detention"]}, ["region_iso", "n_people"], [(None, 1)], "status",
         keep="n_people > 0", n_rows=21),
    # CC charges per article and part: the five political articles first (174-274 at zero), 405 part 1 alpha-one,
    # part 2 alpha-one and beta-two (2 people under 405 in all), then 392 without a part (gamma-three); the CAO
    # charge is not a CC article. The 405 rows' labels are not compared (see the report on this case).
    Case("people_per_article", {}, ["article", "part", "n_people", "n_people_article", "is_political", SECTIONS], [
        (174, None, 0, 0, True, []), (179, None, 0, 0, True, []), (258, None, 0, 0, True, []),
        (274, None, 0, 0, True, []), (405, 1, 1, 2, True, ["3"]), (405, 2, 2, 2, True, ["3", "4"]),
        (392, None, 1, 1, False, ["5"]),
    ]),
    # the articles nobody is charged under keep the political articles' own labels (20_marts.sql)
    Case("people_per_article", {}, ["article", "label"], [
        (174, "inciting social discord"), (179, "propaganda or public calls to seize power"),
        (258, "financing extremism"), (274, "disseminating false information"),
    ], "zero labels", keep="n_people_article == 0"),
    Case("people_per_article", {"articles": [405]}, ["article", "part", "n_people"], [
        (174, None, 0), (179, None, 0), (258, None, 0), (274, None, 0), (405, 1, 1), (405, 2, 2),
    ], "article"),
    # 405: alpha-one and beta-two; nobody under the other political articles
    Case("people_per_political_article", {}, ["article", "n_people"],
         [(174, 0), (179, 0), (258, 0), (274, 0), (405, 2)]),
    # beta-two is the one whose gender is not given ("unknown")
    Case("people_per_political_article", {"genders": ["unknown"]}, ["article", "n_people"],
         [(174, 0), (179, 0), (258, 0), (274, 0), (405, 1)], "gender"),
    # restriction of liberty: alpha-one-s1 (2021-03-04, 18 months) and beta-two-s1 (2021-06-01, 12 months)
    Case("people_with_sentence", {"chosen_type": "restriction_of_liberty"},
         ["person_id", "sentence_date", "term_months", "n_matching"],
         [("alpha-one", D(2021, 3, 4), 18.0, 2), ("beta-two", D(2021, 6, 1), 12.0, 2)]),
    Case("people_with_sentence", {"chosen_type": "restriction_of_liberty", "listed": 1}, ["person_id", "n_matching"],
         [("alpha-one", 2)], "listed"),
    # no type chosen: that of the most people, the first bar of sentence_types (restriction of liberty, 2 people)
    Case("people_with_sentence", {"chosen_type": None}, ["person_id", "sentence_type", "n_matching"],
         [("alpha-one", "restriction_of_liberty", 2), ("beta-two", "restriction_of_liberty", 2)], "most people"),
    # alpha-one, the one imprisoned, has one sentence of each of two types: a tie of one person each, which the
    # type's name breaks as the chart's bars do (imprisonment before restriction of liberty)
    Case("people_with_sentence", {"chosen_type": None, "statuses": ["imprisoned"]},
         ["person_id", "sentence_type", "sentence_date", "n_matching"],
         [("alpha-one", "imprisonment", D(2021, 8, 10), 1)], "tie"),
    # the earliest dated event (the 2019-09-21 rally) and the latest dated sentence or event (2021-08-10)
    Case("period_bounds", {}, ["first_date", "last_date"], [(D(2019, 9, 21), D(2021, 8, 10))]),
    # gamma-three's charges: the CAO one dated to the day first, the undated CC one last, neither with a part
    Case("person_charges", {"person_id": "gamma-three"}, ["code", "article", "part", "date_label", "outcome"], [
        ("CAO", 488, None, "9 February 2021", "convicted"), ("CC", 392, None, None, "pending"),
    ]),
    # beta-two's one event is dated to June 2021 only: its span ends on 30 June, and it is drawn mid-month, 14 days
    # after 1 June (29 days to the end of the span, halved and rounded down); events.csv gives it no city
    Case("person_events", {"person_id": "beta-two"}, ["event_date", "date_label", "period_end", "plotted_date", "city"],
         [(D(2021, 6, 1), "June 2021", D(2021, 6, 30), D(2021, 6, 15), None)]),
    Case("person_ids", {}, ["person_id"], [("alpha-one",), ("beta-two",), ("gamma-three",)], unordered=True),
    Case("person_names", {}, ["person_id", "name", "aliases"], [
        ("alpha-one", "Alpha One", ["Alfa One", "Alpha Uan"]), ("beta-two", "Beta Two", []),
        ("gamma-three", "Gamma Three", []),
    ], unordered=True),
    Case("person_profile", {"person_id": "alpha-one"},
         ["name", "aliases", "gender", "region", "city", "prisoner_group", SECTIONS],
         [("Alpha One", ["Alfa One", "Alpha Uan"], "female", "Almaty", "Almaty", "convicted", ["3"])]),
    # alpha-one's restriction of liberty (18 months) and its conversion to prison, both dated to the day
    Case("person_sentences", {"person_id": "alpha-one"}, ["sentence_type", "term_months", "stage", "date_label"], [
        ("restriction_of_liberty", 18.0, "first_instance", "4 March 2021"),
        ("imprisonment", None, "conversion", "10 August 2021"),
    ]),
    # beta-two's rows cite sections 4 and 7 (person "4;7", charge 4, sentence and event 7) of the one source
    # person_statuses.csv: beta-two in pre-trial detention as of 2020-11-01 (section 7); her own row in persons.csv,
    # restriction of liberty as of 2021-09-01 (sections 4;7), is the later statement and so her status
    Case("person_status_history", {"person_id": "beta-two"}, ["as_of", "status", "title", "is_latest", SECTIONS], [
        (D(2020, 11, 1), "pre_trial_detention", "Fixture report", False, ["7"]),
        (D(2021, 9, 1), "restriction_of_liberty", "Fixture report", True, ["4", "7"]),
    ]),
    Case("person_sources", {"person_id": "beta-two"}, ["title", "published", "sections_cited", SECTIONS],
         [("Fixture report", D(2021, 9, 1), "4, 7", ["4", "7"])]),
    # no note in persons.csv speaks of a duplicate or the same person
    Case("possible_duplicates", {}, ["person_id"], []),
    # the two political prisoners: alpha-one (convicted, persons.csv section 3) and gamma-three (pre-trial, section 5)
    Case("political_prisoners_by_group", {}, ["prisoner_group", "n_people", SECTIONS],
         [("convicted", 1, ["3"]), ("pre_trial", 1, ["5"])]),
    # in Almaty city (KZ-75) only alpha-one
    Case("political_prisoners_by_group", {"regions": ["KZ-75"]}, ["prisoner_group", "n_people"], [("convicted", 1)],
         "region"),
    # alpha-one's restriction of liberty (18 months, 2021-03-04) converted to prison on 2021-08-10
    Case("sentence_conversions", {},
         ["person_id", "restriction_date", "restriction_months", "prison_date", "changed_by", SECTIONS, "n_matching"],
         [("alpha-one", D(2021, 3, 4), 18.0, D(2021, 8, 10), "conversion", ["3"], 1)]),
    # filtered to people with a prison sentence, the pair still counts both of its sentences
    Case("sentence_conversions", {"sentence_types": ["imprisonment"]}, ["person_id", "restriction_months"],
         [("alpha-one", 18.0)], "sentence type"),
    # terms in months: beta-two 12 (section 7), alpha-one 18 (section 3), both restriction of liberty
    Case("sentence_terms", {}, ["sentence_type", "term_months", "n_sentences", "n_people", SECTIONS], [
        ("restriction_of_liberty", 12.0, 1, 1, ["7"]), ("restriction_of_liberty", 18.0, 1, 1, ["3"]),
    ]),
    # restriction of liberty: 2 people at first instance; then one person each, by type: gamma-three's arrest and
    # alpha-one's conversion to prison
    Case("sentence_types", {}, ["sentence_type", "stage", "n_people", "n_sentences", "n_people_type"], [
        ("restriction_of_liberty", "first_instance", 2, 2, 2),
        ("administrative_arrest", "first_instance", 1, 1, 1),
        ("imprisonment", "conversion", 1, 1, 1),
    ]),
    # alpha-one is the one imprisoned: her two sentences, one person per type
    Case("sentence_types", {"statuses": ["imprisoned"]}, ["sentence_type", "stage", "n_people_type"], [
        ("imprisonment", "conversion", 1), ("restriction_of_liberty", "first_instance", 1),
    ], "status"),
    Case("sources", {}, ["source_id", "title", "publisher", "published"],
         [("fixture-report", "Fixture report", "Test publisher", D(2021, 9, 1))]),
    # alpha-one is the only person with other spellings
    Case("spelling_variants", {}, ["person_id", "aliases"], [("alpha-one", ["Alfa One", "Alpha Uan"])]),
]


@pytest.fixture(scope="module")
def old_build(fixture_warehouse, tmp_path_factory) -> Path:
    """The Parquet folder of an invented earlier build: the fixture's own Parquet copy without gamma-three (her
    person row, charges and sentence), alpha-one-s2 and alpha-one's event of 2021-08-10, with beta-two in pre-trial
    detention, 1 political prisoner stated instead of 2, and other words in alpha-one's notes, the outcome of her
    first charge and the 2020 group event's description."""
    folder = tmp_path_factory.mktemp("old-build")
    current = fixture_warehouse / "parquet"
    edits = {
        "persons": "SELECT * REPLACE (CASE WHEN person_id = 'beta-two' THEN 'pre_trial_detention' ELSE status END "
                   "AS status, CASE WHEN person_id = 'alpha-one' THEN 'An earlier note.' ELSE notes END AS notes) "
                   "FROM t WHERE person_id <> 'gamma-three'",
        "charges": "SELECT * REPLACE (CASE WHEN charge_id = 'alpha-one-cc-405-1' THEN 'pending' ELSE outcome END "
                   "AS outcome) FROM t WHERE person_id <> 'gamma-three'",
        "sentences": "SELECT * FROM t WHERE person_id <> 'gamma-three' AND sentence_id <> 'alpha-one-s2'",
        "events": "SELECT * REPLACE (CASE WHEN event_id = 'grp-2020-detentions' THEN 'Detained that year.' "
                  "ELSE description END AS description) FROM t WHERE event_id <> 'alpha-one-20210810-sentence'",
        "figures": "SELECT * REPLACE (CASE WHEN metric = 'political_prisoners' THEN 1.0 ELSE value END AS value) "
                   "FROM t",
    }
    con = duckdb.connect()
    try:
        for table, select in edits.items():
            con.execute("CREATE TEMP TABLE t AS SELECT * FROM read_parquet(?)", [str(current / f"{table}.parquet")])
            con.sql(select).write_parquet(str(folder / f"{table}.parquet"))  # typed as the ETL writes it
            con.execute("DROP TABLE t")
    finally:
        con.close()
    return folder


def params_for(text: str, case: Case, request) -> dict:
    """The $parameters the query's text uses, from the case or the defaults; a case may set no other."""
    wanted = set(re.findall(r"\$(\w+)", text))
    assert set(case.params) <= wanted, f"{case.query} takes no {set(case.params) - wanted}"
    params = {name: case.params.get(name, DEFAULTS.get(name, "<unset>")) for name in wanted}
    assert "<unset>" not in params.values(), f"{case.query} needs a value for each of {sorted(wanted)}"
    if params.get("old_parquet") == OLD_BUILD:
        params["old_parquet"] = str(request.getfixturevalue("old_build"))
    elif params.get("old_parquet") == THIS_BUILD:
        params["old_parquet"] = str(request.getfixturevalue("fixture_warehouse") / "parquet")
    return params


def plain(value):
    """A cell as a plain Python value: dates as dates, lists as lists, every kind of missing value as None."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return [plain(v) for v in value]
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if isinstance(value, np.generic):
        return plain(value.item())
    return value


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_query_gives_its_golden_answer_on_the_fixture(fixture_db, request, case):
    text = sql_file(case.query)
    frame = fixture_db.execute(text, params_for(text, case, request)).df()
    if case.table:
        assert list(frame.columns) == fixture_db.table(case.table).columns
    if case.n_rows is not None:
        assert len(frame) == case.n_rows
    if case.keep:
        frame = frame.query(case.keep)
    missing = [c for c in case.columns if c not in frame.columns]
    assert not missing, f"{case.query} has no column {missing}"
    rows = [tuple(plain(v) for v in row) for row in frame[case.columns].itertuples(index=False, name=None)]
    if case.unordered:
        rows, expected = sorted(rows, key=repr), sorted(case.rows, key=repr)
    else:
        expected = case.rows
    assert rows == expected


def test_every_query_file_has_a_golden_case():
    files = {path.stem for path in (PROJECT / "queries").glob("*.sql")}
    cased = {case.query for case in CASES}
    assert sorted(files - cased) == [], "queries without a golden case"
    assert sorted(cased - files) == [], "golden cases of queries that no longer exist"
    assert len({case.id for case in CASES}) == len(CASES), "two cases with one id"

"""The real records reproduce the report's headline numbers from named rows, and say where the
report's stated figure and its own list of names differ."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from etl.warehouse import DEFAULT_RECORDS
from tests.conftest import NO_FILTERS, sql_file

REPORT = Path(__file__).resolve().parents[2] / "shared" / "report" / "kazakhstan-2021-report.txt"
COPIED_RUN_WORDS = 8  # a run this long shared with the report is a copied passage, not our wording


def records(table: str) -> pd.DataFrame:
    return pd.read_csv(DEFAULT_RECORDS / f"{table}.csv", dtype=str, keep_default_na=False)


def members(metric: str) -> set[str]:
    frame = records("figure_members")
    return set(frame.loc[frame["metric"] == metric, "person_id"])


@pytest.mark.sql
def test_political_prisoners_by_group_match_the_named_lists(real_db):
    by_group = {group: n for group, n, *_ in
                real_db.execute(sql_file("political_prisoners_by_group"), NO_FILTERS).fetchall()}
    assert by_group == {
        "convicted": len(members("political_prisoners_convicted")),
        "pre_trial": len(members("political_prisoners_pre_trial")),
        "psychiatric": len(members("political_prisoners_psychiatric")),
    }
    persons = records("persons")
    flagged = set(persons.loc[persons["is_political_prisoner"] == "true", "person_id"])
    assert flagged == members("political_prisoners")


@pytest.mark.sql
def test_stated_and_named_figures_differ_only_where_the_report_itself_does(real_db):
    comparisons = real_db.execute(
        "SELECT metric, stated_value, named_count FROM (" + sql_file("figure_comparisons").rstrip(";\n") + ") "
        "WHERE named_count IS NOT NULL").fetchall()
    differing = {metric: (stated, named) for metric, stated, named in comparisons if stated != named}
    # Section 3 says 14 are convicted but names 15, so the total of 22 has 23 names; of the 21 prisoners
    # listed in paragraph 3 of the EP resolution, section 9 names only the 6 who were released.
    assert differing == {"political_prisoners_convicted": (14.0, 15), "political_prisoners": (22.0, 23),
                         "ep_para3_political_prisoners_listed": (21.0, 6)}
    assert len(comparisons) >= 10


@pytest.mark.sql
def test_people_per_political_article_includes_zeros(real_db):
    rows = real_db.execute(sql_file("people_per_political_article"), NO_FILTERS).fetchall()
    assert [r[0] for r in rows] == [174, 179, 258, 274, 405]
    charges = records("charges")
    for article, _, n_people in rows:
        expected = charges.loc[(charges["code"] == "CC") & (charges["article"] == str(article)), "person_id"].nunique()
        assert n_people == expected, article
    counts = {article: n for article, _, n in rows}
    assert counts[179] == 0 and counts[274] == 0
    assert counts[258] == len(members("financing_case_individuals"))


@pytest.mark.sql
def test_sentences_by_type_match_the_rows(real_db):
    counted = real_db.execute(sql_file("sentence_types"), NO_FILTERS).df()
    from_sql = {t: (int(g["n_sentences"].sum()), int(g["n_people_type"].iloc[0])) for t, g in counted.groupby("sentence_type")}
    sentences = records("sentences")
    from_rows = {t: (len(g), g["person_id"].nunique()) for t, g in sentences.groupby("sentence_type")}
    assert from_sql == from_rows


@pytest.mark.unit
@pytest.mark.parametrize("person_id", ["baurzhan-jusupov", "nataliya-dauletiyarova", "rinat-batkayev", "sabit-syzdykbek"])
def test_restriction_of_liberty_replaced_by_prison_is_two_rows(person_id):
    sentences = records("sentences")
    rows = sentences[sentences["person_id"] == person_id].sort_values("sentence_id")
    kinds = list(zip(rows["sentence_type"], rows["stage"]))
    assert kinds[0] == ("restriction_of_liberty", "first_instance")
    assert kinds[-1][0] == "imprisonment" and kinds[-1][1] in ("appeal", "conversion")


@pytest.mark.unit
@pytest.mark.parametrize("canonical,variant", [
    ("daryn-khasenov", "Daryn Khassenov"), ("yerkin-sabanshiyev", "Yerkyn Sabanshiyev"),
    ("nataliya-dauletiyarova", "Natalia Dauletiyarova"), ("bekizhan-mendygaziyev", "Bekizhan Mendygazieyv"),
    ("yerulan-amirov", "Yeruan Amirov"), ("sairagul-sauytbay", "Sairagul Sauytbai"),
    ("nazym-serikpekova", "Nazim Serikpekova"),
])
def test_spelling_variants_are_aliases_of_one_person(canonical, variant):
    persons = records("persons").set_index("person_id")
    assert variant in persons.loc[canonical, "aliases"].split("|")
    assert variant not in set(persons["name"])


@pytest.mark.unit
def test_possible_duplicate_stays_two_rows_with_a_note():
    persons = records("persons").set_index("person_id")
    assert "Lesova" in persons.loc["nazira-lepesova", "notes"]
    assert "Lepesova" in persons.loc["nazira-lesova", "notes"]


@pytest.mark.unit
def test_every_dated_sentence_has_its_event():
    sentences, events = records("sentences"), records("events")
    dated = sentences[sentences["sentence_date"] != ""]
    event_keys = set(zip(events["person_id"], events["event_date"]))
    missing = [s for s in dated.itertuples() if (s.person_id, s.sentence_date) not in event_keys]
    assert missing == []


@pytest.mark.unit
def test_every_row_cites_a_source_section():
    for table in ("persons", "charges", "sentences", "events", "figures", "ep_recommendations", "figure_members"):
        frame = records(table)
        assert (frame["source_section"].str.fullmatch(r"[1-9](;[1-9])*")).all(), table


@pytest.mark.unit
def test_ep_assessment_is_complete():
    ep = records("ep_recommendations")
    assert sorted(ep["paragraph"].astype(int)) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 17, 19]
    assert set(ep.loc[ep["status"] == "partially_implemented", "paragraph"]) == {"3", "19"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.unit
def test_text_is_our_own_wording_not_copied_from_the_report():
    words = _words(REPORT.read_text(encoding="utf-8"))
    report_runs = {tuple(words[i:i + COPIED_RUN_WORDS]) for i in range(len(words) - COPIED_RUN_WORDS)}
    copied = []
    for table, columns in {"persons": ["notes"], "charges": ["label", "notes"], "sentences": ["notes"],
                           "events": ["description"], "figures": ["description"],
                           "ep_recommendations": ["summary", "evidence"]}.items():
        frame = records(table)
        for column in columns:
            for text in frame[column]:
                cell = _words(text)
                if any(tuple(cell[i:i + COPIED_RUN_WORDS]) in report_runs for i in range(len(cell) - COPIED_RUN_WORDS + 1)):
                    copied.append((table, column, text[:80]))
    assert copied == []


@pytest.mark.unit
def test_no_detention_is_entered_both_for_a_group_and_for_its_named_people():
    """A group row on the same day and of the same type as named people's rows would count them twice."""
    events = records("events")
    detentions = events[events["event_type"].isin(["detention", "mass_detention", "pre_trial_detention",
                                                   "house_arrest", "psychiatric_commitment"])]
    group_days = set(zip(detentions.loc[detentions["person_id"] == "", "event_date"],
                         detentions.loc[detentions["person_id"] == "", "event_type"]))
    person_days = set(zip(detentions.loc[detentions["person_id"] != "", "event_date"],
                          detentions.loc[detentions["person_id"] != "", "event_type"]))
    assert group_days & person_days == set()


@pytest.mark.sql
def test_article_combinations_count_the_people_charged_under_both(real_db):
    rows = real_db.execute(sql_file("article_combinations"), NO_FILTERS).fetchall()
    charges = records("charges")
    charged = charges[(charges["code"] == "CC") & (charges["article"] != "")]
    articles = charged.groupby("person_id")["article"].apply(lambda a: sorted({int(x) for x in a}))
    expected = Counter((a, b) for person in articles for i, a in enumerate(person) for b in person[i + 1:])
    assert expected and {(a, b): n for a, b, n, _, _ in rows} == dict(expected)

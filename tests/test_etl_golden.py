"""Golden tests: the small fixture records in, known typed tables out."""
import datetime as dt

import pyarrow.parquet as pq
import pytest

from etl.schema import SOURCE_TABLE_ORDER, TABLES
from tests.conftest import NO_FILTERS, sql_file

pytestmark = pytest.mark.sql


def test_every_contract_table_has_its_columns_and_rows(fixture_db):
    expected_rows = {"sources": 1, "regions": 20, "persons": 3, "charges": 5, "sentences": 4,
                     "events": 5, "figures": 3, "ep_recommendations": 2, "figure_members": 3,
                     "person_statuses": 1, "translations": 3}
    for table in SOURCE_TABLE_ORDER:
        columns = fixture_db.table(table).columns
        assert columns == [c.name for c in TABLES[table]["columns"]], table
        assert len(fixture_db.table(table).fetchall()) == expected_rows[table], table


# The warehouse type of each kind of registry column (etl/schema.py): every other kind is text.
WAREHOUSE_TYPES = {"date": "DATE", "number": "DOUBLE", "integer": "INTEGER", "list": "VARCHAR[]", "boolean": "BOOLEAN"}


def test_every_contract_column_has_the_type_its_kind_in_the_registry_gives(fixture_db):
    for table in SOURCE_TABLE_ORDER:
        types = dict(zip(fixture_db.table(table).columns, map(str, fixture_db.table(table).types)))
        expected = {c.name: WAREHOUSE_TYPES.get(c.kind, "VARCHAR") for c in TABLES[table]["columns"]}
        assert types == expected, table


def test_types_lists_and_nulls(fixture_db):
    row = fixture_db.execute(
        "SELECT aliases, roles, affiliations, is_political_prisoner, status_as_of, notes "
        "FROM persons WHERE person_id = 'alpha-one'").fetchone()
    assert row == (["Alfa One", "Alpha Uan"], ["activist", "relative"], ["DCK", "Koshe Partiyasy"],
                   True, dt.date(2021, 9, 1), None)
    assert fixture_db.execute("SELECT aliases, gender FROM persons WHERE person_id = 'beta-two'").fetchone() == ([], None)
    kazakh = fixture_db.execute("SELECT notes FROM persons WHERE person_id = 'gamma-three'").fetchone()[0]
    assert "ә ғ қ ң ө ұ ү һ і" in kazakh


def test_charges_and_sentences_are_typed(fixture_db):
    assert fixture_db.execute(
        "SELECT article, part, charge_date, date_precision FROM charges WHERE charge_id = 'alpha-one-cc-405-1'"
    ).fetchone() == (405, 1, dt.date(2020, 6, 1), "month")
    assert fixture_db.execute("SELECT part FROM charges WHERE charge_id = 'gamma-three-cc-392'").fetchone() == (None,)
    assert fixture_db.execute(
        "SELECT sentence_type, term_months, stage FROM sentences WHERE sentence_id = 'alpha-one-s2'"
    ).fetchone() == ("imprisonment", None, "conversion")
    assert fixture_db.execute(
        "SELECT term_days, term_months FROM sentences WHERE sentence_id = 'gamma-three-s1'").fetchone() == (10, None)


def test_political_articles_include_zero_rows(fixture_db):
    rows = fixture_db.execute(sql_file("people_per_political_article"), NO_FILTERS).fetchall()
    assert [(article, n) for article, _, n in rows] == [(174, 0), (179, 0), (258, 0), (274, 0), (405, 2)]


def test_figure_comparison_counts_named_people(fixture_db):
    rows = {r[0]: r for r in fixture_db.execute(
        "SELECT metric, stated_value, named_count, comparison FROM (" + sql_file("figure_comparisons").rstrip(";\n") + ")"
    ).fetchall()}
    assert rows["political_prisoners"][1:] == (2.0, 2, "Same")
    assert rows["political_prisoners_convicted"][1:] == (0.0, 1, "The source names more people than it states")
    assert rows["rally_detentions_three_years"][2] is None


def test_parquet_copies_match_the_database(fixture_warehouse, fixture_db):
    for table in SOURCE_TABLE_ORDER:
        parquet = pq.read_table(fixture_warehouse / "parquet" / f"{table}.parquet")
        assert parquet.num_rows == len(fixture_db.table(table).fetchall())
        assert parquet.column_names == [c.name for c in TABLES[table]["columns"]]
        assert pq.ParquetFile(fixture_warehouse / "parquet" / f"{table}.parquet").metadata.row_group(0).column(0).compression == "ZSTD"


def test_build_info_records_the_build(fixture_db):
    build_id, built_at, inputs, fingerprint = fixture_db.execute(
        "SELECT build_id, built_at, inputs, records_fingerprint FROM build_info").fetchone()
    assert inputs == "tests/fixtures/small"
    assert len(fingerprint) == 16 and build_id
    assert built_at.year >= 2024


ALL_FILTERS = ("date_from := $date_from, date_to := $date_to, regions := $regions, articles := $articles, "
               "sentence_types := $sentence_types, affiliations := $affiliations, genders := $genders, "
               "statuses := $statuses")
# what a query reads the rows through, by kind -> the call before its filters, and each row's key
READS = {"persons": ("filtered_persons(", "person_id"), "events": ("filtered('placed_events', ", "event_id"),
         "charges": ("filtered('dated_charges', ", "charge_id"),
         "sentences": ("filtered('placed_sentences', ", "sentence_id"),
         "conversions": ("filtered_conversions(", "restriction_id || ' ' || prison_id"),
         "article_pairs": ("filtered_article_pairs(", "person_id || ' ' || first_article || ' ' || second_article")}
# kind -> (its rows' keys with every filter passed by name, the same with none passed): constant SQL texts
SELECTS = {kind: (f"SELECT {key} FROM {call}{ALL_FILTERS})", f"SELECT {key} FROM {call.rstrip(', ')})")
           for kind, (call, key) in READS.items()}
# kind of fact -> the people of its rows that every filter, passed by name, keeps
PEOPLE_OF = {kind: f"SELECT person_id FROM {READS[kind][0]}{ALL_FILTERS}) WHERE person_id IS NOT NULL"
             for kind in ("events", "charges", "sentences")}


def filtered(db, kind: str, **changes) -> list:
    params = {**NO_FILTERS, **changes}
    return sorted(r[0] for r in db.execute(SELECTS[kind][0], params).fetchall())


def test_filter_macros_apply_the_shared_filters(fixture_db):
    every_event = filtered(fixture_db, "events")
    assert len(every_event) == 5
    # a person filter keeps that person's facts and drops group events, which have no person
    assert filtered(fixture_db, "events", affiliations=["DCK"]) == [
        "alpha-one-20210304-sentence", "alpha-one-20210810-sentence"]
    assert filtered(fixture_db, "events", genders=["unknown"]) == ["beta-two-20210601-sentence"]
    # the region of the event, else of its person
    assert filtered(fixture_db, "events", regions=["KZ-23"]) == ["beta-two-20210601-sentence"]
    assert filtered(fixture_db, "events", date_from=dt.date(2021, 1, 1)) == [
        "alpha-one-20210304-sentence", "alpha-one-20210810-sentence", "beta-two-20210601-sentence"]
    assert filtered(fixture_db, "charges", articles=[392]) == ["gamma-three-cc-392"]
    # a narrowed period drops undated charges
    assert "alpha-one-cc-405-2" not in filtered(fixture_db, "charges", date_from=dt.date(2019, 1, 1))
    assert filtered(fixture_db, "sentences", sentence_types=["administrative_arrest"]) == ["gamma-three-s1"]
    assert filtered(fixture_db, "sentences", statuses=["released"]) == []


def test_a_filter_left_out_keeps_everything(fixture_db):
    for kind, (_, none_passed) in SELECTS.items():
        left_out = sorted(r[0] for r in fixture_db.execute(none_passed).fetchall())
        assert left_out == filtered(fixture_db, kind), kind
    assert filtered(fixture_db, "persons", regions=["KZ-23"]) == sorted(r[0] for r in fixture_db.execute(
        "SELECT person_id FROM filtered_persons(regions := ['KZ-23'])").fetchall()) == ["beta-two"]


def test_restriction_replaced_by_prison_needs_both_sentences_in_the_period(fixture_db):
    pair = ["alpha-one-s1 alpha-one-s2"]
    assert filtered(fixture_db, "conversions") == pair
    assert filtered(fixture_db, "conversions", date_from=dt.date(2021, 3, 1)) == pair
    assert filtered(fixture_db, "conversions", date_from=dt.date(2021, 4, 1)) == []
    # a chosen sentence type selects the person, not the pair's sentences
    assert filtered(fixture_db, "conversions", sentence_types=["imprisonment"]) == pair
    assert filtered(fixture_db, "conversions", sentence_types=["fine"]) == []


def test_people_in_a_period_are_those_with_a_fact_the_filters_keep_in_it(fixture_db):
    for changes in ({"date_from": dt.date(2021, 1, 1)}, {"date_to": dt.date(2020, 12, 31)},
                    {"date_from": dt.date(2021, 2, 1), "date_to": dt.date(2021, 2, 28), "articles": [392]},
                    {"date_from": dt.date(2021, 1, 1), "regions": ["KZ-75"], "sentence_types": ["imprisonment"]}):
        facts = {person for people in PEOPLE_OF.values()
                 for (person,) in fixture_db.execute(people, {**NO_FILTERS, **changes}).fetchall()}
        assert filtered(fixture_db, "persons", **changes) == sorted(facts), changes
        by_region = fixture_db.execute(sql_file("people_by_region"), {**NO_FILTERS, **changes}).df()
        assert by_region["n_people"].sum() == len(facts), changes

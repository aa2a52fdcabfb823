"""Regions page: its queries on the small fixture and the page in both measures (the map: test_geo.py)."""
import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import NO_FILTERS, PROJECT, sql_file

APP = PROJECT / "app.py"


def counts(db, name: str, **filters) -> dict:
    frame = db.execute(sql_file(name), {**NO_FILTERS, **filters}).df()
    key, value = ("city", "n_events") if name == "events_by_city" else ("region_iso", frame.columns[2])
    return {(row[key] if isinstance(row[key], str) else None): int(row[value])
            for _, row in frame.iterrows() if row[value]}


@pytest.mark.sql
def test_people_by_region_counts_the_silent_source_apart(fixture_db):
    assert counts(fixture_db, "people_by_region") == {"KZ-75": 1, "KZ-23": 1, None: 1}
    assert len(fixture_db.execute(sql_file("people_by_region"), NO_FILTERS).df()) == 21  # every region, and NULL
    assert counts(fixture_db, "people_by_region", regions=["KZ-23"]) == {"KZ-23": 1}


@pytest.mark.sql
def test_people_by_region_with_a_period_keeps_people_with_a_fact_in_it(fixture_db):
    assert counts(fixture_db, "people_by_region", date_from=dt.date(2021, 3, 1), date_to=dt.date(2021, 3, 31)) \
        == {"KZ-75": 1}


@pytest.mark.sql
def test_events_take_the_person_region_when_the_event_has_none(fixture_db):
    # beta-two's sentence gives no region: it counts in beta-two's Atyrau; the group events stay unplaced
    assert counts(fixture_db, "events_by_region") == {"KZ-75": 2, "KZ-23": 1, None: 2}
    people = fixture_db.execute(sql_file("events_by_region"), NO_FILTERS).df().set_index("region_iso", drop=False)
    assert int(people.loc[people["region_iso"].isna(), "n_people"].iloc[0]) == 203


@pytest.mark.sql
def test_events_by_city_take_the_person_city(fixture_db):
    assert counts(fixture_db, "events_by_city") == {"Almaty": 2, "Atyrau": 1, None: 2}


def chart_title(app: AppTest, key: str) -> str:
    return json.loads(app.get_by_key(key).proto.spec)["layout"]["title"]["text"]


@pytest.mark.app
def test_page_switches_measure_and_states_the_unplaced(monkeypatch, fixture_warehouse):
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(fixture_warehouse))
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.switch_page("pages/regions.py").run()
    assert not app.exception
    assert "1 person has no region in the source" in chart_title(app, "regions_map")
    drawn = json.loads(app.get_by_key("regions_map").proto.spec)["data"]
    assert len([t for t in drawn if t.get("fill") == "toself"]) == 14  # the regions of 2021, cities apart
    app.segmented_control(key="regions_measure_en").set_value("Events").run()
    assert not app.exception
    title = chart_title(app, "regions_map")
    assert title.startswith("Almaty has the most events with a known region: 2 of 3")
    assert "2 events have no region in the source" in title
    assert len(app.get("plotly_chart")) == 3


@pytest.mark.app
def test_page_places_people_where_their_case_happened(monkeypatch, fixture_warehouse):
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(fixture_warehouse))
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.switch_page("pages/regions.py").run()
    # the fixture: gamma-three has neither a home region nor an event placed anywhere (persons.csv, events.csv)
    assert any("1 person has no place at all in the records" in c.value for c in app.caption)
    app.segmented_control(key="regions_placed_by_en").set_value("case").run()
    assert not app.exception
    title = chart_title(app, "regions_map")
    # alpha-one's sentences are placed in Almaty; beta-two (home: Atyrau) and gamma-three have no place of a case
    assert title.startswith("Almaty has the most people with a known place of their case: 1 of 1")
    assert "2 people have no place of their case in the records" in title
    assert any("where the source places one of their own events" in c.value for c in app.caption)
    app.segmented_control(key="regions_measure_en").set_value("Events").run()
    assert not app.exception
    assert "regions_placed_by_en" not in [c.key for c in app.get("segmented_control")], "only people are placed so"


@pytest.mark.sql
def test_has_case_place_is_true_exactly_for_the_people_case_places_places(real_db):
    # group events have a region and no person: a person's flag must not turn NULL because of them
    assert real_db.execute("SELECT count(*) FROM events WHERE person_id IS NULL AND region_iso IS NOT NULL").fetchone()[0]
    flags = dict(real_db.execute("SELECT person_no, has_case_place FROM placed_persons").fetchall())
    placed = {no for (no,) in real_db.execute("SELECT DISTINCT person_no FROM case_places").fetchall()}
    assert set(flags.values()) == {True, False}
    assert {no for no, flag in flags.items() if flag} == placed

"""A person's profile in words (dashboard/profile.py): terms, dates and counts as the records give them, and the
summary of real people composed from their rows, with names hidden when the view hides them."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import profile
from dashboard.loader import load_many, pseudonym_of
from dashboard.view import View
from tests.test_labels import MACHINE_WORDS
from tests.test_real_records import records

QUERIES = ("person_profile", "person_charges", "person_sentences", "person_events")


@pytest.mark.unit
@pytest.mark.parametrize("months, days, words", [(30, None, "2.5 years"), (12, None, "1 year"), (18, None, "1.5 years"),
                                                 (14, None, "1 year and 2 months"), (6, None, "6 months"),
                                                 (1, None, "1 month"), (None, 10, "10 days"), (None, None, "")])
def test_terms_are_told_in_years_months_or_days(months, days, words):
    assert profile.term(months, days) == words


@pytest.mark.unit
def test_dates_keep_their_precision():
    day = pd.Timestamp("2021-08-03")
    assert [profile.when(day, p) for p in ("day", "month", "year")] == ["on 3 August 2021", "in August 2021", "in 2021"]
    assert profile.when(pd.NaT, None) == "" and profile.when(None, "day") == ""


@pytest.mark.unit
def test_a_count_keeps_its_qualifier():
    events = pd.DataFrame({"event_type": ["detention"], "event_date": [pd.Timestamp("2020-01-01")],
                           "date_precision": ["year"], "n_people": [3], "count_qualifier": ["at_least"]})
    assert profile.events_clause(events) == "Detained in 2020 with at least 3 people"


@pytest.fixture()
def on_records(monkeypatch, real_warehouse):
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(real_warehouse))


def summary_of(person_id: str, view: View = View()) -> str:
    frames = load_many(view, [(name, {"person_id": person_id}) for name in QUERIES])
    return profile.summary(frames["person_profile"].iloc[0], *(frames[name] for name in QUERIES[1:]))


def first_person(real_db, query: str) -> str:
    """The first person id a whole query (a constant) gives."""
    return real_db.execute(query).fetchone()[0]


@pytest.mark.sql
def test_a_sentenced_persons_summary_says_when_by_whom_to_what_and_under_which_article(on_records, real_db):
    # someone with one first-instance sentence dated to the day, with its court, term and ban, and one convicted charge
    person_id = first_person(real_db, "SELECT person_id FROM persons p WHERE "
                                      "(SELECT count(*) FROM sentences s WHERE s.person_id = p.person_id) = 1 AND "
                                     "EXISTS (SELECT 1 FROM sentences s WHERE s.person_id = p.person_id AND "
                                     "s.date_precision = 'day' AND s.court IS NOT NULL AND s.term_months > 0 AND "
                                     "s.activity_ban_years > 0) AND (SELECT count(*) FROM charges c WHERE "
                                     "c.person_id = p.person_id AND c.outcome = 'convicted' AND c.part IS NOT NULL) = 1 "
                                      "ORDER BY person_id LIMIT 1")
    sentence = records("sentences").query("person_id == @person_id").iloc[0]
    charge = records("charges").query("person_id == @person_id and outcome == 'convicted'").iloc[0]
    text = summary_of(person_id)
    assert (f"Sentenced on {pd.Timestamp(sentence['sentence_date']):%-d %B %Y} by the {sentence['court']} to "
            f"{profile.term(float(sentence['term_months']))} in prison under Article {charge['article']} "
            f"Part {charge['part']} of the Criminal Code") in text
    assert f"banned from public or political activity for {float(sentence['activity_ban_years']):g} years" in text


@pytest.mark.sql
def test_a_person_with_only_events_is_told_by_them(on_records, real_db):
    person_id = first_person(real_db, "SELECT person_id FROM persons p WHERE "
                                      "NOT EXISTS (SELECT 1 FROM charges c WHERE c.person_id = p.person_id) AND NOT "
                                     "EXISTS (SELECT 1 FROM sentences s WHERE s.person_id = p.person_id) AND EXISTS "
                                     "(SELECT 1 FROM events e WHERE e.person_id = p.person_id AND e.event_type = 'death') "
                                      "ORDER BY person_id LIMIT 1")
    death = records("events").query("person_id == @person_id and event_type == 'death'").iloc[0]
    text = summary_of(person_id)
    assert profile.when(pd.Timestamp(death["event_date"]), death["date_precision"]) in text
    assert "died " in text.lower() and "Sentenced" not in text and "Charged" not in text


@pytest.mark.sql
def test_every_summary_is_words_only(on_records, real_db):
    people = [p for (p,) in real_db.execute("SELECT person_id FROM persons ORDER BY person_id").fetchall()]
    for person_id in people:
        text = summary_of(person_id)
        assert text.endswith(".") and not MACHINE_WORDS.search(text), (person_id, text)
        assert not re.search(r"\b(undefined|nat)\b|\s[.,;]", text, flags=re.I), (person_id, text)
    nothing = first_person(real_db, "SELECT person_id FROM persons p WHERE "
                                    "NOT EXISTS (SELECT 1 FROM events e WHERE e.person_id = p.person_id) AND NOT EXISTS "
                                   "(SELECT 1 FROM charges c WHERE c.person_id = p.person_id) AND NOT EXISTS "
                                   "(SELECT 1 FROM sentences s WHERE s.person_id = p.person_id) ORDER BY person_id LIMIT 1")
    assert summary_of(nothing).endswith("No charges, sentences or dated events are recorded for this person.")


@pytest.mark.sql
def test_with_names_hidden_a_profile_shows_the_pseudonym_and_its_summary_names_nobody(on_records, real_db):
    names = [n for (n,) in real_db.execute("SELECT name FROM persons").fetchall()]
    people = [p for (p,) in real_db.execute("SELECT person_id FROM sentences UNION SELECT person_id FROM charges "
                                            "UNION SELECT person_id FROM events WHERE person_id IS NOT NULL").fetchall()]
    hidden = View(hide_names=True)
    for person_id in people:
        shown_as = load_many(hidden, [("person_profile", {"person_id": person_id})])["person_profile"]["name"].iloc[0]
        assert shown_as == pseudonym_of(person_id)
        text = summary_of(person_id, hidden)
        assert [name for name in names if name in text] == [], person_id


@pytest.mark.unit
def test_every_status_has_a_badge():
    from etl.schema import PERSON_STATUSES

    assert set(profile.STATUS_BADGES) == set(PERSON_STATUSES)

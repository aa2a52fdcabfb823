"""Hide-names mode: profile links by pseudonym resolve to the person, and ids that spell a name are scrubbed."""
import pandas as pd
import pytest

from dashboard.privacy import NameScrubber, hide_names, pseudonym, resolve_person

pytestmark = pytest.mark.unit

PERSONS = pd.DataFrame({"person_id": ["yerbol-yeskhozhin", "max-bokayev", "sairagul-sauytbay"],
                        "name": ["Yerbol Yeskhozhin", "Max Bokayev", "Sairagul Sauytbay"],
                        "aliases": [[], [], ["Sauytbai"]]})


def test_a_profile_link_resolves_by_id_or_by_pseudonym():
    ids = PERSONS["person_id"]
    assert resolve_person("yerbol-yeskhozhin", ids) == "yerbol-yeskhozhin"
    assert resolve_person(pseudonym("sairagul-sauytbay"), ids) == "sairagul-sauytbay"
    assert resolve_person("no-such-person", ids) is None
    assert resolve_person("Person ZZZZZ", []) is None


def test_ids_and_metrics_lose_the_names_they_spell():
    frame = pd.DataFrame({"charge_id": ["yerbol-yeskhozhin-cc-405-1", "max-bokayev-cc-174-1"],
                          "person_id": ["yerbol-yeskhozhin", "max-bokayev"],
                          "metric": ["sauytbai_testimony", "article_405_part1_max_term_years"]})
    hidden = hide_names(frame, NameScrubber(PERSONS))
    assert hidden["charge_id"].tolist() == [pseudonym("yerbol-yeskhozhin").lower().replace(" ", "-") + "-cc-405-1",
                                            pseudonym("max-bokayev").lower().replace(" ", "-") + "-cc-174-1"]
    assert hidden["metric"].tolist() == [pseudonym("sairagul-sauytbay").lower().replace(" ", "-") + "_testimony",
                                         "article_405_part1_max_term_years"]
    assert hidden["person_id"].tolist() == [pseudonym("yerbol-yeskhozhin"), pseudonym("max-bokayev")]


def test_every_real_person_gets_a_distinct_pseudonym():
    from etl.warehouse import DEFAULT_RECORDS

    ids = pd.read_csv(DEFAULT_RECORDS / "persons.csv", dtype=str)["person_id"]
    names = {pseudonym(pid) for pid in ids}
    assert len(names) == len(ids)
    assert all(len(name) == len("Person ") + 6 for name in names)

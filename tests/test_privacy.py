"""Hide-names mode: profile links by pseudonym resolve to the person, ids that spell a name are scrubbed, the
pseudonyms cannot be undone by hashing the public names, and two persons never share one."""
import hashlib
import re

import duckdb
import pandas as pd
import pytest

from dashboard import privacy
from dashboard.privacy import CODE_LENGTH, NameScrubber, Pseudonyms, hide_names
from tests.conftest import pseudonym
from etl.warehouse import DEFAULT_RECORDS, build
from tests.conftest import FIXTURE_RECORDS
from tests.support import public_names, unkeyed_pseudonym

TEST_KEY = "5e" * 32

pytestmark = pytest.mark.unit

PERSONS = pd.DataFrame({"person_id": ["yerbol-yeskhozhin", "max-bokayev", "sairagul-sauytbay"],
                        "name": ["Yerbol Yeskhozhin", "Max Bokayev", "Sairagul Sauytbay"],
                        "aliases": [[], [], ["Sauytbai"]]})


@pytest.fixture(autouse=True)
def fixed_key(monkeypatch):
    monkeypatch.setenv(privacy.KEY_ENV, TEST_KEY)
    privacy.reset_key()
    yield
    privacy.reset_key()


def resolve(value: str, person_ids) -> str | None:
    return Pseudonyms(person_ids).resolve(value)


def test_a_profile_link_resolves_by_id_or_by_pseudonym():
    ids = PERSONS["person_id"]
    assert resolve("yerbol-yeskhozhin", ids) == "yerbol-yeskhozhin"
    assert resolve(pseudonym("sairagul-sauytbay"), ids) == "sairagul-sauytbay"
    assert resolve("no-such-person", ids) is None
    assert resolve("Person ZZZZZ", []) is None
    names = Pseudonyms(ids)
    assert [names.resolve(names.of(pid)) for pid in ids] == ids.tolist()
    assert names.resolve(names.slug("max-bokayev")) is None  # a slug is no link


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
    ids = pd.read_csv(DEFAULT_RECORDS / "persons.csv", dtype=str)["person_id"]
    names = Pseudonyms(ids)
    assert len({names.of(pid) for pid in ids}) == len(ids)
    assert all(names.of(pid) == pseudonym(pid) for pid in ids)  # no clash among them: nothing lengthened
    assert all(re.fullmatch(rf"Person [{privacy.ALPHABET}]{{{CODE_LENGTH}}}", pseudonym(pid)) for pid in ids)


def cell_text(frame: pd.DataFrame) -> str:
    def text(value):
        if isinstance(value, str):
            return value
        if hasattr(value, "tolist") and not isinstance(value, (int, float)):
            value = value.tolist()
        return " ".join(map(str, value)) if isinstance(value, list) else str(value)
    return "\n".join(text(v) for column in frame.columns for v in frame[column])


def test_hashing_the_public_names_reveals_no_pseudonym(real_warehouse):
    names, slugs = public_names()
    unkeyed = {unkeyed_pseudonym(s) for s in slugs}
    hex_digests = {hashlib.new(algorithm, value.encode("utf-8")).hexdigest()
                   for algorithm in ("sha256", "md5") for value in names + [n.lower() for n in names] + slugs}
    with duckdb.connect(str(real_warehouse / "repression.duckdb"), read_only=True) as con:
        persons = con.sql("SELECT * FROM persons").df()
        events = con.sql("SELECT * FROM events").df()
        scrubber = NameScrubber(con.sql("SELECT person_id, name, aliases FROM persons").df())
    shown = cell_text(hide_names(persons, scrubber)) + "\n" + cell_text(hide_names(events, scrubber))
    keyed = {scrubber.pseudonyms.of(pid) for pid in persons["person_id"]}
    assert all(name in shown for name in keyed)  # the pseudonyms are there to be attacked

    tokens = {token.upper() for token in re.findall(r"[A-Za-z0-9]+", shown)}
    assert not tokens & {name.split()[1] for name in unkeyed}  # in text, or lower-cased in a slug
    assert not [name for name in unkeyed if name in shown]
    assert not [digest for digest in hex_digests if digest in shown.lower()]
    assert not keyed & unkeyed
    assert not {name[: len("Person ") + 6] for name in keyed} & unkeyed  # nor a lengthened unkeyed code


def test_pseudonyms_are_the_same_in_two_builds_and_the_key_is_in_neither(tmp_path):
    hidden = []
    for folder in ("first", "second", "first"):  # a rebuild of the first warehouse too
        warehouse = tmp_path / folder
        build([FIXTURE_RECORDS], warehouse)
        with duckdb.connect(str(warehouse / "repression.duckdb"), read_only=True) as con:
            build_id = con.sql("SELECT build_id FROM build_info").fetchall()[0][0]
            scrubber = NameScrubber(con.sql("SELECT person_id, name, aliases FROM persons").df())
            hidden.append((build_id, hide_names(con.sql("SELECT * FROM events ORDER BY event_id").df(), scrubber)))
        for path in warehouse.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert bytes.fromhex(TEST_KEY) not in data and TEST_KEY.encode() not in data.lower(), path
    assert len({build_id for build_id, _ in hidden}) == 3
    assert hidden[0][1]["person_id"].dropna().str.startswith("Person ").all()
    for _, frame in hidden[1:]:
        pd.testing.assert_frame_equal(frame, hidden[0][1])


def test_another_key_gives_other_pseudonyms(monkeypatch):
    ids = [f"person-{i}" for i in range(200)] + PERSONS["person_id"].tolist()
    before = Pseudonyms(ids)
    monkeypatch.setenv(privacy.KEY_ENV, "a7" * 32)
    privacy.reset_key()
    after = Pseudonyms(ids)
    assert all(before.of(pid) != after.of(pid) for pid in ids)
    monkeypatch.setenv(privacy.KEY_ENV, TEST_KEY)
    privacy.reset_key()
    assert all(Pseudonyms(ids).of(pid) == before.of(pid) for pid in ids)


CRAFTED = {  # the codes the keyed hash is made to give, to force clashes
    "ayan-one": "AAAAAAAAAAAABXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    "ayan-two": "AAAAAAAAAAAACXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    "berik-three": "AAAAAAAAAAZXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    "dana-four": "DDDDDDDDDDXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    "removed-person": "AAAAAAAAAAZYXXXXXXXXXXXXXXXXXXXXXXXXXXXX",  # in no build: begins like berik-three
}


@pytest.fixture()
def crafted_codes(monkeypatch):
    monkeypatch.setattr(privacy, "_code", CRAFTED.__getitem__)


def test_a_shared_code_is_lengthened_until_it_differs(crafted_codes):
    names = Pseudonyms(["ayan-one", "ayan-two", "berik-three", "dana-four"])
    assert {pid: names.of(pid) for pid in ("ayan-one", "ayan-two", "berik-three", "dana-four")} == {
        "ayan-one": "Person AAAAAAAAAAAAB", "ayan-two": "Person AAAAAAAAAAAAC",
        "berik-three": "Person AAAAAAAAAAZ", "dana-four": "Person DDDDDDDDDD"}
    assert names.slug("ayan-two") == "person-aaaaaaaaaaaac"
    assert names.of("removed-person") == "Person AAAAAAAAAAZY"  # past the shared code and berik-three's
    for pid in ("ayan-one", "ayan-two", "berik-three", "dana-four"):
        assert names.resolve(names.of(pid)) == pid
        assert resolve(names.of(pid), CRAFTED.keys() - {"removed-person"}) == pid
    assert names.resolve("Person AAAAAAAAAA") is None  # the shared code names nobody
    assert names.resolve("Person AAAAAAAAAAAA") is None
    assert pseudonym("ayan-one") == pseudonym("ayan-two") == "Person AAAAAAAAAA"  # why callers use Pseudonyms


def test_hide_names_uses_the_lengthened_codes(crafted_codes):
    persons = pd.DataFrame({"person_id": ["ayan-one", "ayan-two", "dana-four"],
                            "name": ["Ayan Onerbek", "Ayan Twobekov", "Dana Fourova"], "aliases": [[], [], []]})
    frame = pd.DataFrame({"person_id": ["ayan-one", "ayan-two"], "name": ["Ayan Onerbek", "Ayan Twobekov"],
                          "charge_id": ["ayan-one-cc-405-1", "ayan-two-cc-174-1"],
                          "description": ["Ayan Onerbek met Twobekov.", "Dana Fourova testified."]})
    hidden = hide_names(frame, NameScrubber(persons))
    assert hidden.to_dict("list") == {
        "person_id": ["Person AAAAAAAAAAAAB", "Person AAAAAAAAAAAAC"],
        "name": ["Person AAAAAAAAAAAAB", "Person AAAAAAAAAAAAC"],
        "charge_id": ["person-aaaaaaaaaaaab-cc-405-1", "person-aaaaaaaaaaaac-cc-174-1"],
        "description": ["Person AAAAAAAAAAAAB met Person AAAAAAAAAAAAC.", "Person DDDDDDDDDD testified."]}


def test_ids_with_the_same_whole_hash_are_refused(monkeypatch):
    monkeypatch.setattr(privacy, "_code", lambda pid: "Q" * privacy.MAX_CODE_LENGTH)
    with pytest.raises(ValueError, match="2 person ids have the same keyed hash"):
        Pseudonyms(["one", "two"])


def test_many_clashes_of_the_real_hash_all_end_distinct(monkeypatch):
    monkeypatch.setattr(privacy, "CODE_LENGTH", 1)  # 32 codes for 300 persons: clashes are certain
    ids = [f"person-{i}" for i in range(300)]
    names = Pseudonyms(ids)
    codes = [names.of(pid).split()[1] for pid in ids]
    assert len(set(codes)) == len(ids)
    assert max(map(len, codes)) > 2
    for pid, code in zip(ids, codes):
        assert privacy._code(pid).startswith(code)  # lengthened, never changed
        assert not [other for other in codes if other != code and other.startswith(code)]  # no code begins another
        if len(code) > 1:  # lengthened only because another person shared its code one character shorter
            assert [other for other in codes if other != code and other.startswith(code[:-1])]
        assert names.resolve(f"Person {code}") == pid
        assert names.slug(pid) == names.of(pid).lower().replace(" ", "-")

"""People and Data & sources pages: search by any spelling, profiles by id or pseudonym, hide-names
mode that never matches or shows a real name, a clear message for an unknown person, every download."""
import io
import re

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard.labels import label
from tests.conftest import pseudonym
from tests.support import run_page

pytestmark = pytest.mark.app

TABLES = ("persons", "charges", "sentences", "events", "person_statuses", "figures", "figure_members",
          "ep_recommendations", "sources", "regions", "translations")


def open_page(monkeypatch, warehouse, page: str, params: dict, search: str | None = None) -> AppTest:
    app = run_page(monkeypatch, warehouse, page, params)
    if search is not None:
        app.text_input(key="people_search").input(search).run()
    assert not app.exception, app.exception
    return app


def people_table(app: AppTest) -> pd.DataFrame:
    """The table of people, by its key: people_table_<n>, a fresh n after each selection of a row."""
    tables = [d for d in app.dataframe if (d.key or "").startswith("people_table_")]
    assert len(tables) == 1, [d.key for d in app.dataframe]
    return tables[0].value


def table_names(app: AppTest) -> list[str]:
    return people_table(app)["name"].tolist()


def test_search_matches_any_spelling_case_insensitively(monkeypatch, fixture_warehouse):
    assert table_names(open_page(monkeypatch, fixture_warehouse, "people", {}, "alpha uAN")) == ["Alpha One"]
    assert table_names(open_page(monkeypatch, fixture_warehouse, "people", {}, "ALFA")) == ["Alpha One"]


def test_search_treats_wildcards_as_letters(monkeypatch, fixture_warehouse):
    app = open_page(monkeypatch, fixture_warehouse, "people", {}, "%")
    assert not app.dataframe and any("Nobody matches" in i.value for i in app.info)


def test_hide_names_search_matches_pseudonyms_never_real_names(monkeypatch, fixture_warehouse):
    app = open_page(monkeypatch, fixture_warehouse, "people", {"anonymise": "1"}, "Alpha")
    assert not app.dataframe
    code = pseudonym("alpha-one").split()[1]
    app = open_page(monkeypatch, fixture_warehouse, "people", {"anonymise": "1"}, code.lower())
    table = people_table(app)
    assert table["name"].tolist() == [pseudonym("alpha-one")]
    assert "aliases" not in table and table["profile"].iloc[0].startswith("/people?person=Person%20")


def test_table_links_to_profiles_in_the_views_language(monkeypatch, fixture_warehouse):
    table = people_table(open_page(monkeypatch, fixture_warehouse, "people", {}))
    assert "/people?person=alpha-one&lang=en" in table["profile"].tolist()
    table = people_table(open_page(monkeypatch, fixture_warehouse, "people", {"lang": "kk"}))
    assert "/people?person=alpha-one&lang=kk" in table["profile"].tolist()


def test_profile_by_id(monkeypatch, real_warehouse):
    app = open_page(monkeypatch, real_warehouse, "people", {"person": "yerbol-yeskhozhin"})
    assert app.title[0].value == "Person profile"
    texts = [t.value for t in app.text]
    assert texts[0] == "Yerbol Yeskhozhin", "the card opens with the name"
    assert "Sentenced on" in texts[1] and texts[1].endswith("."), "then the summary paragraph"
    assert any("Imprisoned, as of 1 September 2021" in m.value and "red-badge" in m.value for m in app.markdown)
    assert [s.value for s in app.subheader] == ["Notes", "Timeline", "Status over time", "Charges", "Sentences",
                                                "Sources"]
    assert any(t.startswith("• Imprisoned as of 1 September 2021 (") and t.endswith("— the status shown")
               for t in texts), "the latest statement of the status, with its source, marked as the one shown"
    assert not app.dataframe, "charges, sentences and sources in words, not tables"
    assert app.get("plotly_chart"), "the timeline chart"


@pytest.mark.parametrize("link", ["yerbol-yeskhozhin", pseudonym("yerbol-yeskhozhin")])
def test_hide_names_profile_shows_only_the_pseudonym(monkeypatch, real_warehouse, link):
    app = open_page(monkeypatch, real_warehouse, "people", {"person": link, "anonymise": "1"})
    shown = " ".join(str(v) for df in app.dataframe for v in df.value.to_numpy().ravel())
    shown += " ".join(t.value for t in app.text)
    assert pseudonym("yerbol-yeskhozhin") in shown
    assert "Yeskhozhin" not in shown and "Other spellings" not in shown
    assert app.query_params["person"] == pseudonym("yerbol-yeskhozhin")  # the real id leaves the address bar


def test_unknown_person_warns_and_shows_the_table(monkeypatch, real_warehouse):
    app = open_page(monkeypatch, real_warehouse, "people", {"person": "no-such-person"})
    assert "No person matches" in app.warning[0].value
    assert len(people_table(app)) > 0


def test_back_to_all_people(monkeypatch, fixture_warehouse):
    app = open_page(monkeypatch, fixture_warehouse, "people", {"person": "alpha-one"})
    app.button(key="people_back").click().run()
    assert "person" not in app.query_params and app.title[0].value == "People"


@pytest.mark.parametrize("params", [{}, {"anonymise": "1"}, {"region": "KZ-62"}])
def test_data_page_offers_every_table_in_three_formats(monkeypatch, real_warehouse, params):
    app = open_page(monkeypatch, real_warehouse, "data", params)
    keys = {button.key for button in app.get("download_button")}
    assert keys == {f"download_{t}_{f}" for t in TABLES for f in ("csv", "xlsx", "parquet")}
    assert app.title[0].value == "Data & sources"


@pytest.fixture()
def deferred_downloads(monkeypatch) -> dict:
    """What each download button would write when clicked, by the button's file id."""
    registered = {}
    add_deferred = MediaFileManager.add_deferred

    def record(self, data_callable, *args, **kwargs):
        file_id = add_deferred(self, data_callable, *args, **kwargs)
        registered[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return registered


def stated_rows(app: AppTest) -> dict[str, int]:
    """The row count the page states beside each table's buttons."""
    tables = {label("table", t): t for t in TABLES}  # the page names each table in words
    return {tables[m.group(1)]: int(m.group(2).replace(",", "")) for md in app.markdown
            if (m := re.match(r"\*\*(.+?)\*\* · ([\d,]+) rows?", md.value))}


@pytest.mark.parametrize("params", [{}, {"region": "KZ-75", "from": "2020-01-01"}, {"anonymise": "1"}])
def test_each_download_holds_the_rows_the_page_counts(monkeypatch, real_warehouse, deferred_downloads, params):
    app = open_page(monkeypatch, real_warehouse, "data", params)
    stated = stated_rows(app)
    assert set(stated) == set(TABLES)
    buttons = {button.key: button.proto.deferred_file_id for button in app.get("download_button")}
    for table in TABLES:
        frame = pd.read_parquet(io.BytesIO(deferred_downloads[buttons[f"download_{table}_parquet"]]()))
        assert len(frame) == stated[table], table
        csv = deferred_downloads[buttons[f"download_{table}_csv"]]().decode("utf-8-sig")
        assert len(pd.read_csv(io.StringIO(csv))) == stated[table], table
    if "region" in params:
        everything = stated_rows(open_page(monkeypatch, real_warehouse, "data", {}))
        assert all(stated[t] < everything[t] for t in ("persons", "charges", "sentences", "events"))
    if "anonymise" in params:
        persons = pd.read_parquet(io.BytesIO(deferred_downloads[buttons["download_persons_parquet"]]()))
        assert persons["person_id"].str.startswith("Person ").all()
        assert persons["person_id"].is_monotonic_increasing  # ordered by pseudonym, not by real id
        text = deferred_downloads[buttons["download_persons_csv"]]().decode("utf-8-sig")
        assert "Yeskhozhin" not in text and "yerbol-yeskhozhin" not in text


def test_data_page_lists_the_stated_figures_whose_named_count_differs_in_words(monkeypatch, real_warehouse):
    from dashboard.labels import header
    from dashboard.loader import load
    from dashboard.view import View

    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(real_warehouse))
    comparisons = load(View(), "figure_comparisons")
    differing = comparisons[comparisons["named_count"].notna() & (comparisons["named_count"] != comparisons["stated_value"])]
    app = run_page(monkeypatch, real_warehouse, "data", {})
    shown = [d.value for d in app.dataframe if header("named_count") in d.value.columns]
    assert not app.exception and not differing.empty, "the real records name fewer people than some stated figures"
    assert len(shown) == 1
    assert list(shown[0][header("named_count")]) == list(differing["named_count"])  # numbers, not text
    assert set(shown[0][header("comparison")]).isdisjoint({None, ""}) and header("description") in shown[0].columns
    assert any(f"**{len(differing)} differ**" in m.value for m in app.markdown)

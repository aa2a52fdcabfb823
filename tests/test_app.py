"""The app renders from a warehouse, and explains itself when there is none."""
import pytest
from pathlib import Path

from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.app

APP = Path(__file__).resolve().parent.parent / "app.py"


def run_app(monkeypatch, warehouse) -> AppTest:
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(warehouse))
    return AppTest.from_file(str(APP), default_timeout=60).run()


@pytest.mark.parametrize("which", ["fixture_warehouse", "real_warehouse"])
def test_overview_renders_the_figures(monkeypatch, request, which):
    app = run_app(monkeypatch, request.getfixturevalue(which))
    assert not app.exception
    assert app.title[0].value == "Political repression in Kazakhstan"
    assert len(app.metric) == 3 and all(float(m.value) >= 0 for m in app.metric)


def test_overview_numbers_come_from_the_warehouse(monkeypatch, fixture_warehouse):
    app = run_app(monkeypatch, fixture_warehouse)
    # the fixture states 2 political prisoners and names 2; 2 people charged under 405, nobody under 258
    assert [m.value for m in app.metric] == ["2", "2", "0"]
    assert app.metric[0].delta == "2 named in the report"


def test_missing_warehouse_gives_a_clear_message(monkeypatch, tmp_path):
    app = run_app(monkeypatch, tmp_path / "nowhere")
    assert not app.exception
    assert "not available" in app.error[0].value
    assert any("python -m etl build" in t.value for t in app.text)


def test_corrupt_warehouse_gives_a_clear_message(monkeypatch, tmp_path):
    (tmp_path / "repression.duckdb").write_bytes(b"this is not a database" * 100)
    app = run_app(monkeypatch, tmp_path)
    assert not app.exception
    assert any("etl build" in t.value for t in app.text)

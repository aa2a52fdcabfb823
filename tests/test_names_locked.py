"""A names-locked deployment (DASHBOARD_NAMES=hidden): no page, link, download or briefing shows a real name or alias,
whatever the link or the toggle asks, and a profile link by a person's id does not open."""
import io
import os
import subprocess
import sys

import duckdb
import pytest
from pptx import Presentation

from dashboard import loader, view
from tests.conftest import PROJECT
from tests.support import PAGES, run_page


@pytest.fixture()
def locked(monkeypatch):
    for module in (loader, view):
        monkeypatch.setattr(module, "NAMES_LOCKED", True)
    loader.clear()
    yield
    loader.clear()


def real_names(warehouse) -> set[str]:
    con = duckdb.connect(str(warehouse / "repression.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT name, aliases FROM persons").fetchall()
    finally:
        con.close()
    return {name for name, _ in rows} | {alias for _, aliases in rows for alias in aliases}


def shown_text(app) -> str:
    parts = [e.value for kind in ("title", "subheader", "text", "caption", "markdown", "info", "warning")
             for e in getattr(app, kind)]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    parts += [chart.proto.spec for chart in app.get("plotly_chart")]
    return "\n".join(str(p) for p in parts)


@pytest.mark.app
@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_a_name_even_when_the_link_asks_for_names(monkeypatch, real_warehouse, locked, page):
    app = run_page(monkeypatch, real_warehouse, page, {"anonymise": "0"})
    assert not app.exception
    toggle = app.toggle(key="mode_anonymise")
    assert toggle.value and toggle.disabled
    text = shown_text(app)
    assert "Person " in text or page in ("ep_resolution", "changes", "briefing", "detentions", "regions", "articles")
    assert [n for n in real_names(real_warehouse) if n in text] == []


@pytest.mark.app
def test_a_profile_link_by_id_does_not_open_and_one_by_pseudonym_does(monkeypatch, real_warehouse, locked):
    by_id = run_page(monkeypatch, real_warehouse, "people", {"person": "yerbol-yeskhozhin"})
    assert any("No person matches" in w.value for w in by_id.warning)
    pseudonym = loader.load(view.View(hide_names=True), "person_profile", person_id="yerbol-yeskhozhin")["name"][0]
    by_pseudonym = run_page(monkeypatch, real_warehouse, "people", {"person": pseudonym})
    assert [t.value for t in by_pseudonym.title] == ["Person profile"]
    assert "Yeskhozhin" not in shown_text(by_pseudonym)


@pytest.mark.load  # a child process that renders chart images
def test_the_briefing_command_hides_names_without_being_asked(real_warehouse, tmp_path):
    out = tmp_path / "brief.pptx"
    env = {**os.environ, "DASHBOARD_NAMES": "hidden"}
    subprocess.run([sys.executable, "-m", "briefing", "--out", str(out), "--warehouse", str(real_warehouse)],
                   cwd=PROJECT, env=env, check=True, capture_output=True, timeout=300)
    deck = Presentation(io.BytesIO(out.read_bytes()))
    text = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    text += "\n".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides)
    assert "pseudonym" in text.lower()
    assert [n for n in real_names(real_warehouse) if n in text] == []

"""Shared fixtures: warehouses built once per session from the small fixture and from the real records."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from dashboard.local_server import free_port
from etl.warehouse import DEFAULT_RECORDS, build

TESTS_DIR = Path(__file__).parent
PROJECT = TESTS_DIR.parent
FIXTURE_RECORDS = TESTS_DIR / "fixtures" / "small"
ARTEFACTS = TESTS_DIR.parent / "test-artefacts"


@pytest.fixture(scope="session")
def fixture_warehouse(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fixture-warehouse")
    build([FIXTURE_RECORDS], folder)
    return folder


@pytest.fixture(scope="session")
def real_warehouse(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("real-warehouse")
    build([DEFAULT_RECORDS], folder)
    return folder


@pytest.fixture()
def fixture_db(fixture_warehouse):
    con = duckdb.connect(str(fixture_warehouse / "repression.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.fixture()
def real_db(real_warehouse):
    con = duckdb.connect(str(real_warehouse / "repression.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.fixture()
def records_copy(tmp_path) -> Path:
    """A writable copy of the small fixture records, for tests that break one thing."""
    target = tmp_path / "records"
    shutil.copytree(FIXTURE_RECORDS, target)
    return target


def sql_file(name: str) -> str:
    return (TESTS_DIR.parent / "queries" / f"{name}.sql").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def dashboard_url(real_warehouse) -> str:
    """The dashboard served by `streamlit run` on loopback, on the real records."""
    port = free_port()
    env = {**os.environ, "DASHBOARD_WAREHOUSE": str(real_warehouse)}
    server = subprocess.Popen(
        [sys.executable, "-m", "dashboard.serve", "--server.port", str(port)],
        cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        server.kill()
        raise RuntimeError("streamlit did not start: " + server.stderr.read().decode(errors="replace")[-2000:])
    yield url
    server.terminate()
    server.wait(timeout=20)


# Debian's chromium without its own traffic: no background services, and no host name resolved at all (its
# services still look up Google's hosts, and each look-up also probes 8.8.8.8 and 2001:4860:4860::8888 for a
# route). The dashboard is reached as 127.0.0.1, an address, so a page's request to any named host fails
# here and is still recorded by the tests.
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright, with background networking off (nothing may leave the machine)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=BROWSER_ARGS,
        )
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def routed_by_navigation(monkeypatch):
    """AppTest, like a fresh server, would run a page from pages/ directly, bypassing app.py's router;
    keep Streamlit's legacy pages/ scan off as dashboard/serve.py does."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


NO_FILTERS = {"date_from": None, "date_to": None, "regions": [], "articles": [], "sentence_types": [],
              "affiliations": [], "genders": [], "statuses": []}


def pseudonym(person_id: str) -> str:
    """A person's pseudonym where no other person's code begins alike (every test build): Pseudonyms of one."""
    from dashboard.privacy import Pseudonyms
    return Pseudonyms([person_id]).of(person_id)

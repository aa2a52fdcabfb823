"""Shared fixtures: warehouses built once per session from the small fixture and from the real records."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.warehouse import DEFAULT_RECORDS, build
from tests.servers import serve

TESTS_DIR = Path(__file__).parent
PROJECT = TESTS_DIR.parent
FIXTURE_RECORDS = TESTS_DIR / "fixtures" / "small"
ARTEFACTS = TESTS_DIR.parent / "test-artefacts"
# The kinds of test (registered in pytest.ini): each test carries exactly one.
KINDS = ("unit", "sql", "app", "browser", "load")


def pytest_sessionstart(session):
    """The compiled catalogues, as `make run` and `make test` build them (`make locales`, with this interpreter),
    for a test run started without make: pages in Russian and Kazakh read them. Under pytest-xdist the controller
    compiles them before its workers start, so no worker reads a catalogue another is writing."""
    if hasattr(session.config, "workerinput"):
        return
    subprocess.run(["make", "--no-print-directory", "-s", "locales", f"BIN={Path(sys.executable).parent}"],
                   cwd=PROJECT, check=True)


@pytest.hookimpl(tryfirst=True)  # before -m deselects: every collected test is checked, whatever is selected
def pytest_collection_modifyitems(items):
    wrong = []
    for item in items:
        kinds = sorted({mark.name for mark in item.iter_markers() if mark.name in KINDS})
        if len(kinds) != 1:
            wrong.append(f"  {item.nodeid}: {', '.join(kinds) or 'no kind'}")
    if wrong:
        raise pytest.UsageError(
            f"every test needs exactly one kind marker ({', '.join(KINDS)}): add `pytestmark = pytest.mark.<kind>` "
            "to its module, or mark each test of a module that mixes kinds\n" + "\n".join(wrong))


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
def dashboard_url(real_warehouse, tmp_path_factory) -> str:
    """The dashboard served by `streamlit run` on loopback, on the real records."""
    with serve(real_warehouse, tmp_path_factory.mktemp("dashboard") / "server.log") as server:
        yield server.url


@pytest.fixture(scope="session")
def strace() -> str:
    """strace, installed from Debian when it is missing: what the zero-egress checks record syscalls with."""
    subprocess.run(["bash", str(PROJECT / "scripts" / "ensure-debian-tool.sh"), "strace"], check=True)
    return shutil.which("strace")


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
    """AppTest, like a fresh server, would run a page from pages/ directly, bypassing app.py's router."""
    from streamlit.runtime.pages_manager import PagesManager

    from bench.server_side import routed

    monkeypatch.setattr(PagesManager, "__init__", routed(PagesManager.__init__))


NO_FILTERS = {"date_from": None, "date_to": None, "regions": [], "articles": [], "sentence_types": [],
              "affiliations": [], "genders": [], "statuses": []}


def pseudonym(person_id: str) -> str:
    """A person's pseudonym where no other person's code begins alike (every test build): Pseudonyms of one."""
    from dashboard.privacy import Pseudonyms
    return Pseudonyms([person_id]).of(person_id)

"""Publishing while the dashboard serves: an open page shows the new build on its next rerun, without a
restart; a missing or unreadable warehouse gives the viewer a page that says how to rebuild it."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from etl.warehouse import DEFAULT_RECORDS, build
from tests.conftest import FIXTURE_RECORDS, PROJECT
from tests.servers import serve
from tests.support import REGION_FILTER, Visit, build_line

pytestmark = pytest.mark.browser

REBUILD_HINT = "python -m etl build"


def shown_build(visit: Visit) -> str:
    return visit.page.get_by_text(re.compile(r"^Data build ")).first.inner_text(timeout=30_000)


def assert_clean(visit: Visit) -> None:
    assert not visit.page.locator("[data-testid='stException']").count()
    assert "Traceback" not in visit.page.inner_text("body")
    assert visit.console_errors == []


def test_an_open_page_shows_a_new_build_without_a_restart(browser, tmp_path):
    warehouse = tmp_path / "warehouse"
    build([FIXTURE_RECORDS], warehouse)
    old_id, old_counts = build_line(warehouse)
    with serve(warehouse, tmp_path / "server.log") as server:
        visit = Visit(browser, server.url + "/")
        visit.wait_until_drawn("Data build")
        before = shown_build(visit)
        assert old_id in before and old_counts in before

        published = subprocess.run([sys.executable, "-m", "etl", "build", "--records", str(DEFAULT_RECORDS),
                                    "--warehouse", str(warehouse)], cwd=PROJECT, capture_output=True, text=True)
        assert published.returncode == 0, published.stderr
        new_id, new_counts = build_line(warehouse)
        assert (new_id, new_counts) != (old_id, old_counts)

        # a rerun of the open session (a filter change), then a fresh session (reload): both see the new build
        visit.page.locator(REGION_FILTER).click()
        visit.page.keyboard.type("Mangystau")
        visit.page.keyboard.press("Enter")
        visit.page.wait_for_url(re.compile(r"region=KZ-47"), timeout=15_000)
        visit.page.get_by_text(new_id, exact=False).first.wait_for(timeout=30_000)
        rerun = shown_build(visit)
        assert new_id in rerun and new_counts in rerun
        assert_clean(visit)

        visit.page.reload(wait_until="domcontentloaded")
        visit.wait_until_drawn(new_id)
        reloaded = shown_build(visit)
        assert new_id in reloaded and new_counts in reloaded
        assert_clean(visit)
        visit.close()
        assert server.process.poll() is None


@pytest.mark.parametrize("state", ["missing", "corrupt"])
def test_a_missing_or_corrupt_warehouse_says_how_to_rebuild(browser, tmp_path, state):
    warehouse = tmp_path / "warehouse"
    warehouse.mkdir()
    if state == "corrupt":
        (warehouse / "repression.duckdb").write_bytes(b"not a database\n" * 4096)
    with serve(warehouse, tmp_path / "server.log") as server:
        for path in ("", "articles"):
            visit = Visit(browser, f"{server.url}/{path}")
            visit.wait_until_drawn(REBUILD_HINT)
            assert visit.page.get_by_text("The data warehouse is not available").first.is_visible()
            assert visit.page.get_by_text(REBUILD_HINT, exact=False).first.is_visible()
            assert_clean(visit)
            visit.close()

        # following the advice repairs the running dashboard: no restart needed
        build([FIXTURE_RECORDS], warehouse)
        build_id, counts = build_line(warehouse)
        visit = Visit(browser, server.url + "/")
        visit.wait_until_drawn(build_id)
        assert counts in shown_build(visit)
        assert_clean(visit)
        visit.close()

"""The dashboard in a real browser: Debian's chromium driven by Playwright against `python -m dashboard.serve`
on loopback. Times the first chart of a fresh server, then a filter change until the chart is redrawn, and
visits every page so the server's memory is that of an app that rendered them all.

The first chart is timed for a returning visitor (the JavaScript cached) on a running server, on a page whose
queries are not cached yet; a new browser on a freshly started server is reported apart. The same two timings
of bench/floor_app.py, a page with one small chart and one multiselect, are the floor this browser and machine
set for any Streamlit page with a Plotly chart."""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from statistics import median

from playwright.sync_api import sync_playwright

from bench.server_side import resident_mb
from tests.servers import serve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
URL_PATHS = ("", "detentions", "articles", "sentences", "regions", "ep-resolution", "people", "data")
FILTER_REGIONS = ("Mangystau", "Atyrau", "Karaganda")  # names no other region contains
CHART = ".js-plotly-plot"
FIRST_TITLE = "() => (document.querySelector('.js-plotly-plot .gtitle') || {}).textContent || ''"
COLD_PERIODS = (2019, 2020, 2021)
ROUNDS = len(COLD_PERIODS)  # timings of each kind at the most: each cold one needs a period of its own
VIEWPORT = {"width": 1280, "height": 720}
FLOOR_APP = Path(__file__).resolve().parent / "floor_app.py"


def _first_chart_seconds(opener, url: str) -> float:
    page = opener.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator(CHART).first.wait_for(state="visible", timeout=120_000)
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def _filter_redraw_seconds(opener, url: str, region: str) -> float:
    """From picking a region in the sidebar to the first chart's title showing the new numbers."""
    page = opener.new_page()
    page.goto(url, wait_until="commit")
    page.locator(CHART).first.wait_for(state="visible", timeout=120_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000)
    before = page.evaluate(FIRST_TITLE)
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.click()
    page.keyboard.type(region)
    started = time.perf_counter()
    page.keyboard.press("Enter")
    page.wait_for_function(f"before => ({FIRST_TITLE})() !== before", arg=before, timeout=120_000)
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def measure_floor(warehouse: Path, log: Path, rounds: int = ROUNDS) -> dict:
    """First chart and filter redraw of the one-chart floor page, timed like the dashboard's."""
    with serve(warehouse, log, script=FLOOR_APP) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            visitor = browser.new_context(viewport=VIEWPORT)
            _first_chart_seconds(visitor, server.url)  # the JavaScript into the cache, as for the dashboard
            first = [_first_chart_seconds(visitor, server.url) for _ in range(rounds)]
            redraws = [_filter_redraw_seconds(visitor, server.url, region) for region in FILTER_REGIONS[:rounds]]
        finally:
            browser.close()
    return {"first_chart_s": median(first), "filter_redraw_s": median(redraws)}


def measure_browser(warehouse: Path, log: Path, rounds: int = ROUNDS) -> dict:
    with serve(warehouse, log) as server, sync_playwright() as playwright:
        url = server.url
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # a new browser first downloads and parses Streamlit's and plotly's JavaScript (megabytes), and the
            # first session of a fresh server imports plotly and pandas: both are measured apart
            cold_start = _first_chart_seconds(browser, f"{url}/ep-resolution")
            visitor = browser.new_context(viewport=VIEWPORT)  # a returning visitor: the JavaScript is in the browser's cache
            _first_chart_seconds(visitor, f"{url}/ep-resolution")
            # each link opens the page on a period not asked for before, so its queries are not cached yet
            first = [_first_chart_seconds(visitor, f"{url}/articles?from={year}-01-01") for year in COLD_PERIODS[:rounds]]
            warm = [_first_chart_seconds(visitor, f"{url}/articles") for _ in range(rounds)]
            redraws = [_filter_redraw_seconds(visitor, f"{url}/articles", region) for region in FILTER_REGIONS[:rounds]]
            for path in URL_PATHS:  # every page once, for the server's memory
                page = visitor.new_page()
                page.goto(f"{url}/{path}", wait_until="commit")
                page.get_by_role("heading", level=1).first.wait_for(timeout=120_000)
                page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                                       timeout=120_000)
                page.close()
            rss = resident_mb(server.process.pid)
        finally:
            browser.close()
    return {"first_chart_s": median(first), "first_chart_max_s": max(first), "first_chart_cached_s": median(warm),
            "first_chart_new_browser_after_server_start_s": cold_start,
            "filter_redraw_s": median(redraws), "filter_redraw_max_s": max(redraws),
            "server_rss_mb": rss, "floor": measure_floor(warehouse, log.with_name(log.stem + "-floor.log"), rounds)}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.browser")
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--log", type=Path, required=True, help="where the server's output goes")
    parser.add_argument("--rounds", type=int, default=ROUNDS, choices=range(1, ROUNDS + 1),
                        help="timings of each kind, whose median is reported")
    args = parser.parse_args()
    print(json.dumps(measure_browser(args.warehouse, args.log, args.rounds)))


if __name__ == "__main__":
    main()

"""Every page in a real browser (Debian's chromium via Playwright): charts drawn from the warehouse,
no console error, no request to any host but 127.0.0.1, filters in the URL, presenter and hide-names modes."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pandas as pd
import pytest

from etl.warehouse import DEFAULT_RECORDS
from tests.conftest import ARTEFACTS

PAGES = {  # URL path -> what must be on it
    "": "Political repression in Kazakhstan",
    "detentions": "Detentions over time",
    "articles": "Criminal Code articles",
    "sentences": "Sentences",
    "regions": "Regions",
    "ep-resolution": "European Parliament resolution",
    "people": "People",
    "data": "Data",
    "changes": "What changed",
    "briefing": "Briefing pack",
}
CHART_PAGES = ("", "detentions", "articles", "sentences", "regions", "ep-resolution")
# Streamlit's frontend probes <page>/_stcore/health and host-config before the app root on a deep link
# (streamlit/streamlit#7074); those two 404s are the only console errors tolerated.
STREAMLIT_PROBE = re.compile(r"/[\w-]+/_stcore/(health|host-config)$")


class Visit:
    """A page visit that records every request, websocket frame and console error."""

    def __init__(self, browser, url: str, viewport=(1280, 720)):
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.frames: list[bytes] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        self.page.goto(url, wait_until="domcontentloaded")

    def _console(self, message) -> None:
        if message.type == "error" and not STREAMLIT_PROBE.search(message.location.get("url", "")):
            self.console_errors.append(f"{message.text} at {message.location.get('url')}")

    def _frame(self, payload) -> None:
        self.frames.append(payload if isinstance(payload, bytes) else payload.encode())

    def wait_until_drawn(self, text: str) -> None:
        self.page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
        self.page.wait_for_timeout(800)

    def chart_count(self) -> int:
        return self.page.locator(".js-plotly-plot").count()

    def outside_hosts(self) -> set[str]:
        return {urlparse(u).hostname for u in self.requests
                if urlparse(u).scheme in ("http", "https", "ws", "wss")} - {"127.0.0.1"}

    def screenshot(self, name: str) -> None:
        ARTEFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.page.close()


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_page_draws_from_the_warehouse_without_errors_or_outside_requests(browser, dashboard_url, path):
    visit = Visit(browser, f"{dashboard_url}/{path}")
    visit.wait_until_drawn(PAGES[path])
    if path in CHART_PAGES:
        visit.page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        assert visit.chart_count() >= 1
        assert "Source:" in visit.page.inner_text("body")
    assert not visit.page.locator("[data-testid='stException']").count()
    visit.screenshot(path or "overview")
    assert visit.outside_hosts() == set()
    assert visit.console_errors == []
    visit.close()


def chart_titles(visit: Visit) -> list[str]:
    return visit.page.locator(".js-plotly-plot .gtitle").evaluate_all("els => els.map(e => e.textContent)")


def settled_titles(visit: Visit) -> list[str]:
    """Chart titles once the rerun has finished: the same for two readings a second apart."""
    previous = None
    for _ in range(30):
        visit.page.wait_for_timeout(1000)
        titles = chart_titles(visit)
        if titles == previous and titles:
            return titles
        previous = titles
    raise AssertionError("the charts never settled")


def test_filter_change_redraws_and_the_copied_url_reopens_the_view(browser, dashboard_url):
    visit = Visit(browser, f"{dashboard_url}/articles")
    visit.wait_until_drawn("Criminal Code articles")
    visit.page.locator(".js-plotly-plot").first.wait_for()
    before = settled_titles(visit)
    region_box = visit.page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    region_box.click()
    visit.page.keyboard.type("Mangystau")
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url(re.compile(r"region=KZ-47"), timeout=15_000)
    visit.page.wait_for_function(
        "before => Array.from(document.querySelectorAll('.js-plotly-plot .gtitle')).map(e => e.textContent)"
        ".join('|') !== before", arg="|".join(before), timeout=15_000)
    after = settled_titles(visit)
    assert after != before
    copied = visit.page.url
    visit.close()

    reopened = Visit(browser, copied)
    reopened.wait_until_drawn("Criminal Code articles")
    reopened.page.locator(".js-plotly-plot").first.wait_for()
    assert settled_titles(reopened) == after
    assert "Mangystau" in reopened.page.locator("[data-testid='stSidebar']").inner_text()
    reopened.close()


def test_presenter_mode_enlarges_type_and_hides_clutter(browser, dashboard_url):
    normal = Visit(browser, f"{dashboard_url}/sentences")
    normal.wait_until_drawn("Sentences")
    normal.page.locator(".js-plotly-plot .gtitle").first.wait_for()
    normal_size = normal.page.eval_on_selector("h1", "e => parseFloat(getComputedStyle(e).fontSize)")
    normal_chart_font = normal.page.eval_on_selector(".js-plotly-plot .gtitle", "e => parseFloat(e.style.fontSize)")
    normal.close()
    present = Visit(browser, f"{dashboard_url}/sentences?present=1")
    present.wait_until_drawn("Sentences")
    present.page.locator(".js-plotly-plot .gtitle").first.wait_for()
    assert present.page.eval_on_selector("h1", "e => parseFloat(getComputedStyle(e).fontSize)") > normal_size
    assert present.page.eval_on_selector(".js-plotly-plot .gtitle", "e => parseFloat(e.style.fontSize)") > normal_chart_font
    assert present.page.locator("[data-testid='stSidebar'][aria-expanded='true']").count() == 0
    assert present.page.locator("[data-testid='stToolbar']").is_hidden()
    present.screenshot("sentences-presenter")
    present.close()


def real_names() -> list[str]:
    persons = pd.read_csv(DEFAULT_RECORDS / "persons.csv", dtype=str, keep_default_na=False)
    names = set(persons["name"])
    names.update(a for aliases in persons["aliases"] for a in aliases.split("|") if a)
    return sorted(names)


@pytest.mark.parametrize("path", ["", "detentions", "sentences", "people", "people?person=yerbol-yeskhozhin", "data",
                                  "changes"])
def test_hide_names_leaves_no_real_name_on_the_page_or_on_the_wire(browser, dashboard_url, path):
    separator = "&" if "?" in path else "?"
    visit = Visit(browser, f"{dashboard_url}/{path}{separator}anonymise=1")
    visit.wait_until_drawn("Person ") if path.startswith("people") else visit.wait_until_drawn(PAGES[path])
    visit.page.wait_for_timeout(1500)
    text = visit.page.content()
    wire = b"".join(visit.frames).decode("utf-8", errors="ignore")
    leaked = [name for name in real_names() if name in text or name in wire]
    visit.screenshot(f"anonymised-{(path or 'overview').split('?')[0]}")
    assert leaked == []
    assert visit.frames, "no data frames were captured"
    visit.close()

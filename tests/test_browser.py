"""The served dashboard in a real browser: it shows the warehouse's figures, logs no console error,
and asks nothing of any host but 127.0.0.1."""
from urllib.parse import urlparse

from tests.conftest import ARTEFACTS


def test_overview_in_chromium(browser, dashboard_url):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    requests, console_errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.goto(dashboard_url, wait_until="domcontentloaded")
    page.get_by_text("Political prisoners named").wait_for(timeout=30_000)
    page.get_by_text("Stated figures and named records").wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "overview.png"), full_page=True)
    outside = {urlparse(u).hostname for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")} - {"127.0.0.1"}
    assert outside == set(), f"requests left the machine: {[u for u in requests if urlparse(u).hostname in outside]}"
    assert console_errors == []
    page.close()

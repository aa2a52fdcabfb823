"""Full server-side page reruns with Streamlit's AppTest, in a process of their own so that its resident
memory is that of an app that opened the warehouse and rendered every page, and nothing else. Each rerun goes
through app.py's router, as a served page's does: the view, the page, then the sidebar.

    python -m bench.server_side --warehouse DIR --repeat 20   (prints JSON; app.py of the working directory)
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from bench.workload import PAGES

APP = Path("app.py").resolve()  # of the working directory: bench.compare runs this file in another checkout
MIN_REPEAT = 3
BUDGET_S = 10.0


def resident_mb(pid: int | str = "self") -> float:
    """VmRSS of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def chart_payloads(app: AppTest) -> dict[str, float]:
    """KB of plotly JSON each chart of the last run sent to the browser, by the chart's key."""
    return {chart.proto.id.split("-", 2)[-1]: len(chart.proto.spec.encode()) / 1024
            for chart in app.get("plotly_chart")}


def routed(init):
    """PagesManager.__init__ that keeps Streamlit's legacy pages/ scan off. AppTest turns the scan back on before
    every run, and with pages/ beside app.py would run a page's script directly: without app.py's router and
    sidebar (dashboard/serve.py turns it off once for the server)."""
    def init_routed(self, *args, **kwargs):
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False
    return init_routed


def measure_pages(repeat: int) -> dict:
    PagesManager.__init__ = routed(PagesManager.__init__)
    reruns, payloads, first_runs = {}, {}, {}
    for page in PAGES:
        app = AppTest.from_file(str(APP), default_timeout=600)
        app.run()
        started = time.perf_counter()
        app.switch_page(f"pages/{page}.py").run()
        first_runs[page] = (time.perf_counter() - started) * 1000
        if app.exception:
            raise RuntimeError(f"page {page} raised: {app.exception}")
        times = []
        budget_started = time.perf_counter()
        for rerun in range(repeat):
            if rerun >= MIN_REPEAT and time.perf_counter() - budget_started > BUDGET_S:
                break  # a slow page is measured on fewer reruns, so a run at scale still ends
            started = time.perf_counter()
            app.run()
            times.append((time.perf_counter() - started) * 1000)
        reruns[page] = times
        payloads.update({f"{page}/{key}": kb for key, kb in chart_payloads(app).items()})
    return {"rerun_ms": reruns, "first_run_ms": first_runs, "payload_kb": payloads, "rss_mb": resident_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.server_side")
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ["DASHBOARD_WAREHOUSE"] = str(args.warehouse)
    print(json.dumps(measure_pages(args.repeat)))


if __name__ == "__main__":
    main()

"""The benchmark's figures for an older checkout and this one, measured in turns in one run: generated from the same
seed, each checkout's records are built by its own ETL, then round after round the two take turns (ABBA: whoever
went second goes first next) at each measurement, each in a process of its own running that checkout's code. A
figure is the median of its rounds, so a difference between the two is not this machine's drift between two runs.

    python -m bench.compare --baseline ../checkout-of-the-old-commit [--rounds 2]
    make bench-compare BASELINE=<commit>     (checks the commit out in a temporary worktree)

The old checkout needs the same measuring entry points (bench.generate.generate, bench.__main__.measure_queries
and bench.browser), which every commit since the browser measurement has. Page reruns are measured by this
checkout's bench/server_side.py in both, run on the other checkout's app.py: older ones ran a page's script
without app.py's router (see bench.server_side.routed)."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

from bench.__main__ import PROJECT, REPEAT, p95
from bench.workload import FIRST_VISITS, PAGES

RESULT = PROJECT / "bench" / "results" / "compare.json"
QUERIES_SCRIPT = """
import json, sys
from pathlib import Path
from bench.__main__ import measure_queries
queries, pages, disagreements = measure_queries(Path(sys.argv[1]), int(sys.argv[2]))
print(json.dumps({"pages": pages, "disagreements": disagreements}))
"""
# runs a file of this checkout as __main__ in another checkout, whose code it then imports: python -c RUN_FILE FILE ARGS
RUN_FILE = "import runpy, sys; runpy.run_path(sys.argv.pop(1), run_name='__main__')"
SERVER_SIDE = PROJECT / "bench" / "server_side.py"
GENERATE_SCRIPT = "import sys; from pathlib import Path; from bench.generate import generate; " \
                  "generate(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), 7)"


def in_checkout(checkout: Path, *args: str) -> dict | None:
    """Runs `python <args>` in a checkout, with its own code; the JSON it prints last, if it prints any."""
    out = subprocess.run([sys.executable, *args], cwd=checkout, check=True, capture_output=True, text=True).stdout
    lines = out.strip().splitlines()
    return json.loads(lines[-1]) if lines and lines[-1].startswith("{") else None


def prepare(checkout: Path, work: Path, events: int, persons: int) -> Path:
    """The checkout's warehouse, built by its ETL from records its generator made."""
    records, warehouse = work / "records", work / "warehouse"
    in_checkout(checkout, "-c", GENERATE_SCRIPT, str(events), str(persons), str(records))
    in_checkout(checkout, "-m", "etl", "build", "--records", str(records), "--warehouse", str(warehouse))
    return warehouse


def measure(checkout: Path, warehouse: Path, repeat: int) -> dict[str, float]:
    """One round of every figure compared: name -> value (lower is better)."""
    queries = in_checkout(checkout, "-c", QUERIES_SCRIPT, str(warehouse), str(repeat))
    app = in_checkout(checkout, "-c", RUN_FILE, str(SERVER_SIDE), "--warehouse", str(warehouse), "--repeat", str(repeat))
    browser = in_checkout(checkout, "-m", "bench.browser", "--warehouse", str(warehouse),
                          "--log", str(warehouse.parent / "server.log"))
    figures = {}
    for page in PAGES:
        for filters, words in (("default", "queries p95"), ("narrow", "narrow filter p95")):
            figures[f"{page}: {words} (with sidebar), ms"] = \
                queries["pages"][page][filters]["with_sidebar_duckdb_p95_ms"]
        if page in FIRST_VISITS:  # a checkout without the figure loads every visit as a first one
            of_page = queries["pages"][page]
            figures[f"{page}: first visit p95 (with sidebar), ms"] = \
                of_page.get("first_visit", of_page["default"])["with_sidebar_duckdb_p95_ms"]
        figures[f"{page}: page rerun p95, ms"] = p95(app["rerun_ms"][page])
    figures["RSS after every page (AppTest), MB"] = app["rss_mb"]
    figures["server RSS after every page (browser), MB"] = browser["server_rss_mb"]
    figures["largest chart payload, KB"] = max(app["payload_kb"].values())
    figures["browser first chart, s"] = browser["first_chart_s"]
    figures["browser filter redraw, s"] = browser["filter_redraw_s"]
    figures["floor page first chart, s"] = browser["floor"]["first_chart_s"]
    figures["floor page filter redraw, s"] = browser["floor"]["filter_redraw_s"]
    return figures


def compare(baseline: Path, rounds: int, events: int, persons: int, repeat: int) -> dict:
    checkouts = {"before": baseline.resolve(), "now": PROJECT}
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        warehouses = {name: prepare(checkout, Path(tmp) / name, events, persons)
                      for name, checkout in checkouts.items()}
        measured: dict[str, list[dict]] = {name: [] for name in checkouts}
        order = list(checkouts)
        for round_ in range(rounds):
            for name in order:
                print(f"  round {round_ + 1} of {rounds}: {name}", flush=True)
                measured[name].append(measure(checkouts[name], warehouses[name], repeat))
            order.reverse()
    figures = {figure: {name: median(r[figure] for r in measured[name]) for name in checkouts}
               for figure in measured["now"][0]}
    commits = {name: subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=checkout, capture_output=True,
                                    text=True).stdout.strip() for name, checkout in checkouts.items()}
    return {"baseline": str(baseline), "commits": commits, "rounds": rounds, "scale": {"events": events, "persons": persons},
            "figures": figures, "measured": measured}


def report(result: dict) -> str:
    commits = result.get("commits", {})
    lines = [f"| figure (medians of {result['rounds']} rounds) | before {commits.get('before', '')} | "
             f"now {commits.get('now', '')} | now / before |", "|---|---|---|---|"]
    for figure, values in result["figures"].items():
        ratio = values["now"] / values["before"] if values["before"] else float("nan")
        lines.append(f"| {figure} | {values['before']:.2f} | {values['now']:.2f} | {ratio:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compare")
    parser.add_argument("--baseline", type=Path, required=True, help="a checkout of the commit to compare with")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--out", type=Path, default=RESULT)
    args = parser.parse_args(argv)
    result = compare(args.baseline, args.rounds, args.events, args.persons, args.repeat)
    args.out.write_text(json.dumps(result, indent=1))
    print(report(result))
    print(f"\nWrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark the dashboard on synthetic records, in one run on one data set: the ETL build, every page's
queries through the app's query layer beside the same answers in pandas, full page reruns, memory, chart
payloads and a real browser; each number is checked against its target from ENGINEERING.md.

    python -m bench [--events 1000000 --persons 100000]        -> bench/results/latest.json
    python -m bench --sizes 10000,100000,1000000               -> bench/results/growth.json, docs/bench-growth.png
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from bench.baseline import PandasWarehouse, same_answer
from bench.browser import ROUNDS as BROWSER_ROUNDS
from bench.generate import generate
from bench.workload import FILTER_SETS, FIRST_VISITS, NO_FILTERS, OTHER_VIEWS, PAGE_QUERIES, PAGES, parameters
from dashboard.loader import QUERY_THREADS

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
GROWTH_PLOT = PROJECT / "docs" / "bench-growth.png"
REPEAT = 20
MIN_REPEAT = 3
BUDGET_S = 4.0  # per page, filter set and engine: slow paths stop after MIN_REPEAT once past it
TARGETS = {"page_queries_p95_ms": 100, "duckdb_speedup": 3, "page_rerun_p95_ms": 150, "rss_mb": 300,
           "payload_kb": 100, "first_chart_s": 3, "filter_redraw_s": 0.5}


def p95(values) -> float:
    return float(np.percentile(values, 95))


def p50(values) -> float:
    return float(np.percentile(values, 50))


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    ram_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "ram_gb": round(ram_kb / 2**20, 1), "cpu": cpu, "python": platform.python_version(),
            "load_average_1_5_15": os.getloadavg()}  # other work on the machine slows every number


def timed_rounds(page_queries: list[tuple[str, dict]], run, repeat: int) -> dict[str, list[float]]:
    """Milliseconds per query per round, one query after another: what each query costs on its own."""
    times: dict[str, list[float]] = {name: [] for name, _ in page_queries}
    started = time.perf_counter()
    for round_ in range(repeat):
        if round_ >= MIN_REPEAT and time.perf_counter() - started > BUDGET_S:
            break
        for name, params in page_queries:
            begun = time.perf_counter()
            run(name, params)
            times[name].append((time.perf_counter() - begun) * 1000)
    return times


def timed_page(steps: list[list[tuple[str, dict]]], run, repeat: int) -> list[float]:
    """Milliseconds per round for all of a page's queries, each step's side by side as the page runs them."""
    totals = []
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, QUERY_THREADS)) as pool:
        for round_ in range(repeat):
            if round_ >= MIN_REPEAT and time.perf_counter() - started > BUDGET_S:
                break
            begun = time.perf_counter()
            for step in steps:
                list(pool.map(lambda query: run(*query), step))
            totals.append((time.perf_counter() - begun) * 1000)
    return totals


def page_totals(times: dict[str, list[float]], steps: list[list[tuple[str, dict]]]) -> list[float]:
    """A page's total per round had its queries run one after another."""
    return [sum(round_) for round_ in zip(*(times[name] for step in steps for name, _ in step))]


def measure_queries(warehouse: Path, repeat: int) -> tuple[dict, dict, list[str]]:
    """Per query and per page: DuckDB through dashboard/loader.py (result cache bypassed) and pandas on Parquet."""
    os.environ["DASHBOARD_WAREHOUSE"] = str(warehouse)
    from dashboard import loader as db  # reads the warehouse path at call time

    stamp = db.warehouse_stamp()
    duck = lambda name, params: db._run(name, db.frozen(params), stamp)  # noqa: E731
    frames = PandasWarehouse(warehouse)
    queries, pages, disagreements = {}, {}, []
    for page in PAGE_QUERIES:
        pages[page] = {}
        for filter_name, filters in FILTER_SETS.items():
            steps = [[(name, parameters(scope, filters, extra)) for name, scope, extra in step]
                     for step in PAGE_QUERIES[page]]
            workload = [query for step in steps for query in step] + [
                (name, parameters(scope, filters, extra)) for name, scope, extra in OTHER_VIEWS.get(page, [])]
            for name, params in workload:
                difference = same_answer(duck(name, params), frames.run(name, params))
                if difference:
                    disagreements.append(f"{page}/{name} ({filter_name}): {difference}")
            duck_ms = timed_rounds(workload, duck, repeat)
            pandas_ms = timed_rounds(workload, frames.run, repeat)
            for name, _ in workload:
                entry = queries.setdefault(f"{page}/{name}", {})
                numbers = {"duckdb_p50_ms": p50(duck_ms[name]), "duckdb_p95_ms": p95(duck_ms[name]),
                           "pandas_p50_ms": p50(pandas_ms[name]), "pandas_p95_ms": p95(pandas_ms[name]),
                           "repetitions": [len(duck_ms[name]), len(pandas_ms[name])]}
                numbers["speedup"] = numbers["pandas_p50_ms"] / numbers["duckdb_p50_ms"]
                numbers["agree"] = not any(d.startswith(f"{page}/{name} ({filter_name})") for d in disagreements)
                if filter_name == "default":
                    entry.update(numbers)
                else:
                    entry[filter_name] = numbers
            # DuckDB: the page's total as the page loads them, side by side. pandas: one after another, its faster
            # way (side by side, its queries contend for the GIL: at 100k events the sentences page took 2.95 s so
            # and 0.94 s one by one)
            duck_total = timed_page(steps, duck, repeat)
            pandas_total = page_totals(pandas_ms, steps)
            pages[page][filter_name] = {
                "duckdb_p95_ms": p95(duck_total), "pandas_p95_ms": p95(pandas_total),
                "speedup": p50(pandas_total) / p50(duck_total),
                "one_by_one_duckdb_p95_ms": p95(page_totals(duck_ms, steps))}
    # a page rerun draws the sidebar too: its queries count towards every page's total
    for page in PAGES:
        for filter_name in FILTER_SETS:
            own, side = pages[page][filter_name], pages["sidebar"][filter_name]
            own["with_sidebar_duckdb_p95_ms"] = own["duckdb_p95_ms"] + side["duckdb_p95_ms"]
            own["with_sidebar_pandas_p95_ms"] = own["pandas_p95_ms"] + side["pandas_p95_ms"]
    for page, first_steps in FIRST_VISITS.items():
        steps = [[(name, parameters(scope, NO_FILTERS, extra)) for name, scope, extra in step] for step in first_steps]
        pages[page]["first_visit"] = {"with_sidebar_duckdb_p95_ms": p95(timed_page(steps, duck, repeat))
                                      + pages["sidebar"]["default"]["duckdb_p95_ms"]}
    return queries, pages, disagreements


def build_warehouse(records: Path, warehouse: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "etl", "build", "--records", str(records), "--warehouse", str(warehouse)],
                   cwd=PROJECT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measured_apart(module: str, *args: str) -> dict:
    """The JSON a measuring module prints, run in a process of its own: its memory is its own, and nothing this
    process has set up (an event loop, caches) changes what it measures."""
    out = subprocess.run([sys.executable, "-m", module, *args], cwd=PROJECT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(events: int, persons: int, repeat: int = REPEAT, seed: int = 7) -> dict:
    """Generate, build and measure one scale; the result in the shape of bench/results/latest.json."""
    at_start = machine()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        rows = generate(events, persons, work / "records", seed)
        generate_s = time.perf_counter() - started
        etl_build_s = build_warehouse(work / "records", work / "warehouse")
        print(f"  generated in {generate_s:.1f} s, built in {etl_build_s:.1f} s; timing queries", flush=True)
        queries, pages, disagreements = measure_queries(work / "warehouse", repeat)
        print("  timing page reruns (AppTest)", flush=True)
        app = measured_apart("bench.server_side", "--warehouse", str(work / "warehouse"), "--repeat", str(repeat))
        print("  timing the browser", flush=True)
        browser = measured_apart("bench.browser", "--warehouse", str(work / "warehouse"), "--log", str(work / "server.log"),
                                 "--rounds", str(min(repeat, BROWSER_ROUNDS)))
    return {
        "scale": {"events": events, "persons": persons, "seed": seed, "rows": rows},
        "machine": machine(), "machine_at_start": at_start,
        "etl_build_s": etl_build_s, "generate_s": generate_s,
        "queries": queries, "pages": pages, "answers_agree": not disagreements, "disagreements": disagreements,
        "page_rerun_p95_ms": {page: p95(times) for page, times in app["rerun_ms"].items()},
        "page_rerun_p50_ms": {page: p50(times) for page, times in app["rerun_ms"].items()},
        "page_first_run_ms": app["first_run_ms"],
        "rss_mb": app["rss_mb"], "server_rss_mb": browser.pop("server_rss_mb"),
        "payload_kb": app["payload_kb"],
        "browser": browser,
        "targets": TARGETS,
    }


def verdicts(result: dict) -> list[tuple[str, str, bool]]:
    """(what, measured, met) for every target."""
    rows = []
    for page in PAGES:
        total = result["pages"][page]["default"]
        rows.append((f"{page}: queries p95 (with sidebar) < {TARGETS['page_queries_p95_ms']} ms",
                     f"{total['with_sidebar_duckdb_p95_ms']:.1f} ms",
                     total["with_sidebar_duckdb_p95_ms"] < TARGETS["page_queries_p95_ms"]))
        narrow = result["pages"][page]["narrow"]
        rows.append((f"{page}: narrow filter p95 < {TARGETS['page_queries_p95_ms']} ms",
                     f"{narrow['with_sidebar_duckdb_p95_ms']:.1f} ms",
                     narrow["with_sidebar_duckdb_p95_ms"] < TARGETS["page_queries_p95_ms"]))
        rows.append((f"{page}: DuckDB >= {TARGETS['duckdb_speedup']}x pandas", f"{total['speedup']:.1f}x",
                     total["speedup"] >= TARGETS["duckdb_speedup"]))
        if page in FIRST_VISITS:
            first = result["pages"][page]["first_visit"]["with_sidebar_duckdb_p95_ms"]
            rows.append((f"{page}: first visit p95 < {TARGETS['page_queries_p95_ms']} ms", f"{first:.1f} ms",
                         first < TARGETS["page_queries_p95_ms"]))
    for page, ms in result["page_rerun_p95_ms"].items():
        rows.append((f"{page}: page rerun p95 < {TARGETS['page_rerun_p95_ms']} ms", f"{ms:.0f} ms",
                     ms < TARGETS["page_rerun_p95_ms"]))
    rows.append((f"RSS after every page < {TARGETS['rss_mb']} MB", f"{result['rss_mb']:.0f} MB (server "
                 f"{result['server_rss_mb']:.0f} MB)", max(result["rss_mb"], result["server_rss_mb"]) < TARGETS["rss_mb"]))
    largest = max(result["payload_kb"].items(), key=lambda item: item[1])
    rows.append((f"largest chart payload < {TARGETS['payload_kb']} KB", f"{largest[1]:.1f} KB ({largest[0]})",
                 largest[1] < TARGETS["payload_kb"]))
    for key in ("first_chart_s", "filter_redraw_s"):  # beside the floor: a one-chart Streamlit page, timed alike
        rows.append((f"browser {key.replace('_s', '').replace('_', ' ')} < {TARGETS[key]} s",
                     f"{result['browser'][key]:.2f} s (floor {result['browser']['floor'][key]:.2f} s)",
                     result["browser"][key] < TARGETS[key]))
    rows.append(("pandas and DuckDB give the same answers", "yes" if result["answers_agree"] else "NO",
                 result["answers_agree"]))
    return rows


def report(result: dict) -> str:
    scale = result["scale"]
    load = result["machine_at_start"]["load_average_1_5_15"]
    lines = [f"Benchmark at {scale['events']:,} events / {scale['persons']:,} persons on {result['machine']['nproc']} "
             f"cores ({result['machine']['cpu']}, {result['machine']['ram_gb']} GB, load average {load[0]:.1f} at "
             f"the start); ETL build {result['etl_build_s']:.1f} s",
             "", f"{'query (default filters)':<44}{'DuckDB p95':>12}{'pandas p95':>12}{'ratio':>8}{'narrow p95':>12}"]
    for key, q in result["queries"].items():
        lines.append(f"{key:<44}{q['duckdb_p95_ms']:>10.1f}ms{q['pandas_p95_ms']:>10.1f}ms{q['speedup']:>7.1f}x"
                     f"{q['narrow']['duckdb_p95_ms']:>10.1f}ms")
    lines += ["", f"{'target':<58}{'measured':>34}  verdict"]
    lines += [f"{what:<58}{measured:>34}  {'met' if met else 'MISSED'}" for what, measured, met in verdicts(result)]
    return "\n".join(lines)


def growth(sizes: list[int], repeat: int) -> dict:
    """The benchmark at several scales (persons = events / 10), with a plot of query p95 and RSS by size."""
    runs, results = [], []
    for size in sizes:
        print(f"scale {size:,} events", flush=True)
        result = run(size, max(size // 10, 100), repeat)
        results.append(result)
        print(report(result), flush=True)
        runs.append({"events": size, "persons": result["scale"]["persons"], "etl_build_s": result["etl_build_s"],
                     "page_queries_p95_ms": {p: result["pages"][p]["default"]["with_sidebar_duckdb_p95_ms"] for p in PAGES},
                     "pandas_p95_ms": {p: result["pages"][p]["default"]["with_sidebar_pandas_p95_ms"] for p in PAGES},
                     "page_rerun_p95_ms": result["page_rerun_p95_ms"], "rss_mb": result["rss_mb"],
                     "server_rss_mb": result["server_rss_mb"], "browser": result["browser"]})
    return {"machine": machine(), "runs": runs, "results": results}


def plot_growth(data: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["events"] for r in data["runs"]]
    figure, (queries, memory) = plt.subplots(1, 2, figsize=(12, 4.8))
    for page in PAGES:
        queries.plot(sizes, [r["page_queries_p95_ms"][page] for r in data["runs"]], marker="o", label=page)
    queries.axhline(TARGETS["page_queries_p95_ms"], color="black", linestyle=":", label="target")
    queries.set(xscale="log", yscale="log", xlabel="events (persons = events / 10)",
                ylabel="page queries p95 (ms, DuckDB)", title="Query time per page grows with the data")
    queries.legend(fontsize=7)
    memory.plot(sizes, [r["rss_mb"] for r in data["runs"]], marker="o", label="AppTest process (every page)")
    memory.plot(sizes, [r["server_rss_mb"] for r in data["runs"]], marker="s", label="server after every page")
    memory.axhline(TARGETS["rss_mb"], color="black", linestyle=":", label="target")
    memory.set(xscale="log", xlabel="events", ylabel="resident memory (MB)", title="Memory of the app process")
    memory.legend(fontsize=8)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--sizes", help="comma-separated event counts for a growth run, e.g. 10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    args = parser.parse_args(argv)
    RESULTS.mkdir(exist_ok=True)
    if args.sizes:
        data = growth([int(s) for s in args.sizes.split(",")], args.repeat)
        (RESULTS / "growth.json").write_text(json.dumps(data, indent=2, default=str))
        plot_growth(data, GROWTH_PLOT)
        args.out.write_text(json.dumps(data["results"][-1], indent=2, default=str))  # the largest scale
        print(f"Wrote {RESULTS / 'growth.json'}, {GROWTH_PLOT} and {args.out} (largest scale)")
        return 0
    print(f"Benchmark at {args.events:,} events / {args.persons:,} persons", flush=True)
    result = run(args.events, args.persons, args.repeat)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=str))
    print(report(result))
    print(f"\nWrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

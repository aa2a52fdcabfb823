"""The benchmark end to end at a small scale (10,000 events / 1,000 persons, one timing of each kind): every field of
bench/results/latest.json is there with a positive number, and pandas and DuckDB gave the same answers.
No target is asserted: at this scale they only prove the benchmark runs."""
import json

import pytest

from bench.__main__ import main
from bench.workload import FIRST_VISITS, PAGES

pytestmark = pytest.mark.load

SHAPE_NUMBERS = ("rss_mb", "etl_build_s")


def positive(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def test_benchmark_writes_every_field_and_the_answers_agree(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(tmp_path))  # the benchmark points it at its own warehouse
    out = tmp_path / "latest.json"
    assert main(["--events", "10000", "--persons", "1000", "--repeat", "1", "--out", str(out)]) == 0
    result = json.loads(out.read_text())

    assert result["scale"]["events"] == 10_000 and result["scale"]["persons"] == 1_000
    assert all(positive(result[key]) for key in SHAPE_NUMBERS)
    assert {"nproc", "ram_gb", "cpu", "load_average_1_5_15"} <= set(result["machine"])
    assert result["queries"] and all(key.split("/")[0] in PAGES + ["sidebar"] for key in result["queries"])
    for key, numbers in result["queries"].items():
        assert positive(numbers["duckdb_p95_ms"]) and positive(numbers["pandas_p95_ms"]), key
        assert numbers["agree"] and numbers["narrow"]["agree"], key
    assert result["answers_agree"], result["disagreements"]
    assert all(positive(result["pages"][page]["first_visit"]["with_sidebar_duckdb_p95_ms"]) for page in FIRST_VISITS)
    assert set(result["page_rerun_p95_ms"]) == set(PAGES)
    assert all(positive(ms) for ms in result["page_rerun_p95_ms"].values())
    assert result["payload_kb"] and all(positive(kb) for kb in result["payload_kb"].values())
    assert positive(result["browser"]["first_chart_s"]) and positive(result["browser"]["filter_redraw_s"])
    assert positive(result["browser"]["floor"]["first_chart_s"]) and positive(result["browser"]["floor"]["filter_redraw_s"])

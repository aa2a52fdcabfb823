"""Fifty viewers at once: sessions that speak Streamlit's own websocket protocol (tests/sessions.py) to a served
dashboard on 127.0.0.1, each opening a deep link and then changing pages and sidebar filters for a bounded time, with
rerun latency, errors and server memory recorded in test-artefacts/load.json. The load runs in two rounds of fresh
sessions so the server's memory after the second round can be compared with the first: growth there would be state
kept per session.
"""
from __future__ import annotations

import asyncio
import json
import os
import statistics
import time

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.conftest import ARTEFACTS
from tests.servers import serve
from tests.sessions import (ARRIVAL_SECONDS, THINK_SECONDS, Tally, direct, filter_links, first_run, run_apart, site_of,
                            viewer)

pytestmark = [pytest.mark.load, pytest.mark.alone]

# of load, split over the rounds: each session changes page or filters two or three times a round; a longer run,
# LOAD_TEST_SECONDS=600, gives the same checks more reruns
LOAD_TEST_SECONDS = float(os.environ.get("LOAD_TEST_SECONDS", "60"))
SESSIONS = 50
ROUNDS = 2
IDLE_SECONDS = 10  # after the sessions close, before memory is read again
P95_LIMIT_MS = 4000
PEAK_RSS_LIMIT = 1.5 * 2**30
SETTLED_GROWTH = 1.10  # RSS after round 2 may exceed RSS after round 1 by at most this factor
HARD_TIMEOUT = LOAD_TEST_SECONDS + 300
MB = 2**20


async def sample_rss(server, samples: list[int]) -> None:
    while True:
        samples.append(server.rss_bytes())
        await asyncio.sleep(0.5)


async def settle(server) -> dict[str, float]:
    """Wait until the server has let go of every session, then stay idle; return its session counters."""
    deadline = time.monotonic() + 60
    while (metrics := await asyncio.to_thread(server.metrics))["active_sessions"] > 0:
        assert time.monotonic() < deadline, "sessions stayed active after their sockets closed"
        await asyncio.sleep(0.5)
    await asyncio.sleep(IDLE_SECONDS)
    return metrics


async def load(server, site: dict) -> dict:
    figures = {"rss_before": server.rss_bytes(), "rounds": []}
    samples: list[int] = []
    sampler = asyncio.create_task(sample_rss(server, samples))
    tally = Tally()
    try:
        for round_number in range(ROUNDS):
            deadline = time.monotonic() + LOAD_TEST_SECONDS / ROUNDS
            await asyncio.gather(*(viewer(direct(server.port), round_number * SESSIONS + i, deadline, site, tally)
                                   for i in range(SESSIONS)))
            metrics = await settle(server)
            figures["rounds"].append({"rss_after": server.rss_bytes(), "metrics": metrics})
    finally:
        sampler.cancel()
    figures.update(tally=tally, rss_peak=max(samples + [figures["rss_before"]]))
    return figures


def test_fifty_sessions_changing_filters_stay_fast_correct_and_bounded(real_warehouse, tmp_path):
    with serve(real_warehouse, tmp_path / "server.log", "--server.disconnectedSessionTTL", "5") as server:
        first = run_apart(first_run(direct(server.port)))  # the first run imports the pages' libraries
        assert first.errors == [] and first.finished == ForwardMsg.FINISHED_SUCCESSFULLY
        assert len(first.pages) >= 8

        started = time.monotonic()
        site = site_of(filter_links(real_warehouse), first.pages)
        figures = run_apart(asyncio.wait_for(load(server, site), HARD_TIMEOUT))
        elapsed = time.monotonic() - started
        log = server.log.read_text(errors="replace")

    tally: Tally = figures["tally"]
    latencies_ms = sorted(1000 * s for s in tally.latencies)
    p50, p95 = statistics.median(latencies_ms), statistics.quantiles(latencies_ms, n=20)[18]
    after_first, after_last = (r["rss_after"] for r in figures["rounds"])
    report = {
        "sessions": SESSIONS, "rounds": ROUNDS, "seconds_of_load": LOAD_TEST_SECONDS,
        "think_seconds": THINK_SECONDS, "arrival_seconds": ARRIVAL_SECONDS, "wall_seconds": round(elapsed, 1),
        "reruns": len(latencies_ms), "errors": len(tally.errors), "error_examples": tally.errors[:10],
        "latency_ms": {"p50": round(p50), "p95": round(p95), "max": round(latencies_ms[-1])},
        "p95_ms_by_page": {page or "/": round(statistics.quantiles([1000 * s for s in values], n=20)[18])
                           for page, values in sorted(tally.per_page.items()) if len(values) > 1},
        "server_rss_mb": {"before": round(figures["rss_before"] / MB), "peak": round(figures["rss_peak"] / MB),
                          "after_round_1": round(after_first / MB), "after": round(after_last / MB)},
        "sessions_after": figures["rounds"][-1]["metrics"],
    }
    ARTEFACTS.mkdir(exist_ok=True)
    (ARTEFACTS / "load.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))

    assert tally.errors == [], tally.errors[:10]
    assert len(latencies_ms) >= SESSIONS * ROUNDS * 2  # every session did more than open its link
    assert "Traceback" not in log
    assert p95 <= P95_LIMIT_MS
    assert figures["rss_peak"] <= PEAK_RSS_LIMIT
    # every session connected once and was let go: no active session, no reconnect, one disconnect each
    metrics = figures["rounds"][-1]["metrics"]
    assert metrics["active_sessions"] == 0
    assert metrics['session_events_total{type="connect"}'] == 1 + SESSIONS * ROUNDS
    assert metrics['session_events_total{type="disconnect"}'] == 1 + SESSIONS * ROUNDS
    assert metrics['session_events_total{type="reconnect"}'] == 0
    # memory does not keep growing: a second round of fresh sessions ends where the first did
    assert after_last <= after_first * SETTLED_GROWTH

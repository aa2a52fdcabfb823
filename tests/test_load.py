"""Fifty viewers at once: sessions that speak Streamlit's own websocket protocol to a served dashboard on
127.0.0.1, each changing pages and sidebar filters for a bounded time, with rerun latency, errors and server
memory recorded in test-artefacts/load.json.

A session does what the browser does (streamlit/proto BackMsg, ClientState, ForwardMsg): it connects to
/_stcore/stream, opens a deep link (page name and filter query string), then sends reruns carrying the
sidebar widgets' new values, the page's hash and the current query string, and reads ForwardMsgs until
script_finished. The load runs in two rounds of fresh sessions so the server's memory after the second
round can be compared with the first: growth there would be state kept per session.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import random
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import parse_qsl, urlencode

import duckdb
import pytest
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

from dashboard.loader import DATABASE_NAME, SQL
from dashboard.view import widget_key
from dashboard.view import LIST_FILTERS
from tests.conftest import ARTEFACTS
from tests.servers import serve

pytestmark = pytest.mark.load

LOAD_TEST_SECONDS = float(os.environ.get("LOAD_TEST_SECONDS", "120"))  # of load, split over the rounds
SESSIONS = 50
ROUNDS = 2
THINK_SECONDS = (5.0, 15.0)  # a viewer looks at the page for a while before the next change
ARRIVAL_SECONDS = 10.0  # the sessions of a round open over this span, as people do, not in one instant
RERUN_TIMEOUT = 60.0  # a rerun that has not finished by then counts as an error
IDLE_SECONDS = 10  # after the sessions close, before memory is read again
P95_LIMIT_MS = 4000
PEAK_RSS_LIMIT = 1.5 * 2**30
SETTLED_GROWTH = 1.10  # RSS after round 2 may exceed RSS after round 1 by at most this factor
HARD_TIMEOUT = LOAD_TEST_SECONDS + 300
MB = 2**20

PERIOD_KEY = "filter_period"
LIST_KEYS = {widget_key(f.url_key): f.url_key for f in LIST_FILTERS}  # sidebar widget key -> URL key


@dataclass
class Rerun:
    """What one rerun sent back."""
    seconds: float = 0.0
    finished: int | None = None  # ForwardMsg.ScriptFinishedStatus, None while the script runs
    page_hash: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # URL path -> page hash
    widgets: dict[str, tuple[str, list, list]] = field(default_factory=dict)  # key -> (id, options, value)
    query_string: str | None = None  # the URL the server wrote, if it changed it
    errors: list[str] = field(default_factory=list)


async def rerun(ws, state: BackMsg) -> Rerun:
    """Send one rerun_script and read its ForwardMsgs up to script_finished."""
    result = Rerun()
    started = time.monotonic()
    await ws.send(state.SerializeToString())
    while result.finished is None:
        message = ForwardMsg()
        message.ParseFromString(await ws.recv())
        kind = message.WhichOneof("type")
        if kind == "script_finished":
            result.finished = message.script_finished
        elif kind == "navigation":
            result.page_hash = message.navigation.page_script_hash
            result.pages = {p.url_pathname: p.page_script_hash for p in message.navigation.app_pages}
        elif kind == "page_info_changed":
            result.query_string = message.page_info_changed.query_string
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            _read_element(message.delta.new_element, result)
    result.seconds = time.monotonic() - started
    return result


def _read_element(element, result: Rerun) -> None:
    kind = element.WhichOneof("type")
    if kind == "exception":
        result.errors.append(f"exception {element.exception.type}: {element.exception.message[:200]}")
    elif kind == "alert" and element.alert.format == Alert.ERROR:
        result.errors.append(f"error shown: {element.alert.body[:200]}")
    elif kind in ("multiselect", "slider"):
        widget = getattr(element, kind)
        key = widget.id.rsplit("-", 1)[-1]
        if key in LIST_KEYS:
            result.widgets[key] = (widget.id, list(widget.options), list(widget.raw_values))
        elif key == PERIOD_KEY:
            result.widgets[key] = (widget.id, [widget.min, widget.max], list(widget.value))


def rerun_message(query_string: str, page_name: str = "", page_hash: str = "", widgets=()) -> BackMsg:
    message = BackMsg()
    state = message.rerun_script
    state.query_string = query_string
    state.page_name = page_name
    state.page_script_hash = page_hash
    state.context_info.timezone = "Asia/Almaty"
    state.context_info.locale = "en-GB"
    state.widget_states.widgets.extend(widgets)
    return message


def choose_filters(rng: random.Random, widgets: dict) -> dict[str, list]:
    """New values for every sidebar filter: a few list values here and there, sometimes a narrower period."""
    chosen = {}
    for key in LIST_KEYS:
        options = widgets[key][1]
        chosen[key] = rng.sample(options, rng.randint(1, 2)) if rng.random() < 0.3 else []
    lowest, highest = widgets[PERIOD_KEY][1]
    day = 86_400 * 10**6
    if rng.random() < 0.3:
        start = lowest + rng.randrange(int((highest - lowest) // day)) * day
        chosen[PERIOD_KEY] = [start, start + rng.randrange(int((highest - start) // day) + 1) * day]
    else:
        chosen[PERIOD_KEY] = [lowest, highest]
    return chosen


def widget_states(widgets: dict, chosen: dict) -> list[WidgetState]:
    """The values a browser sends for the sidebar widgets after the viewer changed them."""
    states = []
    for key, values in chosen.items():
        state = WidgetState(id=widgets[key][0])
        if key == PERIOD_KEY:
            state.double_array_value.data.extend(values)
        else:
            state.string_array_value.data.extend(values)
        states.append(state)
    return states


def day(micros: float) -> date:
    """A date slider's value (microseconds since the epoch, UTC) as the app reads it."""
    return date(1970, 1, 1) + timedelta(microseconds=micros)


def expected_query(chosen: dict, widgets: dict, values: dict[str, dict[str, str]]) -> dict[str, str]:
    """What the app must write into the URL for these sidebar values: the filters it applied."""
    wanted = {LIST_KEYS[key]: ",".join(values[LIST_KEYS[key]][label] for label in labels)
              for key, labels in chosen.items() if key in LIST_KEYS and labels}
    (lowest, highest), (start, end) = widgets[PERIOD_KEY][1], chosen[PERIOD_KEY]
    if start > lowest:
        wanted["from"] = day(start).isoformat()
    if end < highest:
        wanted["to"] = day(end).isoformat()
    return wanted


def deep_link(rng: random.Random, options: dict[str, dict[str, str]]) -> tuple[str, dict[str, list]]:
    """A copied link's query string with one or two filters, and the sidebar labels it must produce."""
    query, labels = {}, {key: [] for key in LIST_KEYS}
    for widget_key in rng.sample(sorted(LIST_KEYS), rng.randint(1, 2)):
        key = LIST_KEYS[widget_key]
        value = rng.choice(sorted(options[key]))
        query[key] = value
        labels[widget_key] = [options[key][value]]
    return urlencode(query, safe=","), labels


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    per_page: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def check(self, run: Rerun, label: str, page: str, page_hash: str) -> None:
        self.latencies.append(run.seconds)
        self.per_page[page].append(run.seconds)
        self.errors.extend(f"{label}: {e}" for e in run.errors)
        if run.finished != ForwardMsg.FINISHED_SUCCESSFULLY:
            self.errors.append(f"{label}: finished with status {run.finished}")
        if page_hash and run.page_hash != page_hash:
            self.errors.append(f"{label}: ran page {run.page_hash}, not {page_hash}")

    def expect(self, label: str, what: str, shown, wanted) -> None:
        if shown != wanted:
            self.errors.append(f"{label}: {what} is {shown}, not {wanted}")


async def viewer(port: int, number: int, deadline: float, site: dict, tally: Tally) -> None:
    """One browser tab: open a deep link, then change page and filters until the deadline."""
    name, rng = f"session {number}", random.Random(number)
    await asyncio.sleep(rng.uniform(0, ARRIVAL_SECONDS))
    try:
        async with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                           max_size=None, ping_interval=None, open_timeout=30) as ws:
            query_string, labels = deep_link(rng, site["links"])
            first_page = rng.choice(site["pages"])
            run = await asyncio.wait_for(rerun(ws, rerun_message(query_string, page_name=first_page)), RERUN_TIMEOUT)
            label = f"{name} /{first_page}?{query_string}"
            tally.check(run, label, first_page, run.pages.get(first_page))
            # the link's filters are in the sidebar: session state seeded from the URL
            tally.expect(label, "sidebar", {key: run.widgets.get(key, ("", [], None))[2] for key in labels}, labels)
            pages, widgets = run.pages, run.widgets
            query_string = run.query_string if run.query_string is not None else query_string
            while time.monotonic() < deadline and pages and widgets.keys() >= {PERIOD_KEY, *LIST_KEYS}:
                await asyncio.sleep(rng.uniform(*THINK_SECONDS))
                page = rng.choice(sorted(pages))
                chosen = choose_filters(rng, widgets)
                message = rerun_message(query_string, page_hash=pages[page], widgets=widget_states(widgets, chosen))
                run = await asyncio.wait_for(rerun(ws, message), RERUN_TIMEOUT)
                label = f"{name} /{page} {chosen}"
                tally.check(run, label, page, pages[page])
                query_string = run.query_string if run.query_string is not None else query_string
                # the URL the app wrote back names exactly the filters it applied
                tally.expect(label, "URL", dict(parse_qsl(query_string)),
                             expected_query(chosen, widgets, site["values"]))
    except Exception as err:  # a refused socket, a timeout, a closed stream: each is an error of the run
        tally.errors.append(f"{name}: {type(err).__name__}: {err}")


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
            await asyncio.gather(*(viewer(server.port, round_number * SESSIONS + i, deadline, site, tally)
                                   for i in range(SESSIONS)))
            metrics = await settle(server)
            figures["rounds"].append({"rss_after": server.rss_bytes(), "metrics": metrics})
    finally:
        sampler.cancel()
    figures.update(tally=tally, rss_peak=max(samples + [figures["rss_before"]]))
    return figures


def run_apart(coroutine):
    """asyncio.run in a thread of its own: the session's Playwright browser keeps an event loop running in
    the main thread, where asyncio.run refuses to start another."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def links(real_warehouse) -> dict[str, dict[str, str]]:
    """URL key -> {value: the sidebar's label}, from the warehouse, for deep links."""
    con = duckdb.connect(str(real_warehouse / DATABASE_NAME), read_only=True)
    try:
        rows = con.execute(SQL["filter_options"]).fetchall()
    finally:
        con.close()
    found = defaultdict(dict)
    for key, value, label in rows:
        found[key][value] = label
    return dict(found)


def test_fifty_sessions_changing_filters_stay_fast_correct_and_bounded(real_warehouse, links, tmp_path):
    with serve(real_warehouse, tmp_path / "server.log", "--server.disconnectedSessionTTL", "5") as server:
        async def warm_up() -> Rerun:
            async with connect(f"ws://127.0.0.1:{server.port}/_stcore/stream", subprotocols=["streamlit"],
                               max_size=None, ping_interval=None) as ws:
                return await rerun(ws, rerun_message(""))

        first = run_apart(warm_up())  # the first run imports the pages' libraries; a viewer would wait once
        assert first.errors == [] and first.finished == ForwardMsg.FINISHED_SUCCESSFULLY
        assert len(first.pages) >= 8

        started = time.monotonic()
        values = {key: {label: value for value, label in labels.items()} for key, labels in links.items()}
        site = {"links": links, "values": values, "pages": sorted(first.pages)}
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

"""Viewers that speak Streamlit's own websocket protocol, as the load and deployment tests drive them.

A session does what the browser does (streamlit/proto BackMsg, ClientState, ForwardMsg): it connects to
/_stcore/stream, opens a deep link (page name and filter query string), then sends reruns carrying the
sidebar widgets' new values, the page's hash and the current query string, and reads ForwardMsgs until
script_finished. Where the websocket comes from (a server directly, or through the proxy with its password and
cookie) is the caller's: a Stream opens one.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import duckdb
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

from dashboard.i18n import ENGLISH
from dashboard.labels import vocabulary
from dashboard.loader import DATABASE_NAME, SQL
from dashboard.view import LIST_FILTERS, widget_key

THINK_SECONDS = (5.0, 15.0)  # a viewer looks at the page for a while before the next change
ARRIVAL_SECONDS = 10.0  # sessions open over this span, as people do, not in one instant
RERUN_TIMEOUT = 60.0  # a rerun that has not finished by then counts as an error

PERIOD_KEY = "filter_period"
LIST_KEYS = {widget_key(f.url_key): f.url_key for f in LIST_FILTERS}  # sidebar widget key -> URL key

Stream = Callable[[], AbstractAsyncContextManager[ClientConnection]]  # opens one session's websocket


def direct(port: int) -> Stream:
    """The websocket of the server on 127.0.0.1:port itself."""
    return lambda: connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                           ping_interval=None, open_timeout=30)


async def first_run(stream: Stream, query_string: str = "", page_name: str = "") -> Rerun:
    """One session's first page, then closed: the warm-up of a fresh server (its first run imports the pages'
    libraries) and a look at what a page shows."""
    async with stream() as ws:
        return await asyncio.wait_for(rerun(ws, rerun_message(query_string, page_name=page_name)), RERUN_TIMEOUT)


@dataclass
class Rerun:
    """What one rerun sent back."""
    seconds: float = 0.0
    finished: int | None = None  # ForwardMsg.ScriptFinishedStatus, None while the script runs
    page_hash: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # URL path -> page hash
    widgets: dict[str, tuple[str, list, list]] = field(default_factory=dict)  # key -> (id, options, value)
    modes: dict[str, bool] = field(default_factory=dict)  # the sidebar's mode toggles: key -> on
    query_string: str | None = None  # the URL the server wrote, if it changed it
    errors: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # titles, text, Markdown and HTML the page showed

    def take(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "script_finished":
            self.finished = message.script_finished
        elif kind == "navigation":
            self.page_hash = message.navigation.page_script_hash
            self.pages = {p.url_pathname: p.page_script_hash for p in message.navigation.app_pages}
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._read_element(message.delta.new_element)

    def _read_element(self, element) -> None:
        kind = element.WhichOneof("type")
        if kind in ("heading", "markdown", "text", "html"):
            self.texts.append(getattr(element, kind).body)
        elif kind == "exception":
            self.errors.append(f"exception {element.exception.type}: {element.exception.message[:200]}")
        elif kind == "alert" and element.alert.format == Alert.ERROR:
            self.errors.append(f"error shown: {element.alert.body[:200]}")
        elif kind == "checkbox" and (key := element.checkbox.id.rsplit("-", 1)[-1]).startswith("mode_"):
            self.modes[key] = element.checkbox.value
        elif kind in ("multiselect", "slider"):
            widget = getattr(element, kind)
            key = widget.id.rsplit("-", 1)[-1]
            if key in LIST_KEYS:
                self.widgets[key] = (widget.id, list(widget.options), list(widget.raw_values))
            elif key == PERIOD_KEY:
                self.widgets[key] = (widget.id, [widget.min, widget.max], list(widget.value))


async def rerun(ws, state: BackMsg) -> Rerun:
    """Send one rerun_script and read its ForwardMsgs up to script_finished."""
    result = Rerun()
    started = time.monotonic()
    await ws.send(state.SerializeToString())
    while result.finished is None:
        result.take(_parsed(await ws.recv()))
    result.seconds = time.monotonic() - started
    return result


def received(frames: Iterable[bytes]) -> Rerun:
    """What a browser's websocket received (the frames a tests.support.Visit records), read as a rerun."""
    result = Rerun()
    for frame in frames:
        result.take(_parsed(frame))
    return result


def _parsed(frame: bytes) -> ForwardMsg:
    message = ForwardMsg()
    message.ParseFromString(frame)
    return message


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
    """What the app must write into the URL for these sidebar values: the filters it applied, and the language the
    page is read in (English, as the sessions ask for none), which every link carries."""
    wanted = {LIST_KEYS[key]: ",".join(values[LIST_KEYS[key]][label] for label in labels)
              for key, labels in chosen.items() if key in LIST_KEYS and labels}
    wanted["lang"] = ENGLISH
    (lowest, highest), (start, end) = widgets[PERIOD_KEY][1], chosen[PERIOD_KEY]
    if start > lowest:
        wanted["from"] = day(start).isoformat()
    if end < highest:
        wanted["to"] = day(end).isoformat()
    return wanted


def deep_link(rng: random.Random, options: dict[str, dict[str, str]]) -> tuple[str, dict[str, list]]:
    """A copied link's query string with one or two filters, and the sidebar labels it must produce."""
    query, labels = {}, {key: [] for key in LIST_KEYS}
    for widget in rng.sample(sorted(LIST_KEYS), rng.randint(1, 2)):
        key = LIST_KEYS[widget]
        value = rng.choice(sorted(options[key]))
        query[key] = value
        labels[widget] = [options[key][value]]
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


async def viewer(stream: Stream, number: int, deadline: float, site: dict, tally: Tally,
                 think: tuple[float, float] = THINK_SECONDS, arrival: float = ARRIVAL_SECONDS) -> None:
    """One browser tab: open a deep link, then change page and filters until the deadline."""
    name, rng = f"session {number}", random.Random(number)
    await asyncio.sleep(rng.uniform(0, arrival))
    try:
        async with stream() as ws:
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
                await asyncio.sleep(rng.uniform(*think))
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


def run_apart(coroutine):
    """asyncio.run in a thread of its own: the session's Playwright browser keeps an event loop running in
    the main thread, where asyncio.run refuses to start another."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def filter_links(warehouse: Path) -> dict[str, dict[str, str]]:
    """URL key -> {value: the sidebar's label}, from the warehouse, for deep links."""
    con = duckdb.connect(str(warehouse / DATABASE_NAME), read_only=True)
    try:
        rows = con.execute(SQL["filter_options"]).fetchall()
    finally:
        con.close()
    found = defaultdict(dict)
    for key, value, label in rows:
        found[key][value] = (vocabulary(key) or {}).get(value, label)  # as the sidebar words it (filter_labels)
    return dict(found)


def site_of(links: dict[str, dict[str, str]], pages) -> dict:
    """What viewers choose from: deep links, the values behind the sidebar's labels, the pages."""
    values = {key: {label: value for value, label in labels.items()} for key, labels in links.items()}
    return {"links": links, "values": values, "pages": sorted(pages)}

"""Nothing leaves the machine: the dashboard server and a chromium browsing every page both run under strace,
which records every connect, sendto, sendmsg and sendmmsg of every process and thread they start. Only loopback
addresses and local (AF_UNIX, netlink) sockets may appear, no name may be looked up (nothing sent to port 53,
no resolver socket), and every request the pages make goes to 127.0.0.1. A websocket opened from another
origin, as any web page in the same browser could try, must not make the server reach out either."""
from __future__ import annotations

import base64
import json
import os
import shutil
import socket
from pathlib import Path

import pytest

from tests.conftest import ARTEFACTS, BROWSER_ARGS
from tests.servers import serve
from tests.support import (CHART_PATHS, HEADINGS, Visit, destinations, is_name_lookup, leaves_machine, reachability_probes,
                           strace_command)

pytestmark = pytest.mark.load

# The fixture's first person, and the two modes, on top of every page of tests/test_browser.py.
EXTRA_VISITS = {"people?person=alpha-one": "Person profile", "?anonymise=1": HEADINGS[""],
                "sentences?present=1": HEADINGS["sentences"]}


def traced_server(strace: str, warehouse: Path, folder: Path):
    """`python -m dashboard.serve` on loopback, started by strace so that its very first syscalls are recorded."""
    return serve(warehouse, folder / "server.log", prefix=tuple(strace_command(strace, folder / "server.strace")),
                 start_seconds=90)


def traced_chromium(strace: str, folder: Path) -> Path:
    """An executable for Playwright that starts Debian's chromium under strace, every process it forks included."""
    wrapper = folder / "chromium-traced"
    command = " ".join(strace_command(strace, folder / "browser.strace"))
    wrapper.write_text(f'#!/bin/sh\nexec {command} {shutil.which("chromium") or "/usr/bin/chromium"} "$@"\n')
    wrapper.chmod(0o755)
    return wrapper


def websocket_from(origin: str, port: int) -> bytes:
    """The status line the server answers a websocket handshake from `origin` with."""
    key = base64.b64encode(os.urandom(16)).decode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                            f"Origin: {origin}\r\n\r\n").encode())
        return connection.recv(4096).split(b"\r\n")[0]


def test_no_connection_leaves_loopback_and_no_name_is_looked_up(browser, fixture_warehouse, strace, tmp_path):
    visits = {**HEADINGS, **EXTRA_VISITS}
    requested: list[str] = []
    outside: set[str] = set()
    with traced_server(strace, fixture_warehouse, tmp_path) as server:
        url, port = server.url, server.port
        traced = browser.browser_type.launch(executable_path=str(traced_chromium(strace, tmp_path)), args=BROWSER_ARGS)
        try:
            for path, heading in visits.items():
                visit = Visit(traced, f"{url}/{path}")
                visit.wait_until_drawn(heading)
                if path.split("?")[0] in CHART_PATHS:
                    visit.page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
                requested += visit.requests
                outside |= visit.outside_hosts()
                visit.close()
        finally:
            traced.close()
        own_origin = websocket_from(url, port)
        foreign_origin = websocket_from("http://evil.example", port)

    seen = {"server": destinations(tmp_path / "server.strace"), "browser": destinations(tmp_path / "browser.strace")}
    summary = {name: {" ".join(key): count for key, count in sorted(calls.items())} for name, calls in seen.items()}
    summary["page requests"] = len(requested)
    ARTEFACTS.mkdir(exist_ok=True)
    (ARTEFACTS / "zero-egress.json").write_text(json.dumps(summary, indent=1))

    assert b" 101 " in own_origin and b" 403 " in foreign_origin  # the probe reached the origin check
    assert requested and outside == set()
    # the recorder saw the browser's own traffic to the server, so an empty list below means something
    assert any(family == "AF_INET" and where == f"127.0.0.1:{port}" for _, family, where in seen["browser"])
    for name, calls in seen.items():
        # chromium's route probe: a UDP socket connected to a public address sends nothing (see reachability_probes)
        probes, others = reachability_probes((tmp_path / f"{name}.strace").read_text(errors="replace"))
        assert others == [], f"{name} connected beyond loopback: {others[:3]}"
        assert all("2001:4860:4860::8888" in line for line in probes), probes[:3]
        assert [c for c in calls if c[0] != "connect" and leaves_machine(c[1], c[2])] == [], \
            f"{name} sent a datagram beyond loopback: {summary[name]}"
        assert [c for c in calls if is_name_lookup(c[1], c[2])] == [], f"{name} looked a name up: {summary[name]}"

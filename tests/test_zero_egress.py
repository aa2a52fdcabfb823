"""Nothing leaves the machine: the dashboard server and a chromium browsing every page both run under strace,
which records every connect, sendto, sendmsg and sendmmsg of every process and thread they start. Only loopback
addresses and local (AF_UNIX, netlink) sockets may appear, no name may be looked up (nothing sent to port 53,
no resolver socket), and every request the pages make goes to 127.0.0.1. A websocket opened from another
origin, as any web page in the same browser could try, must not make the server reach out either."""
from __future__ import annotations

import base64
import contextlib
import ipaddress
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ARTEFACTS, BROWSER_ARGS, PROJECT
from dashboard.local_server import free_port, healthy
from tests.test_browser import CHART_PAGES, PAGES, Visit

TRACED_CALLS = "socket,connect,sendto,sendmsg,sendmmsg"
# The fixture's first person, and the two modes, on top of every page of tests/test_browser.py.
EXTRA_VISITS = {"people?person=alpha-one": "Person profile", "?anonymise=1": PAGES[""],
                "sentences?present=1": PAGES["sentences"]}
LOCAL_FAMILIES = {"AF_UNIX", "AF_NETLINK", "AF_UNSPEC"}  # AF_UNSPEC: connect() to dissolve a UDP association
RESOLVER_SOCKETS = ("nscd", "systemd/resolve", "avahi")  # name look-ups through a local daemon

SOCKADDR = re.compile(r"\{sa_family=(AF_\w+)(.*?)\}")
INET = re.compile(r'sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)')
INET6 = re.compile(r'sin6_port=htons\((\d+)\).*?inet_pton\(AF_INET6, "([^"]+)"')
UNIX_PATH = re.compile(r'sun_path=(@?"[^"]*")')
CALL = re.compile(r"^\d+\s+(\w+)\(")


@pytest.fixture(scope="module")
def strace() -> str:
    subprocess.run(["bash", str(PROJECT / "scripts" / "ensure-debian-tool.sh"), "strace"], check=True)
    return shutil.which("strace")


def tracing(strace: str, log: Path) -> list[str]:
    return [strace, "-f", "-qq", "-e", f"trace={TRACED_CALLS}", "-o", str(log)]


@contextlib.contextmanager
def traced_server(strace: str, warehouse: Path, folder: Path):
    """`python -m dashboard.serve` on loopback, started by strace so that its very first syscalls are recorded."""
    port = free_port()
    env = {**os.environ, "DASHBOARD_WAREHOUSE": str(warehouse)}
    with open(folder / "server.log", "wb") as out:
        tracer = subprocess.Popen([*tracing(strace, folder / "server.strace"), sys.executable, "-m", "dashboard.serve",
                                   "--server.port", str(port)], cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while not healthy(url):
            if tracer.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start: " + (folder / "server.log").read_text(errors="replace")[-2000:])
            time.sleep(0.3)
        yield url, port
    finally:
        # strace running a program blocks fatal signals and would leave the server running detached if it were
        # stopped itself: stop the server (strace's child) and strace ends with it.
        children = Path(f"/proc/{tracer.pid}/task/{tracer.pid}/children").read_text().split()
        for child in children:
            os.kill(int(child), signal.SIGTERM)
        try:
            tracer.wait(timeout=30)
        except subprocess.TimeoutExpired:
            for child in children:
                os.kill(int(child), signal.SIGKILL)
            tracer.wait()


def traced_chromium(strace: str, folder: Path) -> Path:
    """An executable for Playwright that starts Debian's chromium under strace, every process it forks included."""
    wrapper = folder / "chromium-traced"
    command = " ".join(tracing(strace, folder / "browser.strace"))
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


def destinations(log: Path) -> Counter:
    """Every address a traced socket call named, as (call, family, destination) -> count."""
    seen: Counter = Counter()
    for line in log.read_text(errors="replace").splitlines():
        call = CALL.match(line)
        for family, rest in SOCKADDR.findall(line):
            if family == "AF_INET" and (match := INET.search(rest)):
                where = f"{match[2]}:{match[1]}"
            elif family == "AF_INET6" and (match := INET6.search(rest)):
                where = f"[{match[2]}]:{match[1]}"
            elif family == "AF_UNIX":
                where = (UNIX_PATH.search(rest) or [None, "unnamed"])[1]
            else:
                where = rest.strip(", ") or "-"
            seen[(call[1] if call else "?", family, where)] += 1
    return seen


def leaves_machine(family: str, where: str) -> bool:
    if family in LOCAL_FAMILIES:
        return False
    if family not in ("AF_INET", "AF_INET6"):
        return True  # a family this test does not know (AF_PACKET, ...) counts as leaving
    address = ipaddress.ip_address(where.rsplit(":", 1)[0].strip("[]"))
    mapped = getattr(address, "ipv4_mapped", None)
    return not (mapped or address).is_loopback


def is_name_lookup(family: str, where: str) -> bool:
    if family in ("AF_INET", "AF_INET6"):
        return where.rsplit(":", 1)[1] == "53"
    return family == "AF_UNIX" and any(name in where for name in RESOLVER_SOCKETS)


SOCKET = re.compile(r"^(\d+)\s+(?:socket\((AF_\w+), (SOCK_[A-Z]+)|<\.\.\. socket resumed>).*?= (\d+)$")
CONNECT = re.compile(r"^(\d+)\s+connect\((\d+), (\{.*?\})")


def reachability_probes(trace: str) -> tuple[list[str], list[str]]:
    """Chromium's IPv6 reachability check connects a UDP socket to a public address to learn which local address it
    would use, and sends nothing: split the non-loopback connects into such UDP probes and anything else."""
    kinds, pending, probes, others = {}, {}, [], []
    for line in trace.splitlines():
        if (opened := re.match(r"^(\d+)\s+socket\((AF_\w+), (SOCK_[A-Z]+)", line)):
            pending[opened[1]] = opened[3]
        if (made := SOCKET.match(line)) and made[1] in pending:
            kinds[(made[1], made[4])] = pending.pop(made[1])
        if (called := CONNECT.match(line)):
            for family, where in destinations_of(called[3]):
                if leaves_machine(family, where):
                    udp = kinds.get((called[1], called[2])) == "SOCK_DGRAM"
                    (probes if udp else others).append(line)
    return probes, others


def destinations_of(sockaddr: str) -> list[tuple[str, str]]:
    found = re.search(r'sin6?_port=htons\((\d+)\).*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")', sockaddr)
    if not found:
        return []
    return [("AF_INET", f"{found[2]}:{found[1]}")] if found[2] else [("AF_INET6", f"[{found[3]}]:{found[1]}")]


def test_no_connection_leaves_loopback_and_no_name_is_looked_up(browser, fixture_warehouse, strace, tmp_path):
    visits = {**PAGES, **EXTRA_VISITS}
    requested: list[str] = []
    outside: set[str] = set()
    with traced_server(strace, fixture_warehouse, tmp_path) as (url, port):
        traced = browser.browser_type.launch(executable_path=str(traced_chromium(strace, tmp_path)), args=BROWSER_ARGS)
        try:
            for path, heading in visits.items():
                visit = Visit(traced, f"{url}/{path}")
                visit.wait_until_drawn(heading)
                if path.split("?")[0] in CHART_PAGES:
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

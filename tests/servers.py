"""Start `python -m dashboard.serve` in a child process on loopback and a free port, on a warehouse folder of the
caller's choosing: what the browser, load and zero-egress tests and the benchmark's browser timings run against.
Under pytest-xdist every worker starts servers of its own, each on a port from the worker's own block."""
from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# Where servers' ports come from: below Linux's range for the local ports of outgoing connections (32768-60999),
# so no browser's or session's connection holds the port a server is about to take.
SERVER_PORTS = range(10_000, 32_768)
PICKER = random.Random()  # its own generator: a test seeding the random module does not make picks repeat


def worker_ports() -> range:
    """This test process's share of SERVER_PORTS: pytest-xdist's workers (gw0, gw1, ...) each take a block of their
    own, so two workers never pick the same port in the moment between checking it and a server binding it."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    size = len(SERVER_PORTS) // int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    return SERVER_PORTS[worker * size:(worker + 1) * size]


def free_port() -> int:
    """A port of this worker's block that nothing is bound to. Tried in random order, so a port a server has just
    left is seldom tried again, and test runs of two checkouts at once seldom want the same one."""
    ports = worker_ports()
    for port in PICKER.sample(ports, len(ports)):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {ports}")


@dataclass
class Server:
    url: str
    port: int
    process: subprocess.Popen
    log: Path

    def rss_bytes(self) -> int:
        """Resident memory of the server process, from /proc (dashboard.serve runs Streamlit in-process)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise AssertionError("no VmRSS for the server process")

    def metrics(self) -> dict[str, float]:
        """Streamlit's own counters from /_stcore/metrics (active sessions, connects, disconnects)."""
        with urllib.request.urlopen(self.url + "/_stcore/metrics", timeout=10) as response:
            text = response.read().decode()
        values = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                values[name] = float(value)
        return values


@contextlib.contextmanager
def serve(warehouse: Path, log: Path, *options: str, script: Path | None = None, prefix: tuple[str, ...] = (),
          start_seconds: float = 60, env: dict[str, str] | None = None, port: int | None = None):
    """The dashboard (or another Streamlit `script`) on 127.0.0.1 and a free port (or `port`), with further
    Streamlit `options` and `env` added to the environment; its output goes to `log` so a busy server never blocks
    on a pipe. A `prefix` runs the server under another program (strace), which is then the child process and is
    stopped through the server."""
    port = port or free_port()
    env = {**os.environ, **(env or {}), "DASHBOARD_WAREHOUSE": str(warehouse)}
    served = [str(script)] if script else []
    with open(log, "wb") as out:
        process = subprocess.Popen([*prefix, sys.executable, "-m", "dashboard.serve", *served, "--server.port", str(port),
                                    *options], cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", port, process, log)
    try:
        deadline = time.monotonic() + start_seconds
        while not healthy(server.url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start: " + log.read_text(errors="replace")[-2000:])
            time.sleep(0.3)
        yield server
    finally:
        stop(process, through_children=bool(prefix))


def stop(process: subprocess.Popen, through_children: bool = False) -> None:
    """Terminate the server, killing it after 20 seconds. strace running a program blocks fatal signals and would
    leave the server running detached if it were stopped itself: then stop its children (the server), and strace
    ends with them."""
    if process.poll() is not None:
        return
    targets = [process.pid]
    if through_children:
        targets = [int(child) for child in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
    for signum in (signal.SIGTERM, signal.SIGKILL):
        for pid in targets:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)
        try:
            process.wait(timeout=30 if through_children else 20)
            return
        except subprocess.TimeoutExpired:
            continue
    process.wait()


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False

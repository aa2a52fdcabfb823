"""The dashboard served to others as deploy/ sets it up, on this machine: Debian's nginx, run by the tests' own user in
a folder of its own (deploy/nginx_config.py --standalone), asks for the password made by deploy/make-password.sh and
keeps each viewer on one of three replicas on 127.0.0.1 that share one pseudonym key. A hundred sessions go through
it, a replica is killed under a viewer, a new build is published while it serves, and requests without the password
are refused. The figures go to test-artefacts/deploy.json.
"""
from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import pytest
from PIL import Image
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from dashboard import privacy
from deploy.nginx_config import standalone
from etl.warehouse import DEFAULT_RECORDS, build
from tests.conftest import ARTEFACTS, PROJECT
from tests.servers import Server, free_port, healthy, serve
from tests.sessions import Stream, Tally, direct, filter_links, first_run, received, run_apart, site_of, viewer
from tests.support import Visit, build_line

pytestmark = pytest.mark.load

REPLICAS = 3
SESSIONS = 100
LOAD_SECONDS = float(os.environ.get("DEPLOY_LOAD_SECONDS", "30"))  # no session starts a rerun after this
ARRIVAL_SECONDS = 10.0
THINK_SECONDS = (5.0, 15.0)
USER = "viewer"
COOKIE = "dashboard_replica"
RECONNECT_LIMIT = 30.0  # seconds from a replica's death to its viewer's page drawn again by another (a busy 2-core machine)
FIGURES = ARTEFACTS / "deploy.json"
CONNECTS = 'session_events_total{type="connect"}'
STATUS_WIDGET = "[data-testid='stStatusWidget']"


def make_password(file: Path, user: str, password: str) -> None:
    subprocess.run(["bash", str(PROJECT / "deploy" / "make-password.sh"), str(file), user], input=password + "\n",
                   text=True, check=True, capture_output=True)


def replica_in(set_cookies: list[str]) -> str | None:
    """The replica a response's Set-Cookie headers name."""
    found = [m[1] for header in set_cookies if (m := re.match(rf"{COOKIE}=(\w+);", header))]
    return found[-1] if found else None


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def fetch(url: str, headers: dict[str, str] | None = None, context: ssl.SSLContext | None = None):
    """status, headers and body of a GET, whatever the status."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30, context=context) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers, refused.read()


def record(section: str, figures: dict) -> None:
    """Add one test's figures to test-artefacts/deploy.json."""
    ARTEFACTS.mkdir(exist_ok=True)
    kept = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
    FIGURES.write_text(json.dumps({**kept, section: figures}, indent=2) + "\n")
    print(json.dumps({section: figures}, indent=2))


def listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        return True
    return False


@contextlib.contextmanager
def running_nginx(nginx: str, folder: Path, ports: list[int], listen: str, password_file: Path, **tls):
    """nginx as deploy/start.sh runs it: the standalone configuration in `folder`, in the foreground."""
    standalone(folder, ports, listen, password_file, **tls)
    with open(folder / "nginx.out", "wb") as out:
        process = subprocess.Popen([nginx, "-p", str(folder), "-e", str(folder / "logs" / "error.log"), "-c", "nginx.conf"],
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while not listening(int(listen.rsplit(":", 1)[1])):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("nginx did not start: " + (folder / "logs" / "error.log").read_text(errors="replace"))
            time.sleep(0.1)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)


@dataclass
class Deployment:
    url: str
    password: str
    folder: Path
    warehouse: Path
    env: dict[str, str]
    replicas: dict[str, Server]  # the name the cookie gives a replica -> the replica
    stack: contextlib.ExitStack

    @property
    def authorization(self) -> dict[str, str]:
        return {"Authorization": basic(USER, self.password)}

    def stream(self, served: list[tuple[str, str]] | None = None) -> Stream:
        """Sessions as a browser opens them through the proxy: the page first (the response names a replica in the
        cookie), then the websocket with the password and the cookie. `served` gets (the page's replica, the
        websocket's replica) of each."""
        @contextlib.asynccontextmanager
        async def opened():
            status, headers, _ = await asyncio.to_thread(fetch, self.url + "/", self.authorization)
            assert status == 200, f"the page answered {status}"
            page = replica_in(headers.get_all("Set-Cookie") or [])
            async with connect(self.url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                               origin=self.url, additional_headers={**self.authorization, "Cookie": f"{COOKIE}={page}"},
                               max_size=None, ping_interval=None, open_timeout=30) as ws:
                if served is not None:
                    served.append((page, replica_in(ws.response.headers.get_all("Set-Cookie"))))
                yield ws
        return opened

    def restart(self, name: str) -> None:
        """The replica started again on its port, as systemd would restart it."""
        port = self.replicas[name].port
        self.replicas[name] = self.stack.enter_context(
            serve(self.warehouse, self.folder / f"replica-{name}-again.log", env=self.env, port=port))


@pytest.fixture(scope="module")
def nginx() -> str:
    """Debian's nginx, installed when it is missing."""
    subprocess.run(["bash", str(PROJECT / "scripts" / "ensure-debian-tool.sh"), "nginx"], check=True)
    return shutil.which("nginx", path=os.environ["PATH"] + os.pathsep + "/usr/sbin")


@pytest.fixture(scope="module")
def deployment(nginx, tmp_path_factory):
    folder = tmp_path_factory.mktemp("deploy")
    warehouse = folder / "warehouse"
    build([DEFAULT_RECORDS], warehouse)
    password = secrets.token_urlsafe(18)
    make_password(folder / "htpasswd", USER, password)
    env = {privacy.KEY_ENV: secrets.token_hex(32), privacy.SECRETS_DIR_ENV: str(folder / "no-key-file")}
    with contextlib.ExitStack() as stack:
        replicas = {str(n): stack.enter_context(serve(warehouse, folder / f"replica-{n}.log", env=env))
                    for n in range(1, REPLICAS + 1)}
        listen = f"127.0.0.1:{free_port()}"
        stack.enter_context(running_nginx(nginx, folder / "nginx", [r.port for r in replicas.values()], listen,
                                          folder / "htpasswd"))
        # the first run of a replica imports the pages' libraries: once, before anyone is timed
        async def warm_up():
            return await asyncio.gather(*(first_run(direct(r.port)) for r in replicas.values()))

        warm = run_apart(warm_up())
        assert all(run.finished == ForwardMsg.FINISHED_SUCCESSFULLY for run in warm)
        yield Deployment(f"http://{listen}", password, folder, warehouse, env, replicas, stack)


# --- (1) many viewers ---------------------------------------------------------------------------------------------

async def crowd(deployment: Deployment, site: dict, tally: Tally, served: list) -> None:
    deadline = time.monotonic() + LOAD_SECONDS
    stream = deployment.stream(served)
    await asyncio.gather(*(viewer(stream, number, deadline, site, tally, THINK_SECONDS, ARRIVAL_SECONDS)
                           for number in range(SESSIONS)))


@pytest.mark.alone
def test_a_hundred_sessions_through_the_proxy_spread_over_the_replicas_without_an_error(deployment):
    first = run_apart(first_run(deployment.stream()))
    site = site_of(filter_links(deployment.warehouse), first.pages)
    connects_before = {name: r.metrics()[CONNECTS] for name, r in deployment.replicas.items()}
    tally, served = Tally(), []
    started = time.monotonic()
    run_apart(asyncio.wait_for(crowd(deployment, site, tally, served), LOAD_SECONDS + 300))
    elapsed = time.monotonic() - started
    connects = {name: int(r.metrics()[CONNECTS] - connects_before[name]) for name, r in deployment.replicas.items()}
    spread = Counter(websocket for _, websocket in served)
    latencies = sorted(1000 * s for s in tally.latencies)
    record("sessions", {
        "sessions": SESSIONS, "replicas": REPLICAS, "seconds_of_load": LOAD_SECONDS, "wall_seconds": round(elapsed, 1),
        "arrival_seconds": ARRIVAL_SECONDS, "think_seconds": THINK_SECONDS, "reruns": len(latencies),
        "errors": len(tally.errors), "error_examples": tally.errors[:10],
        "latency_ms": {"p50": round(statistics.median(latencies)),
                       "p95": round(statistics.quantiles(latencies, n=20)[18]), "max": round(latencies[-1])},
        "sessions_per_replica": dict(sorted(spread.items())), "connects_per_replica": dict(sorted(connects.items())),
    })

    assert tally.errors == [], tally.errors[:10]
    assert len(served) == SESSIONS and len(latencies) >= 2 * SESSIONS  # each opened its link and changed it
    # sticky: every websocket went to the replica that served its page, as the cookie said
    assert [page for page, _ in served] == [websocket for _, websocket in served]
    # spread: every replica took its share (least connections first), and counted the sessions it was given
    assert sorted(spread) == sorted(deployment.replicas)
    assert min(spread.values()) >= SESSIONS / REPLICAS / 2
    assert connects == {name: spread[name] for name in deployment.replicas}


# --- (2) a replica killed under its viewers -----------------------------------------------------------------------

def redrawn(visit: Visit, since: int):
    """The rerun the page's new websocket brought (frames after `since`), once it has finished and the page no longer
    shows its connection status."""
    deadline = time.monotonic() + RECONNECT_LIMIT
    while time.monotonic() < deadline:
        visit.page.wait_for_timeout(50)
        run = received(visit.frames[since:])
        if run.finished is not None and not visit.page.locator(STATUS_WIDGET).count():
            return run
    raise AssertionError(f"the page was not drawn again within {RECONNECT_LIMIT} s")


def cookie_of(visit: Visit) -> str:
    return next(c["value"] for c in visit.page.context.cookies() if c["name"] == COOKIE)


def test_a_killed_replicas_viewer_gets_the_same_view_back_from_another(deployment, browser, tmp_path):
    region = "KZ-47"
    region_label = filter_links(deployment.warehouse)["region"][region]
    link = f"/articles?region={region}&anonymise=1&lang=en"  # the language as the app writes it
    visit = Visit(browser, deployment.url + link, accept_downloads=True,
                  http_credentials={"username": USER, "password": deployment.password})
    visit.wait_until_drawn("Criminal Code articles")
    victim = cookie_of(visit)
    assert deployment.replicas[victim].metrics()["active_sessions"] >= 1  # the viewer's session is there
    connects = {name: r.metrics()[CONNECTS] for name, r in deployment.replicas.items() if name != victim}

    seen, reconnected = len(visit.frames), []
    visit.page.on("websocket", lambda _: reconnected.append(time.monotonic()))
    killed = time.monotonic()
    os.kill(deployment.replicas[victim].process.pid, signal.SIGKILL)
    try:
        run = redrawn(visit, seen)
        redrawn_seconds = time.monotonic() - killed
    finally:
        deployment.restart(victim)  # as systemd would: the tests after this one have every replica again
    visit.page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    visit.screenshot("deploy-after-failover")
    survivor = cookie_of(visit)
    record("replica_killed", {"link": link, "killed": victim, "moved_to": survivor,
                              "websocket_again_seconds": round(reconnected[0] - killed, 2),
                              "page_drawn_again_seconds": round(redrawn_seconds, 2)})

    # the new replica ran the page the link names, with its filters and modes, and showed no error
    assert run.finished == ForwardMsg.FINISHED_SUCCESSFULLY and run.errors == []
    assert run.page_hash == run.pages["articles"]
    assert run.widgets["filter_region"][2] == [region_label]
    assert run.modes == {"mode_present": False, "mode_anonymise": True}
    assert any(region_label in text for text in run.texts)  # the filters line under the charts
    assert visit.page.url == deployment.url + link
    assert not visit.page.locator("[data-testid='stException']").count()
    assert "Connection error" not in visit.page.inner_text("body")
    assert visit.console_errors == []
    # the cookie moved with the session: a download it prepares is fetched from the replica that holds it
    assert {name: r.metrics()[CONNECTS] - connects[name] for name, r in deployment.replicas.items() if name != victim} \
        == {name: int(name == survivor) for name in connects}
    with visit.page.expect_download(timeout=90_000) as image:
        visit.page.locator(".st-key-articles_chart_png button").first.click()
    image.value.save_as(tmp_path / "chart.png")
    assert Image.open(tmp_path / "chart.png").size == (3200, 1800)
    visit.close()


# --- (3) a new build while serving ----------------------------------------------------------------------------------

def changed_records(folder: Path) -> Path:
    """The real records and one person more: a build with other counts, where everyone else stays."""
    shutil.copytree(DEFAULT_RECORDS, folder)
    persons = pd.read_csv(folder / "persons.csv", dtype=str, keep_default_na=False)
    added = persons.iloc[[0]].assign(person_id="added-later", name="Added Later")
    pd.concat([persons, added]).to_csv(folder / "persons.csv", index=False)
    return folder


def profile_opens(port: int, pseudonym: str) -> bool:
    """Whether a hide-names profile link by this pseudonym opens the person's profile on the replica."""
    run = run_apart(first_run(direct(port), urlencode({"anonymise": "1", "person": pseudonym}), "people"))
    return run.finished == ForwardMsg.FINISHED_SUCCESSFULLY and "Person profile" in run.texts


def shown_build(port: int) -> str:
    """The overview's build line, as the replica on `port` shows it to a new session."""
    return next(t for t in run_apart(first_run(direct(port))).texts if t.startswith("Data build "))


def test_a_new_build_published_while_serving_reaches_every_replica(deployment, tmp_path, monkeypatch):
    monkeypatch.setenv(privacy.KEY_ENV, deployment.env[privacy.KEY_ENV])  # this process computes as the replicas do
    privacy.reset_key()
    pseudonym = privacy.Pseudonyms(["yerbol-yeskhozhin"]).of("yerbol-yeskhozhin")
    privacy.reset_key()
    old_id, old_counts = build_line(deployment.warehouse)
    assert all(old_id in shown_build(r.port) for r in deployment.replicas.values())
    before = {name: profile_opens(r.port, pseudonym) for name, r in deployment.replicas.items()}

    build([changed_records(tmp_path / "records")], deployment.warehouse)
    published = time.monotonic()
    new_id, new_counts = build_line(deployment.warehouse)
    assert (new_id, new_counts) != (old_id, old_counts)
    shown = {name: shown_build(r.port) for name, r in deployment.replicas.items()}  # each replica, directly
    seconds = time.monotonic() - published
    through_proxy = run_apart(first_run(deployment.stream()))
    after = {name: profile_opens(r.port, pseudonym) for name, r in deployment.replicas.items()}
    deployment.restart("1")
    restarted = profile_opens(deployment.replicas["1"].port, pseudonym)
    record("publish", {"old_build": old_id, "new_build": new_id, "new_counts": new_counts,
                       "seconds_from_publish_until_every_replica_showed_it": round(seconds, 1)})

    assert all(new_id in line and new_counts in line for line in shown.values()), shown
    assert any(new_id in text for text in through_proxy.texts)
    # a hide-names link made before the build opens the same person after it, on every replica, and after a restart
    assert before == after == {name: True for name in deployment.replicas}
    assert restarted
    assert not profile_opens(deployment.replicas["1"].port, "Person " + "A" * privacy.CODE_LENGTH)  # the check can fail


# --- (4) the password -----------------------------------------------------------------------------------------------

def static_file(deployment: Deployment) -> str:
    """The path of the frontend's script, as a replica's page names it."""
    _, _, page = fetch(next(iter(deployment.replicas.values())).url + "/")
    return re.search(r'src="\.?(/static/js/[^"]+\.js)"', page.decode())[1]


def test_no_request_gets_past_the_proxy_without_the_password(deployment):
    paths = ["/", "/articles", "/people?person=yerbol-yeskhozhin", "/_stcore/health", "/_stcore/host-config",
             "/_stcore/metrics", static_file(deployment), "/media/a-file-id.png"]
    wrong = {"no password": {}, "wrong password": {"Authorization": basic(USER, deployment.password + "x")},
             "unknown user": {"Authorization": basic("someone", deployment.password)}}
    refused = {(path, how): fetch(deployment.url + path, headers) for path in paths for how, headers in wrong.items()}
    allowed = {path: fetch(deployment.url + path, deployment.authorization)[0] for path in paths}
    connects_before = sum(r.metrics()[CONNECTS] for r in deployment.replicas.values())

    async def websocket(headers: dict[str, str]) -> int:
        try:
            async with connect(deployment.url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                               origin=deployment.url, additional_headers=headers, open_timeout=30):
                return 101
        except InvalidStatus as refusal:
            return refusal.response.status_code

    streams = {how: run_apart(websocket(headers)) for how, headers in wrong.items()}
    connects = sum(r.metrics()[CONNECTS] for r in deployment.replicas.values()) - connects_before
    with_password = run_apart(websocket(deployment.authorization))

    assert {key: status for key, (status, _, _) in refused.items()} == {key: 401 for key in refused}
    assert not [key for key, (_, headers, _) in refused.items() if replica_in(headers.get_all("Set-Cookie") or [])]
    assert not [key for key, (_, _, body) in refused.items() if b"streamlit" in body.lower()]
    assert streams == {how: 401 for how in wrong} and connects == 0  # no replica saw the refused websockets
    # the same requests with the password pass (the app answers a file it does not have with 404)
    assert allowed == {**{path: 200 for path in paths}, "/media/a-file-id.png": 404}
    assert with_password == 101
    stored = (deployment.folder / "htpasswd").read_text()
    assert stored.startswith(f"{USER}:$6$") and deployment.password not in stored


# --- deploy/start.sh: the same, for one machine without systemd (the Docker image's command) --------------------

def consecutive_free_ports(count: int) -> int:
    """The first of `count` free ports in a row on 127.0.0.1."""
    while True:
        first = free_port()
        with contextlib.ExitStack() as held:
            try:
                for port in range(first, first + count):
                    held.enter_context(socket.create_server(("127.0.0.1", port)))
                return first
            except OSError:
                continue


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by openssl."""
    certificate, key = folder / "certificate.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(key), "-out", str(certificate)], check=True, capture_output=True)
    return certificate, key


def test_the_start_script_serves_replicas_with_tls_and_the_password_and_stops_them_all(deployment, tmp_path):
    certificate, key = self_signed(tmp_path)
    first_port, listen = consecutive_free_ports(2), f"127.0.0.1:{free_port()}"
    env = {**os.environ, **deployment.env, "DASHBOARD_PASSWORD_FILE": str(deployment.folder / "htpasswd"),
           "DASHBOARD_REPLICAS": "2", "DASHBOARD_FIRST_PORT": str(first_port), "DASHBOARD_LISTEN": listen,
           "DASHBOARD_CERTIFICATE": str(certificate), "DASHBOARD_CERTIFICATE_KEY": str(key),
           "DASHBOARD_RUN_DIR": str(tmp_path / "run"), "DASHBOARD_WAREHOUSE": str(deployment.warehouse),
           "PYTHON": sys.executable}
    trusted = ssl.create_default_context(cafile=str(certificate))
    trusted.check_hostname = False  # a certificate for an address: trusted as the one file it is
    with open(tmp_path / "start.log", "wb") as out:
        started = subprocess.Popen(["bash", str(PROJECT / "deploy" / "start.sh")], cwd=tmp_path, env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not (listening(int(listen.rsplit(":", 1)[1])) and all(healthy(f"http://127.0.0.1:{port}")
                                                                     for port in (first_port, first_port + 1))):
            assert started.poll() is None and time.monotonic() < deadline, (tmp_path / "start.log").read_text()
            time.sleep(0.3)
        without, _, _ = fetch(f"https://{listen}/", context=trusted)
        status, headers, _ = fetch(f"https://{listen}/", deployment.authorization, context=trusted)
        plain, _, _ = fetch(f"http://{listen}/", deployment.authorization)
    finally:
        started.send_signal(signal.SIGTERM)
        code = started.wait(timeout=30)
    assert (without, status) == (401, 200)
    assert plain == 400  # plain HTTP on the TLS port gets nginx's refusal, never the app
    cookie = next(c for c in headers.get_all("Set-Cookie") if c.startswith(COOKIE))
    assert replica_in([cookie]) in ("1", "2") and cookie.endswith("; Secure")  # the cookie travels encrypted only
    assert code == 143
    assert not [port for port in (first_port, first_port + 1, int(listen.rsplit(":", 1)[1])) if listening(port)]

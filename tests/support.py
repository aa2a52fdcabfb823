"""Helpers several test modules share: a page run by AppTest, a page visit in a browser, the parsing of strace
logs (what the zero-egress checks read) and the ETL's command line."""
from __future__ import annotations

import html
import ipaddress
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import duckdb
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from etl.schema import TRANSLATABLE
from tests.conftest import ARTEFACTS, PROJECT

APP = PROJECT / "app.py"


# every page as app.py routes it, by its script under pages/
PAGES = ["overview", "detentions", "articles", "sentences", "regions", "ep_resolution", "people", "data", "changes",
         "briefing"]


def run_page(monkeypatch, warehouse, page: str, params: dict) -> AppTest:
    """The app run with `params` in its address, then switched to pages/<page>.py."""
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(warehouse))
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.query_params.update(params)
    app.run()
    return app.switch_page(f"pages/{page}.py").run()


def run_etl_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=PROJECT, capture_output=True, text=True, timeout=120)


HEADINGS = {  # URL path of every page -> what must be on it
    "": "Political repression in Kazakhstan",
    "detentions": "Detentions over time",
    "articles": "Criminal Code articles",
    "sentences": "Sentences",
    "regions": "Regions",
    "ep-resolution": "European Parliament resolution",
    "people": "People",
    "data": "Data",
    "changes": "What changed",
    "briefing": "Briefing pack",
}
CHART_PATHS = ("", "detentions", "articles", "sentences", "regions", "ep-resolution")
# The sidebar's region filter, by its widget key (Streamlit gives a keyed element the class st-key-<key>).
REGION_FILTER = ".st-key-filter_region [data-testid='stMultiSelect']"
# Streamlit's frontend probes <page>/_stcore/health and host-config before the app root on a deep link
# (streamlit/streamlit#7074); those two 404s are the only console errors tolerated.
STREAMLIT_PROBE = re.compile(r"/[\w-]+/_stcore/(health|host-config)$")


class Visit:
    """A page visit that records every request, websocket frame and console error."""

    def __init__(self, browser, url: str, viewport=(1280, 720)):
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.frames: list[bytes] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        self.page.goto(url, wait_until="domcontentloaded")

    def _console(self, message) -> None:
        if message.type == "error" and not STREAMLIT_PROBE.search(message.location.get("url", "")):
            self.console_errors.append(f"{message.text} at {message.location.get('url')}")

    def _frame(self, payload) -> None:
        self.frames.append(payload if isinstance(payload, bytes) else payload.encode())

    def wait_until_drawn(self, text: str) -> None:
        self.page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
        self.page.wait_for_timeout(800)

    def chart_count(self) -> int:
        return self.page.locator(".js-plotly-plot").count()

    def outside_hosts(self) -> set[str]:
        return {urlparse(u).hostname for u in self.requests
                if urlparse(u).scheme in ("http", "https", "ws", "wss")} - {"127.0.0.1"}

    def screenshot(self, name: str) -> None:
        ARTEFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.page.close()


# A message's own words: what is left of it between its placeholders ({n}, %{x}).
PLACEHOLDERS = re.compile(r"%?\{[^}]*\}")
PSEUDONYM = re.compile(r"Person [A-Z2-9]{10,}")
LINK = re.compile(r"(?:https?://|/)[^\s]+")  # a link's address (a table's link column holds it, shown as its label)


def english_words(language: str) -> list[str]:
    """The English words of every message the `language` catalogue translates differently, longest first: a
    message's parts between placeholders that hold a word of four letters or more."""
    with open(PROJECT / "locales" / language / "LC_MESSAGES" / "dashboard.po", "rb") as handle:
        catalogue = read_po(handle, locale=language)
    words = set()
    for message in catalogue:
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = message.string if isinstance(message.string, tuple) else (message.string,)
        if not message.id or set(english) & set(translated):
            continue
        for text in english:
            words |= {part.strip(" .,;:()-—\n") for part in PLACEHOLDERS.split(text)}
    return sorted((w for w in words if re.search(r"[A-Za-z]{4,}", w)), key=len, reverse=True)


def record_texts(warehouse: Path) -> list[str]:
    """Text of the records, in English as recorded (shown marked as such), with the first clause a figure is
    named by, people's names and other spellings, the names movements call themselves, and the sources' titles
    and publishers: exempt from the rule that every word on screen is in the reader's language. Longest first."""
    con = duckdb.connect(str(warehouse / "repression.duckdb"), read_only=True)
    try:
        texts = {text for table, columns in TRANSLATABLE.items() for column in columns
                 for (text,) in con.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL").fetchall()}
        texts |= {text.split(";")[0].strip().rstrip(".") for text in list(texts)}
        texts |= {name for (names,) in con.execute("SELECT list_prepend(name, aliases) FROM persons").fetchall()
                  for name in names}
        texts |= {text for (text,) in con.execute("SELECT publisher FROM sources UNION SELECT inputs FROM build_info "
                                                  "UNION SELECT unnest(affiliations) FROM persons").fetchall()}
    finally:
        con.close()
    return sorted(texts, key=len, reverse=True)


def untranslated(texts: list[str], language: str, exempt: list[str]) -> list[str]:
    """The catalogue's English words shown in `texts` of a page in `language` (whole words, case as written),
    once record text, names and pseudonyms are taken out."""
    shown = html.unescape("\n".join(str(t) for t in texts).replace("<br>", " "))  # a chart's hover breaks lines
    shown = re.sub(r"\\(.)", r"\1", shown)  # captions escape Markdown
    for text in exempt:
        shown = shown.replace(text, " ")
    shown = LINK.sub(" ", PSEUDONYM.sub(" ", shown))
    return [f"{word!r} in …{shown[max(0, m.start() - 60):m.end() + 60]!r}…" for word in english_words(language)
            for m in [re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", shown)] if m]


# strace logs: every address a traced socket call named, and whether it leaves the machine or looks a name up.
LOCAL_FAMILIES = {"AF_UNIX", "AF_NETLINK", "AF_UNSPEC"}  # AF_UNSPEC: connect() to dissolve a UDP association
RESOLVER_SOCKETS = ("nscd", "systemd/resolve", "avahi")  # name look-ups through a local daemon

SOCKADDR = re.compile(r"\{sa_family=(AF_\w+)(.*?)\}")
INET = re.compile(r'sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)')
INET6 = re.compile(r'sin6_port=htons\((\d+)\).*?inet_pton\(AF_INET6, "([^"]+)"')
UNIX_PATH = re.compile(r'sun_path=(@?"[^"]*")')
CALL = re.compile(r"^\d+\s+(\w+)\(")


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

"""Helpers several test modules share: a page run by AppTest, a page visit in a browser, the build a warehouse holds,
what hide-names mode must never show (and the text of the files it makes), the parsing of strace logs (what the
zero-egress checks read), the ETL's command line and a project of its own for the data desk."""
from __future__ import annotations

import functools
import hashlib
import html
import io
import ipaddress
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import openpyxl
import pandas as pd
from babel.messages.pofile import read_po
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from dashboard.privacy import ALPHABET
from etl.schema import TRANSLATABLE
from etl.template import write_template
from etl.uploads import Project, build_project
from etl.warehouse import DEFAULT_RECORDS
from tests.conftest import ARTEFACTS, PROJECT
from tests.sessions import received

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


def busiest_person(warehouse) -> str:
    """The person with the most recorded events: the fullest profile."""
    con = duckdb.connect(str(warehouse / "repression.duckdb"), read_only=True)
    try:
        return con.execute("SELECT person_id FROM events WHERE person_id IS NOT NULL GROUP BY person_id "
                           "ORDER BY count(*) DESC, person_id LIMIT 1").fetchone()[0]
    finally:
        con.close()


def desk_project(folder: Path, records: Path) -> tuple[Project, Path]:
    """A project of its own in `folder` (a copy of `records` as its curated records, no uploads) and its published
    warehouse: what the data desk's tests publish into, leaving the repository's data alone."""
    project = Project(folder / "data")
    shutil.copytree(records, project.records)
    warehouse = project.data / "warehouse"
    build_project(project, warehouse)
    return project, warehouse


def fill_template(path: Path, rows: dict[str, list[dict]]) -> Path:
    """The template with these rows typed into its sheets (table -> rows of column -> value), as an advocate fills
    it in; a workbook already at `path` (the template downloaded from the desk) is filled in as it is."""
    if not path.exists():
        write_template(path)
    workbook = openpyxl.load_workbook(path)
    for table, records in rows.items():
        columns = [cell.value for cell in workbook[table][1]]
        for record in records:
            workbook[table].append([record.get(column) for column in columns])
    workbook.save(path)
    return path


def fingerprint(warehouse: Path) -> str:
    """The records fingerprint of the published build, once its main tables have been read whole (it opens)."""
    con = duckdb.connect(str(warehouse / "repression.duckdb"), read_only=True)
    try:
        for table in ("persons", "events", "charges", "figures"):
            con.table(table).fetchall()
        return con.execute("SELECT records_fingerprint FROM build_info").fetchone()[0]
    finally:
        con.close()


def page_options() -> dict:
    """Builder -> every set of options its page can ask for (a control on the page), beyond the defaults."""
    from dashboard.charts import detentions, regions

    placings = [{"measure": "People", "placed_by": p} for p in regions.PLACINGS] + [{"measure": "Events"}]
    return {regions.regions_map: placings, regions.ranked: placings,
            detentions.detentions: [{"span": span} for span in detentions.SPANS]}


def every_chart(view, person_id: str) -> list:
    """Every chart of every page on the warehouse the loader opens, with each option its page offers, and the
    person's timeline: every builder of dashboard/charts/ (those the briefing's standard set draws among them)."""
    import importlib
    import inspect
    import pkgutil

    import dashboard.charts
    from dashboard.charts import chart, people

    options = page_options()
    built = [chart(people.timeline, view, person_id=person_id)]
    for module in pkgutil.iter_modules(dashboard.charts.__path__):
        loaded = importlib.import_module(f"dashboard.charts.{module.name}")
        for _, draw in inspect.getmembers(loaded, lambda f: callable(f) and hasattr(f, "queries")):
            if draw.__module__ == loaded.__name__ and draw is not people.timeline:
                built += [chart(draw, view, **each) for each in options.get(draw, [{}])]
    return [c for c in built if c is not None]


def build_line(warehouse) -> tuple[str, str]:
    """The build id and the "(N people, M events)" the overview must show, read from the warehouse itself."""
    con = duckdb.connect(str(warehouse / "repression.duckdb"), read_only=True)
    try:
        build_id, n_persons, n_events = con.execute(
            "SELECT build_id, (SELECT count(*) FROM persons), (SELECT count(*) FROM events) FROM build_info").fetchone()
    finally:
        con.close()
    return build_id, f"({n_persons} people, {n_events} events)"


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

    def __init__(self, browser, url: str, viewport=(1280, 720), **context):
        """`browser` may be a browser context too (its pages share one cache of Streamlit's scripts); `context`:
        further options of a browser's new page (http_credentials, accept_downloads, ...)."""
        self.page = browser.new_page(**context)
        self.page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
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

    def wait_until_run_finished(self, timeout: float = 60) -> None:
        """Until the page's script has run to its end: its websocket has received script_finished, so every element
        of the page has been sent (a heading shows, and the status widget can be absent, before the script ends)."""
        deadline = time.monotonic() + timeout
        while received(self.frames).finished is None:
            assert time.monotonic() < deadline, "the page's script did not finish"
            self.page.wait_for_timeout(100)

    def chart_count(self) -> int:
        return self.page.locator(".js-plotly-plot").count()

    def outside_hosts(self) -> set[str]:
        return {urlparse(u).hostname for u in self.requests
                if urlparse(u).scheme in ("http", "https", "ws", "wss")} - {"127.0.0.1"}

    def screenshot(self, name: str) -> None:
        """test-artefacts/<name>.png; a name may hold a folder. Written whole under a name of this process, then
        renamed: two tests naming the same file on two pytest-xdist workers leave one whole picture, never a mix."""
        path = ARTEFACTS / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_bytes(self.page.screenshot(full_page=True))
        part.replace(path)

    def close(self) -> None:
        self.page.close()


# What hide-names mode must never show: the public names and other spellings of the real records, the person ids
# (the names as slugs), and the pseudonyms the code gave before they were keyed, which anyone can compute from the
# names. Found case-insensitively as whole words.

def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def unkeyed_pseudonym(person_id: str, length: int = 6) -> str:
    """The pseudonym of the unkeyed code: SHA-256 of the person id, five characters at first, later six (git log -S
    sha256 -- dashboard/privacy.py)."""
    digest = int.from_bytes(hashlib.sha256(person_id.encode("utf-8")).digest()[:5], "big")
    return "Person " + "".join(ALPHABET[(digest >> (5 * i)) & 31] for i in range(length))


def public_names() -> tuple[list[str], list[str]]:
    """The names and other spellings of the real records, and the slugs they make."""
    persons = pd.read_csv(DEFAULT_RECORDS / "persons.csv", dtype=str, keep_default_na=False)
    names = [n for value in persons["name"].tolist() + persons["aliases"].tolist() for n in value.split("|") if n]
    slugs = sorted({slugify(n) for n in names} | {slugify(n).replace("-", "_") for n in names})
    # the threat is real: the ids are the names as slugs, so hashing the names finds the hashes of the ids
    assert persons["person_id"].isin(slugs).mean() > 0.9
    return names, slugs


@functools.cache
def _never_shown() -> re.Pattern:
    names, slugs = public_names()
    ids = pd.read_csv(DEFAULT_RECORDS / "persons.csv", dtype=str)["person_id"].tolist()
    codes = {unkeyed_pseudonym(s, length).split()[1] for s in {*slugs, *ids} for length in (5, 6)}
    words = [*names, *slugs, *ids, *(f"Person{gap}{code}" for code in codes for gap in " -_")]
    return re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, sorted(set(words), key=len, reverse=True))) +
                      r")(?![^\W_])", re.IGNORECASE)


def names_in(text: str) -> list[str]:
    """Every public name, other spelling, person id or unkeyed pseudonym in `text`."""
    return sorted({found.group(0) for found in _never_shown().finditer(text)})


def pptx_text_parts(data: bytes) -> dict[str, str]:
    """Every XML part of a PowerPoint file (slides, notes, tables, charts' alternative text), by its name."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name).decode("utf-8") for name in package.namelist()
                if name.endswith((".xml", ".rels"))}


def pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


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
        texts = {text for table, columns in TRANSLATABLE.items() for column in columns  # relations, not SQL text
                 for (text,) in con.table(table).select(column).distinct().fetchall() if text is not None}
        texts |= {text.split(";")[0].strip().rstrip(".") for text in list(texts)}
        texts |= {name for (names,) in con.execute("SELECT list_prepend(name, aliases) FROM persons").fetchall()
                  for name in names}
        texts |= {text for (text,) in con.execute("SELECT publisher FROM sources UNION SELECT inputs FROM build_info "
                                                  "UNION SELECT unnest(affiliations) FROM persons").fetchall()}
    finally:
        con.close()
    return sorted(texts, key=len, reverse=True)


# A chart's text as chromium draws it, a text of several lines (a wrapped title or note) with its lines joined by
# spaces, as they were written.
LINES_JOINED = ("e => { const lines = e.querySelectorAll('tspan.line'); "
                "return lines.length ? Array.from(lines, t => t.textContent).join(' ') : e.textContent; }")
CHART_TEXTS = f"els => els.map({LINES_JOINED})"


def drawn_text(locator) -> str:
    return locator.evaluate(LINES_JOINED)


# The page's text but its charts' (the body's innerText runs a chart's lines together, word into word).
TEXT_BESIDE_CHARTS = ("() => { const plots = [...document.querySelectorAll('.js-plotly-plot')]; "
                      "plots.forEach(p => p.style.display = 'none'); const text = document.body.innerText; "
                      "plots.forEach(p => p.style.display = ''); return text; }")


def shown_texts(page) -> list[str]:
    """What a page shows: its text, then each text of its charts."""
    return [page.evaluate(TEXT_BESIDE_CHARTS), *page.locator(".js-plotly-plot text").evaluate_all(CHART_TEXTS)]


def untranslated(texts: list[str], language: str, exempt: list[str]) -> list[str]:
    """The catalogue's English words shown in `texts` of a page in `language` (whole words, case as written),
    once record text, names and pseudonyms are taken out."""
    shown = html.unescape("\n".join(str(t) for t in texts).replace("<br>", " "))  # a chart's hover breaks lines
    shown = re.sub(r"</?sup>", "", shown)  # a subtitle's lines, each in small type
    shown = re.sub(r"[ \u200b]+", " ", shown)  # plotly joins a title's lines with zero-width spaces
    shown = re.sub(r"\\(.)", r"\1", shown)  # captions escape Markdown
    for text in exempt:
        shown = shown.replace(text, " ")
    shown = LINK.sub(" ", PSEUDONYM.sub(" ", shown))
    return [f"{word!r} in …{shown[max(0, m.start() - 60):m.end() + 60]!r}…" for word in english_words(language)
            for m in [re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", shown)] if m]


# strace logs: every address a traced socket call named, and whether it leaves the machine or looks a name up.
SOCKET_CALLS = "socket,connect,sendto,sendmsg,sendmmsg"


def strace_command(strace: str, log: Path, calls: str = SOCKET_CALLS, *options: str) -> list[str]:
    """strace recording `calls` of a program, every process and thread it starts (-f), into `log`. --seccomp-bpf:
    the kernel stops a process for the traced calls only, not for every system call, which made the browsing under
    it a third slower."""
    return [strace, "-f", "--seccomp-bpf", "-qq", *options, "-e", f"trace={calls}", "-o", str(log)]


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

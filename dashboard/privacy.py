"""Hide-names mode: every person's name becomes a stable pseudonym, in tables, tooltips, text and downloads.

A pseudonym is a keyed hash (HMAC-SHA256) of the person's id. The ids are the public names written as slugs,
so an unkeyed hash could be undone by anyone who hashes the names; the key is this installation's secret. It
is read from DASHBOARD_PSEUDONYM_KEY (hex or base64: every replica of a deployment is given the same one), or
else from pseudonym.key in DASHBOARD_SECRETS_DIR (default data/secrets, which git ignores), a file made on
first use. It is never shown, logged, exported or written into the warehouse; losing it changes every
pseudonym.
"""
from __future__ import annotations

import base64
import binascii
import functools
import hmac
import os
import re
import secrets
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

HIDDEN = "[name hidden]"
NAME_COLUMNS = ("name",)
DROPPED_COLUMNS = ("aliases",)
TEXT_COLUMNS = ("description", "notes", "evidence", "summary", "label", "court", "city")
# Slugs that can spell a name: row ids begin with the person's id, group event ids and metrics name people.
SLUG_COLUMNS = ("charge_id", "sentence_id", "event_id", "metric")
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no look-alike letters when read aloud from a screen
# base64 (written in C) to ALPHABET: a 6-bit character keeps its low 5 bits, so every letter stays as likely
_FROM_BASE64 = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
                               ALPHABET.encode("ascii") * 2)
PREFIX = "Person "
# 10 characters, 50 bits: some two of 100,000 persons share a code with a chance of about 1 in 200,000 (1 in
# 2,000 at a million); where two do, Pseudonyms lengthens both.
CODE_LENGTH = 10
MAX_CODE_LENGTH = 40  # 30 bytes of the hash, 6 bits a character

KEY_ENV = "DASHBOARD_PSEUDONYM_KEY"
SECRETS_DIR_ENV = "DASHBOARD_SECRETS_DIR"
# Beside the records and the warehouse, not in them: the records are in git, and the warehouse is rebuilt,
# copied to servers and handed out, so a key there would travel with the data it protects.
DEFAULT_SECRETS_DIR = Path(__file__).resolve().parent.parent / "data" / "secrets"
KEY_FILE = "pseudonym.key"
KEY_BYTES = 32


class PseudonymKeyError(RuntimeError):
    """The key given is unusable; the message names where it came from, never the key."""


def key_path() -> Path:
    return Path(os.environ.get(SECRETS_DIR_ENV) or DEFAULT_SECRETS_DIR) / KEY_FILE


@functools.cache
def _keyed_hash() -> hmac.HMAC:
    """HMAC-SHA256 under this installation's key, read once per process; each person id hashes a copy."""
    given = os.environ.get(KEY_ENV)
    if given:
        return hmac.new(_decode_key(given, KEY_ENV), digestmod="sha256")
    path = key_path()
    if not path.exists():
        _create_key(path)
    return hmac.new(_decode_key(path.read_text(encoding="ascii"), str(path)), digestmod="sha256")


def reset_key() -> None:
    """Forget the key read by this process, so the next pseudonym reads it again from where the environment
    now says."""
    _keyed_hash.cache_clear()


def _decode_key(text: str, source: str) -> bytes:
    text = text.strip()
    try:
        if re.fullmatch(r"(?:[0-9a-fA-F]{2})+", text):
            key = bytes.fromhex(text)
        else:  # standard or URL-safe base64
            key = base64.b64decode(text.replace("-", "+").replace("_", "/"), validate=True)
    except binascii.Error:
        key = b""
    if len(key) < KEY_BYTES:
        raise PseudonymKeyError(f"{source} must hold a key of at least {KEY_BYTES} bytes, as hex or base64: "
                                f"python -c 'import secrets; print(secrets.token_hex({KEY_BYTES}))' makes one")
    return key


def _create_key(path: Path) -> None:
    """A new random key, readable by its owner only. It is written in full to a temporary file and linked into
    place only if no key is there yet, so processes starting at once all end up reading the same key."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".pseudonym-", suffix=".tmp")  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(KEY_BYTES) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process made the key first: its key is the one
    finally:
        os.unlink(temporary)


def _code(person_id: str) -> str:
    """The keyed hash of a person id as MAX_CODE_LENGTH characters of ALPHABET; a pseudonym shows the first
    CODE_LENGTH or more."""
    keyed = _keyed_hash().copy()
    keyed.update(person_id.encode("utf-8"))
    return base64.b64encode(keyed.digest()[:30]).translate(_FROM_BASE64).decode("ascii")


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


class Pseudonyms:
    """Every person's pseudonym in one build, no two alike: persons whose first CODE_LENGTH characters are the
    same get one more character each until they differ. A code so only changes by growing longer (its
    beginning kept), when a person who shares it is added."""

    def __init__(self, person_ids):
        self._names: dict[str, str] = {}
        self._shared: set[str] = set()  # codes two or more persons began with, so none of them is given it
        self._assign({pid: _code(pid) for pid in person_ids if isinstance(pid, str)}, CODE_LENGTH)
        self._ids = {name: pid for pid, name in self._names.items()}

    def _assign(self, codes: dict[str, str], length: int) -> None:
        shared = Counter(code[:length] for code in codes.values())
        clashing = {}
        for pid, code in codes.items():
            if shared[code[:length]] == 1:
                self._names[pid] = PREFIX + code[:length]
            else:
                clashing[pid] = code
                self._shared.add(code[:length])
        if clashing and length == MAX_CODE_LENGTH:
            raise ValueError(f"{len(clashing)} person ids have the same keyed hash")
        if clashing:
            self._assign(clashing, length + 1)

    def of(self, person_id: str) -> str:
        """The person's pseudonym. An id outside the build (a person since removed, on the page of changes)
        gets its own code, lengthened past any code of the build or code its persons shared."""
        name = self._names.get(person_id)
        if name is None:
            code, length = _code(person_id), CODE_LENGTH
            while (code[:length] in self._shared or PREFIX + code[:length] in self._ids) and length < MAX_CODE_LENGTH:
                length += 1
            name = PREFIX + code[:length]
        return name

    def slug(self, person_id: str) -> str:
        """The pseudonym as a slug, for ids that began with the person's id."""
        return _slug(self.of(person_id))

    def resolve(self, value: str) -> str | None:
        """The person a profile link names: a person id, or the pseudonym a hide-names link carries."""
        return value if value in self._names else self._ids.get(value)


class NameScrubber:
    """Replaces every known name, alias and name part in free text, and names persons by their pseudonyms (those
    of every person in the frame, unless given)."""

    def __init__(self, persons: pd.DataFrame, pseudonyms: Pseudonyms | None = None):
        self.pseudonyms = Pseudonyms(persons["person_id"]) if pseudonyms is None else pseudonyms
        full_names: dict[str, str] = {}
        parts: dict[str, set[str]] = {}
        for person_id, name, aliases in persons[["person_id", "name", "aliases"]].itertuples(index=False):
            for variant in [name, *list(aliases if aliases is not None else [])]:
                full_names[variant] = self.pseudonyms.of(person_id)
                for part in re.findall(r"[^\W\d_]{3,}", variant):
                    parts.setdefault(part, set()).add(person_id)
        self._full = full_names
        self._parts = {p: (self.pseudonyms.of(next(iter(ids))) if len(ids) == 1 else HIDDEN)
                       for p, ids in parts.items()}
        names = sorted(full_names, key=len, reverse=True)
        self._full_pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None
        tokens = sorted(self._parts, key=len, reverse=True)
        # an initial before a surname ("D. Agadil") goes with it; possessives stay readable
        self._part_pattern = re.compile(r"\b(?:[A-Z]\.\s*)?(" + "|".join(map(re.escape, tokens)) + r")\b") if tokens else None
        # in slugs, three-letter parts are words more often than names (article_405_part1_max_term_years)
        self._slug_parts = {p.lower(): (self.pseudonyms.slug(next(iter(ids))) if len(ids) == 1 else "name-hidden")
                            for p, ids in parts.items() if len(p) > 3}

    def scrub(self, text):
        if not isinstance(text, str) or not text:
            return text
        if self._full_pattern:
            text = self._full_pattern.sub(lambda m: self._full[m.group(0)], text)
        if self._part_pattern:
            text = self._part_pattern.sub(lambda m: self._parts[m.group(1)], text)
        return text

    def scrub_slug(self, slug, person_id=None):
        """An id such as yerbol-yeskhozhin-cc-405-1 or semenova_lawsuits_filed, with the names taken out."""
        if not isinstance(slug, str) or not slug:
            return slug
        head = ""
        if isinstance(person_id, str) and slug.startswith(person_id):
            head, slug = self.pseudonyms.slug(person_id), slug[len(person_id):]
        return head + re.sub(r"[^\W_]+", lambda m: self._slug_parts.get(m.group(0).lower(), m.group(0)), slug)


def hide_names(frame: pd.DataFrame, scrubber: NameScrubber) -> pd.DataFrame:
    frame = frame.copy()
    owners = frame["person_id"] if "person_id" in frame else pd.Series(None, index=frame.index, dtype=object)
    for column in SLUG_COLUMNS:
        if column in frame:
            frame[column] = [scrubber.scrub_slug(v, o) for v, o in zip(frame[column], owners)]
    if "person_id" in frame:
        names = frame["person_id"].map(lambda pid: scrubber.pseudonyms.of(pid) if isinstance(pid, str) else pid)
        for column in NAME_COLUMNS:
            if column in frame:
                frame[column] = names
        frame["person_id"] = names
    for column in frame.columns:
        if column in DROPPED_COLUMNS:
            frame[column] = None
        elif column in TEXT_COLUMNS or column.endswith("_names") or column == "people":
            frame[column] = frame[column].map(_scrub_cell(scrubber))
    return frame


def _scrub_cell(scrubber: NameScrubber):
    def scrub(value):
        if isinstance(value, (list, tuple)):
            return [scrubber.scrub(v) for v in value]
        if hasattr(value, "tolist") and not isinstance(value, str):
            return [scrubber.scrub(v) for v in value.tolist()]
        return scrubber.scrub(value)
    return scrub

"""Hide-names mode: every person's name becomes a stable pseudonym, in tables, tooltips, text and downloads."""
from __future__ import annotations

import hashlib
import re

import pandas as pd

HIDDEN = "[name hidden]"
NAME_COLUMNS = ("name",)
DROPPED_COLUMNS = ("aliases",)
TEXT_COLUMNS = ("description", "notes", "evidence", "summary", "label", "court", "city")
# Slugs that can spell a name: row ids begin with the person's id, group event ids and metrics name people.
SLUG_COLUMNS = ("charge_id", "sentence_id", "event_id", "metric")
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no look-alike letters when read aloud from a screen


def pseudonym(person_id: str) -> str:
    """The same person always gets the same pseudonym, in every session and every build."""
    digest = int.from_bytes(hashlib.sha256(person_id.encode("utf-8")).digest()[:5], "big")
    code = "".join(ALPHABET[(digest >> (5 * i)) & 31] for i in range(6))  # 30 bits: few clashes even at 100,000 people
    return f"Person {code}"


def pseudonym_slug(person_id: str) -> str:
    """The pseudonym as a slug, for ids that began with the person's id."""
    return pseudonym(person_id).lower().replace(" ", "-")


def resolve_person(value: str, person_ids) -> str | None:
    """The person a profile link names: links made in hide-names mode carry the pseudonym, not the id."""
    ids = set(person_ids)
    if value in ids:
        return value
    matches = [pid for pid in ids if pseudonym(pid) == value]
    return matches[0] if len(matches) == 1 else None


class NameScrubber:
    """Replaces every known name, alias and name part in free text."""

    def __init__(self, persons: pd.DataFrame):
        full_names: dict[str, str] = {}
        parts: dict[str, set[str]] = {}
        for person_id, name, aliases in persons[["person_id", "name", "aliases"]].itertuples(index=False):
            for variant in [name, *list(aliases if aliases is not None else [])]:
                full_names[variant] = pseudonym(person_id)
                for part in re.findall(r"[^\W\d_]{3,}", variant):
                    parts.setdefault(part, set()).add(person_id)
        self._full = full_names
        self._parts = {p: (pseudonym(next(iter(ids))) if len(ids) == 1 else HIDDEN) for p, ids in parts.items()}
        names = sorted(full_names, key=len, reverse=True)
        self._full_pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None
        tokens = sorted(self._parts, key=len, reverse=True)
        # an initial before a surname ("D. Agadil") goes with it; possessives stay readable
        self._part_pattern = re.compile(r"\b(?:[A-Z]\.\s*)?(" + "|".join(map(re.escape, tokens)) + r")\b") if tokens else None
        # in slugs, three-letter parts are words more often than names (article_405_part1_max_term_years)
        self._slug_parts = {p.lower(): (pseudonym_slug(next(iter(ids))) if len(ids) == 1 else "name-hidden")
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
            head, slug = pseudonym_slug(person_id), slug[len(person_id):]
        return head + re.sub(r"[^\W_]+", lambda m: self._slug_parts.get(m.group(0).lower(), m.group(0)), slug)


def hide_names(frame: pd.DataFrame, scrubber: NameScrubber) -> pd.DataFrame:
    frame = frame.copy()
    owners = frame["person_id"] if "person_id" in frame else pd.Series(None, index=frame.index, dtype=object)
    for column in SLUG_COLUMNS:
        if column in frame:
            frame[column] = [scrubber.scrub_slug(v, o) for v, o in zip(frame[column], owners)]
    if "person_id" in frame:
        for column in NAME_COLUMNS:
            if column in frame:
                frame[column] = frame["person_id"].map(lambda pid: pseudonym(pid) if isinstance(pid, str) else pid)
        frame["person_id"] = frame["person_id"].map(lambda pid: pseudonym(pid) if isinstance(pid, str) else pid)
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

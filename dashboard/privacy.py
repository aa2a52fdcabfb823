"""Hide-names mode: every person's name becomes a stable pseudonym, in tables, tooltips, text and downloads."""
from __future__ import annotations

import hashlib
import re

import pandas as pd

HIDDEN = "[name hidden]"
NAME_COLUMNS = ("name",)
DROPPED_COLUMNS = ("aliases",)
TEXT_COLUMNS = ("description", "notes", "evidence", "summary", "label", "court", "city")
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no look-alike letters when read aloud from a screen


def pseudonym(person_id: str) -> str:
    """The same person always gets the same pseudonym, in every session and every build."""
    digest = int.from_bytes(hashlib.sha256(person_id.encode("utf-8")).digest()[:5], "big")
    code = "".join(ALPHABET[(digest >> (5 * i)) & 31] for i in range(5))
    return f"Person {code}"


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

    def scrub(self, text):
        if not isinstance(text, str) or not text:
            return text
        if self._full_pattern:
            text = self._full_pattern.sub(lambda m: self._full[m.group(0)], text)
        if self._part_pattern:
            text = self._part_pattern.sub(lambda m: self._parts[m.group(1)], text)
        return text


def hide_names(frame: pd.DataFrame, scrubber: NameScrubber) -> pd.DataFrame:
    frame = frame.copy()
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

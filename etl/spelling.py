"""A spelling key for names, so a search finds a person however the name is spelled or typed: the records spell
names in Latin letters (never an invented Cyrillic spelling), a reader may type them in Cyrillic, and sources
transliterate Kazakh names in several ways (Yeskhozhin/Eskhozhin, Sauytbay/Sauytbai, Khasenov/Khassenov).

Cyrillic (Russian or Kazakh) is transliterated with cyrtranslit; then both sides are brought to one spelling of
the sounds that transliterations disagree on: ye/e, kh/h, zh/j, ts/c, y/i, doubled letters. The key is only ever
compared with another key, never shown.
"""
from __future__ import annotations

import re

import cyrtranslit

# Kazakh letters cyrtranslit's Russian table does not know, as the nearest Russian letter; й as и, so the key
# never confuses it with the j that stands for ж.
KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІйЙ", "агкноуухиАГКНОУУХИиИ")
# Longest first: one sound, one spelling (applied in order).
SOUNDS = (("shch", "sh"), ("shh", "sh"), ("dzh", "j"), ("zh", "j"), ("kh", "h"), ("cz", "c"), ("ts", "c"),
          ("ye", "e"), ("yo", "e"), ("yu", "u"), ("ya", "a"), ("iy", "i"), ("y", "i"), ("q", "k"), ("gh", "g"),
          ("w", "v"), ("x", "ks"))
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def spelling_key(text: str | None) -> str:
    """'Есхожин' and 'Yeskhozhin' -> 'eshojin'; words stay apart, so a key of a name and its aliases can be
    searched for a key of one word."""
    if not text:
        return ""
    if CYRILLIC.search(text):
        text = cyrtranslit.to_latin(text.translate(KAZAKH_TO_RUSSIAN), "ru")
    key = re.sub(r"[^a-z ]+", "", text.lower())
    for spelled, sound in SOUNDS:
        key = key.replace(spelled, sound)
    key = re.sub(r"([a-z])\1+", r"\1", key)  # Khassenov/Khasenov
    return " ".join(key.split())

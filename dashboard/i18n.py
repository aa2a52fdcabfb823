"""The dashboard's languages: one translation per language, from the gettext catalogues in locales/ (Babel manages
them: `make locales`), and numbers, dates and months written the way each language writes them (Babel's CLDR data).

A page takes the translation of its view (`translation(view.language)`), never a process-wide gettext.install():
every session reads in its own language. Words in English are the message ids, so English needs no catalogue. No
Streamlit here: the briefing command line and the template writer translate the same way.
"""
from __future__ import annotations

import datetime as dt
import functools
import gettext
from pathlib import Path

import pandas as pd
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from etl.schema import N_

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "dashboard"
ENGLISH = "en"
# Each language in its own words, for the switcher: a reader finds their language without reading English.
LANGUAGES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
# The locale whose CLDR data writes a language's numbers and dates: British English, as the dashboard is written.
LOCALES = {"en": "en_GB"}
__all__ = ["LANGUAGES", "N_", "Translation", "translation", "language_of_locale"]


class CatalogueMissing(RuntimeError):
    """A language's compiled catalogue is missing; the message says how to build it."""


class Translation:
    """One language: its messages (gettext, ngettext) and its way of writing numbers and dates."""

    def __init__(self, language: str, messages: gettext.NullTranslations):
        self.language = language
        self.locale = Locale.parse(LOCALES.get(language, language))
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.gettext(message)

    def knows(self, message: str) -> bool:
        """Whether the catalogue translates this message (record text a translator may also give elsewhere)."""
        return self._messages.gettext(message) is not message

    def in_english(self, text: str) -> str:
        """Record text no one has translated, marked as English in any other language (exempt from the rule that
        every word on screen is in the reader's language)."""
        mark = self.gettext("in English")
        return text if self.language == ENGLISH else f"{text} [{mark}]"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The message for n things, in the language's plural form for n (Russian has three: 1, 2–4, 5–20)."""
        return self._messages.ngettext(singular, plural, int(n))

    def number(self, value, digits: int = 2) -> str:
        """1234 -> '1,234' in English, '1 234' in Russian and Kazakh; at most `digits` decimals, none when whole."""
        return format_decimal(value, format=f"#,##0.{'#' * digits}" if digits else "#,##0", locale=self.locale)

    def date(self, value) -> str:
        """A day, written out: '3 August 2021', '3 августа 2021 г.', '2021 ж. 3 тамыз'."""
        return format_date(_as_date(value), "long", locale=self.locale)

    def dated(self, value, precision: str) -> str:
        """A date as precisely as it is known (date_precision): a day, a month or a year."""
        return {"day": self.date, "month": self.month}.get(precision, lambda d: str(_as_date(d).year))(value)

    def month(self, value) -> str:
        """A month and its year: 'August 2021', 'август 2021 г.'."""
        return format_skeleton("yMMMM", _as_date(value), locale=self.locale)

    def short_date(self, value) -> str:
        """A day for a chart's label: '14 Mar 2019', '14 мар. 2019 г.' (English keeps the three-letter months the
        dashboard has always written: British CLDR data abbreviates September as 'Sept')."""
        day = _as_date(value)
        return f"{day:%-d %b %Y}" if self.language == ENGLISH else format_skeleton("yMMMd", day, locale=self.locale)

    def short_month(self, value) -> str:
        """A month for a chart's axis: 'Aug 2021', 'авг. 2021 г.'."""
        return format_skeleton("yMMM", _as_date(value), locale=self.locale)

    @property
    def separators(self) -> str:
        """Plotly's layout.separators: the decimal mark, then the thousands separator."""
        return get_decimal_symbol(self.locale) + get_group_symbol(self.locale)


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, (pd.Timestamp, dt.datetime)) else value


@functools.cache
def translation(language: str) -> Translation:
    """The translation of a language the dashboard offers; English is the messages themselves."""
    if language not in LANGUAGES:
        raise ValueError(f"no such language: {language!r}; the dashboard offers {', '.join(LANGUAGES)}")
    if language == ENGLISH:
        return Translation(language, gettext.NullTranslations())
    try:
        return Translation(language, gettext.translation(DOMAIN, LOCALES_DIR, languages=[language]))
    except FileNotFoundError as err:
        raise CatalogueMissing(f"The {LANGUAGES[language]} catalogue is not compiled: run `make locales`.") from err


def language_of_locale(locale: str | None) -> str:
    """The offered language a browser's locale asks for ('ru-RU' -> 'ru', 'kk' -> 'kk'), else English."""
    try:
        language = Locale.parse((locale or "").replace("-", "_")).language if locale else ENGLISH
    except (ValueError, UnknownLocaleError):
        return ENGLISH
    return language if language in LANGUAGES else ENGLISH

"""A person's profile in words: the summary paragraph, their charges and sentences as sentences, and their
sources, composed from the rows the loader gives (so hide-names applies). Plain text only: the page shows it with
st.text, which reads no Markdown or HTML, and every word for a stored value comes from dashboard/labels.py.

Every phrase is a whole message of the reader's language (`words`, English by default), with named placeholders a
translation may move; a translation words the person without a grammatical gender (Russian "Осуждение", not
"Осуждён(а)"), as the records do not always state it."""
from __future__ import annotations

import pandas as pd

from dashboard.i18n import ENGLISH, Translation, translation
from dashboard.labels import VOCABULARIES, header, label

ENGLISH_WORDS = translation(ENGLISH)
# the order a person's sentences are told in: first instance, then what changed them; by date within a stage
STAGE_ORDER = ("first_instance", "appeal", "other", "conversion", "parole")
STATUS_BADGES = {  # status -> (badge colour, icon; icon names without underscores, which the page's text carries)
    "imprisoned": ("red", ":material/lock:"), "pre_trial_detention": ("red", ":material/lock:"),
    "psychiatric_detention": ("red", ":material/lock:"), "house_arrest": ("orange", ":material/home:"),
    "restriction_of_liberty": ("orange", ":material/gavel:"), "released": ("green", ":material/check:"),
    "at_liberty": ("green", ":material/check:"), "abroad": ("blue", ":material/flight:"),
    "deceased": ("gray", ":material/remove:"), "unknown": ("gray", ":material/help:"),
}
CASE_EVENTS = ("charge", "trial", "sentence")  # told by the charges and sentences when the person has any


def given(value) -> bool:
    """A value the record states: not None, NaN or NaT."""
    return not (value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)))


def date_words(date, precision, words: Translation = ENGLISH_WORDS) -> str:
    """A date as words with its precision: '3 August 2021', 'August 2021', '2021'; '' when not given."""
    if not given(date) or not given(precision):
        return ""
    return words.dated(pd.Timestamp(date), precision)


def when(date, precision, words: Translation = ENGLISH_WORDS) -> str:
    """'on 3 August 2021', 'in August 2021', 'in 2021'; '' when not given."""
    written = date_words(date, precision, words)
    if not written:
        return ""
    if precision == "day":
        return words.gettext("on {date}").format(date=written)
    if precision == "month":
        return words.gettext("in {month}").format(month=written)
    return words.gettext("in {year}").format(year=written)


def joined(items: list[str], words: Translation = ENGLISH_WORDS) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return ", ".join(items[:-1]) + (words.gettext(" and ") if len(items) > 1 else "") + (items[-1] if items else "")


def term(months=None, days=None, words: Translation = ENGLISH_WORDS) -> str:
    """A term in words: '2.5 years', '1 year and 2 months', '6 months', '10 days'; '' when not given."""
    if given(months) and months > 0:
        if months < 12:
            return duration(words, months, "month")
        if months % 6 == 0:
            return duration(words, months / 12, "year")
        return words.gettext("{years} and {months}").format(years=duration(words, months // 12, "year"),
                                                            months=duration(words, months % 12, "month"))
    return duration(words, days, "day") if given(days) and days > 0 else ""


UNITS = {  # a duration's words for a number in its plural form
    "year": lambda words, form: words.ngettext("{n} year", "{n} years", form),
    "month": lambda words, form: words.ngettext("{n} month", "{n} months", form),
    "day": lambda words, form: words.ngettext("{n} day", "{n} days", form),
}


def duration(words: Translation, n: float, unit: str) -> str:
    """A duration that may have a fraction, in the plural form its number takes: '2.5 years', '1 year' (never
    '1.0 year'); a fraction takes the form of 2 ('1,5 года')."""
    return UNITS[unit](words, int(n) if float(n).is_integer() else 2).format(n=words.number(n, 1))


def articles(charges: pd.DataFrame, words: Translation = ENGLISH_WORDS) -> str:
    """What charges are brought under: 'under Articles 174 Part 1 and 405 of the Criminal Code'; a charge the source
    names by its offence only, 'for <offence>'."""
    _ = words.gettext
    phrases = []
    for code, rows in charges.groupby("code", sort=False):
        numbered = rows[rows["article"].notna()]
        parts = [_("{article} Part {part}").format(article=int(a), part=int(p)) if given(p) else f"{int(a)}"
                 for a, p in zip(numbered["article"], numbered["part"])]
        if parts:
            phrases.append(words.ngettext("under Article {articles} of the {code}", "under Articles {articles} of the "
                                          "{code}", len(parts)).format(articles=joined(parts, words),
                                                                       code=label("code", code, words.language)))
        phrases += [_("for {offence}").format(offence=offence) for offence in rows.loc[rows["article"].isna(), "label"]]
    return joined(phrases, words)


def sentence_clause(sentence: pd.Series, under: str = "", words: Translation = ENGLISH_WORDS) -> str:
    """One sentence or change of sentence as a clause: 'Sentenced on 3 August 2021 by the Saryarka District Court
    of Nur-Sultan to 2.5 years in prison under Article 405 Part 1 of the Criminal Code, and banned from public or
    political activity for 5 years'."""
    _ = words.gettext
    language = words.language
    kind, stage = sentence["sentence_type"], sentence["stage"]
    opening = label("decision_opening" if kind == "other" else "sentence_opening", stage, language)
    length = term(sentence["term_months"], sentence["term_days"], words)
    if kind == "fine" and given(sentence["fine_amount"]):
        currency = sentence["fine_currency"] if given(sentence["fine_currency"]) else ""
        length = f"{words.number(sentence['fine_amount'], 0)} {currency}".strip()
    if kind == "other":  # a decision the records give no type for: its term, if any
        what = _("to {term}").format(term=length) if length else ""
    else:
        what = label("sentence_with_term", kind, language).format(term=length) if length else \
            label("sentence_without_term", kind, language)
    court = sentence["court"] if given(sentence["court"]) else ""
    by_court = _("by {court}").format(court=court) if court.lower().startswith("the ") else \
        _("by the {court}").format(court=court)
    parts = [opening, when(sentence["sentence_date"], sentence["date_precision"], words), by_court if court else "",
             what, under]
    clause = " ".join(w for w in parts if w)
    ban = sentence["activity_ban_years"]
    if given(ban) and ban > 0:
        clause += _(", and banned from public or political activity for {years}").format(
            years=duration(words, ban, "year"))
    return clause


def ordered(sentences: pd.DataFrame) -> pd.DataFrame:
    """A person's sentences as they are told: by stage (first instance first), then by date."""
    rank = sentences["stage"].map({s: i for i, s in enumerate(STAGE_ORDER)})
    return sentences.assign(_rank=rank).sort_values(["_rank", "sentence_date"], kind="stable",
                                                    na_position="last").drop(columns="_rank")


def charge_clauses(charges: pd.DataFrame, words: Translation = ENGLISH_WORDS) -> list[str]:
    """The charges by outcome, as clauses: 'Convicted under …', 'Charged under …; the case is pending'."""
    return [label("charges_with_outcome", outcome, words.language).format(articles=articles(rows, words))
            for outcome, rows in charges.groupby("outcome", sort=False)]


def events_clause(events: pd.DataFrame, words: Translation = ENGLISH_WORDS) -> str:
    """What the person's events say, type by type in the order they began: 'Detained on 17 October 2020 and on
    24 October 2020; ill-treated in February 2020'; more than three dates of one type are counted, and events of no
    particular type are left to the timeline."""
    rank = {t: i for i, t in enumerate(VOCABULARIES["event_type"])}  # on one day, in the order things happen
    events = events.assign(_rank=events["event_type"].map(rank)).sort_values(["event_date", "_rank"], kind="stable")
    phrases = []
    for event_type, rows in events[events["event_type"] != "other"].groupby("event_type", sort=False):
        dates = [when(d, p, words) for d, p in zip(rows["event_date"], rows["date_precision"])]
        dated = joined(dates, words) if len(dates) <= 3 else words.ngettext(
            "{n} time between {first} and {last}", "{n} times between {first} and {last}", len(dates)).format(
            n=words.number(len(dates)), first=date_words(rows["event_date"].iloc[0], rows["date_precision"].iloc[0], words),
            last=date_words(rows["event_date"].iloc[-1], rows["date_precision"].iloc[-1], words))
        # a count of people kept as the record qualifies it ("with at least 3 people")
        crowd = [words.ngettext("with {count} person", "with {count} people", int(n)).format(
                    count=f"{label('count_qualifier', q, words.language).lower()} {words.number(int(n))}")
                 for n, q in zip(rows["n_people"], rows["count_qualifier"]) if given(n) and n > 1 and given(q)]
        phrases.append(" ".join(w for w in (label("event_verb", event_type, words.language), dated, *crowd[:1]) if w))
    others = int((events["event_type"] == "other").sum())
    if others:
        phrases.append(words.ngettext("{n} other recorded event on the timeline",
                                      "{n} other recorded events on the timeline", others).format(n=words.number(others)))
    text = "; ".join(phrases)
    return text[:1].upper() + text[1:]


def summary(person: pd.Series, charges: pd.DataFrame, sentences: pd.DataFrame, events: pd.DataFrame,
            words: Translation = ENGLISH_WORDS) -> str:
    """The profile's paragraph: who the person is (roles, movements), their charges and sentences, and what else
    their events record; for someone with none of these, that nothing more is recorded."""
    language = words.language
    roles = [label("roles", r, language) for r in person["roles"] if r != "other"]
    who = joined(roles[:1] + [r.lower() for r in roles[1:]], words)
    groups = joined([label("affiliations", a, language) for a in person["affiliations"]], words)
    lines = [f"{who} ({groups})." if who and groups else f"{who}." if who else
             f"{header('affiliations', language)}: {groups}." if groups else ""]
    first_instance = sentences[(sentences["stage"] == "first_instance") & (sentences["sentence_type"] != "other")]
    convicted = charges[charges["outcome"] == "convicted"]
    # convicted charges go with the sentence only when there is one first-instance sentence they can belong to
    attach = len(first_instance) == 1 and not convicted.empty
    lines += [c + "." for c in charge_clauses(charges[charges["outcome"] != "convicted"] if attach else charges, words)]
    lines += counted([sentence_clause(s, articles(convicted, words) if attach and s.name == first_instance.index[0]
                                      else "", words) for _, s in ordered(sentences).iterrows()], words)
    told = events[~events["event_type"].isin(CASE_EVENTS)] if len(charges) or len(sentences) else events
    if not told.empty:
        lines.append(events_clause(told, words) + ".")
    if len(lines) == 1:
        lines.append(words.gettext("No charges, sentences or dated events are recorded for this person."))
    return " ".join(line for line in lines if line)


def counted(clauses: list[str], words: Translation = ENGLISH_WORDS) -> list[str]:
    """Clauses as sentences, each once: a clause told several times (two arrests of which the source gives only the
    year) says how often."""
    times = {clause: clauses.count(clause) for clause in clauses}
    return [clause + (words.ngettext(" ({n} time)", " ({n} times)", n).format(n=words.number(n)) if n > 1 else "") + "."
            for clause, n in times.items()]


def status_lines(history: pd.DataFrame, words: Translation = ENGLISH_WORDS) -> list[str]:
    """Each statement of the person's status, oldest first: 'Detained as of 3 August 2021 (Title, section 4.1)';
    the latest, which the card shows, says so."""
    return [words.gettext("{status} as of {date} ({title}, section {sections})").format(
                status=label("status", row["status"], words.language), date=words.date(row["as_of"]),
                title=row["title"], sections=row["source_section"].replace(";", ", "))
            + (words.gettext(" — the status shown") if row["is_latest"] else "") for _, row in history.iterrows()]


def charge_lines(charges: pd.DataFrame, words: Translation = ENGLISH_WORDS) -> list[str]:
    """Each charge as a line: 'Article 405 Part 1 of the Criminal Code (participation in …): convicted, charged in
    2020'."""
    _ = words.gettext
    lines = []
    for _row, charge in charges.iterrows():
        dated = when(charge["charge_date"], charge["date_precision"], words)
        code = label("code", charge["code"], words.language)
        if given(charge["article"]):
            name = (_("Article {article} Part {part} of the {code} ({offence})") if given(charge["part"]) else
                    _("Article {article} of the {code} ({offence})")).format(
                article=int(charge["article"]), part=int(charge["part"]) if given(charge["part"]) else "", code=code,
                offence=charge["label"])
        else:
            name = charge["label"]
        outcome = label("outcome", charge["outcome"], words.language).lower()
        lines.append(_("{charge}: {outcome}").format(charge=name, outcome=outcome)
                     + (_(", charged {date}").format(date=dated) if dated else ""))
    return lines


def sentence_lines(sentences: pd.DataFrame, words: Translation = ENGLISH_WORDS) -> list[str]:
    return counted([sentence_clause(s, words=words) for _, s in ordered(sentences).iterrows()], words)


def source_lines(sources: pd.DataFrame, words: Translation = ENGLISH_WORDS) -> list[str]:
    """Each source with the sections the person's records cite: 'Title (Publisher, 2021): sections 3, 7'."""
    return [f"{row['title']} ({row['publisher']}{f', {row.published:%Y}' if given(row['published']) else ''}): "
            + words.ngettext("section {sections}", "sections {sections}", 2 if "," in row["sections_cited"] else 1
                             ).format(sections=row["sections_cited"]) for _, row in sources.iterrows()]

"""A person's profile in words: the summary paragraph, their charges and sentences as sentences, and their
sources, composed from the rows the loader gives (so hide-names applies). Plain text only: the page shows it with
st.text, which reads no Markdown or HTML, and every word for a stored value comes from dashboard/labels.py."""
from __future__ import annotations

import pandas as pd

from dashboard.charts.style import amount
from dashboard.labels import VOCABULARIES, header, label

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


def date_words(date, precision) -> str:
    """A date as words with its precision: '3 August 2021', 'August 2021', '2021'; '' when not given."""
    if not given(date) or not given(precision):
        return ""
    return pd.Timestamp(date).strftime({"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}[precision])


def when(date, precision) -> str:
    """'on 3 August 2021', 'in August 2021', 'in 2021'; '' when not given."""
    words = date_words(date, precision)
    return f"{'on' if precision == 'day' else 'in'} {words}" if words else ""


def joined(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + (items[-1] if items else "")


def term(months=None, days=None) -> str:
    """A term in words: '2.5 years', '1 year and 2 months', '6 months', '10 days'; '' when not given."""
    if given(months) and months > 0:
        if months < 12:
            return amount_of(months, "months", "month")
        if months % 6 == 0:
            return amount_of(months / 12, "years", "year")
        return f"{amount_of(months // 12, 'years', 'year')} and {amount_of(months % 12, 'months', 'month')}"
    return amount_of(days, "days", "day") if given(days) and days > 0 else ""


def amount_of(n: float, many: str, one: str) -> str:
    """amount() of a count or a duration that may have a fraction: '2.5 years', '1 year' (never '1.0 year')."""
    return amount(int(n) if float(n).is_integer() else n, many, one)


def articles(charges: pd.DataFrame) -> str:
    """What charges are brought under: 'under Articles 174 Part 1 and 405 of the Criminal Code'; a charge the source
    names by its offence only, 'for <offence>'."""
    phrases = []
    for code, rows in charges.groupby("code", sort=False):
        numbered = rows[rows["article"].notna()]
        parts = [f"{int(a)}" + (f" Part {int(p)}" if given(p) else "") for a, p in zip(numbered["article"], numbered["part"])]
        if parts:
            phrases.append(f"under Article{'s' if len(parts) > 1 else ''} {joined(parts)} of the {label('code', code)}")
        phrases += [f"for {offence}" for offence in rows.loc[rows["article"].isna(), "label"]]
    return joined(phrases)


def sentence_clause(sentence: pd.Series, under: str = "") -> str:
    """One sentence or change of sentence as a clause: 'Sentenced on 3 August 2021 by the Saryarka District Court
    of Nur-Sultan to 2.5 years in prison under Article 405 Part 1 of the Criminal Code, and banned from public or
    political activity for 5 years'."""
    kind, stage = sentence["sentence_type"], sentence["stage"]
    opening = label("decision_opening" if kind == "other" else "sentence_opening", stage)
    length = term(sentence["term_months"], sentence["term_days"])
    if kind == "fine" and given(sentence["fine_amount"]):
        currency = sentence["fine_currency"] if given(sentence["fine_currency"]) else ""
        length = f"{sentence['fine_amount']:,.0f} {currency}".strip()
    if kind == "other":  # a decision the records give no type for: its term, if any
        what = f"to {length}" if length else ""
    else:
        what = label("sentence_with_term", kind).format(term=length) if length else label("sentence_without_term", kind)
    court = sentence["court"] if given(sentence["court"]) else ""
    words = [opening, when(sentence["sentence_date"], sentence["date_precision"]),
             f"by {'' if court.lower().startswith('the ') else 'the '}{court}" if court else "", what, under]
    clause = " ".join(w for w in words if w)
    ban = sentence["activity_ban_years"]
    if given(ban) and ban > 0:
        clause += f", and banned from public or political activity for {amount_of(ban, 'years', 'year')}"
    return clause


def ordered(sentences: pd.DataFrame) -> pd.DataFrame:
    """A person's sentences as they are told: by stage (first instance first), then by date."""
    rank = sentences["stage"].map({s: i for i, s in enumerate(STAGE_ORDER)})
    return sentences.assign(_rank=rank).sort_values(["_rank", "sentence_date"], kind="stable",
                                                    na_position="last").drop(columns="_rank")


def charge_clauses(charges: pd.DataFrame) -> list[str]:
    """The charges by outcome, as clauses: 'Convicted under …', 'Charged under …; the case is pending'."""
    return [label("charges_with_outcome", outcome).format(articles(rows))
            for outcome, rows in charges.groupby("outcome", sort=False)]


def events_clause(events: pd.DataFrame) -> str:
    """What the person's events say, type by type in the order they began: 'Detained on 17 October 2020 and on
    24 October 2020; ill-treated in February 2020'; more than three dates of one type are counted, and events of no
    particular type are left to the timeline."""
    rank = {t: i for i, t in enumerate(VOCABULARIES["event_type"])}  # on one day, in the order things happen
    events = events.assign(_rank=events["event_type"].map(rank)).sort_values(["event_date", "_rank"], kind="stable")
    phrases = []
    for event_type, rows in events[events["event_type"] != "other"].groupby("event_type", sort=False):
        dates = [when(d, p) for d, p in zip(rows["event_date"], rows["date_precision"])]
        dated = joined(dates) if len(dates) <= 3 else (
            f"{len(dates)} times between {date_words(rows['event_date'].iloc[0], rows['date_precision'].iloc[0])} "
            f"and {date_words(rows['event_date'].iloc[-1], rows['date_precision'].iloc[-1])}")
        # a count of people kept as the record qualifies it ("with at least 3 people")
        crowd = [f"with {label('count_qualifier', q).lower()} {int(n):,} people"
                 for n, q in zip(rows["n_people"], rows["count_qualifier"]) if given(n) and n > 1 and given(q)]
        phrases.append(" ".join(w for w in (label("event_verb", event_type), dated, *crowd[:1]) if w))
    others = int((events["event_type"] == "other").sum())
    if others:
        phrases.append(f"{amount(others, 'other recorded events', 'other recorded event')} on the timeline")
    text = "; ".join(phrases)
    return text[:1].upper() + text[1:]


def summary(person: pd.Series, charges: pd.DataFrame, sentences: pd.DataFrame, events: pd.DataFrame) -> str:
    """The profile's paragraph: who the person is (roles, movements), their charges and sentences, and what else
    their events record; for someone with none of these, that nothing more is recorded."""
    roles = [label("roles", r) for r in person["roles"] if r != "other"]
    who = joined(roles[:1] + [r.lower() for r in roles[1:]])
    groups = joined([label("affiliations", a) for a in person["affiliations"]])
    lines = [f"{who} ({groups})." if who and groups else f"{who}." if who else
             f"{header('affiliations')}: {groups}." if groups else ""]
    first_instance = sentences[(sentences["stage"] == "first_instance") & (sentences["sentence_type"] != "other")]
    convicted = charges[charges["outcome"] == "convicted"]
    # convicted charges go with the sentence only when there is one first-instance sentence they can belong to
    attach = len(first_instance) == 1 and not convicted.empty
    lines += [c + "." for c in charge_clauses(charges[charges["outcome"] != "convicted"] if attach else charges)]
    lines += counted([sentence_clause(s, articles(convicted) if attach and s.name == first_instance.index[0] else "")
                      for _, s in ordered(sentences).iterrows()])
    told = events[~events["event_type"].isin(CASE_EVENTS)] if len(charges) or len(sentences) else events
    if not told.empty:
        lines.append(events_clause(told) + ".")
    if len(lines) == 1:
        lines.append("No charges, sentences or dated events are recorded for this person.")
    return " ".join(line for line in lines if line)


def counted(clauses: list[str]) -> list[str]:
    """Clauses as sentences, each once: a clause told several times (two arrests of which the source gives only the
    year) says how often."""
    times = {clause: clauses.count(clause) for clause in clauses}
    return [f"{clause}{f' ({n} times)' if n > 1 else ''}." for clause, n in times.items()]


def status_lines(history: pd.DataFrame) -> list[str]:
    """Each statement of the person's status, oldest first: 'Detained as of 3 August 2021 (Title, section 4.1)';
    the latest, which the card shows, says so."""
    return [f"{label('status', row['status'])} as of {row['as_of']:%-d %B %Y} ({row['title']}, section "
            f"{row['source_section'].replace(';', ', ')})" + (" — the status shown" if row["is_latest"] else "")
            for _, row in history.iterrows()]


def charge_lines(charges: pd.DataFrame) -> list[str]:
    """Each charge as a line: 'Article 405 Part 1 of the Criminal Code (participation in …): convicted, charged in
    2020'."""
    lines = []
    for _, charge in charges.iterrows():
        dated = when(charge["charge_date"], charge["date_precision"])
        name = (f"Article {int(charge['article'])}{f' Part {int(charge.part)}' if given(charge['part']) else ''} of the "
                f"{label('code', charge['code'])} ({charge['label']})" if given(charge["article"]) else charge["label"])
        lines.append(f"{name}: {label('outcome', charge['outcome']).lower()}" + (f", charged {dated}" if dated else ""))
    return lines


def sentence_lines(sentences: pd.DataFrame) -> list[str]:
    return counted([sentence_clause(s) for _, s in ordered(sentences).iterrows()])


def source_lines(sources: pd.DataFrame) -> list[str]:
    """Each source with the sections the person's records cite: 'Title (Publisher, 2021): sections 3, 7'."""
    return [f"{row['title']} ({row['publisher']}{f', {row.published:%Y}' if given(row['published']) else ''}): "
            f"section{'s' if ',' in row['sections_cited'] else ''} {row['sections_cited']}" for _, row in sources.iterrows()]

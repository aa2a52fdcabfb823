"""Synthetic records in the exact CSV format of data/records/, at any scale, seeded and deterministic.

The shapes follow the real records so that the benchmark exercises the same query plans and chart
sizes a real archive would: dates 2018–2025 with bursts around rallies, skewed regions, CC 405 charged
most, restriction of liberty the most frequent sentence, day/month/year precision, group events
(mass detentions with a count) beside personal ones. Everything is vectorised with numpy and pandas.

    python -m bench.generate --events 1000000 --persons 100000 --out /tmp/records [--seed 7]
"""
from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import numpy as np
import pandas as pd

from etl.schema import column_names
from etl.warehouse import DEFAULT_RECORDS

SOURCE_ID = "kz-2021-activists-not-extremists"
COPIED_TABLES = ("sources", "regions", "figures", "ep_recommendations")
FIRST_DAY, LAST_DAY = np.datetime64("2018-01-01"), np.datetime64("2025-12-31")
STATUS_AS_OF = "2021-09-01"
# Days on which rallies (and the detentions around them) cluster: election protests, the anti-China
# rallies, the pandemic-era and resolution-era protests, the January 2022 unrest.
RALLY_DAYS = np.array(["2018-05-10", "2019-02-22", "2019-03-22", "2019-05-01", "2019-06-09", "2019-06-12",
                       "2019-09-21", "2020-02-22", "2020-06-06", "2021-01-10", "2021-02-28", "2021-07-06",
                       "2022-01-05", "2022-01-06", "2023-03-19", "2024-03-01", "2025-01-10"], dtype="datetime64[D]")
BAN_DAYS = np.array(["2018-03-13", "2020-05-22"], dtype="datetime64[D]")
RESOLUTION_DAYS = np.array(["2019-03-14", "2021-02-18", "2022-02-17"], dtype="datetime64[D]")
EP_RESOLUTION = ("grp-20210211-ep-resolution", "2021-02-11")  # the mart ep_resolution reads this event by id

# Regions by weight: the big cities and the west (Mangystau, Atyrau) first, Ulytau almost never.
REGIONS = {"KZ-75": 20, "KZ-71": 16, "KZ-47": 12, "KZ-23": 10, "KZ-79": 7, "KZ-35": 5, "KZ-19": 5, "KZ-63": 4,
           "KZ-61": 4, "KZ-31": 3, "KZ-15": 3, "KZ-55": 2, "KZ-27": 2, "KZ-39": 2, "KZ-11": 2, "KZ-43": 1.5,
           "KZ-59": 1, "KZ-33": 1, "KZ-10": 1, "KZ-62": 0.1}
CITIES = {"KZ-75": "Almaty", "KZ-71": "Nur-Sultan", "KZ-47": "Zhanaozen", "KZ-23": "Atyrau", "KZ-79": "Shymkent",
          "KZ-35": "Karaganda", "KZ-19": "Taldykorgan", "KZ-63": "Oskemen", "KZ-61": "Turkistan", "KZ-31": "Taraz",
          "KZ-15": "Aktobe", "KZ-55": "Pavlodar", "KZ-27": "Oral", "KZ-39": "Kostanay", "KZ-11": "Kokshetau",
          "KZ-43": "Kyzylorda", "KZ-59": "Petropavl", "KZ-33": "Konayev", "KZ-10": "Semey", "KZ-62": "Zhezkazgan"}
FIRST_NAMES = ("Aigerim", "Aset", "Almat", "Askhat", "Baurzhan", "Dina", "Erlan", "Gulnar", "Kairat", "Marat",
               "Nurlan", "Saule", "Serik", "Talgat", "Zhanar", "Yerlan", "Ainur", "Dauren", "Әсел", "Қайрат")
LAST_NAMES = ("Abishev", "Akhmetov", "Baimukhanov", "Dzhaksybekov", "Ibrayev", "Kassymov", "Mukhametov",
              "Nurpeisov", "Omarov", "Sadykov", "Seitkali", "Tulegenov", "Yessenov", "Zhakupov", "Ұлықбекұлы")
# A second spelling of each surname, as the sources transliterate it differently.
LAST_VARIANTS = ("Abyshev", "Ahmetov", "Baimuhanov", "Jaksybekov", "Ibraev", "Kasymov", "Muhametov",
                 "Nurpeissov", "Umarov", "Sadikov", "Seitkaly", "Tulegenuly", "Esenov", "Zhakypov", "Ulykbekuly")
ROLES = {"activist": 50, "other": 15, "human_rights_defender": 9, "relative": 6, "journalist": 5, "blogger": 4,
         "refugee": 3, "opposition_politician": 2, "businessperson": 2, "lawyer": 1, "activist|human_rights_defender": 3}
AFFILIATIONS = {"": 72, "DCK": 9, "Koshe Partiyasy": 8, "Veritas": 3, "Bostandyq Kz": 2, "Qaharman": 2, "Elimay": 1,
                "Femina Virtute": 1, "405": 1, "DCK|Koshe Partiyasy": 1}
STATUSES = {"unknown": 34, "restriction_of_liberty": 26, "imprisoned": 14, "deceased": 2, "pre_trial_detention": 7,
            "at_liberty": 8, "released": 5, "abroad": 3, "psychiatric_detention": 0.5, "house_arrest": 0.5}
PRISONER_GROUPS = {"imprisoned": "convicted", "pre_trial_detention": "pre_trial", "psychiatric_detention": "psychiatric"}
SECTIONS = {"3": 30, "4": 20, "5": 15, "2": 8, "6": 8, "7": 6, "8": 5, "3;9": 5, "1;3": 3}
# Criminal Code articles by weight (405 most, then 258 and 174; 179 and 274 rare) with short labels.
ARTICLES = {405: (45, "participation in a banned extremist organisation"), 258: (11, "financing extremism"),
            174: (10, "inciting social discord"), 392: (6, "assault on a public official"),
            262: (5, "participation in a criminal group"), 380: (3, "resisting a public official"),
            176: (3, "embezzlement"), 107: (2, "infliction of bodily harm"), 419: (2, "false denunciation"),
            296: (2, "illegal possession of drugs"), 106: (1.5, "grievous bodily harm"), 218: (1.5, "money laundering"),
            245: (1, "tax evasion"), 256: (1, "terrorist financing"), 378: (1, "insulting a public official"),
            179: (0.5, "propaganda or public calls to seize power"), 274: (0.5, "disseminating false information"),
            0: (4, "offence named without an article")}
CAO_ARTICLES = {488: "breach of the law on rallies", 434: "petty hooliganism"}
OUTCOMES = {"convicted": 55, "pending": 40, "dropped": 3, "acquitted": 1, "unknown": 1}
SENTENCE_TYPES = {"restriction_of_liberty": 45, "imprisonment": 26, "fine": 10, "administrative_arrest": 9,
                  "suspended": 4, "other": 4, "compulsory_psychiatric_treatment": 2}
LATER_STAGES = {"appeal": 60, "conversion": 25, "parole": 10, "other": 5}
TERMS_MONTHS = (6, 12, 18, 24, 30, 36, 42, 48, 60, 66, 72, 84, 96, 120)
COURTS = ("Almaty City Court", "Atyrau Court No. 2", "Atyrau Court of Appeal", "Zhanaozen City Court",
          "Saryarka District Court of Nur-Sultan", "Supreme Court of Kazakhstan", "Shymkent City Court")
PERSON_EVENTS = {"detention": 18, "sentence": 15, "other": 13, "rally": 10, "search": 6, "charge": 6, "trial": 6,
                 "ill_treatment": 5, "pre_trial_detention": 5, "release": 4, "house_arrest": 3, "parole_denied": 2,
                 "hunger_strike": 2, "psychiatric_commitment": 1, "death": 0.3}
GROUP_EVENTS = {"mass_detention": 45, "rally": 35, "other": 12, "movement_ban": 4, "resolution": 4}
DESCRIPTIONS = {t: f"Synthetic {t.replace('_', ' ')} record for the benchmark." for t in
                set(PERSON_EVENTS) | set(GROUP_EVENTS)}
PRECISIONS = {"day": 55, "month": 30, "year": 15}
GROUP_SHARE = 0.01  # mass detentions, rallies, bans and resolutions among all events


class Draw:
    """Seeded draws from weighted vocabularies, as object arrays ready to become CSV columns."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)

    def pick(self, weights: dict, n: int) -> np.ndarray:
        p = np.array(list(weights.values()), dtype=float)
        keys = np.empty(len(weights), dtype=object)
        keys[:] = list(weights)
        return keys[self.rng.choice(len(keys), size=n, p=p / p.sum())]

    def chance(self, p: float, n: int) -> np.ndarray:
        return self.rng.random(n) < p

    def days(self, n: int, burst_share: float) -> np.ndarray:
        """Days in 2018–2025; a share of them within a few weeks of a rally."""
        span = int((LAST_DAY - FIRST_DAY).astype(int)) + 1
        uniform = FIRST_DAY + self.rng.integers(0, span, n).astype("timedelta64[D]")
        offset = np.round(self.rng.normal(0, 6, n)).astype(int).astype("timedelta64[D]")
        burst = np.clip(self.rng.choice(RALLY_DAYS, n) + offset, FIRST_DAY, LAST_DAY)
        return np.where(self.chance(burst_share, n), burst, uniform)


def dated(days: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """ISO dates on the first of their month or year where only that is known ('' where no precision)."""
    month = days.astype("datetime64[M]").astype("datetime64[D]")
    year = days.astype("datetime64[Y]").astype("datetime64[D]")
    chosen = np.where(precision == "month", month, np.where(precision == "year", year, days))
    text = np.datetime_as_string(chosen, unit="D").astype(object)
    return np.where(precision == "", "", text)


def ids(prefix: str, n: int) -> pd.Series:
    return prefix + pd.Series(np.arange(1, n + 1)).astype(str).str.zfill(7)


def blank_unless(mask: np.ndarray, values) -> np.ndarray:
    return np.where(mask, values, "").astype(object)


def persons(draw: Draw, n: int) -> pd.DataFrame:
    first = draw.rng.integers(0, len(FIRST_NAMES), n)
    last = draw.rng.integers(0, len(LAST_NAMES), n)
    first_names, last_names = np.array(FIRST_NAMES, dtype=object)[first], np.array(LAST_NAMES, dtype=object)[last]
    status = draw.pick(STATUSES, n)
    group = pd.Series(status).map(PRISONER_GROUPS).fillna("").to_numpy(dtype=object)
    prisoner = (group != "") & draw.chance(0.3, n)
    region = blank_unless(draw.chance(0.6, n), draw.pick(REGIONS, n))
    notes = blank_unless(draw.chance(0.001, n), "Possible duplicate of another row: the source lists both names.")
    return pd.DataFrame({
        "person_id": ids("p-", n),
        "name": first_names + " " + last_names,
        "aliases": blank_unless(draw.chance(0.05, n), first_names + " " + np.array(LAST_VARIANTS, dtype=object)[last]),
        "gender": draw.pick({"": 45, "male": 35, "female": 20}, n),
        "region_iso": region,
        "city": blank_unless((region != "") & draw.chance(0.7, n), pd.Series(region).map(CITIES).to_numpy()),
        "roles": draw.pick(ROLES, n),
        "affiliations": draw.pick(AFFILIATIONS, n),
        "status": status,
        "status_as_of": STATUS_AS_OF,
        "is_political_prisoner": np.where(prisoner, "true", "false"),
        "prisoner_group": blank_unless(prisoner, group),
        "notes": notes,
        "source_id": SOURCE_ID,
        "source_section": draw.pick(SECTIONS, n),
    })


def per_person(draw: Draw, person_ids: pd.Series, counts: dict) -> tuple[np.ndarray, np.ndarray]:
    """Row owners for a child table (each person 0..k rows) and each row's ordinal within its person."""
    k = draw.pick(counts, len(person_ids)).astype(int)
    owners = np.repeat(person_ids.to_numpy(dtype=object), k)
    starts = np.repeat(np.cumsum(k) - k, k)
    return owners, np.arange(len(owners)) - starts


def charges(draw: Draw, person_ids: pd.Series) -> pd.DataFrame:
    owners, _ = per_person(draw, person_ids, {0: 30, 1: 42, 2: 20, 3: 8})
    n = len(owners)
    is_cao = draw.chance(0.05, n)
    article = np.where(is_cao, draw.pick({a: 1 for a in CAO_ARTICLES}, n),
                       draw.pick({a: w for a, (w, _) in ARTICLES.items()}, n)).astype(int)
    labels = {**{a: label for a, (_, label) in ARTICLES.items()}, **CAO_ARTICLES}
    part = blank_unless(draw.chance(0.6, n) & (article > 0), draw.rng.integers(1, 4, n).astype(str))
    code = np.where(is_cao, "CAO", "CC").astype(object)
    article_text = np.where(article > 0, article.astype(str), "").astype(object)
    charge_id = (pd.Series(owners) + "-" + pd.Series(code).str.lower() + "-"
                 + pd.Series(np.where(article > 0, article_text, "x")) + pd.Series(np.where(part != "", "-", "")) + part)
    precision = blank_unless(draw.chance(0.35, n), draw.pick({"day": 60, "month": 30, "year": 10}, n))
    frame = pd.DataFrame({
        "charge_id": charge_id, "person_id": owners, "code": code, "article": article_text, "part": part,
        "label": pd.Series(article).map(labels).to_numpy(), "charge_date": dated(draw.days(n, 0.3), precision),
        "date_precision": precision, "outcome": draw.pick(OUTCOMES, n),
        "notes": blank_unless(draw.chance(0.02, n), "The source does not say which part the verdict rested on."),
        "source_id": SOURCE_ID, "source_section": draw.pick(SECTIONS, n),
    })
    return frame.drop_duplicates("charge_id", ignore_index=True)


def sentences(draw: Draw, person_ids: pd.Series) -> pd.DataFrame:
    owners, ordinal = per_person(draw, person_ids, {0: 35, 1: 40, 2: 18, 3: 7})
    n = len(owners)
    kind = draw.pick(SENTENCE_TYPES, n)
    stage = np.where(ordinal == 0, "first_instance", draw.pick(LATER_STAGES, n)).astype(object)
    kind = np.where(stage == "conversion", "imprisonment", kind).astype(object)
    custodial = np.isin(kind, ["imprisonment", "restriction_of_liberty", "suspended"])
    fine = kind == "fine"
    precision = draw.pick({"day": 40, "": 28, "year": 18, "month": 14}, n)
    return pd.DataFrame({
        "sentence_id": pd.Series(owners) + "-s" + pd.Series(ordinal + 1).astype(str),
        "person_id": owners,
        "sentence_date": dated(draw.days(n, 0.3), precision),
        "date_precision": precision,
        "sentence_type": kind,
        "term_months": blank_unless(custodial & draw.chance(0.85, n), draw.rng.choice(TERMS_MONTHS, n).astype(str)),
        "term_days": blank_unless(kind == "administrative_arrest", draw.rng.choice((10, 15, 20, 25), n).astype(str)),
        "activity_ban_years": blank_unless(custodial & draw.chance(0.25, n), draw.rng.choice((1, 2, 3, 5, 7), n).astype(str)),
        "fine_amount": blank_unless(fine, draw.rng.choice((100_000, 250_000, 500_000, 1_000_000), n).astype(str)),
        "fine_currency": blank_unless(fine, "KZT"),
        "court": blank_unless(draw.chance(0.3, n), draw.rng.choice(np.array(COURTS, dtype=object), n)),
        "stage": stage,
        "notes": blank_unless(draw.chance(0.02, n), "Term as the source states it."),
        "source_id": SOURCE_ID,
        "source_section": draw.pick(SECTIONS, n),
    })


def events(draw: Draw, n: int, person_ids: pd.Series) -> pd.DataFrame:
    n_group = max(len(GROUP_EVENTS), int(n * GROUP_SHARE))
    n_person = n - n_group - 1
    activity = draw.rng.lognormal(0, 1.2, len(person_ids))  # a few people have many events
    owners = person_ids.to_numpy(dtype=object)[draw.rng.choice(len(person_ids), n_person, p=activity / activity.sum())]
    kinds = np.concatenate([draw.pick(PERSON_EVENTS, n_person), draw.pick(GROUP_EVENTS, n_group)])
    group = np.arange(n - 1) >= n_person
    days = draw.days(n - 1, 0.4)
    # a group event falls on a rally day (bans and resolutions on their own days), so marks repeat dates
    days[group] = draw.rng.choice(RALLY_DAYS, n_group)
    for kind, choices in (("movement_ban", BAN_DAYS), ("resolution", RESOLUTION_DAYS)):
        own = kinds == kind
        days[own] = draw.rng.choice(choices, own.sum())
    precision = np.where(group & np.isin(kinds, ["movement_ban", "resolution"]), "day",
                         draw.pick(PRECISIONS, n - 1)).astype(object)
    counted = ~group | (kinds == "mass_detention") | ((kinds == "rally") & draw.chance(0.5, n - 1))
    crowd = np.round(draw.rng.lognormal(4.5, 0.9, n - 1)).astype(int) + 5
    n_people = blank_unless(counted, np.where(group, crowd, 1).astype(str))
    qualifier = np.where(group, draw.pick({"exact": 30, "at_least": 30, "more_than": 30, "approximately": 10}, n - 1),
                         "exact").astype(object)
    region = blank_unless(draw.chance(np.where(group, 0.85, 0.45), n - 1), draw.pick(REGIONS, n - 1))
    frame = pd.DataFrame({
        "event_id": ids("e-", n - 1),
        "person_id": blank_unless(~group, np.concatenate([owners, np.full(n_group, "", dtype=object)])),
        "event_date": dated(days, precision),
        "date_precision": precision,
        "event_type": kinds,
        "n_people": n_people,
        "count_qualifier": blank_unless(counted, qualifier),
        "region_iso": region,
        "city": blank_unless((region != "") & draw.chance(0.7, n - 1), pd.Series(region).map(CITIES).to_numpy()),
        "description": pd.Series(kinds).map(DESCRIPTIONS).to_numpy(),
        "source_id": SOURCE_ID,
        "source_section": draw.pick(SECTIONS, n - 1),
    })
    resolution = {**dict.fromkeys(frame.columns, ""), "event_id": EP_RESOLUTION[0], "event_date": EP_RESOLUTION[1],
                  "date_precision": "day", "event_type": "resolution", "source_id": SOURCE_ID, "source_section": "9",
                  "description": "European Parliament resolution 2021/2544(RSP) on Kazakhstan."}
    return pd.concat([frame, pd.DataFrame([resolution])], ignore_index=True)


def figure_members(people: pd.DataFrame) -> pd.DataFrame:
    """The named political prisoners of each stated prisoner figure, and the people with restriction of liberty."""
    prisoners = people[people["is_political_prisoner"] == "true"]
    parts = [prisoners.assign(metric="political_prisoners", as_of=STATUS_AS_OF)]
    parts += [group.assign(metric=f"political_prisoners_{name}", as_of=STATUS_AS_OF)
              for name, group in prisoners.groupby("prisoner_group")]
    parts.append(people[people["status"] == "restriction_of_liberty"].assign(
        metric="restriction_of_liberty_sentences_2021", as_of="2021-08-01"))
    return pd.concat(parts)[column_names("figure_members")]


def generate(n_events: int, n_persons: int, out: Path, seed: int = 7) -> dict[str, int]:
    """Write every records table into `out`; the rows written per table."""
    draw = Draw(seed)
    out.mkdir(parents=True, exist_ok=True)
    for table in COPIED_TABLES:
        shutil.copyfile(DEFAULT_RECORDS / f"{table}.csv", out / f"{table}.csv")
    people = persons(draw, n_persons)
    tables = {"persons": people, "charges": charges(draw, people["person_id"]),
              "sentences": sentences(draw, people["person_id"]),
              "events": events(draw, n_events, people["person_id"]), "figure_members": figure_members(people)}
    for table, frame in tables.items():
        frame[column_names(table)].to_csv(out / f"{table}.csv", index=False)
    return {table: len(frame) for table, frame in tables.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--persons", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = generate(args.events, args.persons, args.out, args.seed)
    print(f"Wrote {args.out} in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{table} {count:,}" for table, count in rows.items()))


if __name__ == "__main__":
    main()

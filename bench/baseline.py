"""The pandas baseline: every dashboard query answered with pandas on DataFrames read from the warehouse's
Parquet files, as an analyst would write it without DuckDB. The benchmark checks each answer against the
DuckDB one, so the ratio compares two ways of computing the same numbers.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from etl.schema import EVENT_TYPE_GROUPS, POLITICAL_ARTICLES
from etl.spelling import spelling_key

# downloads never filtered
WHOLE_TABLES = ("person_statuses", "figures", "figure_members", "ep_recommendations", "sources", "regions",
                "translations")

PARQUET_TABLES = ("sources", "regions", "persons", "charges", "sentences", "events", "figures",
                  "ep_recommendations", "figure_members", "person_statuses", "translations")
DATE_COLUMNS = {"sources": ["published"], "persons": ["status_as_of"], "charges": ["charge_date"],
                "sentences": ["sentence_date"], "events": ["event_date"], "figures": ["as_of"],
                "ep_recommendations": ["as_of"], "figure_members": ["as_of"]}
LOWER_BOUNDS = ("at_least", "more_than", "approximately")
EP_RESOLUTION_EVENT = "grp-20210211-ep-resolution"


def _sections(values: pd.Series) -> list[str]:
    return sorted(set(";".join(values).split(";")))


def _distinct(values: pd.Series) -> list[str]:
    return sorted(set(values))


def _cited(grouped) -> pd.DataFrame:
    """list_distinct of the sections and sources cited by each group."""
    return grouped.agg(sections=("source_section", _sections), source_ids=("source_id", _distinct))


def _between(dates: pd.Series, date_from, date_to) -> pd.Series:
    keep = pd.Series(True, index=dates.index)
    if date_from is not None:
        keep &= dates >= pd.Timestamp(date_from)
    if date_to is not None:
        keep &= dates <= pd.Timestamp(date_to)
    return keep


class PandasWarehouse:
    """The warehouse's tables as DataFrames, and one method per query file, same name, same answer."""

    def __init__(self, warehouse: Path):
        self.t = {}
        for table in PARQUET_TABLES:
            frame = pd.read_parquet(warehouse / "parquet" / f"{table}.parquet")
            for column in DATE_COLUMNS.get(table, []):
                frame[column] = pd.to_datetime(frame[column])
            self.t[table] = frame
        self.political = pd.DataFrame({"article": list(POLITICAL_ARTICLES), "label": [
            "inciting social discord", "propaganda or public calls to seize power", "financing extremism",
            "disseminating false information", "participation in a banned extremist organisation"]})
        # build metadata is not in the Parquet copy; read it once, as a constant
        con = duckdb.connect(str(warehouse / "repression.duckdb"), read_only=True)
        try:
            self.build = con.execute("SELECT * FROM build_info").df()
        finally:
            con.close()

    def run(self, name: str, params: dict) -> pd.DataFrame:
        return getattr(self, name)(**params)

    # --- the shared filters (etl/sql/30_filter_macros.sql) ---
    def _persons(self, regions, articles, sentence_types, affiliations, genders, statuses) -> pd.DataFrame:
        p = self.t["persons"]
        keep = pd.Series(True, index=p.index)
        if regions:
            keep &= p["region_iso"].isin(regions)
        if affiliations:
            keep &= p["affiliations"].map(lambda a: bool(set(a) & set(affiliations)))
        if genders:
            keep &= p["gender"].fillna("unknown").isin(genders)
        if statuses:
            keep &= p["status"].isin(statuses)
        if articles:
            c = self.t["charges"]
            keep &= p["person_id"].isin(c.loc[(c["code"] == "CC") & c["article"].isin(articles), "person_id"])
        if sentence_types:
            s = self.t["sentences"]
            keep &= p["person_id"].isin(s.loc[s["sentence_type"].isin(sentence_types), "person_id"])
        return p[keep]

    def _events(self, date_from, date_to, regions, articles, sentence_types, affiliations, genders, statuses):
        e = self.t["events"]
        keep = _between(e["event_date"], date_from, date_to)
        if regions:
            person_region = e["person_id"].map(self.t["persons"].set_index("person_id")["region_iso"])
            keep &= e["region_iso"].fillna(person_region).isin(regions)
        if articles or sentence_types or affiliations or genders or statuses:
            chosen = self._persons([], articles, sentence_types, affiliations, genders, statuses)["person_id"]
            keep &= e["person_id"].isin(chosen)
        return e[keep]

    def _charges(self, date_from, date_to, regions, articles, sentence_types, affiliations, genders, statuses):
        c = self.t["charges"]
        chosen = self._persons(regions, [], sentence_types, affiliations, genders, statuses)["person_id"]
        keep = c["person_id"].isin(chosen) & _between(c["charge_date"], date_from, date_to)
        if articles:
            keep &= c["article"].isin(articles)
        return c[keep]

    def _sentences(self, date_from, date_to, regions, articles, sentence_types, affiliations, genders, statuses):
        s = self.t["sentences"]
        chosen = self._persons(regions, articles, [], affiliations, genders, statuses)["person_id"]
        keep = s["person_id"].isin(chosen) & _between(s["sentence_date"], date_from, date_to)
        if sentence_types:
            keep &= s["sentence_type"].isin(sentence_types)
        return s[keep]

    def _counted_persons(self, date_from, date_to, **filters) -> pd.DataFrame:
        """The persons the filters keep: while a period is set, those with a charge, sentence or event the filters
        keep dated in it (filtered_persons)."""
        p = self._persons(**filters)
        if date_from is None and date_to is None:
            return p
        f = {"date_from": date_from, "date_to": date_to, **filters}
        dated = pd.concat([self._charges(**f)["person_id"], self._sentences(**f)["person_id"],
                           self._events(**f)["person_id"]])
        return p[p["person_id"].isin(dated)]

    # --- sidebar ---
    def filter_options(self) -> pd.DataFrame:
        p, c, s = self.t["persons"], self.t["charges"], self.t["sentences"]
        regions = self.t["regions"]
        other = c[(c["code"] == "CC") & c["article"].notna() & ~c["article"].isin(POLITICAL_ARTICLES)]
        other = other.sort_values("charge_id").groupby("article", as_index=False)["label"].first()
        affiliations = pd.Series(p["affiliations"].explode().dropna().unique(), dtype=str)
        genders = p["gender"].fillna("unknown").drop_duplicates()
        parts = [
            pd.DataFrame({"filter": "region", "value": regions["region_iso"], "label": regions["name_en"]}),
            pd.DataFrame({"filter": "article", "value": self.political["article"].astype(str),
                          "label": self.political["article"].astype(str) + " " + self.political["label"]}),
            pd.DataFrame({"filter": "article", "value": other["article"].astype(int).astype(str),
                          "label": other["article"].astype(int).astype(str) + " " + other["label"]}),
            pd.DataFrame({"filter": "sentence_type", "value": s["sentence_type"].unique()}).assign(
                label=lambda f: f["value"].str.replace("_", " ")),
            pd.DataFrame({"filter": "affiliation", "value": affiliations,
                          "label": affiliations.replace({"405": "405 (human-rights movement)"})}),
            pd.DataFrame({"filter": "gender", "value": genders, "label": genders.replace({"unknown": "not stated"})}),
            pd.DataFrame({"filter": "status", "value": p["status"].unique()}).assign(
                label=lambda f: f["value"].str.replace("_", " ")),
        ]
        return pd.concat(parts, ignore_index=True).sort_values(["filter", "value"], ignore_index=True)

    def period_bounds(self) -> pd.DataFrame:
        dates = pd.concat([self.t["events"]["event_date"], self.t["sentences"]["sentence_date"]])
        return pd.DataFrame({"first_date": [dates.min()], "last_date": [dates.max()]})

    # --- overview ---
    def _comparisons(self) -> pd.DataFrame:
        f, m = self.t["figures"], self.t["figure_members"]
        named = m.groupby(["metric", "as_of"], dropna=False).size().rename("named_count").reset_index()
        out = f.merge(named, on=["metric", "as_of"], how="left")
        out["named_count"] = out["named_count"].fillna(0).astype(int)
        out["has_named_people"] = out["named_count"] > 0
        return out

    def figure_comparisons(self) -> pd.DataFrame:
        f = self._comparisons()
        named, stated = f["named_count"], f["value"]
        minimum = f["qualifier"].isin(["at_least", "more_than"])
        comparison = np.select(
            [~f["has_named_people"], named == stated, minimum & (named >= stated), minimum, named > stated],
            ["No names given for this figure", "Same", "Names reach the stated minimum",
             "Fewer names than the stated minimum: the rest are not named",
             "The source names more people than it states"], "The source names fewer people than it states")
        out = pd.DataFrame({"metric": f["metric"], "description": f["description"], "stated_value": stated,
                            "qualifier": f["qualifier"], "unit": f["unit"], "as_of": f["as_of"],
                            "named_count": named.where(f["has_named_people"]), "comparison": comparison,
                            "names_note": f["names_note"], "source_id": f["source_id"], "source_section": f["source_section"],
                            "has_named_people": f["has_named_people"]})
        out = out.sort_values(["has_named_people", "metric", "as_of"], ascending=[False, True, True],
                              na_position="last")
        return out.drop(columns="has_named_people").reset_index(drop=True)

    def people_per_political_article(self, **filters) -> pd.DataFrame:
        c = self._charges(**filters)
        counts = c[c["code"] == "CC"].groupby("article")["person_id"].nunique().rename("n_people")
        out = self.political.merge(counts, left_on="article", right_index=True, how="left")
        return out.assign(n_people=out["n_people"].fillna(0).astype(int))

    def political_prisoners_by_group(self, **filters) -> pd.DataFrame:
        p = self._counted_persons(**filters)
        grouped = p[p["is_political_prisoner"]].groupby("prisoner_group", dropna=False)
        out = grouped.size().rename("n_people").to_frame().join(_cited(grouped)).reset_index()
        return out.sort_values(["n_people", "prisoner_group"], ascending=[False, True], na_position="last")

    def events_per_year(self, **filters) -> pd.DataFrame:
        e = self._events(**filters)
        e = e.assign(event_group=e["event_type"].map(EVENT_TYPE_GROUPS))
        out = _cited(e.groupby([e["event_date"].dt.year.rename("year"), "event_group"]))
        counts = e.groupby([e["event_date"].dt.year.rename("year"), "event_group"]).size().rename("n_events")
        return out.join(counts).reset_index()[["year", "event_group", "n_events", "sections", "source_ids"]]

    def figure_statements(self) -> pd.DataFrame:
        f = self.t["figures"]
        f = f[f["metric"].map(f["metric"].value_counts()) > 1].merge(
            self.t["sources"][["source_id", "title", "published"]], on="source_id")
        f = f.assign(sections=f["source_section"].str.split(";"), source_ids=f["source_id"].map(lambda s: [s]))
        f = f.sort_values(["metric", "as_of", "published", "source_id"], na_position="first")
        return f[["metric", "description", "as_of", "value", "qualifier", "unit", "title", "published", "sections",
                  "source_ids"]]

    def build_info(self) -> pd.DataFrame:
        return self.build.assign(n_persons=len(self.t["persons"]), n_events=len(self.t["events"]))

    def sources(self) -> pd.DataFrame:
        return self.t["sources"][["source_id", "title", "publisher", "published", "url", "notes"]].sort_values("source_id")

    # --- detentions ---
    def detentions_by_period(self, event_types, **filters) -> pd.DataFrame:
        e = self._events(**filters)
        e = e[e["event_type"].isin(event_types)]
        yearly = e["date_precision"] == "year"
        e = e.assign(period_start=e["event_date"].dt.to_period("M").dt.start_time.where(
                         ~yearly, e["event_date"].dt.to_period("Y").dt.start_time),
                     period=np.where(yearly, "year", "month"), people=e["n_people"].fillna(1),
                     lower=e["count_qualifier"].isin(LOWER_BOUNDS))
        grouped = e.groupby(["period_start", "period", "event_type"])
        out = grouped.agg(n_events=("event_id", "size"), n_people=("people", "sum"), is_lower_bound=("lower", "any"))
        return out.join(_cited(grouped)).reset_index().sort_values(["period_start", "event_type"])

    def key_dates(self, date_from, date_to) -> pd.DataFrame:
        e = self.t["events"]
        keep = (e["person_id"].isna() & (e["date_precision"] == "day")
                & e["event_type"].isin(["movement_ban", "resolution", "mass_detention"])
                & _between(e["event_date"], date_from, date_to))
        return e.loc[keep, ["event_date", "event_type", "n_people", "count_qualifier", "description",
                            "source_section"]].sort_values("event_date")

    # --- articles ---
    def people_per_article(self, **filters) -> pd.DataFrame:
        c = self._charges(**filters)
        c = c[c["code"] == "CC"]
        per_article = c.groupby("article", dropna=False)["person_id"].nunique().rename("n_people_article")
        grouped = c.groupby(["article", "part"], dropna=False)
        per_part = grouped.agg(label=("label", "min"), n_people=("person_id", "nunique")).join(_cited(grouped))
        per_part = per_part.reset_index()
        out = per_part.merge(self.political.rename(columns={"label": "political_label"}), on="article", how="outer")
        out["is_political"] = out["political_label"].notna()
        out["article_name"] = out["article"].map(lambda a: "not stated" if pd.isna(a) else str(int(a)))
        out["part_name"] = out["part"].map(lambda p: "part not stated" if pd.isna(p) else f"part {int(p)}")
        out["label"] = out["political_label"].fillna(out["label"])
        out["n_people"] = out["n_people"].fillna(0).astype(int)
        out = out.merge(per_article.reset_index(), on="article", how="left")
        out["n_people_article"] = out["n_people_article"].fillna(0).astype(int)
        for column in ("sections", "source_ids"):
            out[column] = out[column].map(lambda v: v if isinstance(v, list) else [])
        out = out.sort_values(["is_political", "article", "part"], ascending=[False, True, True], na_position="last")
        return out[["article", "part", "article_name", "part_name", "label", "n_people", "n_people_article",
                    "is_political", "sections", "source_ids"]]

    def _resolution_day(self):
        e = self.t["events"]
        return e.loc[e["event_id"] == EP_RESOLUTION_EVENT, "event_date"].min()

    def articles_before_after(self, **filters) -> pd.DataFrame:
        c = self._charges(**filters)
        c = c[(c["code"] == "CC") & c["article"].notna()]
        first_sentence = self.t["sentences"].groupby("person_id")["sentence_date"].min()
        decided = c["charge_date"].fillna(c["person_id"].map(first_sentence))
        adopted = self._resolution_day()
        period = np.where(decided.isna(), "date not given",
                          np.where(decided < adopted, "before the resolution", "after the resolution"))
        grouped = c.assign(period=period).groupby(["article", "period"])
        out = grouped.agg(n_people=("person_id", "nunique")).join(_cited(grouped))
        return out.reset_index()

    def article_combinations(self, **filters) -> pd.DataFrame:
        c = self._charges(**filters)
        pa = c.loc[(c["code"] == "CC") & c["article"].notna(),
                   ["person_id", "article", "source_section", "source_id"]].drop_duplicates()
        pairs = pa.merge(pa, on="person_id", suffixes=("_a", "_b"))
        pairs = pairs[pairs["article_a"] < pairs["article_b"]]
        pairs = pairs.assign(source_section=pairs["source_section_a"] + ";" + pairs["source_section_b"],
                             source_id=pairs["source_id_a"])
        grouped = pairs.groupby(["article_a", "article_b"])
        out = grouped.agg(n_people=("person_id", "nunique")).join(_cited(grouped)).reset_index()
        out = out.rename(columns={"article_a": "first_article", "article_b": "second_article"})
        return out.sort_values(["n_people", "first_article", "second_article"], ascending=[False, True, True])

    # --- sentences ---
    def sentence_types(self, **filters) -> pd.DataFrame:
        s = self._sentences(**filters)
        per_type = s.groupby("sentence_type")["person_id"].nunique().rename("n_people_type")
        grouped = s.groupby(["sentence_type", "stage"])
        out = grouped.agg(n_people=("person_id", "nunique"), n_sentences=("sentence_id", "size")).join(_cited(grouped))
        out = out.reset_index().merge(per_type.reset_index(), on="sentence_type")
        out = out.sort_values(["n_people_type", "sentence_type", "stage"], ascending=[False, True, True])
        return out[["sentence_type", "stage", "n_people", "n_sentences", "n_people_type", "sections", "source_ids"]]

    def people_with_sentence(self, chosen_type, listed, **filters) -> pd.DataFrame:
        s = self._sentences(**filters)
        s = s[s["sentence_type"] == chosen_type].merge(self.t["persons"][["person_id", "name"]], on="person_id")
        s = s.sort_values(["sentence_date", "sentence_id"], na_position="last").assign(n_matching=len(s))
        return s[["person_id", "name", "sentence_type", "stage", "sentence_date", "date_precision", "term_months",
                  "term_days", "activity_ban_years", "court", "source_section", "n_matching"]].head(listed)

    def sentence_terms(self, **filters) -> pd.DataFrame:
        s = self._sentences(**filters)
        grouped = s[s["term_months"].notna()].groupby(["sentence_type", "term_months"])
        out = grouped.agg(n_sentences=("sentence_id", "size"), n_people=("person_id", "nunique")).join(_cited(grouped))
        return out.reset_index().sort_values(["term_months", "sentence_type"])

    def activity_bans(self, **filters) -> pd.DataFrame:
        s = self._sentences(**filters)
        grouped = s[s["activity_ban_years"].notna()].groupby("activity_ban_years")
        return grouped.agg(n_people=("person_id", "nunique")).join(_cited(grouped)).reset_index()

    def sentence_conversions(self, listed, date_from, date_to, **filters) -> pd.DataFrame:
        s = self.t["sentences"]
        s = s[s["person_id"].isin(self._persons(**filters)["person_id"]) & _between(s["sentence_date"], date_from, date_to)]
        r = s[s["sentence_type"] == "restriction_of_liberty"]
        i = s[(s["sentence_type"] == "imprisonment") & s["stage"].isin(["appeal", "conversion"])]
        pairs = r.merge(i, on="person_id", suffixes=("_r", "_i"))
        pairs = pairs[pairs["sentence_id_i"] > pairs["sentence_id_r"]].merge(
            self.t["persons"][["person_id", "name"]], on="person_id")
        out = pd.DataFrame({
            "person_id": pairs["person_id"], "name": pairs["name"],
            "restriction_date": pairs["sentence_date_r"], "restriction_months": pairs["term_months_r"],
            "prison_date": pairs["sentence_date_i"], "prison_months": pairs["term_months_i"],
            "changed_by": pairs["stage_i"], "court": pairs["court_i"],
            "sections": (pairs["source_section_r"] + ";" + pairs["source_section_i"]).map(lambda v: sorted(set(v.split(";")))),
            "source_ids": [sorted({a, b}) for a, b in zip(pairs["source_id_r"], pairs["source_id_i"])],
            "n_matching": len(pairs), "_r": pairs["sentence_id_r"], "_i": pairs["sentence_id_i"]})
        out = out.sort_values(["prison_date", "name", "_r", "_i"], na_position="last")
        return out.drop(columns=["_r", "_i"]).head(listed)

    # --- regions ---
    def _by_region(self, frame: pd.DataFrame, counts: dict) -> pd.DataFrame:
        grouped = frame.groupby("region_iso", dropna=False)
        counted = grouped.agg(**counts).join(_cited(grouped)).reset_index()
        regions = self.t["regions"][["region_iso", "name_en"]].rename(columns={"name_en": "region_name"})
        out = counted.merge(regions, on="region_iso", how="outer")
        for column in counts:
            out[column] = out[column].fillna(0).astype(int)
        for column in ("sections", "source_ids"):
            out[column] = out[column].map(lambda v: v if isinstance(v, list) else [])
        out = out.sort_values([list(counts)[0], "region_name"], ascending=[False, True], na_position="last")
        return out[["region_iso", "region_name", *counts, "sections", "source_ids"]]

    def _case_placed(self) -> pd.Series:
        """The people one of whose own events has a region of its own."""
        e = self.t["events"]
        return e.loc[e["region_iso"].notna() & e["person_id"].notna(), "person_id"]

    def people_by_region(self, **filters) -> pd.DataFrame:
        p = self._counted_persons(**filters)
        p = p.assign(no_place=(p["region_iso"].isna() & ~p["person_id"].isin(self._case_placed())).astype(int))
        return self._by_region(p, {"n_people": ("person_id", "size"), "n_no_place": ("no_place", "sum")})

    def people_by_case_region(self, regions, **filters) -> pd.DataFrame:
        p = self._counted_persons(regions=[], **filters)
        e = self.t["events"]
        places = e[e["region_iso"].notna() & e["person_id"].notna()]
        placed = places[places["person_id"].isin(p["person_id"]) & (places["region_iso"].isin(regions) if regions else True)]
        unplaced = p[~p["person_id"].isin(self._case_placed())] if not regions else p.iloc[:0]
        rows = pd.concat([placed[["region_iso", "person_id", "source_section", "source_id"]],
                          unplaced[["person_id", "source_section", "source_id"]].assign(region_iso=None)])
        out = self._by_region(rows, {"n_people": ("person_id", "nunique")})
        no_place = int(unplaced["region_iso"].isna().sum())
        out.insert(3, "n_no_place", pd.array([no_place if pd.isna(r) else None for r in out["region_iso"]], dtype="Int64"))
        return out

    def _placed_events(self, filters: dict) -> pd.DataFrame:
        e = self._events(**filters)
        persons = self.t["persons"].set_index("person_id")
        return e.assign(region_iso=e["region_iso"].fillna(e["person_id"].map(persons["region_iso"])),
                        city=e["city"].fillna(e["person_id"].map(persons["city"])),
                        people=e["n_people"].fillna(1))

    def events_by_region(self, **filters) -> pd.DataFrame:
        return self._by_region(self._placed_events(filters),
                               {"n_events": ("event_id", "size"), "n_people": ("people", "sum")})

    def events_by_city(self, **filters) -> pd.DataFrame:
        e = self._placed_events(filters)
        e = e.merge(self.t["regions"][["region_iso", "name_en"]], on="region_iso", how="left")
        grouped = e.groupby("city", dropna=False)
        out = grouped.agg(region_name=("name_en", lambda v: "; ".join(sorted(set(v.dropna()))) or None),
                          n_events=("event_id", "size"), n_people=("people", "sum")).join(_cited(grouped))
        out = out.reset_index().sort_values(["n_events", "city"], ascending=[False, True], na_position="last")
        return out.assign(n_people=out["n_people"].astype(int))

    # --- EP resolution ---
    def ep_scorecard(self) -> pd.DataFrame:
        ep = self.t["ep_recommendations"]
        out = ep[["paragraph", "theme", "status", "summary", "evidence", "as_of"]].assign(
            sections=ep["source_section"].str.split(";"), source_ids=ep["source_id"].map(lambda s: [s]))
        return out.sort_values("paragraph")

    def figures_that_moved(self) -> pd.DataFrame:
        f = self.t["figures"]
        dated = f[f["as_of"].notna()]
        dated = dated[dated.groupby("metric")["metric"].transform("size") > 1]
        out = dated[["metric", "as_of", "value", "qualifier", "unit", "description"]].assign(
            sections=dated["source_section"].str.split(";"), source_ids=dated["source_id"].map(lambda s: [s]))
        return out.sort_values(["metric", "as_of"])

    # --- people ---
    def people(self, search, search_key, listed, date_from, date_to, **filters) -> pd.DataFrame:
        f = {"date_from": date_from, "date_to": date_to, **filters}
        p = self._persons(**filters)
        counts = {name: frame.groupby("person_id").size() for name, frame in (
            ("n_charges", self._charges(**f)), ("n_sentences", self._sentences(**f)),
            ("n_events", self._events(**f).dropna(subset=["person_id"])))}
        regions = self.t["regions"].set_index("region_iso")["name_en"]
        out = p.assign(region=p["region_iso"].map(regions),
                       **{name: p["person_id"].map(c).fillna(0).astype(int) for name, c in counts.items()},
                       sections=p["source_section"].str.split(";"), source_ids=p["source_id"].map(lambda s: [s]))
        spelled = out["name"] + " " + out["aliases"].map(" ".join)
        keep = spelled.str.contains(search, case=False, regex=False)
        if search_key:
            keep |= spelled.map(spelling_key).str.contains(search_key, regex=False)
        if date_from is not None or date_to is not None:
            keep &= out[list(counts)].sum(axis=1) > 0
        out = out[keep].sort_values(["name", "person_id"])
        out = out.assign(n_matching=len(out)).head(len(out) if listed is None else listed)
        return out[["person_id", "name", "aliases", "roles", "affiliations", "status", "status_as_of",
                    "is_political_prisoner", "region", *counts, "sections", "source_ids", "n_matching"]]

    # --- data & sources ---
    def export_row_counts(self, date_from, date_to, **filters) -> pd.DataFrame:
        dated = {"date_from": date_from, "date_to": date_to, **filters}
        counts = {"persons": len(self._counted_persons(**dated)), "charges": len(self._charges(**dated)),
                  "sentences": len(self._sentences(**dated)), "events": len(self._events(**dated)),
                  **{table: len(self.t[table]) for table in WHOLE_TABLES}}
        return pd.DataFrame({"table_name": list(counts), "n_rows": list(counts.values())})

    def spelling_variants(self) -> pd.DataFrame:
        p = self.t["persons"]
        return p.loc[p["aliases"].map(len) > 0, ["person_id", "name", "aliases", "source_section"]].sort_values("name")

    def possible_duplicates(self) -> pd.DataFrame:
        p = self.t["persons"]
        notes = p["notes"].fillna("")
        keep = notes.str.contains("duplicate", case=False) | notes.str.contains("same person", case=False)
        return p.loc[keep, ["person_id", "name", "notes", "source_section"]].sort_values("name")


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame in a form two computations of one answer agree on: lists as sorted text (list_distinct has no
    defined order), dates as ISO days, numbers as floats, missing as one marker."""
    out = {}
    for column in frame.columns:
        values = frame[column].reset_index(drop=True)
        sample = values.dropna()
        first = sample.iloc[0] if len(sample) else None
        if isinstance(first, (list, tuple, np.ndarray)):
            out[column] = values.map(lambda v: "<NA>" if v is None else "|".join(sorted(str(x) for x in v)))
        elif pd.api.types.is_datetime64_any_dtype(values) or hasattr(first, "isoformat"):
            out[column] = pd.to_datetime(values).dt.strftime("%Y-%m-%d").fillna("<NA>")
        elif pd.api.types.is_bool_dtype(values):
            out[column] = values.astype(str)
        elif pd.api.types.is_numeric_dtype(values):
            numbers = values.astype(float).round(9)
            out[column] = np.where(numbers.isna(), "<NA>", numbers.map(repr))
        else:
            out[column] = values.astype(object).where(values.notna(), "<NA>").astype(str)
    return pd.DataFrame(out, columns=list(frame.columns))


def _row_hashes(canon: pd.DataFrame) -> np.ndarray:
    """Sorted hashes of the rows: equal multisets of rows, whatever their order, hash alike (fast at 1M rows)."""
    return np.sort(pd.util.hash_pandas_object(canon, index=False).to_numpy())


def same_answer(duck: pd.DataFrame, panda: pd.DataFrame) -> str | None:
    """None when the two frames hold the same answer, else what differs."""
    if list(duck.columns) != list(panda.columns):
        return f"columns differ: {list(duck.columns)} vs {list(panda.columns)}"
    if len(duck) != len(panda):
        return f"row counts differ: {len(duck)} vs {len(panda)}"
    a, b = canonical(duck), canonical(panda)
    if not len(a.columns) or np.array_equal(_row_hashes(a), _row_hashes(b)):
        return None
    a, b = (f.sort_values(list(f.columns), ignore_index=True) for f in (a, b))
    unequal = (a != b).any(axis=1)
    row = int(np.argmax(unequal.to_numpy()))
    columns = [c for c in a.columns if a.at[row, c] != b.at[row, c]]
    return f"{int(unequal.sum())} rows differ, e.g. {columns}: {a.loc[row, columns].tolist()} vs {b.loc[row, columns].tolist()}"

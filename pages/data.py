"""Data & sources: every table to download as filtered, how the records were made, what each column
means, the known data-quality points, when the data was built and from which sources."""
import pandas as pd
import streamlit as st

from dashboard.charts.show import caption, scope_of
from dashboard.export import download_buttons
from dashboard.labels import header, readable_table
from dashboard.labels import label as words
from dashboard.loader import load_many, rows_for_download
from dashboard.view import page_view
from etl.schema import TABLES

# Tables in the order a reader needs them; the first four follow the sidebar filters.
DOWNLOADS = ("persons", "charges", "sentences", "events", "person_statuses", "figures", "figure_members",
             "ep_recommendations", "sources", "regions")
FILTERED = ("persons", "charges", "sentences", "events")


def definitions(tables: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What each table holds and what each of its columns means, from the registry that validates every build."""
    summary = pd.DataFrame({"table": list(tables), "one row per": [TABLES[t]["grain"] for t in tables],
                            "key": [", ".join(TABLES[t]["key"]) for t in tables]})
    columns = pd.DataFrame([{"table": t, "column": c.name, "type": c.kind, "meaning": c.description,
                             "required": c.required, "allowed values": ", ".join(c.allowed)}
                            for t in tables for c in TABLES[t]["columns"]])
    return summary, columns


view = page_view()
frames = load_many(view, ["export_row_counts", "spelling_variants", "possible_duplicates", "figure_comparisons",
                          "build_info", "sources"])
variants, duplicates, comparisons = frames["spelling_variants"], frames["possible_duplicates"], frames["figure_comparisons"]
filters_active = view.filters.is_set

st.title("Data & sources")
st.caption("Every number in this dashboard comes from the tables below, built from curated records that "
           "cite the source and section of each fact.")

st.header("Download the data")
caption(f"{scope_of(view)}. Persons, charges, sentences and events are downloaded as these filters "
        "select them; the other tables are always complete." +
        (" Hide-names mode is on: names are pseudonyms and other spellings are left out." if view.hide_names else ""))
n_rows = frames["export_row_counts"].set_index("table_name")["n_rows"]
for table in DOWNLOADS:
    scope = ("filtered" if filters_active else "all rows") if table in FILTERED else "all rows, not filtered"
    label, buttons = st.columns(2, vertical_alignment="center")
    grain = TABLES[table]["grain"]
    label.markdown(f"**{words('table', table)}** · {n_rows[table]:,} row{'' if n_rows[table] == 1 else 's'} ({scope})  \n"
                   f"{grain[0].upper()}{grain[1:]}.")
    with buttons:
        stem = table + ("-filtered" if filters_active and table in FILTERED else "") + \
            ("-names-hidden" if view.hide_names else "")
        download_buttons(table, rows_for_download(view, f"export_{table}", list(TABLES[table]["key"])),
                         int(n_rows[table]), stem)
st.caption("CSV joins lists (aliases, roles, affiliations) with | and puts a ' before any text that starts with =, +, "
           "-, @, a tab or a carriage return, so a spreadsheet shows it instead of running it. XLSX joins lists the same "
           "way and stores every text cell as text, so such text shows exactly as recorded and is never run. Parquet "
           "keeps the typed values and lists as they are. CSV is UTF-8 with a byte-order mark.")

st.header("Methodology")
st.markdown("""
- **One row, one fact, one citation.** Every row names its source and the section(s) of that source it
  comes from. Text cells are our own short wording, not quotes.
- **Who is a person.** Someone the source names as subjected to persecution: political prisoners, people
  sentenced or prosecuted, refugees, activists, journalists and relatives the source names. Officials,
  judges, investigators and commentators are not persons.
- **Nothing guessed.** Gender only where the source's own words show it; a region only where the source
  ties the person or event to a place; an article only where the source gives it.
- **Dates keep their precision.** A date known only to the month is stored as the 1st with the precision
  "month", one known only to the year as 1 January with the precision "year"; charts draw such dates as a
  period, never as a day.
- **Status is as of a date.** A person's status holds as of its "status as of" date (the source's "as of"
  date unless a later dated fact exists); where several sources state it, the latest statement is shown, and the
  profile lists them all.
- **Counts with a qualifier.** "More than 200 detained" is stored as 200 with the qualifier "more than"
  and shown as a lower bound.
- **Stated figures beside named records.** The numbers a source states are kept as figures; the people it
  names for a figure are kept separately, so the two can be compared (see data-quality notes).
- **Filters.** Region uses the place of the fact, else the person's region. Article, sentence type,
  movement, gender and status select people, and with them their charges, sentences and events; group
  events are shown only while no person filter is set. A period keeps the facts dated in it (undated
  charges only while no period is set) and the people with at least one such fact.
""")

st.header("Definitions")
st.caption("Generated from the records registry (etl/schema.py), the same registry that validates every build.")
tables, columns = definitions(DOWNLOADS)
st.dataframe(tables, hide_index=True, width="stretch", key="definitions_tables")
with st.expander("Every column of every table"):
    st.dataframe(columns, hide_index=True, width="stretch", key="definitions_columns")

st.header("Data-quality notes")
st.subheader("Spelling variants")
st.markdown(f"The sources spell some names in more than one way. Each person is one row; the other "
            f"spellings are kept as aliases, and the People page's search finds every spelling. "
            f"**{len(variants):,} people** have at least one other spelling.")
if view.hide_names:
    st.info("The spellings are not shown while hide-names mode is on.")
elif not variants.empty:
    st.dataframe(readable_table(variants[["name", "aliases", "source_section"]]), hide_index=True, width="stretch",
                 column_config={header("aliases"): st.column_config.ListColumn()}, key="quality_variants")

st.subheader("Possible duplicates")
st.markdown(f"Where a source lists two names that may be one person and we cannot tell, both stay as "
            f"separate rows and each says so in its notes: **{len(duplicates):,} rows**.")
if not duplicates.empty:
    st.dataframe(readable_table(duplicates[["name", "source_section", "notes"]]), hide_index=True, width="stretch",
                 column_config={header("notes"): st.column_config.TextColumn(width="large")}, key="quality_duplicates")

st.subheader("Stated and named counts")
differing = comparisons[comparisons["named_count"].notna() & (comparisons["named_count"] != comparisons["stated_value"])]
st.markdown(f"A source may state a number and name a different number of people for it. Of "
            f"{int(comparisons['named_count'].notna().sum()):,} stated figures with named people, "
            f"**{len(differing):,} differ** from the count of names; the dashboard shows both.")
if not differing.empty:
    st.dataframe(readable_table(differing[["description", "stated_value", "named_count", "comparison", "qualifier",
                                           "as_of", "source_section"]]),
                 hide_index=True, width="stretch", key="quality_comparisons",
                 column_config={header("description"): st.column_config.TextColumn("What is counted", width="medium"),
                                header("comparison"): st.column_config.TextColumn(width="large")})

st.header("This build")
build = frames["build_info"].iloc[0]
st.dataframe(pd.DataFrame({"": ["Built at (UTC)", "Build", "From records in", "Records fingerprint", "Persons", "Events"],
                           "Value": [f"{build['built_at']:%Y-%m-%d %H:%M}", build["build_id"], build["inputs"],
                                     build["records_fingerprint"], f"{build['n_persons']:,}", f"{build['n_events']:,}"]}),
             hide_index=True, key="build_info")

st.header("Sources")
st.dataframe(readable_table(frames["sources"].drop(columns=["source_id"])), hide_index=True, width="stretch",
             key="sources_table")

"""Data & sources: every table to download as filtered, how the records were made, what each column
means, the known data-quality points, when the data was built and from which sources."""
import pandas as pd
import streamlit as st

from dashboard.charts.show import caption, scope_of
from dashboard.export import definitions, download_buttons
from dashboard.i18n import translation
from dashboard.labels import SOURCE_SHOWN, header, readable_table
from dashboard.labels import label as words
from dashboard.loader import load_many, load_table, rows_for_download
from dashboard.view import page_view
from etl.schema import TABLES

# Tables in the order a reader needs them; the first four follow the sidebar filters.
DOWNLOADS = ("persons", "charges", "sentences", "events", "person_statuses", "figures", "figure_members",
             "ep_recommendations", "sources", "regions", "translations")
FILTERED = ("persons", "charges", "sentences", "events")


view = page_view()
t = translation(view.language)
_ = t.gettext
frames = load_many(view, ["export_row_counts", "spelling_variants", "possible_duplicates", "figure_comparisons",
                          "build_info"])
variants, duplicates, comparisons = frames["spelling_variants"], frames["possible_duplicates"], frames["figure_comparisons"]
filters_active = view.filters.is_set

st.title(_("Data & sources"))
st.caption(_("Every number in this dashboard comes from the tables below, built from curated records that "
             "cite the source and section of each fact."))

st.header(_("Download the data"))
caption(scope_of(view) + ". " + _("Persons, charges, sentences and events are downloaded as these filters select "
                                  "them; the other tables are always complete.") +
        (" " + _("Hide-names mode is on: names are pseudonyms and other spellings are left out.")
         if view.hide_names else ""))
n_rows = frames["export_row_counts"].set_index("table_name")["n_rows"]
for table in DOWNLOADS:
    scope = (_("filtered") if filters_active else _("all rows")) if table in FILTERED else _("all rows, not filtered")
    label, buttons = st.columns(2, vertical_alignment="center")
    grain = _(TABLES[table]["grain"])
    rows = t.ngettext("{n} row", "{n} rows", int(n_rows[table])).format(n=t.number(int(n_rows[table])))
    label.markdown(f"**{words('table', table, view.language)}** · {rows} ({scope})  \n{grain[0].upper()}{grain[1:]}.")
    with buttons:
        stem = table + ("-filtered" if filters_active and table in FILTERED else "") + \
            ("-names-hidden" if view.hide_names else "")
        download_buttons(table, rows_for_download(view, f"export_{table}", list(TABLES[table]["key"])),
                         int(n_rows[table]), stem, view.language)
st.caption(_("CSV joins lists (aliases, roles, affiliations) with | and puts a ' before any text that starts with =, "
             "+, -, @, a tab or a carriage return, so a spreadsheet shows it instead of running it. XLSX joins lists "
             "the same way and stores every text cell as text, so such text shows exactly as recorded and is never "
             "run. Parquet keeps the typed values and lists as they are. CSV is UTF-8 with a byte-order mark. "
             "Downloads keep the stored names, values and English record text, with a sheet of labels in XLSX."))

st.header(_("Methodology"))
st.markdown(_("""
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
- **Languages.** Record text (descriptions, notes, evidence, summaries) is our English wording; where a
  person has translated it and a second person has reviewed the translation, it is shown in Russian or
  Kazakh, and otherwise in English, marked so. Names are spelled in Latin letters, as the records have them.
"""))

st.header(_("Definitions"))
st.caption(_("Generated from the records registry (etl/schema.py), the same registry that validates every build."))
tables, columns = definitions(DOWNLOADS, view.language)
with st.container(key="definitions"):  # the one place on a page where machine names belong
    st.dataframe(tables, hide_index=True, width="stretch", key="definitions_tables")
    with st.expander(_("Every column of every table")):
        st.dataframe(columns, hide_index=True, width="stretch", key="definitions_columns")

st.header(_("Data-quality notes"))
st.subheader(_("Spelling variants"))
st.markdown(t.ngettext(
    "The sources spell some names in more than one way. Each person is one row; the other spellings are kept as "
    "aliases, and the People page's search finds every spelling, in Latin or Cyrillic letters. **{n} person** has "
    "at least one other spelling.",
    "The sources spell some names in more than one way. Each person is one row; the other spellings are kept as "
    "aliases, and the People page's search finds every spelling, in Latin or Cyrillic letters. **{n} people** have "
    "at least one other spelling.", len(variants)).format(n=t.number(len(variants))))
if view.hide_names:
    st.info(_("The spellings are not shown while hide-names mode is on."))
elif not variants.empty:
    st.dataframe(load_table(view, "spelling_variants", ("name", "aliases", "source_section")), hide_index=True,
                 width="stretch", column_config={header("aliases", view.language): st.column_config.ListColumn()},
                 key="quality_variants")

st.subheader(_("Possible duplicates"))
st.markdown(t.ngettext(
    "Where a source lists two names that may be one person and we cannot tell, both stay as separate rows and each "
    "says so in its notes: **{n} row**.",
    "Where a source lists two names that may be one person and we cannot tell, both stay as separate rows and each "
    "says so in its notes: **{n} rows**.", len(duplicates)).format(n=t.number(len(duplicates))))
if not duplicates.empty:
    st.dataframe(load_table(view, "possible_duplicates", ("name", "source_section", "notes")), hide_index=True,
                 width="stretch", key="quality_duplicates",
                 column_config={header("notes", view.language): st.column_config.TextColumn(width="large")})

st.subheader(_("Stated and named counts"))
differing = comparisons[comparisons["named_count"].notna() & (comparisons["named_count"] != comparisons["stated_value"])]
with_named = int(comparisons["named_count"].notna().sum())
st.markdown(t.ngettext(
    "A source may state a number and name a different number of people for it. Of {total} stated figure with named "
    "people, **{n} differ** from the count of names; the dashboard shows both.",
    "A source may state a number and name a different number of people for it. Of {total} stated figures with named "
    "people, **{n} differ** from the count of names; the dashboard shows both.", with_named).format(
    total=t.number(with_named), n=t.number(len(differing))))
if not differing.empty:
    st.dataframe(readable_table(differing[["description", "stated_value", "named_count", "comparison", "qualifier",
                                           "as_of", "source_section"]], view.language),
                 hide_index=True, width="stretch", key="quality_comparisons",
                 column_config={header("description", view.language): st.column_config.TextColumn(
                                    _("What is counted"), width="medium"),
                                header("comparison", view.language): st.column_config.TextColumn(width="large")})

st.header(_("This build"))
build = frames["build_info"].iloc[0]
st.dataframe(pd.DataFrame({"": [_("Built at (UTC)"), _("Build"), _("From records in"), _("Records fingerprint"),
                                _("Persons"), _("Events")],
                           _("Value"): [f"{build['built_at']:%Y-%m-%d %H:%M}", build["build_id"], build["inputs"],
                                        build["records_fingerprint"], t.number(build["n_persons"]),
                                        t.number(build["n_events"])]}),
             hide_index=True, key="build_info")

st.header(_("Sources"))
st.dataframe(load_table(view, "sources", SOURCE_SHOWN), hide_index=True, width="stretch", key="sources_table")

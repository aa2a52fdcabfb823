"""People: a searchable table of the persons the filters select, and a profile per person at
/people?person=<person_id> (in hide-names mode, ?person=<pseudonym>)."""
import textwrap

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.charts import PALETTE, caption, citation, empty_state, plain, show, style
from dashboard.data import LISTED, load, load_filtered
from dashboard.db import query
from dashboard.filters import current
from dashboard.links import profile_links
from dashboard.privacy import pseudonym, resolve_person

PRECISIONS = {"day": ("Exact day", "circle"), "month": ("Only the month is known", "square"),
              "year": ("Only the year is known", "diamond")}
HOVER_WIDTH = 60
TABLE_RUN = "people_table_run"


def words(value) -> str:
    """An allowed value as words: pre_trial_detention -> pre trial detention; a missing value (None, NaN) as ""."""
    return value.replace("_", " ") if isinstance(value, str) else ""


def listed(values) -> str:
    return ", ".join(words(v) for v in values) if values is not None and len(values) else "—"


def cite(*frames: pd.DataFrame) -> None:
    caption(citation(*frames))


def people_table(anonymise: bool) -> None:
    search = st.text_input("Search by name or any other spelling", key="people_search",
                           placeholder="Pseudonym, e.g. Person AB2CD" if anonymise else "e.g. Sauytbai").strip()
    # hide-names: match the pseudonyms, never the real names, so the search cannot reveal who is who; every
    # match is fetched then, as the pseudonyms (and their order) exist only here
    people = load_filtered("people", search="" if anonymise else search, listed=None if anonymise else LISTED)
    if anonymise:  # ordered by pseudonym: an order by real name would hint at the names
        people = people[people["name"].str.contains(search, case=False, regex=False)].sort_values("name")
    if people.empty:
        if search:
            st.info("Nobody matches the search within the current filters. Check the spelling or clear a filter.")
        else:
            empty_state("people")
        st.stop()

    total = int(people["n_matching"].iloc[0]) if not anonymise else len(people)
    people = people.head(LISTED)  # a browser table of 100,000 rows costs seconds per rerun; search finds the rest
    people = people.assign(profile=profile_links(people["person_id"]),
                           status=people["status"].map(words),
                           roles=people["roles"].map(lambda roles: [words(r) for r in roles]))
    columns = ["name", "profile", "status", "status_as_of", "is_political_prisoner", "n_charges", "n_sentences",
               "n_events", "region", "roles", "affiliations", *([] if anonymise else ["aliases"])]
    listed_note = f" The first {LISTED:,} by name are listed: search or narrow the filters to find others." \
        if total > LISTED else ""
    st.caption(f"{total:,} people.{listed_note} Charges, sentences and events are counted within the filters; "
               "while a period is set, only people with a charge, sentence or event in it are listed. "
               "Select a row, or open its profile link, to see the person's timeline.")
    selected = st.dataframe(
        # a fresh key after each selection: the browser would otherwise resend the old selection on return
        people[columns], hide_index=True, width="stretch", key=f"people_table_{st.session_state.get(TABLE_RUN, 0)}",
        on_select="rerun", selection_mode="single-row",
        column_config={
            "name": st.column_config.TextColumn("Pseudonym" if anonymise else "Name", pinned=True),
            "aliases": st.column_config.ListColumn("Other spellings"),
            "roles": st.column_config.ListColumn("Roles"),
            "affiliations": st.column_config.ListColumn("Movements and groups"),
            "status": st.column_config.TextColumn("Status"),
            "status_as_of": st.column_config.DateColumn("Status as of", format="YYYY-MM-DD"),
            "is_political_prisoner": st.column_config.CheckboxColumn("Political prisoner", width="small"),
            "region": st.column_config.TextColumn("Region"),
            "n_charges": st.column_config.NumberColumn("Charges", width="small"),
            "n_sentences": st.column_config.NumberColumn("Sentences", width="small"),
            "n_events": st.column_config.NumberColumn("Events", width="small"),
            "profile": st.column_config.LinkColumn("Profile", display_text="Open", width="small"),
        },
    )
    caption(current()[0].describe(), citation(people))
    if selected.selection.rows:
        st.query_params["person"] = people.iloc[selected.selection.rows[0]]["person_id"]
        st.session_state[TABLE_RUN] = st.session_state.get(TABLE_RUN, 0) + 1
        st.rerun()


def timeline(events: pd.DataFrame) -> None:
    st.subheader("Timeline")
    if events.empty:
        st.info("No dated events are recorded for this person.")
        return
    events = events.assign(type_label=events["event_type"].map(lambda t: words(t).capitalize()))
    figure = go.Figure()
    for index, (precision, (name, symbol)) in enumerate(PRECISIONS.items()):
        rows = events[events["date_precision"] == precision]
        if rows.empty:
            continue
        if precision != "day":  # the span a month- or year-only date could fall in
            span_x = [x for start, end in zip(rows["event_date"], rows["period_end"]) for x in (start, end, None)]
            span_y = [y for label in rows["type_label"] for y in (label, label, None)]
            figure.add_scatter(x=span_x, y=span_y, mode="lines", line={"color": PALETTE[index], "width": 2},
                               hoverinfo="skip", showlegend=False)
        hover = ["<br>".join(textwrap.wrap(plain(text), HOVER_WIDTH, break_long_words=False)) for text in rows["description"].fillna("")]
        figure.add_scatter(
            x=rows["plotted_date"], y=rows["type_label"], mode="markers", name=name,
            marker={"symbol": symbol, "size": 14, "color": PALETTE[index], "line": {"width": 1, "color": "#000000"}},
            customdata=list(zip(rows["date_label"].map(plain), hover)),
            hovertemplate="%{customdata[0]} · %{y}<br>%{customdata[1]}<extra></extra>",
        )
    counts = events["type_label"].value_counts()
    first, last = events.iloc[0], events.iloc[-1]
    if len(events) == 1:
        title = f"One recorded event: {first['type_label'].lower()}, {first['date_label']}"
    elif counts.iloc[0] == 1:
        title = f"{len(events)} recorded events, each of a different kind, from {first['date_label']} to {last['date_label']}"
    else:
        title = (f"{len(events)} recorded events from {first['date_label']} to {last['date_label']}; "
                 f"most often: {counts.index[0].lower()} ({counts.iloc[0]})")
    style(figure, plain(title), "Date (month- or year-only dates: middle of the period, line = its span)",
          "Event type")
    figure.update_yaxes(categoryorder="array", categoryarray=list(dict.fromkeys(events["type_label"])))
    start, end = events["event_date"].min(), events["period_end"].max()
    margin = max(pd.Timedelta(days=45), (end - start) * 0.05)  # a lone event would otherwise zoom to milliseconds
    figure.update_xaxes(type="date", range=[start - margin, end + margin])
    # the legend sits at the foot of the figure, below the axis title, however few rows the chart has
    figure.update_layout(legend={"yref": "container", "y": 0, "yanchor": "bottom"}, margin_b=70, showlegend=True)
    if not current()[1].present:
        figure.update_layout(height=max(340, 150 + 48 * len(counts)))
    table = events[["date_label", "date_precision", "type_label", "n_people", "count_qualifier", "city", "description"]]
    show("person_timeline", figure, table.rename(columns={"date_label": "date", "type_label": "event"}), [events])


def record_table(title: str, frame: pd.DataFrame, columns: dict[str, str], nothing: str) -> None:
    st.subheader(title)
    if frame.empty:
        st.info(nothing)
        return
    st.dataframe(frame[list(columns)].rename(columns=columns), hide_index=True, width="stretch")
    cite(frame)


def profile(person_id: str, anonymise: bool) -> None:
    row = load("person_profile", person_id=person_id)
    person = row.iloc[0]
    if st.button("Back to all people", key="people_back", icon=":material/arrow_back:", type="tertiary"):
        del st.query_params["person"]  # same tab, same session: the filters stay as they were
        st.rerun()
    st.title("Person profile")
    details = {
        "Pseudonym" if anonymise else "Name": person["name"],
        **({} if anonymise else {"Other spellings": listed(person["aliases"])}),
        "Roles": listed(person["roles"]),
        "Movements and groups": listed(person["affiliations"]),
        "Status": f"{words(person['status'])} (as of {person['status_as_of']:%-d %B %Y})",
        "Political prisoner": (f"yes, {words(person['prisoner_group']) or 'group not stated'}"
                               if person["is_political_prisoner"] else "no"),
        "Gender": words(person["gender"]) or "not stated",
        "Region": person["region"] if isinstance(person["region"], str) else "not stated",
        "City": person["city"] if isinstance(person["city"], str) else "not stated",
    }
    st.dataframe(pd.DataFrame({"": list(details), "Record": list(details.values())}), hide_index=True,
                 key="person_details")
    if isinstance(person["notes"], str):
        st.subheader("Notes")
        st.text(person["notes"])
    cite(row)
    st.caption("A profile shows every record about the person; the sidebar filters apply to the table of people.")

    timeline(load("person_events", person_id=person_id))
    charges = load("person_charges", person_id=person_id)
    record_table("Charges", charges.assign(outcome=charges["outcome"].map(words)),
                 {"code": "Code", "article": "Article", "part": "Part", "label": "Offence", "date_label": "Date",
                  "outcome": "Outcome"}, "No charges are recorded for this person.")
    sentences = load("person_sentences", person_id=person_id)
    record_table("Sentences", sentences.assign(sentence_type=sentences["sentence_type"].map(words),
                                               stage=sentences["stage"].map(words)),
                 {"sentence_type": "Type", "term_months": "Term (months)", "term_days": "Term (days)",
                  "activity_ban_years": "Activity ban (years)", "fine_amount": "Fine", "fine_currency": "Currency",
                  "court": "Court", "stage": "Stage", "date_label": "Date"},
                 "No sentences are recorded for this person.")
    record_table("Sources", load("person_sources", person_id=person_id),
                 {"sections_cited": "Sections", "title": "Source", "publisher": "Publisher"},
                 "No source rows are recorded for this person.")


anonymise = current()[1].anonymise
requested = st.query_params.get("person")
if requested:
    person_id = resolve_person(requested, query("person_ids")["person_id"])  # ids only, never displayed
    if person_id:
        if anonymise and requested != pseudonym(person_id):  # keep the real id off a shared screen
            st.query_params["person"] = pseudonym(person_id)
        profile(person_id, anonymise)
        st.stop()
    st.title("People")
    st.warning("No person matches the person in this link. It may be mistyped or out of date: "
               "search for the person in the table below.")
    st.text(f"The link asked for: {requested}")
else:
    st.title("People")
people_table(anonymise)

"""People: a searchable table of the persons the filters select, and a profile per person at
/people?person=<person_id> (in hide-names mode, ?person=<pseudonym>)."""
import pandas as pd
import streamlit as st

from dashboard.charts import chart
from dashboard.charts.people import timeline
from dashboard.charts.show import caption, citation, empty_state, scope_of, show
from dashboard.links import profile_links
from dashboard import profile
from dashboard.loader import LISTED, load, load_many, person_of_link, pseudonym_of
from dashboard.labels import NOT_STATED, header, label
from dashboard.view import View, page_view

TABLE_RUN = "people_table_run"


def words(kind: str, value) -> str:
    """A stored value as words; a missing value (None, NaN) as ""."""
    return label(kind, value) if isinstance(value, str) else ""


def listed(kind: str, values) -> str:
    return ", ".join(words(kind, v) for v in values) if values is not None and len(values) else NOT_STATED


def people_table(view: View) -> None:
    anonymise = view.hide_names
    search = st.text_input("Search by name or any other spelling", key="people_search",
                           placeholder="Pseudonym, e.g. Person K7MX2QPR4T" if anonymise else "e.g. Sauytbai").strip()
    # hide-names: match the pseudonyms, never the real names, so the search cannot reveal who is who; every
    # match is fetched then, as the pseudonyms (and their order) exist only here
    people = load(view, "people", search="" if anonymise else search, listed=None if anonymise else LISTED)
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
    people = people.assign(profile=profile_links(people["person_id"], view),
                           status=people["status"].map(lambda s: words("status", s)),
                           roles=people["roles"].map(lambda roles: [words("roles", r) for r in roles]),
                           region=people["region"].fillna(""))
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
            "name": st.column_config.TextColumn("Pseudonym" if anonymise else header("name"), pinned=True),
            "aliases": st.column_config.ListColumn(header("aliases")),
            "roles": st.column_config.ListColumn(header("roles")),
            "affiliations": st.column_config.ListColumn(header("affiliations")),
            "status": st.column_config.TextColumn(header("status")),
            "status_as_of": st.column_config.DateColumn(header("status_as_of"), format="YYYY-MM-DD"),
            "is_political_prisoner": st.column_config.CheckboxColumn(header("is_political_prisoner"), width="small"),
            "region": st.column_config.TextColumn(header("region")),
            "n_charges": st.column_config.NumberColumn(header("n_charges"), width="small"),
            "n_sentences": st.column_config.NumberColumn(header("n_sentences"), width="small"),
            "n_events": st.column_config.NumberColumn(header("n_events"), width="small"),
            "profile": st.column_config.LinkColumn(header("profile"), display_text="Open", width="small"),
        },
    )
    caption(scope_of(view), citation(view, people))
    if selected.selection.rows:
        st.query_params["person"] = people.iloc[selected.selection.rows[0]]["person_id"]
        st.session_state[TABLE_RUN] = st.session_state.get(TABLE_RUN, 0) + 1
        st.rerun()


# Our own constant style for the name on a profile card, shown as plain text (st.text reads no Markdown).
NAME_CSS = "<style>.st-key-person_name [data-testid='stText'] {font-size: 2rem; font-weight: 700; line-height: 1.25}</style>"
PROFILE_QUERIES = ("person_profile", "person_status_history", "person_charges", "person_sentences", "person_events",
                   "person_sources")


def record_lines(view: View, title: str, frame: pd.DataFrame, lines: list[str], nothing: str) -> None:
    """A part of the profile in words, one record a line, with the sources its rows cite."""
    st.subheader(title)
    if frame.empty:
        st.info(nothing)
        return
    st.text("\n".join(f"• {line}" for line in lines))
    caption(citation(view, frame))


def profile_card(view: View, frames: dict[str, pd.DataFrame]) -> None:
    """The name (or pseudonym), status badges, the summary paragraph and the person's other facts."""
    person = frames["person_profile"].iloc[0]
    st.html(NAME_CSS)
    with st.container(border=True, key="person_card"):
        with st.container(key="person_name"):
            st.text(person["name"])
        with st.container(horizontal=True):
            colour, icon = profile.STATUS_BADGES[person["status"]]
            st.badge(f"{words('status', person['status'])}, as of {person['status_as_of']:%-d %B %Y}", color=colour,
                     icon=icon)
            if person["is_political_prisoner"]:
                group = words("prisoner_group", person["prisoner_group"])
                st.badge(f"Political prisoner{f' ({group.lower()})' if group else ''}", color="violet",
                         icon=":material/gavel:")
        st.text(profile.summary(person, frames["person_charges"], frames["person_sentences"], frames["person_events"]))
        facts = {**({} if view.hide_names else {header("aliases"): listed("aliases", person["aliases"])}),
                 header("gender"): words("gender", person["gender"]) or NOT_STATED,
                 header("region"): person["region"] if isinstance(person["region"], str) else NOT_STATED,
                 header("city"): person["city"] if isinstance(person["city"], str) else NOT_STATED}
        caption(" · ".join(f"{name}: {value}" for name, value in facts.items()))


def person_profile(view: View, person_id: str) -> None:
    frames = load_many(view, [(name, {"person_id": person_id}) for name in PROFILE_QUERIES])
    if st.button("Back to all people", key="people_back", icon=":material/arrow_back:", type="tertiary"):
        del st.query_params["person"]  # same tab, same session: the filters stay as they were
        st.rerun()
    st.title("Person profile")
    profile_card(view, frames)
    notes = frames["person_profile"].iloc[0]["notes"]
    if isinstance(notes, str):
        st.subheader("Notes")
        st.text(notes)
    caption(citation(view, frames["person_profile"]))
    st.caption("A profile shows every record about the person; the sidebar filters apply to the table of people.")

    st.subheader("Timeline")
    events = chart(timeline, view, person_id=person_id)
    if events is None:
        st.info("No dated events are recorded for this person.")
    else:
        show(events, view)
    record_lines(view, "Status over time", frames["person_status_history"],
                 profile.status_lines(frames["person_status_history"]), "No status is recorded for this person.")
    charges, sentences = frames["person_charges"], frames["person_sentences"]
    record_lines(view, "Charges", charges, profile.charge_lines(charges), "No charges are recorded for this person.")
    record_lines(view, "Sentences", sentences, profile.sentence_lines(sentences),
                 "No sentences are recorded for this person.")
    record_lines(view, "Sources", frames["person_sources"], profile.source_lines(frames["person_sources"]),
                 "No source rows are recorded for this person.")


view = page_view()
requested = st.query_params.get("person")
if requested:
    person_id = person_of_link(requested)
    if person_id:
        if view.hide_names and requested != pseudonym_of(person_id):  # keep the real id off a shared screen
            st.query_params["person"] = pseudonym_of(person_id)
        person_profile(view, person_id)
        st.stop()
    st.title("People")
    st.warning("No person matches the person in this link. It may be mistyped or out of date: "
               "search for the person in the table below.")
    if view.hide_names:  # a link by id would leave the name it spells on a shared screen, in the address bar
        del st.query_params["person"]
    else:
        st.text(f"The link asked for: {requested}")
else:
    st.title("People")
people_table(view)

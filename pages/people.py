"""People: a searchable table of the persons the filters select, and a profile per person at
/people?person=<person_id> (in hide-names mode, ?person=<pseudonym>)."""
import pandas as pd
import streamlit as st

from dashboard.charts import chart
from dashboard.charts.people import timeline
from dashboard.charts.show import caption, citation, empty_state, scope_of, show
from dashboard import profile
from dashboard.i18n import Translation, translation
from dashboard.links import profile_links
from dashboard.loader import LISTED, load, load_many, person_of_link, pseudonym_of
from dashboard.labels import NOT_STATED, header, label
from dashboard.view import EndOfPage, View, page_view
from etl.spelling import spelling_key

TABLE_RUN = "people_table_run"


def words(kind: str, value, language: str) -> str:
    """A stored value as words; a missing value (None, NaN) as ""."""
    return label(kind, value, language) if isinstance(value, str) else ""


def listed(kind: str, values, language: str) -> str:
    if values is None or not len(values):
        return translation(language).gettext(NOT_STATED)
    return ", ".join(words(kind, v, language) for v in values)


def people_table(view: View) -> None:
    t = translation(view.language)
    _ = t.gettext
    anonymise = view.hide_names
    search = st.text_input(_("Search by name or any other spelling, in Latin or Cyrillic letters"),
                           key="people_search",
                           placeholder=_("Pseudonym, e.g. Person K7MX2QPR4T") if anonymise else
                           _("e.g. Sauytbai or Сауытбай")).strip()
    # hide-names: match the pseudonyms, never the real names, so the search cannot reveal who is who; every
    # match is fetched then, as the pseudonyms (and their order) exist only here
    people = load(view, "people", search="" if anonymise else search,
                  search_key="" if anonymise else spelling_key(search), listed=None if anonymise else LISTED)
    if anonymise:  # ordered by pseudonym: an order by real name would hint at the names
        people = people[people["name"].str.contains(search, case=False, regex=False)].sort_values("name")
    if people.empty:
        if search:
            st.info(_("Nobody matches the search within the current filters. Check the spelling or clear a filter."))
        else:
            empty_state(_("No people match the current filters."), view)
        raise EndOfPage

    total = int(people["n_matching"].iloc[0]) if not anonymise else len(people)
    people = people.head(LISTED)  # a browser table of 100,000 rows costs seconds per rerun; search finds the rest
    people = people.assign(profile=profile_links(people["person_id"], view),
                           status=people["status"].map(lambda s: words("status", s, view.language)),
                           roles=people["roles"].map(lambda roles: [words("roles", r, view.language) for r in roles]),
                           region=people["region"].fillna(""))
    columns = ["name", "profile", "status", "status_as_of", "is_political_prisoner", "n_charges", "n_sentences",
               "n_events", "region", "roles", "affiliations", *([] if anonymise else ["aliases"])]
    listed_note = (" " + _("The first {listed} by name are listed: search or narrow the filters to find others.").format(
        listed=t.number(LISTED))) if total > LISTED else ""
    st.caption(t.ngettext("{n} person.", "{n} people.", total).format(n=t.number(total)) + listed_note + " " +
               _("Charges, sentences and events are counted within the filters; while a period is set, only people "
                 "with a charge, sentence or event in it are listed. Select a row, or open its profile link, to see "
                 "the person's timeline."))
    head = lambda column: header(column, view.language)  # noqa: E731
    selected = st.dataframe(
        # a fresh key after each selection: the browser would otherwise resend the old selection on return
        people[columns], hide_index=True, width="stretch", key=f"people_table_{st.session_state.get(TABLE_RUN, 0)}",
        on_select="rerun", selection_mode="single-row",
        column_config={
            "name": st.column_config.TextColumn(_("Pseudonym") if anonymise else head("name"), pinned=True),
            "aliases": st.column_config.ListColumn(head("aliases")),
            "roles": st.column_config.ListColumn(head("roles")),
            "affiliations": st.column_config.ListColumn(head("affiliations")),
            "status": st.column_config.TextColumn(head("status")),
            "status_as_of": st.column_config.DateColumn(head("status_as_of"), format="YYYY-MM-DD"),
            "is_political_prisoner": st.column_config.CheckboxColumn(head("is_political_prisoner"), width="small"),
            "region": st.column_config.TextColumn(head("region")),
            "n_charges": st.column_config.NumberColumn(head("n_charges"), width="small"),
            "n_sentences": st.column_config.NumberColumn(head("n_sentences"), width="small"),
            "n_events": st.column_config.NumberColumn(head("n_events"), width="small"),
            "profile": st.column_config.LinkColumn(head("profile"), display_text=_("Open"), width="small"),
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


def profile_card(view: View, frames: dict[str, pd.DataFrame], t: Translation) -> None:
    """The name (or pseudonym), status badges, the summary paragraph and the person's other facts."""
    _ = t.gettext
    language = view.language
    person = frames["person_profile"].iloc[0]
    st.html(NAME_CSS)
    with st.container(border=True, key="person_card"):
        with st.container(key="person_name"):
            st.text(person["name"])
        with st.container(horizontal=True):
            colour, icon = profile.STATUS_BADGES[person["status"]]
            st.badge(_("{status}, as of {date}").format(status=words("status", person["status"], language),
                                                        date=t.date(person["status_as_of"])), color=colour, icon=icon)
            if person["is_political_prisoner"]:
                group = words("prisoner_group", person["prisoner_group"], language)
                st.badge(_("Political prisoner ({group})").format(group=group.lower()) if group else
                         _("Political prisoner"), color="violet", icon=":material/gavel:")
        st.text(profile.summary(person, frames["person_charges"], frames["person_sentences"], frames["person_events"],
                                t))
        not_stated = _(NOT_STATED)
        facts = {**({} if view.hide_names else {header("aliases", language): listed("aliases", person["aliases"],
                                                                                    language)}),
                 header("gender", language): words("gender", person["gender"], language) or not_stated,
                 header("region", language): person["region"] if isinstance(person["region"], str) else not_stated,
                 header("city", language): person["city"] if isinstance(person["city"], str) else not_stated}
        caption(" · ".join(f"{name}: {value}" for name, value in facts.items()))


def person_profile(view: View, person_id: str) -> None:
    t = translation(view.language)
    _ = t.gettext
    frames = load_many(view, [(name, {"person_id": person_id}) for name in PROFILE_QUERIES])
    if st.button(_("Back to all people"), key="people_back", icon=":material/arrow_back:", type="tertiary"):
        del st.query_params["person"]  # same tab, same session: the filters stay as they were
        st.rerun()
    st.title(_("Person profile"))
    profile_card(view, frames, t)
    notes = frames["person_profile"].iloc[0]["notes"]
    if isinstance(notes, str):
        st.subheader(header("notes", view.language))
        st.text(notes)
    caption(citation(view, frames["person_profile"]))
    st.caption(_("A profile shows every record about the person; the sidebar filters apply to the table of people."))

    st.subheader(_("Timeline"))
    events = chart(timeline, view, person_id=person_id)
    if events is None:
        st.info(_("No dated events are recorded for this person."))
    else:
        show(events, view)
    record_lines(view, _("Status over time"), frames["person_status_history"],
                 profile.status_lines(frames["person_status_history"], t), _("No status is recorded for this person."))
    charges, sentences = frames["person_charges"], frames["person_sentences"]
    record_lines(view, _("Charges"), charges, profile.charge_lines(charges, t),
                 _("No charges are recorded for this person."))
    record_lines(view, _("Sentences"), sentences, profile.sentence_lines(sentences, t),
                 _("No sentences are recorded for this person."))
    record_lines(view, _("Sources"), frames["person_sources"], profile.source_lines(frames["person_sources"], t),
                 _("No source rows are recorded for this person."))


view = page_view()
_ = translation(view.language).gettext
requested = st.query_params.get("person")
if requested:
    person_id = person_of_link(requested)
    if person_id:
        if view.hide_names and requested != pseudonym_of(person_id):  # keep the real id off a shared screen
            st.query_params["person"] = pseudonym_of(person_id)
        person_profile(view, person_id)
        raise EndOfPage
    st.title(_("People"))
    st.warning(_("No person matches the person in this link. It may be mistyped or out of date: "
                 "search for the person in the table below."))
    if view.hide_names:  # a link by id would leave the name it spells on a shared screen, in the address bar
        del st.query_params["person"]
    else:
        st.text(_("The link asked for: {person}").format(person=requested))
else:
    st.title(_("People"))
people_table(view)

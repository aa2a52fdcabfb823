"""Router: page config, the view (filters in the URL), presenter styling, the pages, then the shared sidebar."""
import datetime as dt

import streamlit as st

from dashboard.i18n import translation
from dashboard.loader import WarehouseUnavailable
from dashboard.present import stage
from dashboard.view import EndOfPage, chosen_language, draw_sidebar, make_view, presenter_asked

# Our own constant stylesheets (no record text ever reaches them). Text meets WCAG AA contrast (4.5:1): small print
# (drawn at 60 % opacity) and the chosen option of a segmented control are darker than Streamlit draws them (3.9:1
# and 4.5:1 on white). A metric's label wraps instead of being cut short with an ellipsis.
BASE_CSS = """<style>
[data-testid="stCaptionContainer"] { color: #5c5b5a; opacity: 1; }
button[data-selected="true"] [data-testid="stMarkdownContainer"] p { color: #a3202f; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; }
</style>"""
PRESENTER_CSS = """<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
h1 { font-size: 2.6rem !important; } h2, h3 { font-size: 2rem !important; }
[data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"] p { font-size: 1.1rem !important; color: #000 !important; }
[data-testid="stCaptionContainer"] * { color: #000 !important; }
.st-key-chart_slide h3 { font-size: 1.45rem !important; padding: 0 !important; }
.st-key-chart_slide [data-testid="stCaptionContainer"] { font-size: 0.8rem !important; }
.st-key-presenter_bar { font-size: 0.8rem; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: 3.6rem !important; }
[data-testid="stHeader"], [data-testid="stToolbar"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.5rem 1.5rem !important; }
</style>"""

_ = translation(chosen_language()).gettext  # this session's language: the pages' titles are in it
st.set_page_config(page_title=_("Kazakhstan political repression"), page_icon="assets/favicon.png", layout="wide",
                   initial_sidebar_state="collapsed" if presenter_asked() or st.context.is_embedded else "auto")

PAGES = [
    st.Page("pages/overview.py", title=_("Overview"), icon=":material/dashboard:", url_path="", default=True),
    st.Page("pages/detentions.py", title=_("Detentions over time"), icon=":material/timeline:", url_path="detentions"),
    st.Page("pages/articles.py", title=_("Articles"), icon=":material/gavel:", url_path="articles"),
    st.Page("pages/sentences.py", title=_("Sentences"), icon=":material/balance:", url_path="sentences"),
    st.Page("pages/regions.py", title=_("Regions"), icon=":material/map:", url_path="regions"),
    st.Page("pages/ep_resolution.py", title=_("EP resolution"), icon=":material/account_balance:",
            url_path="ep-resolution"),
    st.Page("pages/people.py", title=_("People"), icon=":material/group:", url_path="people"),
    st.Page("pages/data.py", title=_("Data & sources"), icon=":material/download:", url_path="data"),
    st.Page("pages/changes.py", title=_("What changed"), icon=":material/update:", url_path="changes"),
    st.Page("pages/briefing.py", title=_("Briefing pack"), icon=":material/slideshow:", url_path="briefing"),
    # for editors only: not in the navigation, and nothing of it shows without the server's editor password
    st.Page("pages/desk.py", title=_("Data desk"), icon=":material/edit_note:", url_path="desk", visibility="hidden"),
]



# Streamlit's frontend, reconnecting after its server went away, reruns the page only if the page has a fragment that
# reruns on a timer. Behind the proxy (deploy/) a viewer whose replica died reconnects to a replica that has no session
# for them: without a rerun their page would show, but its downloads and images would do nothing until they changed
# something. This fragment does nothing (once a day); its timer makes every reconnect rerun the page from its URL.
@st.fragment(run_every=dt.timedelta(days=1))
def rerun_on_reconnect() -> None:
    pass


navigation = st.navigation(PAGES)
rerun_on_reconnect()
try:
    view = make_view()
    st.html(BASE_CSS + (PRESENTER_CSS if view.present else ""))
    try:
        with stage(view, navigation.url_path):
            navigation.run()
    except EndOfPage:
        pass
    draw_sidebar(view)  # after the page: its charts go to the browser first (dashboard/view.py, make_view)
except WarehouseUnavailable as err:
    st.error(_("The data warehouse is not available."))
    st.text(str(err))

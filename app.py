"""Router: page config, the shared sidebar (filters in the URL), presenter styling, and the pages."""
import streamlit as st

from dashboard.i18n import translation
from dashboard.loader import WarehouseUnavailable
from dashboard.view import chosen_language, draw_sidebar, presenter_asked

# Our own constant stylesheet for presenter mode (no record text ever reaches it).
PRESENTER_CSS = """<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
h1 { font-size: 2.6rem !important; } h2, h3 { font-size: 2rem !important; }
[data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"] p { font-size: 1.1rem !important; color: #000 !important; }
[data-testid="stMetricValue"] { font-size: 3.6rem !important; }
[data-testid="stHeader"], [data-testid="stToolbar"], footer { display: none !important; }
</style>"""

_ = translation(chosen_language()).gettext  # this session's language: the pages' titles are in it
st.set_page_config(page_title=_("Kazakhstan political repression"), page_icon="assets/favicon.png", layout="wide",
                   initial_sidebar_state="collapsed" if presenter_asked() else "auto")

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
]

navigation = st.navigation(PAGES)
try:
    if draw_sidebar().present:
        st.html(PRESENTER_CSS)
    navigation.run()
except WarehouseUnavailable as err:
    st.error(_("The data warehouse is not available."))
    st.text(str(err))

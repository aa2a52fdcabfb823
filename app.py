"""Router: page config, the shared sidebar (filters in the URL), presenter styling, and the pages."""
import streamlit as st

from dashboard.loader import WarehouseUnavailable
from dashboard.view import draw_sidebar, presenter_asked

# Our own constant stylesheet for presenter mode (no record text ever reaches it).
PRESENTER_CSS = """<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
h1 { font-size: 2.6rem !important; } h2, h3 { font-size: 2rem !important; }
[data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"] p { font-size: 1.1rem !important; color: #000 !important; }
[data-testid="stMetricValue"] { font-size: 3.6rem !important; }
[data-testid="stHeader"], [data-testid="stToolbar"], footer { display: none !important; }
</style>"""

st.set_page_config(page_title="Kazakhstan political repression", page_icon="assets/favicon.png", layout="wide",
                   initial_sidebar_state="collapsed" if presenter_asked() else "auto")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="", default=True),
    st.Page("pages/detentions.py", title="Detentions over time", icon=":material/timeline:", url_path="detentions"),
    st.Page("pages/articles.py", title="Articles", icon=":material/gavel:", url_path="articles"),
    st.Page("pages/sentences.py", title="Sentences", icon=":material/balance:", url_path="sentences"),
    st.Page("pages/regions.py", title="Regions", icon=":material/map:", url_path="regions"),
    st.Page("pages/ep_resolution.py", title="EP resolution", icon=":material/account_balance:", url_path="ep-resolution"),
    st.Page("pages/people.py", title="People", icon=":material/group:", url_path="people"),
    st.Page("pages/data.py", title="Data & sources", icon=":material/download:", url_path="data"),
    st.Page("pages/changes.py", title="What changed", icon=":material/update:", url_path="changes"),
    st.Page("pages/briefing.py", title="Briefing pack", icon=":material/slideshow:", url_path="briefing"),
    # for editors only: not in the navigation, and nothing of it shows without the server's editor password
    st.Page("pages/desk.py", title="Data desk", icon=":material/edit_note:", url_path="desk", visibility="hidden"),
]

navigation = st.navigation(PAGES)
try:
    if draw_sidebar().present:
        st.html(PRESENTER_CSS)
    navigation.run()
except WarehouseUnavailable as err:
    st.error("The data warehouse is not available.")
    st.text(str(err))

"""Router: page config, the shared sidebar (filters in the URL), presenter styling, and the pages."""
import datetime as dt

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
    if draw_sidebar().present:
        st.html(PRESENTER_CSS)
    navigation.run()
except WarehouseUnavailable as err:
    st.error("The data warehouse is not available.")
    st.text(str(err))

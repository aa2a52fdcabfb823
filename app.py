"""Router: page config, the shared warehouse guard, and the list of pages (st.navigation)."""
import streamlit as st

from dashboard.db import WarehouseUnavailable, warehouse_stamp

st.set_page_config(page_title="Kazakhstan political repression", page_icon="assets/favicon.png", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="", default=True),
]

navigation = st.navigation(PAGES)
try:
    warehouse_stamp()
    navigation.run()
except WarehouseUnavailable as err:
    st.error("The data warehouse is not available.")
    st.text(str(err))

"""Data desk (/desk), for editors: add a source's records from a filled template, see every problem and what
publishing would change, publish, roll back. Not in the navigation; nothing of it shows without the server's editor
password (dashboard/desk.py)."""
import streamlit as st

from dashboard import desk
from dashboard.i18n import translation
from dashboard.view import page_view

view = page_view()
st.title(translation(view.language).gettext("Data desk"))
if desk.signed_in(view):
    desk.draw(view)

"""Placeholder while the page is built."""
import streamlit as st

st.title("ep_resolution")

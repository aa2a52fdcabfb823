"""Shared pieces of the Streamlit dashboard: warehouse access, filters, charts, exports."""

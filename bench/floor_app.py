"""The least a Streamlit page with a Plotly chart costs in this browser on this machine: a sidebar multiselect
and one small bar chart whose title names the choice. bench/browser.py times it exactly as it times the
dashboard, so what the dashboard adds is the difference, and a target below this floor is out of reach."""
import plotly.graph_objects as go
import streamlit as st

chosen = st.sidebar.multiselect("Region", ["Mangystau", "Atyrau", "Karaganda"])  # the names bench/browser.py types
st.title("One chart")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2]),
                          layout_title_text=f"Chosen: {', '.join(chosen) or 'none'}"), theme=None)

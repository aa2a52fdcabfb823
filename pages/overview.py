"""Overview: the sources' stated figures beside what the named records give, and where the data comes from."""
import streamlit as st

from dashboard.db import query

st.title("Political repression in Kazakhstan")
st.caption("Case records curated from the sources below. Every number is computed from the warehouse.")

prisoners = query("prisoners_by_group")
articles = query("people_per_political_article")
sentences = query("sentences_by_type")

left, middle, right = st.columns(3)
left.metric("Political prisoners named", int(prisoners["n_people"].sum()))
middle.metric("People charged under article 405", int(articles.loc[articles["article"] == 405, "n_people"].sum()))
right.metric("Sentences recorded", int(sentences["n_sentences"].sum()))

st.subheader("Stated figures and named records")
st.caption("What the source states, beside how many people it names for that figure.")
st.dataframe(query("figure_comparisons"), hide_index=True, width="stretch")

st.subheader("Political prisoners by group")
st.dataframe(prisoners, hide_index=True)
st.subheader("People charged per political article")
st.dataframe(articles, hide_index=True)
st.subheader("Sentences by type")
st.dataframe(sentences, hide_index=True)

build = query("build_info").iloc[0]
st.caption(f"Data build {build['build_id']} of {build['built_at']:%Y-%m-%d %H:%M} UTC from {build['inputs']}.")
st.subheader("Sources")
st.dataframe(query("sources"), hide_index=True)

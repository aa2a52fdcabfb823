"""Articles: people charged per Criminal Code article and part, before and after the EP resolution,
and the articles charged together."""
import plotly.graph_objects as go
import streamlit as st

from dashboard import figures
from dashboard.charts import PALETTE, bars_by, empty_state, show, show_chart, style
from dashboard.data import load_filtered

st.title("Criminal Code articles")

show_chart(figures.articles())

st.subheader("Before and after the resolution of 11 February 2021")
timing = load_filtered("articles_before_after")
if timing.empty:
    empty_state("charges with an article")
else:
    timing["article_label"] = "Art. " + timing["article"].astype(str)
    figure = bars_by(timing, "period", "article_label", "n_people", "people",
                     order=["before the resolution", "after the resolution", "date not given"])
    after = int(timing.loc[timing["period"] == "after the resolution", "n_people"].sum())
    before = int(timing.loc[timing["period"] == "before the resolution", "n_people"].sum())
    style(figure, f"{after} charges dated after the resolution, {before} before",
          "Criminal Code article", "People charged")
    figure.update_layout(barmode="group")
    show("articles_timing_chart", figure, timing.drop(columns=["article_label"]), [timing])
    st.caption("A charge is dated by its charge date, or else by the person's first sentence.")

st.subheader("Articles charged together")
pairs = load_filtered("article_combinations")
if pairs.empty:
    empty_state("people charged under two or more articles")
else:
    pairs["pair"] = "Art. " + pairs["first_article"].astype(str) + " + Art. " + pairs["second_article"].astype(str)
    figure = go.Figure(go.Bar(x=pairs["n_people"], y=pairs["pair"], orientation="h", marker_color=PALETTE[0],
                              hovertemplate="%{y}: %{x} people<extra></extra>"))
    lead = pairs.iloc[0]
    style(figure, f"{len(pairs)} combinations of articles; the most frequent, {lead['pair']}, concerns "
                  f"{int(lead['n_people'])} {'person' if lead['n_people'] == 1 else 'people'}",
          "People charged under both articles", None)
    figure.update_yaxes(autorange="reversed")
    show("articles_pairs_chart", figure, pairs[["first_article", "second_article", "n_people"]], [pairs])

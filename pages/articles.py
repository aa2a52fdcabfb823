"""Articles: people charged per Criminal Code article and part, before and after the EP resolution,
and the articles charged together."""
import plotly.graph_objects as go
import streamlit as st

from dashboard.charts import PALETTE, bars_by, empty_state, show, style
from dashboard.data import load_filtered

st.title("Criminal Code articles")

per_article = load_filtered("people_per_article")
political = per_article[per_article["is_political"]]
by_article = per_article.drop_duplicates("article_name")
top = by_article.sort_values("n_people_article", ascending=False).iloc[0]
zeros = ", ".join(political.loc[political["n_people_article"] == 0, "article_name"])

per_article["article_label"] = "Art. " + per_article["article_name"]
figure = bars_by(per_article, "part_name", "article_label", "n_people", "people")
unused = political[political["n_people_article"] == 0]
figure.add_scatter(x="Art. " + unused["article_name"], y=[0] * len(unused), mode="text", text=["0"] * len(unused),
                   textposition="top center", showlegend=False, hoverinfo="skip")  # a zero bar has no height
if top["n_people_article"] == 0:
    title = f"Nobody named is charged under these filters; shown at zero: articles {zeros}"
else:
    title = (f"Article {top['article_name']} is used most: {int(top['n_people_article'])} people charged"
             + (f"; nobody named under {zeros}" if zeros else ""))
style(figure, title, "Criminal Code article (political articles first)", "People charged")
figure.update_layout(barmode="group")  # side by side: one person may be charged under two parts
figure.update_yaxes(rangemode="nonnegative")
figure.update_xaxes(categoryorder="array", categoryarray=[f"Art. {a}" for a in by_article["article_name"]])
show("articles_chart", figure,
     per_article[["article", "part", "label", "n_people", "n_people_article", "is_political"]], [per_article])

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

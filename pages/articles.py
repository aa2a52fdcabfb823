"""Articles: people charged per Criminal Code article and part, before and after the EP resolution,
and the articles charged together."""
import plotly.graph_objects as go
import streamlit as st

from dashboard import figures
from dashboard.charts import PALETTE, Chart, bars_by, built_once, show_chart, show_or_empty, style
from dashboard.data import at_once, load_filtered


@built_once
def timing_chart() -> Chart | None:
    timing = load_filtered("articles_before_after")
    if timing.empty:
        return None
    labelled = timing.assign(article_label="Art. " + timing["article"].astype(str))
    figure = bars_by(labelled, "period", "article_label", "n_people", "people",
                     order=["before the resolution", "after the resolution", "date not given"])
    after = int(timing.loc[timing["period"] == "after the resolution", "n_people"].sum())
    before = int(timing.loc[timing["period"] == "before the resolution", "n_people"].sum())
    style(figure, f"{after} charges dated after the resolution, {before} before",
          "Criminal Code article", "People charged")
    figure.update_layout(barmode="group")
    # articles in number order: plotly would order them as the periods' traces first name them
    figure.update_xaxes(categoryorder="array",
                        categoryarray=[f"Art. {a}" for a in sorted(timing["article"].dropna().unique())])
    return Chart("Articles", "articles_timing_chart", figure, timing, [timing])


@built_once
def pairs_chart() -> Chart | None:
    pairs = load_filtered("article_combinations")
    if pairs.empty:
        return None
    pairs["pair"] = "Art. " + pairs["first_article"].astype(str) + " + Art. " + pairs["second_article"].astype(str)
    figure = go.Figure(go.Bar(x=pairs["n_people"], y=pairs["pair"], orientation="h", marker_color=PALETTE[0],
                              hovertemplate="%{y}: %{x} people<extra></extra>"))
    lead = pairs.iloc[0]
    style(figure, f"{len(pairs)} combinations of articles; the most frequent, {lead['pair']}, concerns "
                  f"{int(lead['n_people'])} {'person' if lead['n_people'] == 1 else 'people'}",
          "People charged under both articles", None)
    figure.update_yaxes(autorange="reversed")
    return Chart("Articles", "articles_pairs_chart", figure, pairs[["first_article", "second_article", "n_people"]],
                 [pairs])


st.title("Criminal Code articles")
by_article, timing, pairs = at_once(figures.articles, timing_chart, pairs_chart)
show_chart(by_article)

st.subheader("Before and after the resolution of 11 February 2021")
show_or_empty(timing, "charges with an article",
              "A charge is dated by its charge date, or else by the person's first sentence.")

st.subheader("Articles charged together")
show_or_empty(pairs, "people charged under two or more articles")

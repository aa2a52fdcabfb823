"""Articles: people charged per Criminal Code article and part, before and after the EP resolution, and the
articles charged together."""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import PALETTE, bars_by, style
from dashboard.view import View

PAGE = "Articles"
PERIODS = ["before the resolution", "after the resolution", "date not given"]


@builder("people_per_article")
def by_article(frames: Frames, view: View) -> Chart:
    per_article = frames["people_per_article"]
    political = per_article[per_article["is_political"]]
    by_number = per_article.drop_duplicates("article_name")
    top = by_number.sort_values("n_people_article", ascending=False).iloc[0]
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
    style(figure, view, title, "Criminal Code article (political articles first)", "People charged")
    figure.update_layout(barmode="group")  # side by side: one person may be charged under two parts
    figure.update_yaxes(rangemode="nonnegative")
    figure.update_xaxes(categoryorder="array", categoryarray=[f"Art. {a}" for a in by_number["article_name"]])
    return Chart(PAGE, "articles_chart", figure,
                 per_article[["article", "part", "label", "n_people", "n_people_article", "is_political"]], [per_article])


@builder("articles_before_after")
def before_and_after(frames: Frames, view: View) -> Chart | None:
    timing = frames["articles_before_after"]
    labelled = timing.assign(article_label="Art. " + timing["article"].astype(str))
    figure = bars_by(labelled, "period", "article_label", "n_people", "people", order=PERIODS)
    after = int(timing.loc[timing["period"] == PERIODS[1], "n_people"].sum())
    before = int(timing.loc[timing["period"] == PERIODS[0], "n_people"].sum())
    style(figure, view, f"{after} charges dated after the resolution, {before} before",
          "Criminal Code article", "People charged")
    figure.update_layout(barmode="group")
    # articles in number order: plotly would order them as the periods' traces first name them
    figure.update_xaxes(categoryorder="array",
                        categoryarray=[f"Art. {a}" for a in sorted(timing["article"].dropna().unique())])
    return Chart(PAGE, "articles_timing_chart", figure, timing, [timing])


@builder("article_combinations")
def charged_together(frames: Frames, view: View) -> Chart | None:
    pairs = frames["article_combinations"]
    pairs["pair"] = "Art. " + pairs["first_article"].astype(str) + " + Art. " + pairs["second_article"].astype(str)
    figure = go.Figure(go.Bar(x=pairs["n_people"], y=pairs["pair"], orientation="h", marker_color=PALETTE[0],
                              hovertemplate="%{y}: %{x} people<extra></extra>"))
    lead = pairs.iloc[0]
    style(figure, view, f"{len(pairs)} combinations of articles; the most frequent, {lead['pair']}, concerns "
                        f"{int(lead['n_people'])} {'person' if lead['n_people'] == 1 else 'people'}",
          "People charged under both articles", None)
    figure.update_yaxes(autorange="reversed")
    return Chart(PAGE, "articles_pairs_chart", figure, pairs[["first_article", "second_article", "n_people"]], [pairs])

"""Articles: people charged per Criminal Code article and part, before and after the EP resolution, and the
articles charged together."""
from __future__ import annotations

import pandas as pd

from dashboard.charts import Chart, Frames, builder
from dashboard.charts.style import bars_by, count_bars, style, whole_counts
from dashboard.i18n import N_, translation
from dashboard.labels import NOT_STATED
from dashboard.view import View

PAGE = N_("Articles")
PERIODS = ["before the resolution", "after the resolution", "date not given"]  # as the query names them


def article_label(articles, view: View):
    """'Art. 405', in the view's language, for each article number (or the query's 'not stated')."""
    _ = translation(view.language).gettext
    return articles.astype(str).map(lambda article: _("Art. {article}").format(
        article=_(NOT_STATED) if article == NOT_STATED else article))


def part_label(parts, view: View):
    """The query's 'part 2' or 'part not stated' in the view's language."""
    _ = translation(view.language).gettext
    return parts.map(lambda part: _("part not stated") if part == "part not stated" else
                     _("part {part}").format(part=part.removeprefix("part ")))


@builder("people_per_article")
def by_article(frames: Frames, view: View) -> Chart:
    t = translation(view.language)
    _ = t.gettext
    per_article = frames["people_per_article"]
    political = per_article[per_article["is_political"]]
    by_number = per_article.drop_duplicates("article_name")
    top = by_number.sort_values("n_people_article", ascending=False).iloc[0]
    unused = political[political["n_people_article"] == 0]
    zeros = ", ".join(unused["article_name"])

    per_article["article_label"] = article_label(per_article["article_name"], view)
    per_article["part_label"] = part_label(per_article["part_name"], view)
    figure = bars_by(per_article, "part_label", "article_label", "n_people", _("people"), language=view.language)
    figure.add_scatter(x=article_label(unused["article_name"], view), y=[0] * len(unused), mode="text",
                       text=["0"] * len(unused), textposition="top center", showlegend=False,
                       hoverinfo="skip")  # a zero bar has no height
    if top["n_people_article"] == 0:
        title = _("Nobody named is charged under these filters; shown at zero: articles {articles}").format(
            articles=zeros)
    else:
        n = int(top["n_people_article"])
        title = t.ngettext("Article {article} is used most: {n} person charged",
                           "Article {article} is used most: {n} people charged", n).format(
            article=top["article_name"], n=t.number(n))
        if zeros:
            title += _("; nobody named under {articles}").format(articles=zeros)
    style(figure, view, title, _("Criminal Code article (political articles first)"), _("People charged"))
    figure.update_layout(barmode="group")  # side by side: one person may be charged under two parts
    figure.update_yaxes(rangemode="nonnegative")
    figure.update_xaxes(categoryorder="array", categoryarray=list(article_label(by_number["article_name"], view)))
    return Chart(PAGE, "articles_chart", figure,
                 per_article[["article", "part", "label", "n_people", "n_people_article", "is_political"]], [per_article])


@builder("articles_before_after")
def before_and_after(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    _ = t.gettext
    timing = frames["articles_before_after"]
    labelled = timing.assign(article_label=article_label(timing["article"], view))
    figure = bars_by(labelled, "period", "article_label", "n_people", _("people"), order=PERIODS,
                     language=view.language)
    after = int(timing.loc[timing["period"] == PERIODS[1], "n_people"].sum())
    before = int(timing.loc[timing["period"] == PERIODS[0], "n_people"].sum())
    title = t.ngettext("{n} charge dated after the resolution, {before} before",
                       "{n} charges dated after the resolution, {before} before", after).format(
        n=t.number(after), before=t.number(before))
    style(figure, view, title, _("Criminal Code article"), _("People charged"))
    figure.update_layout(barmode="group")
    # articles in number order: plotly would order them as the periods' traces first name them
    figure.update_xaxes(categoryorder="array",
                        categoryarray=list(article_label(pd.Series(sorted(timing["article"].dropna().unique())),
                                                         view)))
    return Chart(PAGE, "articles_timing_chart", figure, timing, [timing])


@builder("article_combinations")
def charged_together(frames: Frames, view: View) -> Chart | None:
    t = translation(view.language)
    pairs = frames["article_combinations"]
    pairs["pair"] = article_label(pairs["first_article"], view) + " + " + article_label(pairs["second_article"], view)
    figure = count_bars(pairs["pair"], pairs["n_people"], t.gettext("people"), horizontal=True)
    lead = pairs.iloc[0]
    n = int(lead["n_people"])
    title = t.ngettext("{combinations} combinations of articles; the most frequent, {pair}, concerns {n} person",
                       "{combinations} combinations of articles; the most frequent, {pair}, concerns {n} people",
                       n).format(combinations=t.number(len(pairs)), pair=lead["pair"], n=t.number(n))
    style(figure, view, title, t.gettext("People charged under both articles"), None)
    figure.update_xaxes(whole_counts(pairs["n_people"].max()))
    figure.update_yaxes(autorange="reversed")
    return Chart(PAGE, "articles_pairs_chart", figure, pairs[["first_article", "second_article", "n_people"]], [pairs])

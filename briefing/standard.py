"""The one-click standard briefing: the key charts of the dashboard, in the order a briefing tells them, for a view."""
from __future__ import annotations

from briefing.collection import Item, make_item
from briefing.images import plain_text
from dashboard.charts import charts, articles, detentions, ep_resolution, regions, sentences
from dashboard.charts.show import scope_of, uncited
from dashboard.view import View

STANDARD = (detentions.detentions, articles.by_article, sentences.types, regions.regions_map, ep_resolution.status)


def standard_items(view: View) -> list[Item]:
    """The standard charts for the view as briefing items, exactly as their pages draw them."""
    return [make_item(view, chart.page, chart.key, plain_text(chart.figure.layout.title.text),
                      scope_of(view, chart.filtered), uncited(chart.table), *chart.cited, chart.figure)
            for chart in charts(view, *STANDARD) if chart]

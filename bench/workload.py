"""What each page asks of the warehouse: its queries with the page's default parameters and a narrow filter.

The list mirrors pages/*.py (and the sidebar every page draws), so the benchmark times the queries a
page rerun really runs.
"""
from __future__ import annotations

import datetime as dt

from dashboard.loader import LISTED

NO_FILTERS = {"date_from": None, "date_to": None, "regions": [], "articles": [], "sentence_types": [],
              "affiliations": [], "genders": [], "statuses": []}
# One region, one article, one year: the narrowest view a user typically opens.
NARROW = {**NO_FILTERS, "regions": ["KZ-75"], "articles": [405],
          "date_from": dt.date(2021, 1, 1), "date_to": dt.date(2021, 12, 31)}
FILTER_SETS = {"default": NO_FILTERS, "narrow": NARROW}
DETENTION_TYPES = ["detention", "mass_detention", "pre_trial_detention", "house_arrest", "psychiatric_commitment"]

# page -> steps -> [(query, how its parameters come from the filters)]: "filtered" takes the shared filters,
# "period" only the period, "none" nothing; a dict adds page-specific parameters. The queries of one step run
# side by side, as the page loads them with dashboard.loader.load_many; steps run one after another.
PAGE_QUERIES: dict[str, list[list[tuple[str, str, dict]]]] = {
    "sidebar": [[("filter_options", "none", {})], [("period_bounds", "none", {})]],
    "overview": [[("figure_comparisons", "none", {}), ("people_per_political_article", "filtered", {}),
                  ("events_per_year", "filtered", {}), ("political_prisoners_by_group", "filtered", {}),
                  ("build_info", "none", {}), ("sources", "none", {}), ("figure_statements", "none", {})]],
    # the detentions chart's three queries load side by side
    "detentions": [[("detentions_by_period", "filtered", {"event_types": DETENTION_TYPES}), ("key_dates", "period", {}),
                    ("figure_comparisons", "none", {})]],
    # the first chart is built and sent before the other two
    "articles": [[("people_per_article", "filtered", {})],
                 [("articles_before_after", "filtered", {}), ("article_combinations", "filtered", {})]],
    # the list of people loads with the charts, for the type its box kept from an earlier run: any rerun (a first
    # visit, which asks for the type with the most people, is in FIRST_VISITS)
    "sentences": [[("sentence_types", "filtered", {}), ("sentence_terms", "filtered", {}), ("activity_bans", "filtered", {}),
                   ("sentence_conversions", "filtered", {"listed": LISTED}),
                   ("people_with_sentence", "filtered", {"chosen_type": "restriction_of_liberty", "listed": LISTED})]],
    "regions": [[("people_by_region", "filtered", {}), ("events_by_city", "filtered", {})]],
    "ep_resolution": [[("ep_scorecard", "none", {}), ("figures_that_moved", "none", {})]],
    "people": [[("people", "filtered", {"search": "", "search_key": "", "listed": LISTED})]],
    # the Data page counts each download's rows; a table itself is fetched only when its download is clicked
    "data": [[("export_row_counts", "filtered", {}), ("spelling_variants", "none", {}), ("possible_duplicates", "none", {}),
              ("figure_comparisons", "none", {}), ("build_info", "none", {}), ("sources", "none", {})]],
}
PAGES = [page for page in PAGE_QUERIES if page != "sidebar"]
# A page whose first visit loads otherwise: with no type kept yet, the Sentences page asks for the list of the type
# with the most people (its chart's first bar). Timed with the default filters.
FIRST_VISITS = {"sentences": [[*PAGE_QUERIES["sentences"][0][:-1],
                               ("people_with_sentence", "filtered", {"chosen_type": None, "listed": LISTED})]]}
# What a page runs instead once the viewer changes a control on it (the Regions page's "Events" measure, or people
# by the place of their case): timed
# and checked against pandas query by query, but not part of the page's default total.
OTHER_VIEWS: dict[str, list[tuple[str, str, dict]]] = {
    "regions": [("events_by_region", "filtered", {}), ("people_by_case_region", "filtered", {})]}


def parameters(scope: str, filters: dict, extra: dict) -> dict:
    """The $named parameters a page passes to a query under the given filters."""
    if scope == "filtered":
        return {**filters, **extra}
    if scope == "period":
        return {"date_from": filters["date_from"], "date_to": filters["date_to"], **extra}
    return dict(extra)

"""Articles: people charged per Criminal Code article and part, before and after the EP resolution, and the
articles charged together."""
import streamlit as st

from dashboard.charts import articles, chart, charts
from dashboard.charts.show import show, show_or_empty
from dashboard.i18n import translation
from dashboard.view import page_view

view = page_view()
_ = translation(view.language).gettext
st.title(_("Criminal Code articles"))
show(chart(articles.by_article, view), view)
before_and_after, charged_together = charts(view, articles.before_and_after, articles.charged_together)

st.subheader(_("Before and after the resolution of 11 February 2021"))
show_or_empty(before_and_after, view, _("No charges with an article match the current filters."),
              _("A charge is dated by its charge date, or else by the person's first sentence."))

st.subheader(_("Articles charged together"))
show_or_empty(charged_together, view, _("No people charged under two or more articles match the current filters."))

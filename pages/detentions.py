"""Detentions over time: people detained at rallies and individual detentions and custody events, per month (per
year where only the year is known), opening on the years where the records are dense."""
import streamlit as st

from dashboard.charts import chart, detentions
from dashboard.charts.show import show_or_empty
from dashboard.i18n import translation
from dashboard.view import page_view, worded_key

view = page_view()
_ = translation(view.language).gettext
st.title(_("Detentions over time"))
span = st.segmented_control(_("Period shown"), list(detentions.SPANS), default="Dense years",
                            key=worded_key("detentions_span", view), format_func=lambda s: _(detentions.SPANS[s]),
                            help=_("Dense years: the shortest run of years holding {share} of the detention events. "
                                   "The sidebar's period filter applies to both.").format(
                                share=f"{detentions.DENSE_SHARE:.0%}"))
show_or_empty(chart(detentions.detentions, view, span=span or "Dense years"), view,
              _("No detentions match the current filters."),
              _("The two panels share the time axis and each has its own scale: people detained at rallies (mass "
                "detentions, many of them lower bounds: 'at least' or 'more than') above, individual detentions, "
                "pre-trial detention, house arrest and psychiatric commitment below. Dotted lines: bans of the DCK "
                "and Koshe Partiyasy movements, European Parliament resolutions and mass detentions at rallies."))

"""EP resolution compliance: the assessed paragraphs of resolution 2021/2544(RSP) by theme and status,
with the evidence, and the stated counts that moved since the resolution."""
import streamlit as st

from dashboard.charts import charts, ep_resolution
from dashboard.charts.show import empty_state, show, show_or_empty
from dashboard.i18n import translation
from dashboard.labels import header, label, readable_table
from dashboard.loader import load
from dashboard.view import EndOfPage, page_view, worded_key

view = page_view()
_ = translation(view.language).gettext
status, moved = charts(view, ep_resolution.status, ep_resolution.moved)
st.title(_("European Parliament resolution of 11 February 2021"))
st.caption(_("Resolution 2021/2544(RSP): how the source assesses Kazakhstan's implementation of each paragraph. "
             "The sidebar filters do not apply to this assessment."))
if status is None:
    empty_state(_("No assessed paragraphs are recorded."), view)
    raise EndOfPage
show(status, view)

st.subheader(_("Scorecard"))
scorecard = load(view, "ep_scorecard")
status_filter = st.multiselect(_("Status"), list(ep_resolution.STATUS_COLOURS), default=[],
                               key=worded_key("ep_status_filter", view),
                               format_func=lambda s: label("status", s, view.language), placeholder=_("All statuses"))
shown = scorecard[scorecard["status"].isin(status_filter)] if status_filter else scorecard
st.dataframe(readable_table(shown.drop(columns=["sections", "source_ids"]), view.language), hide_index=True,
             width="stretch", key="ep_scorecard_table",
             column_config={header("paragraph", view.language): st.column_config.NumberColumn("¶", width="small"),
                            header("evidence", view.language): st.column_config.TextColumn(width="large")})

st.subheader(_("Counts that moved since the resolution"))
show_or_empty(moved, view, _("No figures stated for two dates are recorded."),
              _("The source notes that the fall reflects people moved to restriction of liberty, not releases."))

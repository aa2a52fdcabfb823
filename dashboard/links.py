"""Links inside the app that carry the view, so the page they open shows the same filters and modes (a profile
opened from a hide-names table stays in hide-names mode)."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from dashboard.view import View


def profile_links(person_ids, view: View) -> list[str]:
    """/people?person=<id>&<the view> for each person, the view encoded once for a table of a thousand rows."""
    shared = urlencode(view.to_url(), quote_via=quote)
    return [f"/people?person={quote(person_id, safe='')}" + (f"&{shared}" if shared else "") for person_id in person_ids]

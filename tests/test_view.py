"""The view: made from a link and written back to one unchanged, unknown parts of a link ignored with a warning, and
read from Streamlit by the view module alone (everything else takes it as an argument)."""
import datetime as dt
import re

import pytest

from dashboard.view import LIST_FILTERS, Filters, View, from_url
from tests.conftest import PROJECT

pytestmark = pytest.mark.unit

LABELS = {"region": {"KZ-75": "Almaty", "KZ-71": "Astana"}, "article": {"405": "405 banned organisation"},
          "sentence_type": {}, "affiliation": {"DCK": "DCK"}, "gender": {}, "status": {}}
FIRST, LAST = dt.date(2001, 1, 1), dt.date(2021, 9, 1)


@pytest.mark.parametrize("view", [
    View(),
    View(Filters(dt.date(2020, 1, 1), dt.date(2021, 2, 11), regions=("KZ-75", "KZ-71"), articles=("405",)),
         present=True, hide_names=True),
    View(Filters(affiliations=("DCK",))),
])
def test_a_view_survives_its_own_link(view):
    assert from_url(view.to_url(), LABELS, FIRST, LAST) == (view, [])


def test_unknown_values_and_bad_dates_are_ignored_with_a_warning():
    view, warnings = from_url({"region": "KZ-75,KZ-99,<script>", "from": "yesterday", "to": "2030-01-01",
                               "lang": "xx"}, LABELS, FIRST, LAST)
    assert view == View(Filters(regions=("KZ-75",)))  # a date past the records' end is no filter
    assert any("KZ-99" in w and "<script>" in w for w in warnings) and any("yesterday" in w for w in warnings)


def test_filters_become_the_named_parameters_every_filtered_query_takes():
    params = Filters(regions=("KZ-75",), articles=("405", "174")).params()
    assert params == {"date_from": None, "date_to": None, "regions": ["KZ-75"], "articles": [405, 174],
                      "sentence_types": [], "affiliations": [], "genders": [], "statuses": []}
    assert set(params) == {"date_from", "date_to", *(f.field for f in LIST_FILTERS)}


def test_the_filters_in_force_are_described_in_words():
    assert Filters().describe(LABELS) == "Filters: none (all records)"
    assert Filters(dt.date(2020, 1, 1), regions=("KZ-75",)).describe(LABELS) == \
        "Filters: period 2020-01-01 to …; region: Almaty"


def test_only_the_view_module_reads_the_link_and_the_shared_widgets():
    """Pages may keep their own widgets' state; the filters, modes and the view itself are read in dashboard/view.py."""
    shared = re.compile(r"query_params\.get\(\"(present|anonymise|lang|from|to|region|article)\"|"
                        r"session_state\[?\.?[^\n]*(filter_|mode_|view_of_this_run)")
    readers = [str(path.relative_to(PROJECT)) for folder in ("dashboard", "pages", "briefing")
               for path in (PROJECT / folder).rglob("*.py") if shared.search(path.read_text(encoding="utf-8"))]
    readers += ["app.py"] if shared.search((PROJECT / "app.py").read_text(encoding="utf-8")) else []
    assert readers == ["dashboard/view.py"]

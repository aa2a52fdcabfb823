"""Charts built once: a builder wrapped in built_once runs once per arguments, filters, modes and warehouse
build, and every later call gets that same Chart; anything else that changes builds it anew."""
import datetime as dt

import pytest

from dashboard import charts
from dashboard.filters import Filters, Modes

pytestmark = pytest.mark.unit


@pytest.fixture()
def state(monkeypatch):
    """The filters, modes and build the wrapped builders see, set by each test."""
    now = {"filters": Filters(), "modes": Modes(), "stamp": ("warehouse", 1, 1)}
    monkeypatch.setattr(charts, "current", lambda: (now["filters"], now["modes"]))
    monkeypatch.setattr(charts, "warehouse_stamp", lambda: now["stamp"])
    charts._built.clear()
    yield now
    charts._built.clear()


CALLS: list[tuple[str, str]] = []


@charts.built_once
def people_or_events(measure="People"):
    CALLS.append(("people_or_events", measure))
    return object()  # a stand-in Chart: identity tells whether it was built again


@charts.built_once
def another_chart(measure="People"):
    CALLS.append(("another_chart", measure))
    return object()


@pytest.fixture(autouse=True)
def no_calls_yet():
    CALLS.clear()


def test_same_state_gets_the_same_chart_without_building_again(state):
    first = people_or_events("People")
    assert people_or_events("People") is first
    assert CALLS == [("people_or_events", "People")]


@pytest.mark.parametrize("change", [
    lambda s: s.update(filters=Filters(lists={"region": ("KZ-75",)})),
    lambda s: s.update(filters=Filters(date_from=dt.date(2021, 1, 1))),
    lambda s: s.update(modes=Modes(present=True)),
    lambda s: s.update(modes=Modes(anonymise=True)),  # a chart with real names is never served with names hidden
    lambda s: s.update(stamp=("warehouse", 2, 2)),  # a new build
])
def test_a_change_of_filters_modes_or_build_builds_anew(state, change):
    before = people_or_events()
    change(state)
    assert people_or_events() is not before
    assert len(CALLS) == 2


def test_other_arguments_or_another_builder_build_their_own(state):
    assert people_or_events("People") is not people_or_events("Events")
    assert another_chart("People") is not people_or_events("People")  # same arguments, another chart
    assert CALLS == [("people_or_events", "People"), ("people_or_events", "Events"), ("another_chart", "People")]

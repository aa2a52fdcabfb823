"""dashboard.data.at_once: a page's loaders run at the same time, in the viewer's session, results in order."""
import threading

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import SIDE_BY_SIDE, at_once


@pytest.mark.unit
def test_loaders_run_at_the_same_time_and_answer_in_order():
    # each loader waits until all have started: run one after another, the first would wait in vain
    everyone_started = threading.Barrier(SIDE_BY_SIDE, timeout=10)

    def loader(index: int):
        return lambda: (everyone_started.wait(), index)[1]

    assert at_once(*(loader(i) for i in range(SIDE_BY_SIDE))) == list(range(SIDE_BY_SIDE))


@pytest.mark.unit
def test_a_failing_loader_fails_the_page():
    def broken():
        raise ValueError("no warehouse")

    with pytest.raises(ValueError, match="no warehouse"):
        at_once(lambda: 1, broken)


def _page_reading_its_session():
    import streamlit as st

    from dashboard.data import at_once

    st.session_state["viewer"] = "this session"
    st.text(" / ".join(at_once(lambda: st.session_state["viewer"], lambda: st.session_state.get("viewer", "none"))))


@pytest.mark.app
def test_loaders_read_the_session_of_the_page_that_runs_them():
    page = AppTest.from_function(_page_reading_its_session).run()
    assert not page.exception
    assert page.text[0].value == "this session / this session"

"""bench/compare.py: the two checkouts take turns round after round (whoever went second goes first next), and a
figure is the median of its rounds for each."""

import pytest

from bench import compare

pytestmark = pytest.mark.unit


def test_checkouts_take_turns_and_each_figure_is_the_median_of_its_rounds(monkeypatch, tmp_path):
    turns = []
    values = {"before": iter([10.0, 30.0, 20.0]), "now": iter([5.0, 9.0, 7.0])}

    def fake_prepare(checkout, work, events, persons):
        return work / "warehouse"

    def fake_measure(checkout, warehouse, repeat):
        name = warehouse.parent.name
        turns.append(name)
        return {"articles: page rerun p95, ms": next(values[name])}

    monkeypatch.setattr(compare, "prepare", fake_prepare)
    monkeypatch.setattr(compare, "measure", fake_measure)
    result = compare.compare(tmp_path, rounds=3, events=10, persons=1, repeat=1)

    assert turns == ["before", "now", "now", "before", "before", "now"]
    assert result["figures"] == {"articles: page rerun p95, ms": {"before": 20.0, "now": 7.0}}
    assert "| articles: page rerun p95, ms | 20.00 | 7.00 | 0.35 |" in compare.report(result).splitlines()

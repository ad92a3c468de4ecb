"""The charts' axes print exactly the values their grid lines stand for."""

import pytest

from plataforma.monitoring.charts import Chart, Series, build


@pytest.mark.parametrize(
    ("values", "labels"),
    [
        ([3, 10], ["0", "2", "4", "6", "8", "10"]),
        ([1], ["0", "1"]),
        ([17, 20], ["0", "5", "10", "15", "20"]),
        ([2], ["0", "1", "2"]),
    ],
)
def test_count_axes_have_whole_ticks(values, labels):
    chart = build(
        Chart(
            id="c",
            title="t",
            description="d",
            categories=["a", "b"][: len(values)],
            series=[Series(name="n", values=values)],
        )
    )
    assert [g["text"] for g in chart.grid] == labels

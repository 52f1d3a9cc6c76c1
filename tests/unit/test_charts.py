"""The summary chart is a PNG for short, long, crowded and empty periods."""

from datetime import timedelta

import pytest

from bot.charts import render_chart
from models.stats import summarize
from tests.unit.summary_samples import END, HABITS, many_habits, sample_summary

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("days", "habits"), [(7, HABITS), (30, HABITS + many_habits(20)), (365, HABITS)]
)
def test_render_chart_returns_a_png(days, habits):
    png = render_chart(sample_summary(days=days, habits=habits))
    assert png.startswith(PNG_SIGNATURE) and len(png) > 10_000


def test_render_chart_of_an_empty_period():
    empty = summarize(
        first_name="", habits=HABITS, entries=[], start=END - timedelta(days=6), end=END, today=END
    )
    assert render_chart(empty).startswith(PNG_SIGNATURE)

"""The summary chart is a PNG for short, long, crowded and empty periods."""

from datetime import timedelta

import pytest

from bot.charts import chart_figure, render_chart
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


def test_chart_has_a_dated_title_and_a_panel_each_for_mood_and_sleep():
    data = sample_summary(days=7)
    figure = chart_figure(data)
    assert figure.get_suptitle() == "Sam's Steady check-ins · 9–15 Mar 2026"
    _grid, mood, sleep = figure.axes  # three panels, no second y-axis on any of them
    assert (mood.get_title(loc="left"), sleep.get_title(loc="left")) == (
        "Mood (0–10)",
        "Hours slept",
    )
    assert [len(mood.lines), len(sleep.lines)] == [1, 1]
    for line, series in ((mood.lines[0], data.mood_by_day), (sleep.lines[0], data.sleep_by_day)):
        drawn = dict(zip(line.get_xdata(), line.get_ydata(), strict=True))
        assert [drawn[i] for i, v in enumerate(series) if v is not None] == [
            v for v in series if v is not None
        ]

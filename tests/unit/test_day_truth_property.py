"""Random histories: the summary, its chart, the PDF's numbers and days.csv tell each day alike."""

from datetime import timedelta

from hypothesis import given, settings

from models.day_sheet import day_sheet, history_from_rows
from models.stats import summarize
from models.stats_report import build_report
from tests.day_views import History, assert_views_agree, histories, journal_of, rows_of


@settings(max_examples=200, deadline=None)
@given(histories())
def test_every_view_tells_each_day_and_period_alike(history: History):
    rows = rows_of(history)
    habits, entries, today = history_from_rows(rows, now=history.now)
    assert today == history.today
    summary = summarize(
        first_name="Sam",
        habits=habits,
        entries=entries,
        start=today - timedelta(days=history.days - 1),
        end=today,
        today=today,
    )
    start, journal = today - timedelta(days=27), journal_of(history)
    report = build_report(
        first_name="Sam",
        habits=habits,
        entries=entries,
        start=start,
        end=today,
        today=today,
        journal=journal,
    )
    assert_views_agree(summary, report, day_sheet(rows, now=history.now))
    # The report starts at the first week (counted from the asked-for start) with data.
    data = [e.day for e in entries if e.answer is not None] + list(journal.days())
    first = min((day for day in data if start <= day <= today), default=start)
    assert report.summary.start == start + timedelta(days=(first - start).days // 7 * 7)

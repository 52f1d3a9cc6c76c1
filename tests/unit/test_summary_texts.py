"""The summary message: numbers as entered, kind wording, escaping and Telegram's limit."""

from datetime import timedelta

import pytest

from bot.summary_texts import MESSAGE_LIMIT, closing_line, habit_line, render_summary
from models.days import Entry, HabitInfo
from models.stats import summarize
from models.types import Answer, HabitKind
from tests.unit.summary_samples import END, HABITS, many_habits, sample_summary

MED = HabitInfo(1, HabitKind.MEDICATION, "Sertraline")


def _med_summary(pattern: str, days: int | None = None):
    """A summary of the last `days` days (all of the pattern by default)."""
    codes = {"d": Answer.DONE, "s": Answer.SKIPPED, "n": Answer.NO_ANSWER}
    first = END - timedelta(days=len(pattern) - 1)
    entries = [
        Entry(1, HabitKind.MEDICATION, first + timedelta(days=i), codes[c], i + 1)
        for i, c in enumerate(pattern)
        if c != "."
    ]
    start = END - timedelta(days=(days or len(pattern)) - 1)
    return summarize(
        first_name="Sam", habits=[MED], entries=entries, start=start, end=END, today=END
    )


def test_habit_line_reads_like_the_example():
    (habit,) = _med_summary("ddddsddnddddd" + "d").habits
    line = habit_line(habit)
    assert line.startswith("<b>Medication (Sertraline)</b>: 12/14 taken (86%) · 1 skipped")
    assert "1 no answer" in line and "6 days in a row ·" in line
    assert "last 7 days: taken on 6 of 7 days" in line and "strength" not in line


def test_habit_line_sets_a_week_against_the_last_30_days():
    (habit,) = _med_summary("d" * 20 + "s" * 3 + "d" * 7, days=7).habits
    assert "last 30 days: taken on 27 of 30 days" in habit_line(habit)
    (new,) = _med_summary("ddd", days=7).habits
    assert "last 30 days" not in habit_line(new)  # nothing before the week to add


def test_the_week_before_is_named_only_when_comparable():
    (steady,) = _med_summary("ssddddd" + "ddddddd").habits
    assert "7/7 taken (100%; 71% the week before)" in habit_line(
        _med_summary("ssddddd" + "ddddddd", days=7).habits[0]
    )
    assert "before" not in habit_line(steady)  # 14 days against nothing
    (thin,) = _med_summary("s......" + "ddddddd", days=7).habits
    assert "before" not in habit_line(thin)


def test_full_summary_has_every_kind_and_a_kind_closing_line():
    text = render_summary(sample_summary())
    for word in ("Sertraline", "Sleep", "Walk", "Yoga", "Alcohol- &amp; drug-free days", "Mood"):
        assert word in text
    assert "avg" in text and " h" in text
    assert text.rstrip().endswith("</i>")
    assert "<b>Your last 7 days</b>" in text


def test_weekly_title():
    assert render_summary(sample_summary(), weekly=True).startswith("<b>Your week</b>")


def test_empty_period_gets_a_gentle_note_not_an_empty_report():
    empty = summarize(first_name="Sam", habits=HABITS, entries=[], start=END, end=END, today=END)
    text = render_summary(empty)
    assert "that is okay" in text and "0/" not in text


def test_names_are_escaped_and_twenty_habits_fit_one_message():
    text = render_summary(sample_summary(days=30, habits=HABITS + many_habits(20)))
    assert len(text.encode("utf-16-le")) // 2 <= MESSAGE_LIMIT
    assert "<0>" not in text and "&lt;0&gt; &amp;" in text
    assert "more: /report has them all." in text


def test_pattern_is_worded_as_a_pattern():
    text = render_summary(sample_summary(days=60))
    line = next(line for line in text.splitlines() if line.startswith("On days"))
    assert "averaged" in line and "because" not in line


@pytest.mark.parametrize(
    ("pattern", "start"),
    [
        ("d" * 14, "Sertraline held steady at 100%"),
        ("ddddddd", "Sertraline: 7 of 7 taken."),  # one week: nothing to hold steady against
        ("dd", "Sertraline: 2 of 2 taken."),
        ("sssdddd", "You are on a 4-day run"),
        ("sssnsdn", "You checked in 5 times"),
        ("s" * 7 + "dsdsdsd", "Sertraline is up to 57%, from 0% before."),
    ],
)
def test_closing_line_starts_with_what_went_well(pattern, start):
    assert closing_line(_med_summary(pattern, days=7)).startswith(start)


def test_weekly_summary_invites_a_phq9_every_two_weeks_for_mood_trackers():
    from dataclasses import replace
    from datetime import timedelta

    from bot.summary_texts import phq9_invite, render_summary
    from tests.unit.summary_samples import sample_summary

    data = sample_summary(7)
    assert phq9_invite() in render_summary(data, weekly=True)
    assert phq9_invite() not in render_summary(data, weekly=False)
    recent = replace(data, phq9=((data.end - timedelta(days=3), 11),))
    assert phq9_invite() not in render_summary(recent, weekly=True)
    assert "11 of 27, moderate" in render_summary(recent, weekly=True)

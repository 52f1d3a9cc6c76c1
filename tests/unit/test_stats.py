"""Adherence, streaks, strength, averages and patterns from plain entries."""

from datetime import UTC, date, datetime, timedelta

import pytest

from models.schedule import day_start, local_day
from models.stats import (
    Change,
    DayStatus,
    Entry,
    HabitInfo,
    day_records,
    streaks,
    strength,
    summarize,
)
from models.stats_kinds import change_between, mood_direction
from models.stats_report import build_report
from models.types import Answer, HabitKind

D0 = date(2026, 3, 1)
A = Answer
MED = HabitInfo(1, HabitKind.MEDICATION, "Sertraline")
WALK = HabitInfo(2, HabitKind.EXERCISE, "Walk")
MOOD = HabitInfo(3, HabitKind.MOOD)
SLEEP = HabitInfo(4, HabitKind.SLEEP)


def entry(habit, day, answer, *, reminder=True, value=None, quality=None, note=None):
    return Entry(
        habit.id, habit.kind, D0 + timedelta(days=day), answer, reminder, value, quality, note
    )


def days_from(pattern: str, habit=MED):
    """Entries from a string: d done, s skipped, n no answer, r rescheduled, . not due."""
    codes = {"d": A.DONE, "s": A.SKIPPED, "n": A.NO_ANSWER, "r": A.RESCHEDULED}
    return [entry(habit, i, codes[c]) for i, c in enumerate(pattern) if c != "."]


@pytest.mark.parametrize(
    ("reminders", "free", "expected"),
    [
        ([A.DONE, A.DONE], [], (2, 2, 0, 0, 0)),
        ([A.DONE, None], [], (2, 1, 0, 1, 0)),  # a past day's unanswered reminder: no answer
        ([A.SKIPPED], [A.DONE], (1, 1, 0, 0, 0)),  # skipped, then did it after all
        ([A.NO_ANSWER], [A.SKIPPED], (1, 0, 1, 0, 0)),
        ([A.DONE], [A.DONE], (1, 1, 0, 0, 0)),  # a second report does not count twice
        ([], [A.SKIPPED, A.DONE], (1, 1, 0, 0, 0)),  # no reminder: the day counts once
        ([A.RESCHEDULED], [], (0, 0, 0, 0, 1)),  # rescheduled is neither due nor missed
    ],
)
def test_day_record_merges_reminders_and_free_checkins(reminders, free, expected):
    entries = [entry(MED, 0, a) for a in reminders] + [
        entry(MED, 0, a, reminder=False) for a in free
    ]
    record = day_records(entries, today=D0 + timedelta(days=5))[D0]
    assert (
        record.due,
        record.done,
        record.skipped,
        record.no_answer,
        record.rescheduled,
    ) == expected


def test_todays_open_reminder_is_not_due_yet():
    record = day_records([entry(MED, 0, None), entry(MED, 0, A.DONE)], today=D0)[D0]
    assert (record.due, record.done, record.status) == (1, 1, DayStatus.DONE)


@pytest.mark.parametrize(
    ("pattern", "current", "best"),
    [
        ("", 0, 0),
        ("ddd", 3, 3),
        ("ddsdd", 2, 2),
        ("dddnd", 1, 3),
        ("dd.d.d", 4, 4),  # days not due neither count nor break
        ("dddds", 0, 4),
        ("ddrdd", 4, 4),  # a rescheduled appointment is not a due day
    ],
)
def test_streaks_count_due_days(pattern, current, best):
    records = day_records(days_from(pattern), today=D0 + timedelta(days=30))
    assert streaks(records, end=D0 + timedelta(days=30)) == (current, best)


@pytest.mark.parametrize(
    ("pattern", "low", "high"),
    [
        ("d" * 13, 0.49, 0.51),  # a daily habit gets halfway to full in 13 days
        ("d" * 200, 0.99, 1.0),
        ("d" * 100 + "sss", 0.83, 0.87),  # a few misses after a long run only dent it
        ("s" * 30, 0.0, 0.0),
        ("d" * 60 + "s" * 13, 0.47, 0.49),  # 13 missed days halve 0.96
    ],
)
def test_strength_follows_loops_smoothed_score(pattern, low, high):
    records = day_records(days_from(pattern), today=D0 + timedelta(days=400))
    (value,) = strength(records, [D0 + timedelta(days=len(pattern) - 1)])
    assert low <= value <= high


def test_strength_of_a_weekly_habit_holds_between_occurrences():
    records = day_records(days_from("d......" * 8), today=D0 + timedelta(days=400))
    (weekly,) = strength(records, [D0 + timedelta(days=55)])
    (daily,) = strength(
        day_records(days_from("d" * 8), D0 + timedelta(days=400)), [D0 + timedelta(days=7)]
    )
    assert weekly > daily  # eight weeks kept is more than eight days kept


@pytest.mark.parametrize(
    ("now", "before", "tolerance", "expected"),
    [
        (0.8, 0.5, 0.02, Change.UP),
        (0.5, 0.8, 0.02, Change.DOWN),
        (0.5, 0.51, 0.02, Change.SAME),
        (0.5, None, 0.02, None),
    ],
)
def test_change_between(now, before, tolerance, expected):
    assert change_between(now, before, tolerance) is expected


@pytest.mark.parametrize(
    ("moods", "expected"),
    [
        ([3, 4, 5, 6], Change.UP),
        ([6, 5, 4, 3], Change.DOWN),
        ([5, 5, 5], Change.SAME),
        ([5, 6], None),
    ],
)
def test_mood_direction(moods, expected):
    assert mood_direction([(i, float(m)) for i, m in enumerate(moods)]) is expected


@pytest.mark.parametrize(
    ("at", "tz", "expected"),
    [
        (
            datetime(2026, 3, 2, 2, 0, tzinfo=UTC),
            "Europe/Berlin",
            date(2026, 3, 1),
        ),  # 03:00: last night
        (
            datetime(2026, 3, 2, 3, 0, tzinfo=UTC),
            "Europe/Berlin",
            date(2026, 3, 2),
        ),  # 04:00: new day
        (datetime(2026, 3, 8, 8, 30, tzinfo=UTC), "America/New_York", date(2026, 3, 8)),  # DST
        (datetime(2026, 3, 8, 7, 30, tzinfo=UTC), "America/New_York", date(2026, 3, 7)),
    ],
)
def test_local_day_ends_at_day_end_minute(at, tz, expected):
    assert local_day(at, tz, 240) == expected
    assert local_day(day_start(expected, tz, 240), tz, 240) == expected


def _summary(entries, habits=(MED, WALK, MOOD, SLEEP), days=14, end_offset=27):
    end = D0 + timedelta(days=end_offset)
    return summarize(
        first_name="Sam",
        habits=habits,
        entries=entries,
        start=end - timedelta(days=days - 1),
        end=end,
        today=end,
    )


def test_summary_compares_with_the_period_before():
    data = _summary(days_from("s" * 14 + "ddddddddddddds"))
    (med,) = data.habits
    assert (med.due, med.done, med.skipped, med.rate, med.previous_rate) == (
        14,
        13,
        1,
        13 / 14,
        0.0,
    )
    assert (med.current_streak, med.best_streak, med.change) == (0, 13, Change.UP)
    assert med.statuses[-1] is DayStatus.SKIPPED and len(med.statuses) == 14


def test_summary_of_an_empty_period_has_no_habits_and_no_checkins():
    data = _summary([])
    assert (data.habits, data.checkins, data.patterns) == ((), 0, ())


def test_checkin_without_habit_joins_its_kind():
    loose = Entry(None, HabitKind.MOOD, D0 + timedelta(days=27), A.DONE, False, 7.0)
    data = _summary([loose])
    assert [h.habit for h in data.habits] == [MOOD]
    assert data.mood_by_day[-1] == 7.0


def test_pattern_needs_three_days_with_and_without():
    walks = "ddsdsds"  # 4 with, 3 without
    entries = days_from(walks, WALK) + [
        entry(MOOD, i, A.DONE, reminder=False, value=7.0 if c == "d" else 4.0)
        for i, c in enumerate(walks)
    ]
    data = _summary(entries, days=7, end_offset=6)
    (pattern,) = data.patterns
    assert (pattern.habit, pattern.metric, pattern.with_mean, pattern.without_mean) == (
        WALK,
        "mood",
        7.0,
        4.0,
    )
    assert _summary(entries[:-1], days=7, end_offset=6).patterns == ()  # only 2 without


def test_sleep_pattern_looks_at_the_night_after():
    walks = "dsdsdsd."
    sleep = [
        entry(SLEEP, i + 1, A.DONE, reminder=False, value=8.0 if c == "d" else 6.0, quality=4)
        for i, c in enumerate(walks[:-1])
    ]
    data = _summary(days_from(walks, WALK) + sleep, days=8, end_offset=7)
    (pattern,) = data.patterns
    assert (pattern.metric, pattern.with_mean, pattern.without_mean) == ("sleep", 8.0, 6.0)
    sleep_summary = next(h for h in data.habits if h.habit is SLEEP)
    assert sleep_summary.averages.nights == 7 and sleep_summary.averages.quality == 4


@pytest.mark.parametrize(
    ("checkins", "free", "drinks", "drug_days"),
    [
        ([(A.DONE, 0, None)] * 3, 3, 0, 0),
        ([(A.DONE, 0, None), (A.SKIPPED, 3, None), (A.SKIPPED, 0, "drugs")], 1, 3, 1),
    ],
)
def test_substance_free_days_and_drinks(checkins, free, drinks, drug_days):
    sober = HabitInfo(5, HabitKind.SUBSTANCE_FREE)
    entries = [entry(sober, i, a, value=v, note=n) for i, (a, v, n) in enumerate(checkins)]
    (habit,) = _summary(entries, habits=[sober], days=7, end_offset=6).habits
    averages = habit.averages
    assert (averages.free_days, averages.drinks, averages.drug_days) == (free, drinks, drug_days)


def test_exercise_minutes_add_up_per_day():
    entries = [
        entry(WALK, 0, A.DONE, value=20),
        entry(WALK, 0, A.DONE, reminder=False, value=15),
        entry(WALK, 1, A.SKIPPED),
    ]
    (habit,) = _summary(entries, habits=[WALK], days=7, end_offset=6).habits
    assert (habit.averages.total_minutes, habit.averages.active_days) == (35, 1)


def test_report_weeks_and_notes():
    doctor = HabitInfo(6, HabitKind.APPOINTMENT, "Dr K")
    entries = [
        *days_from("d" * 28),
        entry(MED, 3, A.SKIPPED, reminder=False, note="felt dizzy"),
        entry(doctor, 10, A.DONE),
    ]
    end = D0 + timedelta(days=27)
    report = build_report(
        first_name="Sam", habits=[MED, doctor], entries=entries, start=D0, end=end, today=end
    )
    assert [w.rates[0] for w in report.weeks] == [1.0] * 4
    assert [n.note for n in report.notes] == ["felt dizzy"]
    assert [a.habit.name for a in report.appointments] == ["Dr K"]

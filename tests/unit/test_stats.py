"""Counts, streaks, recent days, trends, averages and patterns from plain entries."""

from datetime import UTC, date, datetime, timedelta
from itertools import count

import pytest

from models.days import Day, Entry, HabitInfo, Outcome, days_by_habit
from models.schedule import day_start, local_day
from models.stats import Tally, streaks, summarize, tally
from models.stats_report import build_report
from models.trends import Change, change_between, comparable, direction
from models.types import Answer, HabitKind

D0 = date(2026, 3, 1)
A = Answer
MED = HabitInfo(1, HabitKind.MEDICATION, "Sertraline")
WALK = HabitInfo(2, HabitKind.EXERCISE, "Walk")
MOOD = HabitInfo(3, HabitKind.MOOD)
SLEEP = HabitInfo(4, HabitKind.SLEEP)
_DELIVERIES = count(1)


def entry(habit, day, answer, *, reminder=True, value=None, quality=None, note=None):
    delivery = next(_DELIVERIES) if reminder else None
    return Entry(
        habit.id, habit.kind, D0 + timedelta(days=day), answer, delivery, value, quality, note
    )


def days_from(pattern: str, habit=MED):
    """Entries from a string: d done, s skipped, n no answer, r rescheduled, . not due."""
    codes = {"d": A.DONE, "s": A.SKIPPED, "n": A.NO_ANSWER, "r": A.RESCHEDULED}
    return [entry(habit, i, codes[c]) for i, c in enumerate(pattern) if c != "."]


def _days(entries, habit=MED, today=D0 + timedelta(days=400)):
    return days_by_habit([habit], entries, today)[habit]


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
    assert streaks(_days(days_from(pattern)), end=D0 + timedelta(days=30)) == (current, best)


@pytest.mark.parametrize(
    ("pattern", "length", "expected"),
    [
        ("ddsdddd", 7, Tally(7, 6, 7)),
        ("dd.d.nd", 7, Tally(7, 4, 5)),  # days not due are not counted
        ("s" * 30 + "ddd", 7, Tally(7, 3, 7)),
        ("s" * 30 + "ddd", 30, Tally(30, 3, 30)),
    ],
)
def test_tally_counts_kept_days_of_due_days(pattern, length, expected):
    end = D0 + timedelta(days=len(pattern) - 1)
    assert tally(_days(days_from(pattern)), end, length) == expected


def _week(answered: int, day0: int = 0) -> list[Day]:
    return [
        Day(D0 + timedelta(days=day0 + i), HabitKind.MOOD, answers=int(i < answered))
        for i in range(7)
    ]


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [
        (_week(7), _week(7, 7), True),
        (_week(4), _week(4, 7), True),  # half the days answered is enough
        (_week(7), _week(3, 7), False),  # a thin week before says nothing
        (_week(7)[:3], _week(7, 7)[:3], False),  # three days against three days is not a trend
    ],
)
def test_comparable_needs_two_weeks_each_half_answered(now, before, expected):
    assert comparable(now, before) is expected


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
        ([3 + i // 3 for i in range(14)], Change.UP),
        ([7 - i // 3 for i in range(14)], Change.DOWN),
        ([5, 6] * 7, Change.SAME),
    ],
)
def test_mood_direction_over_two_weeks(moods, expected):
    points = [(i, float(m)) for i, m in enumerate(moods)]
    assert direction(points, period_days=len(moods)) is expected


def test_no_direction_from_under_two_weeks_or_thin_data():
    rising = [(i, float(i)) for i in range(14)]
    assert direction(rising[:13], period_days=13) is None
    assert direction(rising[::3], period_days=14) is None  # five of fourteen days
    assert direction(rising[::2], period_days=14) is Change.UP


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
    assert med.statuses[-1] is Outcome.NOT_DONE and len(med.statuses) == 14
    assert (med.last_7, med.last_30) == (Tally(7, 6, 7), Tally(30, 13, 28))


def test_no_change_is_claimed_without_a_comparable_period_before():
    (med,) = _summary(days_from("d" * 14), days=7, end_offset=13).habits
    assert (med.comparable, med.change) == (True, Change.SAME)
    (med,) = _summary(days_from("." * 7 + "d" * 7), days=7, end_offset=13).habits
    assert (med.comparable, med.change, med.previous_rate) == (False, None, None)
    (med,) = _summary(days_from("d" * 2), days=1, end_offset=1).habits
    assert (med.comparable, med.change) == (False, None)


def test_summary_of_an_empty_period_has_no_habits_and_no_checkins():
    data = _summary([])
    assert (data.habits, data.checkins, data.patterns) == ((), 0, ())


def test_checkin_without_habit_joins_its_kind():
    loose = Entry(None, HabitKind.MOOD, D0 + timedelta(days=27), A.DONE, None, 7.0)
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

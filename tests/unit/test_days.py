"""The one rule for a day: several entries of one habit and day make one outcome and numbers."""

from datetime import UTC, date, datetime, timedelta

import pytest

from models.days import DRUGS_NOTE, Entry, HabitInfo, Outcome, combine_day, days_by_habit
from models.types import Answer, HabitKind

A = Answer
K = HabitKind
DAY = date(2026, 3, 1)
LATER = DAY + timedelta(days=5)
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def said(kind, answer, *, reminder=None, value=None, quality=None, note=None, minute=0):
    """One entry of DAY; `minute` orders answers in time, `reminder` names its delivery."""
    at = T0 + timedelta(minutes=minute)
    return Entry(1, kind, DAY, answer, reminder, value, quality, note, at)


def day_of(kind, *entries, today=LATER):
    return combine_day(kind, DAY, list(entries), today)


@pytest.mark.parametrize(
    ("reminders", "loose", "expected"),
    [
        ([A.DONE, A.DONE], [], (2, 2, 0, 0, 0, Outcome.DONE)),
        ([A.DONE, None], [], (2, 1, 0, 1, 0, Outcome.PARTLY)),  # a past day's silence
        ([A.SKIPPED], [A.DONE], (1, 1, 0, 0, 0, Outcome.DONE)),  # skipped, then took it
        ([A.NO_ANSWER], [A.SKIPPED], (1, 0, 1, 0, 0, Outcome.NOT_DONE)),
        ([A.DONE], [A.DONE], (1, 1, 0, 0, 0, Outcome.DONE)),  # "took my meds" never twice
        ([None, None], [A.DONE], (2, 1, 0, 1, 0, Outcome.PARTLY)),  # fills one dose, not two
        ([], [A.SKIPPED, A.DONE], (1, 1, 0, 0, 0, Outcome.DONE)),  # no reminder: once, best
        ([A.RESCHEDULED], [], (0, 0, 0, 0, 1, Outcome.NOT_DUE)),  # neither due nor missed
    ],
)
def test_each_scheduled_dose_counts_once(reminders, loose, expected):
    entries = [said(K.MEDICATION, a, reminder=i + 1) for i, a in enumerate(reminders)]
    entries += [said(K.MEDICATION, a, minute=30 + i) for i, a in enumerate(loose)]
    day = day_of(K.MEDICATION, *entries)
    assert (day.due, day.done, day.skipped, day.no_answer, day.rescheduled, day.outcome) == (
        expected
    )


def test_a_reminders_latest_answer_is_its_only_answer():
    day = day_of(
        K.MEDICATION,
        said(K.MEDICATION, A.DONE, reminder=7, minute=5),
        said(K.MEDICATION, A.SKIPPED, reminder=7, minute=1),
    )
    assert (day.due, day.done, day.answers) == (1, 1, 1)


def test_todays_open_reminder_is_not_due_yet():
    open_dose = said(K.MEDICATION, None, reminder=1)
    assert day_of(K.MEDICATION, open_dose, today=DAY).outcome is Outcome.NOT_DUE
    assert day_of(K.MEDICATION, open_dose).outcome is Outcome.NO_ANSWER
    assert day_of(K.MOOD, said(K.MOOD, None, reminder=2), today=DAY).outcome is Outcome.NOT_DUE


def test_a_corrected_mood_wins_whatever_order_the_entries_come_in():
    six, zero = said(K.MOOD, A.DONE, value=6, minute=1), said(K.MOOD, A.DONE, value=0, minute=2)
    for entries in ((six, zero), (zero, six)):
        day = day_of(K.MOOD, *entries)
        assert (day.value, day.outcome, day.due, day.done) == (0, Outcome.DONE, 1, 1)


def test_sleep_hours_and_quality_each_take_their_latest_answer():
    day = day_of(
        K.SLEEP,
        said(K.SLEEP, A.DONE, value=5, quality=2, minute=1),
        said(K.SLEEP, A.DONE, value=7, minute=2),
    )
    assert (day.value, day.quality) == (7, 2)


def test_drinks_add_up_and_a_later_alcohol_free_does_not_erase_them():
    day = day_of(
        K.SUBSTANCE_FREE,
        said(K.SUBSTANCE_FREE, A.SKIPPED, value=2, minute=1),
        said(K.SUBSTANCE_FREE, A.DONE, value=0, minute=2),
        said(K.SUBSTANCE_FREE, A.SKIPPED, value=1, minute=3),
    )
    assert (day.outcome, day.value, day.due, day.done, day.skipped) == (
        Outcome.NOT_DONE,
        3,
        1,
        0,
        1,
    )


def test_alcohol_free_on_the_same_reminder_corrects_the_drinks():
    day = day_of(
        K.SUBSTANCE_FREE,
        said(K.SUBSTANCE_FREE, A.SKIPPED, reminder=4, value=2, minute=1),
        said(K.SUBSTANCE_FREE, A.DONE, reminder=4, value=0, minute=2),
    )
    assert (day.outcome, day.value) == (Outcome.DONE, 0)


def test_drug_use_makes_the_day_not_free():
    day = day_of(
        K.SUBSTANCE_FREE,
        said(K.SUBSTANCE_FREE, A.DONE, value=0),
        said(K.SUBSTANCE_FREE, A.SKIPPED, note=DRUGS_NOTE, minute=1),
    )
    assert (day.outcome, day.drugs, day.value) == (Outcome.NOT_DONE, True, 0)


def test_exercise_minutes_add_up_and_any_move_makes_the_day():
    day = day_of(
        K.EXERCISE,
        said(K.EXERCISE, A.SKIPPED, reminder=1),
        said(K.EXERCISE, A.DONE, value=20, minute=1),
        said(K.EXERCISE, A.DONE, value=15, minute=2),
    )
    assert (day.outcome, day.value, day.due, day.done) == (Outcome.DONE, 35, 1, 1)


def test_stress_is_done_with_any_practice_each_technique_once():
    day = day_of(
        K.STRESS,
        said(K.STRESS, A.DONE, note="yoga"),
        said(K.STRESS, A.DONE, note="yoga", minute=1),
        said(K.STRESS, A.SKIPPED, note="meditation", minute=2),
    )
    assert (day.outcome, day.notes, day.answers) == (Outcome.DONE, ("yoga",), 3)


def test_only_an_unanswered_past_reminder_is_no_answer():
    day = day_of(K.STRESS, said(K.STRESS, A.NO_ANSWER, reminder=1))
    assert (day.outcome, day.due, day.no_answer, day.answers) == (Outcome.NO_ANSWER, 1, 1, 0)


def test_mood_of_every_mood_habit_is_one_mood_a_day():
    old, new = HabitInfo(3, K.MOOD), HabitInfo(9, K.MOOD)
    entries = [
        Entry(3, K.MOOD, DAY, A.DONE, None, 4.0, at=T0),
        Entry(9, K.MOOD, DAY, A.DONE, None, 8.0, at=T0 + timedelta(hours=1)),
    ]
    by_habit = days_by_habit([old, new], entries, LATER)
    assert (by_habit[old][DAY].value, by_habit[new]) == (8.0, {})


def test_a_medicine_taken_as_needed_counts_doses_taken_and_none_due():
    doses = [said(K.MEDICATION, A.DONE), said(K.MEDICATION, A.DONE, minute=60)]
    day = combine_day(K.MEDICATION, DAY, doses, LATER, as_needed=True)
    assert (day.outcome, day.due, day.done, day.skipped) == (Outcome.NOT_DUE, 0, 2, 0)


def test_each_part_of_a_night_takes_its_latest_answer():
    first = said(K.SLEEP, A.DONE, value=6.0, quality=3)._replace(bedtime=23 * 60, awakenings=2)
    later = said(K.SLEEP, A.DONE, minute=60)._replace(awakenings=1)
    day = day_of(K.SLEEP, later, first)
    assert (day.value, day.quality, day.bedtime, day.awakenings) == (6.0, 3, 23 * 60, 1)

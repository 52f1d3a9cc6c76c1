"""Summary and report data built through the real stats code, for the renderer tests."""

import random
from datetime import date, timedelta
from itertools import count

from models.days import Entry, HabitInfo
from models.stats import SummaryData, summarize
from models.stats_report import ReportData, build_report
from models.types import Answer, HabitKind

END = date(2026, 3, 15)
HABITS = (
    HabitInfo(1, HabitKind.MEDICATION, "Sertraline"),
    HabitInfo(2, HabitKind.SLEEP),
    HabitInfo(3, HabitKind.EXERCISE, "Walk"),
    HabitInfo(4, HabitKind.STRESS, "Yoga"),
    HabitInfo(5, HabitKind.SUBSTANCE_FREE),
    HabitInfo(6, HabitKind.MOOD),
    HabitInfo(7, HabitKind.APPOINTMENT, "Dr Kowalski"),
)


def _entry(habit: HabitInfo, day: date, rng: random.Random, delivery: int) -> Entry:
    roll = rng.random()
    answer = Answer.DONE if roll < 0.75 else Answer.SKIPPED if roll < 0.88 else Answer.NO_ANSWER
    value = quality = note = None
    if answer is Answer.DONE and habit.kind is HabitKind.SLEEP:
        value, quality = round(rng.uniform(5, 8.5), 1), rng.randint(2, 5)
    elif answer is Answer.DONE and habit.kind is HabitKind.EXERCISE:
        value = float(rng.choice((15, 30, 45)))
    elif habit.kind is HabitKind.MOOD and answer is Answer.DONE:
        value = float(rng.randint(3, 8))
    elif habit.kind is HabitKind.STRESS and answer is Answer.DONE:
        note = rng.choice(("yoga", "meditation"))
    elif habit.kind is HabitKind.SUBSTANCE_FREE:
        value = 0.0 if answer is Answer.DONE else float(rng.randint(1, 3))
    elif habit.kind is HabitKind.MEDICATION and answer is Answer.SKIPPED:
        note = rng.choice(("forgot", "side_effects", "felt a bit dizzy & tired <again>"))
    return Entry(habit.id, habit.kind, day, answer, delivery, value, quality, note)


def sample_entries(habits=HABITS, days: int = 120, seed: int = 3) -> list[Entry]:
    """Return days of plausible entries: daily habits daily, the appointment weekly."""
    rng = random.Random(seed)
    deliveries = count(1)
    entries = []
    for back in range(days):
        day = END - timedelta(days=back)
        for habit in habits:
            if habit.kind is HabitKind.APPOINTMENT and day.weekday() != 2:
                continue
            for _ in range(2 if habit.kind is HabitKind.MEDICATION else 1):
                entries.append(_entry(habit, day, rng, next(deliveries)))
    return entries


def sample_summary(days: int = 7, habits=HABITS, seed: int = 3) -> SummaryData:
    """Return a summary of the last `days` days over the sample entries."""
    return summarize(
        first_name="Sam",
        habits=habits,
        entries=sample_entries(habits, seed=seed),
        start=END - timedelta(days=days - 1),
        end=END,
        today=END,
    )


def sample_report(weeks: int = 12, habits=HABITS) -> ReportData:
    """Return a doctor's report over the last `weeks` weeks of sample entries."""
    return build_report(
        first_name="Sam",
        habits=habits,
        entries=sample_entries(habits, days=weeks * 7 + 120),
        start=END - timedelta(days=weeks * 7 - 1),
        end=END,
        today=END,
    )


def many_habits(count: int = 20) -> tuple[HabitInfo, ...]:
    """Return many medications with long names full of characters HTML must escape."""
    return tuple(
        HabitInfo(100 + i, HabitKind.MEDICATION, f"Pill <{i}> & “extra” long name " * 3)
        for i in range(count)
    )

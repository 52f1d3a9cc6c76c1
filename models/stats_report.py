"""A doctor's report over several weeks: week by week rows, appointments, notes (pure)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from models.days import DRUGS_NOTE, Entry, HabitInfo
from models.stats import SummaryData, summarize
from models.stats_kinds import mean_or_none
from models.types import Answer, HabitKind, SkipReason, StressTechnique

# Enum-coded notes are shown in their own sections; the rest are the user's own words.
_CODED_NOTES = frozenset([*SkipReason, *StressTechnique, DRUGS_NOTE])


@dataclass(frozen=True)
class WeekRow:
    start: date
    rates: tuple[float | None, ...]  # done / due per habit, in the summary's habit order
    mood: float | None  # the mean of the week's daily moods
    sleep: float | None


@dataclass(frozen=True)
class NoteRow:
    day: date
    habit: HabitInfo
    answer: Answer | None
    note: str | None


@dataclass(frozen=True)
class ReportData:
    summary: SummaryData
    weeks: tuple[WeekRow, ...]
    appointments: tuple[NoteRow, ...]
    notes: tuple[NoteRow, ...]  # the user's own words (side effects and other notes)


def build_report(
    *,
    first_name: str,
    habits: Sequence[HabitInfo],
    entries: Iterable[Entry],
    start: date,
    end: date,
    today: date,
) -> ReportData:
    """Compute a doctor's report: the summary, week by week rows, appointments and notes."""
    entries = list(entries)
    summary = summarize(
        first_name=first_name, habits=habits, entries=entries, start=start, end=end, today=today
    )
    by_id = {habit.id: habit for habit in habits}
    rows = sorted(
        (
            NoteRow(e.day, by_id.get(e.habit_id) or HabitInfo(None, e.kind), e.answer, e.note)
            for e in entries
            if start <= e.day <= end and e.answer is not None
        ),
        key=lambda row: row.day,
    )
    return ReportData(
        summary=summary,
        weeks=tuple(week_rows(summary)),
        appointments=tuple(r for r in rows if r.habit.kind is HabitKind.APPOINTMENT),
        notes=tuple(r for r in rows if r.note and r.note not in _CODED_NOTES),
    )


def week_rows(summary: SummaryData) -> Iterable[WeekRow]:
    """Split the period into weeks from its first day; each number from the same days."""
    for first in range(0, len(summary.days), 7):
        rates = []
        for habit in summary.habits:
            week = habit.days[first : first + 7]
            due = sum(day.due for day in week)
            rates.append(sum(day.done for day in week) / due if due else None)
        mood = [v for v in summary.mood_by_day[first : first + 7] if v is not None]
        sleep = [v for v in summary.sleep_by_day[first : first + 7] if v is not None]
        yield WeekRow(summary.days[first], tuple(rates), mean_or_none(mood), mean_or_none(sleep))

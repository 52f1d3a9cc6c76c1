"""A doctor's report over several weeks: week by week rows, appointments, notes (pure)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from models.stats import DayRecord, Entry, HabitInfo, SummaryData, habit_records, summarize
from models.stats_kinds import DRUGS_NOTE, mean_or_none
from models.types import Answer, HabitKind, SkipReason, StressTechnique

# Enum-coded notes are shown in their own sections; the rest are the user's own words.
_CODED_NOTES = frozenset([*SkipReason, *StressTechnique, DRUGS_NOTE])


@dataclass(frozen=True)
class WeekRow:
    start: date
    rates: tuple[float | None, ...]  # done / due per habit, in the summary's habit order
    mood: float | None
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
    records = habit_records(habits, entries, today)
    in_period = [
        (habit, e)
        for habit, recs in records.items()
        for day, rec in recs.items()
        if start <= day <= end
        for e in rec.entries
    ]
    return ReportData(
        summary=summary,
        weeks=tuple(_week_rows(summary, records)),
        appointments=tuple(
            sorted(
                (
                    NoteRow(e.day, habit, e.answer, e.note)
                    for habit, e in in_period
                    if habit.kind is HabitKind.APPOINTMENT and e.answer
                ),
                key=lambda row: row.day,
            )
        ),
        notes=tuple(
            sorted(
                (
                    NoteRow(e.day, habit, e.answer, e.note)
                    for habit, e in in_period
                    if e.note and e.note not in _CODED_NOTES
                ),
                key=lambda row: row.day,
            )
        ),
    )


def _week_rows(
    summary: SummaryData, records: dict[HabitInfo, dict[date, DayRecord]]
) -> Iterable[WeekRow]:
    days = summary.days
    for first in range(0, len(days), 7):
        week = days[first : first + 7]
        rates = []
        for habit in summary.habits:
            recs = [records[habit.habit][d] for d in week if d in records.get(habit.habit, {})]
            due = sum(r.due for r in recs)
            rates.append(sum(r.done for r in recs) / due if due else None)
        mood = [v for v in summary.mood_by_day[first : first + 7] if v is not None]
        sleep = [v for v in summary.sleep_by_day[first : first + 7] if v is not None]
        yield WeekRow(week[0], tuple(rates), mean_or_none(mood), mean_or_none(sleep))

"""A doctor's report over several weeks: week by week rows, medications, appointments, notes
(pure). Every count comes from the days models.days combines, as in every other view."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from models.days import DRUGS_NOTE, Entry, HabitInfo
from models.stats import HabitSummary, SummaryData, summarize
from models.stats_kinds import mean_or_none
from models.treatment import Course, Response, Review, response
from models.types import Answer, HabitKind, SideEffect, SkipReason, StressTechnique

# Enum-coded notes are shown in their own sections; the rest are the user's own words.
_CODED_NOTES = frozenset([*SkipReason, *StressTechnique, DRUGS_NOTE])


@dataclass(frozen=True)
class WeekRow:
    start: date
    rates: tuple[float | None, ...]  # done / due per habit, in the summary's habit order
    counts: tuple[tuple[int, int], ...]  # (done, due) per habit, in the same order
    mood: float | None  # the mean of the week's daily moods
    sleep: float | None
    sleep_quality: float | None  # the mean of the week's nightly quality, 1-5
    drinks: float | None  # added up over the week's answered alcohol days; None if none


@dataclass(frozen=True)
class NoteRow:
    day: date
    habit: HabitInfo
    answer: Answer | None
    note: str | None


@dataclass(frozen=True)
class CourseRow:
    """A medication in the period: the PHQ-9 verdict and its doses taken (self-reported)."""

    course: Course
    response: Response
    doses_taken: int  # of its reminder's doses due while it was taken in the period
    doses_due: int


@dataclass(frozen=True)
class SideEffectRow:
    day: date
    medication: str
    effects: tuple[SideEffect, ...]
    note: str | None


@dataclass(frozen=True)
class Journal:
    """The treatment journal as the report needs it."""

    courses: tuple[Course, ...] = ()
    side_effects: tuple[SideEffectRow, ...] = ()
    reviews: tuple[Review, ...] = ()

    def days(self) -> Iterable[date]:
        """Every day something was written in the journal."""
        for course in self.courses:
            yield course.started_on
            yield from (dose.from_on for dose in course.doses)
            if course.stopped_on:
                yield course.stopped_on
        yield from (row.day for row in self.side_effects)
        yield from (review.due_on for review in self.reviews)


@dataclass(frozen=True)
class QuestionRow:
    text: str
    written: date
    asked: date | None


@dataclass(frozen=True)
class ReportData:
    summary: SummaryData
    weeks: tuple[WeekRow, ...]
    appointments: tuple[NoteRow, ...]
    notes: tuple[NoteRow, ...]  # the user's own words (side effects and other notes)
    courses: tuple[CourseRow, ...] = ()  # medications taken in the period, oldest start first
    earlier: tuple[Course, ...] = ()  # medications stopped before the period
    journal: Journal = field(default_factory=Journal)
    questions: tuple[QuestionRow, ...] = ()


def build_report(
    *,
    first_name: str,
    habits: Sequence[HabitInfo],
    entries: Iterable[Entry],
    start: date,
    end: date,
    today: date,
    journal: Journal = Journal(),
    phq9: Sequence[tuple[date, int]] = (),
) -> ReportData:
    """Compute a doctor's report from the first week with data to the end."""
    entries = list(entries)
    start = first_week_with_data(start, end, entries, phq9, journal)
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
        courses=tuple(
            course_row(summary, c, phq9, today)
            for c in journal.courses
            if c.started_on <= end and (c.stopped_on is None or c.stopped_on >= start)
        ),
        earlier=tuple(c for c in journal.courses if c.stopped_on and c.stopped_on < start),
        journal=journal,
    )


def first_week_with_data(
    start: date, end: date, entries: Sequence[Entry], phq9: Sequence[tuple[date, int]], journal
) -> date:
    """Return the first day of the period's first week (counted from start) that has data."""
    days = [e.day for e in entries if e.answer is not None]
    days += [day for day, _ in phq9]
    days += list(journal.days())
    first = min((day for day in days if start <= day <= end), default=None)
    if first is None:
        return start
    return start + timedelta(days=(first - start).days // 7 * 7)


def course_row(
    summary: SummaryData, course: Course, phq9: Sequence[tuple[date, int]], today: date
) -> CourseRow:
    """Judge a course by the PHQ-9 and count its reminder's doses while it was taken."""
    habit = linked_habit(summary, course)
    days = [d for d in habit.days if course.taken_on(d.day)] if habit else []
    return CourseRow(
        course, response(course, phq9, today), sum(d.done for d in days), sum(d.due for d in days)
    )


def linked_habit(summary: SummaryData, course: Course) -> HabitSummary | None:
    """Return the summary of the medication reminder a course is linked to, if any."""
    if course.habit_id is None:
        return None
    return next((h for h in summary.habits if h.habit.id == course.habit_id), None)


def week_rows(summary: SummaryData) -> Iterable[WeekRow]:
    """Split the period into weeks from its first day; each number from the same days."""
    for first in range(0, len(summary.days), 7):
        rates, counts = [], []
        for habit in summary.habits:
            week = habit.days[first : first + 7]
            due = sum(day.due for day in week)
            done = sum(day.done for day in week)
            rates.append(done / due if due else None)
            counts.append((done, due))
        yield WeekRow(
            summary.days[first],
            tuple(rates),
            tuple(counts),
            _mean_of(summary.mood_by_day[first : first + 7]),
            _mean_of(summary.sleep_by_day[first : first + 7]),
            _mean_of(summary.quality_by_day[first : first + 7]),
            _drinks(summary, first),
        )


def _mean_of(values: Sequence[float | None]) -> float | None:
    return mean_or_none([v for v in values if v is not None])


def _drinks(summary: SummaryData, first: int) -> float | None:
    answered = [
        day
        for habit in summary.habits
        if habit.habit.kind is HabitKind.SUBSTANCE_FREE
        for day in habit.days[first : first + 7]
        if day.value is not None  # an answered day: drinks, or 0 on a free day
    ]
    return float(sum(day.value or 0 for day in answered)) if answered else None

"""A period's summary: counts, streaks, the last 7 and 30 days, averages, patterns (pure).

Every number is read off the days models.days combines, so the /summary text, the chart,
the weekly summary, the PDF and the export agree.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from models.days import Day, Entry, HabitInfo, Outcome, days_by_habit, period_days
from models.stats_kinds import Averages, kind_averages
from models.treatment import Course, Response
from models.trends import Change, change_between, comparable
from models.types import HabitKind

# Runs of kept days look back this far before the compared periods.
HISTORY_DAYS = 90
RECENT_DAYS = 30  # "the last 30 days"
MIN_PATTERN_DAYS = 3
# A share moving by at most this much between comparable periods reads as "the same".
RATE_TOLERANCE = 0.05
_NO_PATTERN_KINDS = (HabitKind.MOOD, HabitKind.SLEEP)


@dataclass(frozen=True)
class Tally:
    """Days kept of days due in a window ending on the period's last day."""

    days: int  # the window's length
    done: int  # days kept: every dose taken, the practice done, alcohol- and drug-free...
    due: int


@dataclass(frozen=True)
class HabitSummary:
    habit: HabitInfo
    days: tuple[Day, ...]  # one per day of the period
    due: int  # doses or visits for medication and appointments, days for the rest
    done: int
    skipped: int
    no_answer: int
    rescheduled: int
    rate: float | None  # done / due; None when nothing was due
    previous_rate: float | None
    current_streak: int  # days kept in a row, counting only days the habit was due
    best_streak: int  # within the days looked at (period, period before, history)
    last_7: Tally
    last_30: Tally
    comparable: bool  # the period and the one before are two comparable weeks or more
    change: Change | None  # rate against the period before; None unless comparable
    averages: Averages | None

    @property
    def statuses(self) -> tuple[Outcome, ...]:
        return tuple(day.outcome for day in self.days)


@dataclass(frozen=True)
class Pattern:
    """Mood (same day) or sleep (the night after) on days with the habit and without."""

    habit: HabitInfo
    metric: str  # "mood" or "sleep"
    with_mean: float
    without_mean: float
    with_days: int
    without_days: int


@dataclass(frozen=True)
class SummaryData:
    first_name: str
    start: date
    end: date  # inclusive
    habits: tuple[HabitSummary, ...]
    patterns: tuple[Pattern, ...]
    mood_by_day: tuple[float | None, ...]
    sleep_by_day: tuple[float | None, ...]
    checkins: int  # answers given in the period (no-answer not counted)
    # PHQ-9 totals (the user's day, score) from the period before through this one, oldest first.
    phq9: tuple[tuple[date, int], ...] = ()
    # Days a PHQ-9 had item 9 (thoughts of death or self-harm) above zero, with that answer.
    self_harm: tuple[tuple[date, int], ...] = ()
    # Sleep quality (1-5) by day, as models.days tells each night.
    quality_by_day: tuple[int | None, ...] = ()
    # Medications taken eight weeks or more whose PHQ-9 is not down by half (models.treatment).
    not_helping: tuple[tuple[Course, Response], ...] = ()

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


def window_start(start: date, end: date) -> date:
    """Return the first day the summary of start..end needs (period before and history)."""
    return start - timedelta(days=(end - start).days + 1 + HISTORY_DAYS)


def streaks(days: dict[date, Day], end: date) -> tuple[int, int]:
    """Return the current and best run of kept days, counting only days the habit was due."""
    current = best = 0
    for day, record in sorted(days.items()):
        if day > end or record.due == 0:
            continue
        current = current + 1 if record.outcome is Outcome.DONE else 0
        best = max(best, current)
    return current, best


def tally(days: dict[date, Day], end: date, length: int) -> Tally:
    """Count the days kept and due in the `length` days ending on `end`."""
    first = end - timedelta(days=length - 1)
    window = [record for day, record in days.items() if first <= day <= end]
    done = sum(record.outcome is Outcome.DONE for record in window)
    return Tally(length, done, sum(record.due > 0 for record in window))


def summarize(
    *,
    first_name: str,
    habits: Sequence[HabitInfo],
    entries: Iterable[Entry],
    start: date,
    end: date,
    today: date,
) -> SummaryData:
    """Compute the summary of start..end (inclusive) against the same span before it."""
    by_habit = days_by_habit(habits, entries, today)
    summaries = tuple(_habit_summary(habit, days, start, end) for habit, days in by_habit.items())
    mood = _series(by_habit, HabitKind.MOOD)
    sleep = _series(by_habit, HabitKind.SLEEP)
    quality = _series(by_habit, HabitKind.SLEEP, quality=True)
    return SummaryData(
        first_name=first_name,
        start=start,
        end=end,
        # A medicine taken as needed has doses taken and none due.
        habits=tuple(s for s in summaries if s.due or s.done or s.rescheduled or s.averages),
        patterns=tuple(_patterns(by_habit, mood, sleep, start, end)),
        mood_by_day=tuple(mood.get(day) for day in _dates(start, end)),
        sleep_by_day=tuple(sleep.get(day) for day in _dates(start, end)),
        quality_by_day=tuple(quality.get(day) for day in _dates(start, end)),
        checkins=sum(day.answers for summary in summaries for day in summary.days),
    )


def _habit_summary(habit: HabitInfo, days: dict[date, Day], start: date, end: date) -> HabitSummary:
    before = start - timedelta(days=(end - start).days + 1)
    now = period_days(days, habit.kind, start, end)
    prev = period_days(days, habit.kind, before, start - timedelta(days=1))
    due, done = sum(d.due for d in now), sum(d.done for d in now)
    prev_due = sum(d.due for d in prev)
    rate = done / due if due else None
    previous_rate = sum(d.done for d in prev) / prev_due if prev_due else None
    fair = comparable(now, prev)
    current, best = streaks(days, end)
    return HabitSummary(
        habit=habit,
        days=tuple(now),
        due=due,
        done=done,
        skipped=sum(d.skipped for d in now),
        no_answer=sum(d.no_answer for d in now),
        rescheduled=sum(d.rescheduled for d in now),
        rate=rate,
        previous_rate=previous_rate,
        current_streak=current,
        best_streak=best,
        last_7=tally(days, end, 7),
        last_30=tally(days, end, RECENT_DAYS),
        comparable=fair,
        change=change_between(rate, previous_rate, RATE_TOLERANCE) if fair else None,
        averages=kind_averages(habit.kind, now, prev, comparable=fair),
    )


def _series(
    by_habit: dict[HabitInfo, dict[date, Day]], kind: HabitKind, *, quality: bool = False
) -> dict[date, float]:
    """Return the day's number (or sleep quality) of the habit that holds every entry of a
    one-a-day kind."""
    days = next((d for habit, d in by_habit.items() if habit.kind is kind and d), {})
    values = {day: record.quality if quality else record.value for day, record in days.items()}
    return {day: value for day, value in values.items() if value is not None}


def _patterns(
    by_habit: dict[HabitInfo, dict[date, Day]],
    mood: dict[date, float],
    sleep: dict[date, float],
    start: date,
    end: date,
) -> list[Pattern]:
    found = []
    for habit, days in by_habit.items():
        if habit.kind in _NO_PATTERN_KINDS:
            continue
        due = [d for day, d in days.items() if start <= day <= end and d.due]
        with_ = [d.day for d in due if d.done]
        without = [d.day for d in due if not d.done]
        # Sleep is logged the morning after, so the night after a day is the next day's entry.
        for metric, values, shift in (("mood", mood, 0), ("sleep", sleep, 1)):
            a = _shifted(values, with_, shift)
            b = _shifted(values, without, shift)
            if len(a) >= MIN_PATTERN_DAYS and len(b) >= MIN_PATTERN_DAYS:
                found.append(Pattern(habit, metric, fmean(a), fmean(b), len(a), len(b)))
    return sorted(found, key=lambda p: -abs(p.with_mean - p.without_mean))


def _shifted(values: dict[date, float], days: list[date], shift: int) -> list[float]:
    step = timedelta(days=shift)
    return [values[day + step] for day in days if day + step in values]


def _dates(first: date, last: date) -> Iterable[date]:
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)

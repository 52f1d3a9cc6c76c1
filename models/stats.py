"""Adherence, streaks, habit strength, averages and patterns: data, not text (pure)."""

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from statistics import fmean
from typing import NamedTuple

from models.stats_kinds import (
    Averages,
    Change,
    change_between,
    kind_averages,
    mean_or_none,
)
from models.types import Answer, HabitKind

__all__ = ["Averages", "Change", "DayStatus", "Entry", "HabitInfo", "HabitSummary", "Pattern"]

# 0.5 ** (90 / 13) < 1%: days older than this barely move a daily habit's strength.
STRENGTH_WARMUP_DAYS = 90
MIN_PATTERN_DAYS = 3
# Strength moves slowly; under two points it reads as "same", not as a trend.
STRENGTH_TOLERANCE = 0.02
# Which answer a check-in without a reminder may stand in for, best first.
_FILLS = {
    Answer.DONE: (None, Answer.NO_ANSWER, Answer.SKIPPED),
    Answer.RESCHEDULED: (None, Answer.NO_ANSWER),
    Answer.SKIPPED: (None, Answer.NO_ANSWER),
    Answer.NO_ANSWER: (),
}
_RANK = {Answer.DONE: 0, Answer.RESCHEDULED: 1, Answer.SKIPPED: 2, Answer.NO_ANSWER: 3}
_NO_PATTERN_KINDS = (HabitKind.MOOD, HabitKind.SLEEP)


class DayStatus(StrEnum):
    DONE = "done"
    PARTLY = "partly"
    SKIPPED = "skipped"
    NO_ANSWER = "no_answer"
    NOT_DUE = "not_due"


@dataclass(frozen=True)
class HabitInfo:
    """A habit as stats sees it; id None gathers check-ins of a kind with no habit."""

    id: int | None
    kind: HabitKind
    name: str = ""


class Entry(NamedTuple):
    """One check-in, or one reminder still without a check-in (answer None)."""

    # A tuple, not a dataclass: a year's summary builds thousands of these per request.

    habit_id: int | None
    kind: HabitKind
    day: date
    answer: Answer | None
    from_reminder: bool
    value: float | None = None
    quality: int | None = None
    note: str | None = None


@dataclass(slots=True)
class DayRecord:
    """One habit's outcome on one day; due counts answered-or-expired reminders."""

    day: date
    due: int = 0
    done: int = 0
    skipped: int = 0
    no_answer: int = 0
    rescheduled: int = 0
    entries: list[Entry] = field(default_factory=list)

    @property
    def status(self) -> DayStatus:
        if self.due == 0:
            return DayStatus.NOT_DUE
        if self.done:
            return DayStatus.DONE if self.done == self.due else DayStatus.PARTLY
        return DayStatus.SKIPPED if self.skipped else DayStatus.NO_ANSWER


@dataclass(frozen=True)
class HabitSummary:
    habit: HabitInfo
    due: int
    done: int
    skipped: int
    no_answer: int
    rescheduled: int
    rate: float | None  # done / due; None when nothing was due
    previous_rate: float | None
    current_streak: int  # counted in days the habit was due
    best_streak: int  # within the days looked at (period, period before, warm-up)
    strength: float  # 0..1 at the end of the period
    previous_strength: float  # 0..1 at the end of the period before
    change: Change | None  # strength against the end of the period before
    statuses: tuple[DayStatus, ...]  # one per day of the period
    averages: Averages | None


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

    @property
    def days(self) -> list[date]:
        return list(_date_range(self.start, self.end))


def window_start(start: date, end: date) -> date:
    """Return the first day the summary of start..end needs (period before and warm-up)."""
    return start - timedelta(days=(end - start).days + 1 + STRENGTH_WARMUP_DAYS)


def day_records(entries: Iterable[Entry], today: date) -> dict[date, DayRecord]:
    """Merge one habit's entries into per-day outcomes."""
    by_day: dict[date, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_day[entry.day].append(entry)
    return {day: _day_record(day, items, today) for day, items in sorted(by_day.items())}


def _day_record(day: date, entries: list[Entry], today: date) -> DayRecord:
    slots = [e.answer for e in entries if e.from_reminder]
    free = sorted((e.answer for e in entries if not e.from_reminder and e.answer), key=_RANK.get)
    if not slots:
        # Logged without a reminder: the day counts once, at its best answer.
        slots = free[:1]
    else:
        for answer in free:
            _fill(slots, answer)
    no_answer = slots.count(Answer.NO_ANSWER)
    if day < today:
        no_answer += slots.count(None)  # the day ended; the dispatcher may not have stored it
    done, skipped = slots.count(Answer.DONE), slots.count(Answer.SKIPPED)
    return DayRecord(
        day=day,
        due=done + skipped + no_answer,
        done=done,
        skipped=skipped,
        no_answer=no_answer,
        rescheduled=slots.count(Answer.RESCHEDULED),
        entries=entries,
    )


def _fill(slots: list[Answer | None], answer: Answer) -> None:
    for target in _FILLS[answer]:
        if target in slots:
            slots[slots.index(target)] = answer
            return


def streaks(records: dict[date, DayRecord], end: date) -> tuple[int, int]:
    """Return the current and best run of kept days, counting only days the habit was due."""
    current = best = 0
    for day, record in sorted(records.items()):
        if day > end or record.due == 0:
            continue
        current = current + 1 if record.done == record.due else 0
        best = max(best, current)
    return current, best


def strength(records: dict[date, DayRecord], at: Sequence[date]) -> list[float]:
    """Return the habit strength (0..1) at the end of each day in at.

    Loop Habit Tracker's score: each day s = s_prev * m + v * (1 - m), with
    m = 0.5 ** (sqrt(f) / 13), so a daily habit (f = 1) halves its distance to
    v in 13 days and a few missed days after a long run only dent it. v is the
    part of the day's reminders done; on days not due v carries the last due
    day's value (Loop's rolling window for non-daily habits). f is the share of
    days the habit was due, estimated from the records (Loop takes it from the
    habit's set frequency), and the score starts at 0 on the first due day.
    """
    due_days = sorted(day for day, record in records.items() if record.due)
    if not due_days:
        return [0.0 for _ in at]
    span = (due_days[-1] - due_days[0]).days + 1
    frequency = min(1.0, max(1 / 31, len(due_days) / span))
    multiplier = 0.5 ** (math.sqrt(frequency) / 13)
    score, value, scores = 0.0, 0.0, {}
    for day in _date_range(due_days[0], max(at)):
        record = records.get(day)
        if record is not None and record.due:
            value = record.done / record.due
        score = score * multiplier + value * (1 - multiplier)
        scores[day] = score
    return [scores.get(day, 0.0) for day in at]


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
    records = habit_records(habits, entries, today)
    before = start - timedelta(days=(end - start).days + 1)
    mood = _daily_values(records, HabitKind.MOOD, start, end + timedelta(days=1))
    sleep = _daily_values(records, HabitKind.SLEEP, start, end + timedelta(days=1))
    summaries = tuple(
        _habit_summary(habit, recs, start, end, before) for habit, recs in records.items()
    )
    return SummaryData(
        first_name=first_name,
        start=start,
        end=end,
        habits=tuple(s for s in summaries if s.due or s.rescheduled or s.averages),
        patterns=tuple(_patterns(records, mood, sleep, start, end)),
        mood_by_day=tuple(mood.get(day) for day in _date_range(start, end)),
        sleep_by_day=tuple(sleep.get(day) for day in _date_range(start, end)),
        checkins=sum(
            e.answer not in (None, Answer.NO_ANSWER)
            for recs in records.values()
            for day, rec in recs.items()
            if start <= day <= end
            for e in rec.entries
        ),
    )


def habit_records(
    habits: Sequence[HabitInfo], entries: Iterable[Entry], today: date
) -> dict[HabitInfo, dict[date, DayRecord]]:
    """Group entries by habit; check-ins with no known habit join the first of their kind."""
    by_id = {habit.id: habit for habit in habits}
    first_of_kind: dict[HabitKind, HabitInfo] = {}
    for habit in habits:
        first_of_kind.setdefault(habit.kind, habit)
    grouped: dict[HabitInfo, list[Entry]] = {habit: [] for habit in habits}
    for entry in entries:
        habit = by_id.get(entry.habit_id) or first_of_kind.get(entry.kind)
        if habit is None or habit.kind is not entry.kind:
            habit = first_of_kind.setdefault(entry.kind, HabitInfo(None, entry.kind))
        grouped.setdefault(habit, []).append(entry)
    return {habit: day_records(items, today) for habit, items in grouped.items()}


def _habit_summary(
    habit: HabitInfo, records: dict[date, DayRecord], start: date, end: date, before: date
) -> HabitSummary:
    now = [r for d, r in records.items() if start <= d <= end]
    prev = [r for d, r in records.items() if before <= d < start]
    current, best = streaks(records, end)
    previous_strength, strength_now = strength(records, [start - timedelta(days=1), end])
    due = sum(r.due for r in now)
    done = sum(r.done for r in now)
    prev_due = sum(r.due for r in prev)
    return HabitSummary(
        habit=habit,
        due=due,
        done=done,
        skipped=sum(r.skipped for r in now),
        no_answer=sum(r.no_answer for r in now),
        rescheduled=sum(r.rescheduled for r in now),
        rate=done / due if due else None,
        previous_rate=sum(r.done for r in prev) / prev_due if prev_due else None,
        current_streak=current,
        best_streak=best,
        strength=strength_now,
        previous_strength=previous_strength,
        change=change_between(
            strength_now, previous_strength if prev_due else None, STRENGTH_TOLERANCE
        ),
        statuses=tuple(
            records[d].status if d in records else DayStatus.NOT_DUE
            for d in _date_range(start, end)
        ),
        averages=kind_averages(habit.kind, now, prev),
    )


def _daily_values(
    records: dict[HabitInfo, dict[date, DayRecord]], kind: HabitKind, start: date, end: date
) -> dict[date, float]:
    values: dict[date, list[float]] = defaultdict(list)
    for habit, recs in records.items():
        if habit.kind is not kind:
            continue
        for day, record in recs.items():
            if start <= day <= end:
                values[day] += [e.value for e in record.entries if e.value is not None]
    # Several mood check-ins a day average out; a second sleep log corrects the first.
    pick = mean_or_none if kind is HabitKind.MOOD else (lambda v: v[-1] if v else None)
    return {day: pick(v) for day, v in values.items() if v}


def _patterns(
    records: dict[HabitInfo, dict[date, DayRecord]],
    mood: dict[date, float],
    sleep: dict[date, float],
    start: date,
    end: date,
) -> list[Pattern]:
    found = []
    for habit, recs in records.items():
        if habit.kind in _NO_PATTERN_KINDS:
            continue
        days = [r for d, r in recs.items() if start <= d <= end and r.due]
        with_ = [r.day for r in days if r.done]
        without = [r.day for r in days if not r.done]
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


def _date_range(first: date, last: date) -> Iterable[date]:
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)

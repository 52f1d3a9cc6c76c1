"""The averages each habit kind is summarised by (pure); models.stats uses them."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from models.types import Answer, HabitKind, SkipReason

if TYPE_CHECKING:
    from models.stats import DayRecord

MIN_TREND_DAYS = 3
_SKIP_REASONS = frozenset(SkipReason)
DRUGS_NOTE = "drugs"


class Change(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"


@dataclass(frozen=True)
class SleepAverages:
    nights: int
    hours: float | None
    quality: float | None  # 1-5
    previous_hours: float | None
    change: Change | None


@dataclass(frozen=True)
class ExerciseAverages:
    active_days: int
    total_minutes: float
    minutes_per_active_day: float | None
    previous_total: float | None
    change: Change | None


@dataclass(frozen=True)
class SubstanceAverages:
    logged_days: int
    free_days: int  # alcohol- and drug-free
    drinks: float
    drinking_days: int
    drug_days: int
    previous_free_days: int | None
    change: Change | None  # in free days


@dataclass(frozen=True)
class MoodAverages:
    days: int
    mean: float | None
    low: float | None
    high: float | None
    direction: Change | None  # within the period, from a least-squares line
    previous_mean: float | None
    change: Change | None


@dataclass(frozen=True)
class StressAverages:
    sessions: int
    techniques: tuple[tuple[str, int], ...]  # StressTechnique value, times; most used first
    previous_sessions: int | None
    change: Change | None


@dataclass(frozen=True)
class MedicationNotes:
    skip_reasons: tuple[tuple[str, int], ...]  # SkipReason value, times; most common first
    side_effects: tuple[str, ...]  # the user's own words, oldest first


Averages = (
    SleepAverages
    | ExerciseAverages
    | SubstanceAverages
    | MoodAverages
    | StressAverages
    | MedicationNotes
)


def mean_or_none(values: Sequence[float]) -> float | None:
    """Return the mean, or None for no values."""
    return sum(values) / len(values) if values else None


def change_between(now: float | None, before: float | None, tolerance: float) -> Change | None:
    """Return up, down or same (within tolerance); None when either side is missing."""
    if now is None or before is None:
        return None
    if abs(now - before) <= tolerance:
        return Change.SAME
    return Change.UP if now > before else Change.DOWN


def kind_averages(
    kind: HabitKind, now: "Sequence[DayRecord]", before: "Sequence[DayRecord]"
) -> Averages | None:
    """Return the averages that fit the habit's kind, compared with the period before."""
    builder = _BUILDERS.get(kind)
    return builder(now, before) if builder else None


def _values(record: "DayRecord") -> list[float]:
    return [e.value for e in record.entries if e.value is not None]


def _sleep(now, before) -> SleepAverages | None:
    # A second sleep log on a day corrects the first, so the last one counts.
    hours = [_values(r)[-1] for r in now if _values(r)]
    quality = [q for r in now for q in [e.quality for e in r.entries if e.quality][-1:]]
    if not hours and not quality:
        return None
    previous = mean_or_none([_values(r)[-1] for r in before if _values(r)])
    mean = mean_or_none(hours)
    return SleepAverages(
        len(hours), mean, mean_or_none(quality), previous, change_between(mean, previous, 0.25)
    )


def _minutes(records) -> tuple[int, float]:
    per_day = [sum(_values(r)) for r in records if r.done or _values(r)]
    return sum(1 for m in per_day if m > 0), float(sum(per_day))


def _exercise(now, before) -> ExerciseAverages | None:
    active, total = _minutes(now)
    if not any(r.done or _values(r) for r in now):
        return None
    previous = _minutes(before)[1] if before else None
    tolerance = max(10.0, 0.1 * (previous or 0))
    return ExerciseAverages(
        active,
        total,
        total / active if active else None,
        previous,
        change_between(total, previous, tolerance),
    )


def _substance_day(record: "DayRecord") -> tuple[bool, bool, float, bool]:
    answered = [e for e in record.entries if e.answer in (Answer.DONE, Answer.SKIPPED)]
    drugs = any(e.note == DRUGS_NOTE for e in answered)
    drinks = sum(e.value or 0 for e in answered)
    free = any(e.answer is Answer.DONE for e in answered) and not drugs and drinks == 0
    return bool(answered), free, drinks, drugs


def _substance(now, before) -> SubstanceAverages | None:
    days = [_substance_day(r) for r in now]
    logged = [d for d in days if d[0]]
    if not logged:
        return None
    free = sum(d[1] for d in logged)
    prev = [d for d in map(_substance_day, before) if d[0]]
    previous = sum(d[1] for d in prev) if prev else None
    return SubstanceAverages(
        logged_days=len(logged),
        free_days=free,
        drinks=sum(d[2] for d in logged),
        drinking_days=sum(d[2] > 0 for d in logged),
        drug_days=sum(d[3] for d in logged),
        previous_free_days=previous,
        change=change_between(free, previous, 0),
    )


def _daily_mood(records) -> list[tuple[int, float]]:
    return [(r.day.toordinal(), sum(v) / len(v)) for r in records if (v := _values(r))]


def _mood(now, before) -> MoodAverages | None:
    points = _daily_mood(now)
    if not points:
        return None
    values = [v for _, v in points]
    mean = mean_or_none(values)
    previous = mean_or_none([v for _, v in _daily_mood(before)])
    return MoodAverages(
        len(points),
        mean,
        min(values),
        max(values),
        mood_direction(points),
        previous,
        change_between(mean, previous, 0.5),
    )


def mood_direction(points: Sequence[tuple[int, float]]) -> Change | None:
    """Return where a least-squares line through (day, mood) went over the period."""
    if len(points) < MIN_TREND_DAYS:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    # Half a point on the 0-10 scale across the period is the smallest move worth naming.
    rise = slope * (points[-1][0] - points[0][0])
    return change_between(rise, 0.0, 0.5)


def _stress(now, before) -> StressAverages | None:
    done = [e for r in now for e in r.entries if e.answer is Answer.DONE]
    if not any(r.due for r in now) and not done:
        return None
    techniques = Counter(e.note for e in done if e.note)
    previous = sum(e.answer is Answer.DONE for r in before for e in r.entries) if before else None
    return StressAverages(
        len(done),
        tuple(techniques.most_common()),
        previous,
        change_between(len(done), previous, 0),
    )


def _medication(now, before) -> MedicationNotes | None:
    notes = [e for r in now for e in r.entries if e.note]
    reasons = Counter(e.note for e in notes if e.note in _SKIP_REASONS)
    effects = tuple(e.note for e in notes if e.note not in _SKIP_REASONS)
    if not reasons and not effects:
        return None
    return MedicationNotes(tuple(reasons.most_common()), effects)


_BUILDERS = {
    HabitKind.SLEEP: _sleep,
    HabitKind.EXERCISE: _exercise,
    HabitKind.SUBSTANCE_FREE: _substance,
    HabitKind.MOOD: _mood,
    HabitKind.STRESS: _stress,
    HabitKind.MEDICATION: _medication,
}

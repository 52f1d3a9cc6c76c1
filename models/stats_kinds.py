"""The averages each habit kind is summarised by, read off its days (pure)."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from models.days import Day, Outcome
from models.trends import Change, change_between, direction
from models.types import HabitKind, SkipReason

_SKIP_REASONS = frozenset(SkipReason)


@dataclass(frozen=True)
class SleepAverages:
    nights: int
    hours: float | None
    quality: float | None  # 1-5
    previous_hours: float | None
    change: Change | None  # None unless the two periods are comparable
    awakenings: float | None = None  # a night's, on nights they said
    bedtime: int | None = None  # the usual bedtime, a local minute of the day


@dataclass(frozen=True)
class ExerciseAverages:
    active_days: int
    total_minutes: float
    minutes_per_active_day: float | None
    previous_total: float | None
    change: Change | None


@dataclass(frozen=True)
class SubstanceAverages:
    logged_days: int  # days answered
    free_days: int  # alcohol- and drug-free: the habit's done days
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
    sessions: int  # days practised
    techniques: tuple[tuple[str, int], ...]  # StressTechnique value, days; most used first
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


def kind_averages(
    kind: HabitKind, now: Sequence[Day], before: Sequence[Day], *, comparable: bool
) -> Averages | None:
    """Return the averages that fit the habit's kind; changes only when comparable."""
    builder = _BUILDERS.get(kind)
    return builder(now, before, comparable) if builder else None


def _values(days: Sequence[Day]) -> list[float]:
    return [day.value for day in days if day.value is not None]


def _done(days: Sequence[Day]) -> int:
    return sum(day.outcome is Outcome.DONE for day in days)


def mean_bedtime(minutes: Sequence[int]) -> int | None:
    """Return the mean of bedtimes around midnight (23:00 and 01:00 average to 00:00)."""
    if not minutes:
        return None
    # Counted from noon, bedtimes from the evening to the early morning do not wrap.
    return round(mean_or_none([(m + 720) % 1440 for m in minutes]) - 720) % 1440  # type: ignore[operator]


def _sleep(now, before, comparable) -> SleepAverages | None:
    hours = _values(now)
    quality = [day.quality for day in now if day.quality is not None]
    woke = [day.awakenings for day in now if day.awakenings is not None]
    bedtimes = [day.bedtime for day in now if day.bedtime is not None]
    if not hours and not quality and not woke and not bedtimes:
        return None
    mean, previous = mean_or_none(hours), mean_or_none(_values(before))
    change = change_between(mean, previous, 0.25) if comparable else None
    return SleepAverages(
        len(hours), mean, mean_or_none(quality), previous, change,
        awakenings=mean_or_none(woke), bedtime=mean_bedtime(bedtimes),
    )  # fmt: skip


def _exercise(now, before, comparable) -> ExerciseAverages | None:
    active = _done(now)
    if not active and not _values(now):
        return None
    total = float(sum(_values(now)))
    previous = float(sum(_values(before))) if any(day.answers for day in before) else None
    tolerance = max(10.0, 0.1 * (previous or 0))
    change = change_between(total, previous, tolerance) if comparable else None
    return ExerciseAverages(active, total, total / active if active else None, previous, change)


def _substance(now, before, comparable) -> SubstanceAverages | None:
    logged = [day for day in now if day.answers]
    if not logged:
        return None
    free = _done(now)
    previous = _done(before) if any(day.answers for day in before) else None
    return SubstanceAverages(
        logged_days=len(logged),
        free_days=free,
        drinks=float(sum(day.value or 0 for day in logged)),
        drinking_days=sum((day.value or 0) > 0 for day in logged),
        drug_days=sum(day.drugs for day in logged),
        previous_free_days=previous,
        change=change_between(free, previous, 0) if comparable else None,
    )


def _mood(now, before, comparable) -> MoodAverages | None:
    points = [(day.day.toordinal(), day.value) for day in now if day.value is not None]
    if not points:
        return None
    values = [value for _, value in points]
    mean, previous = mean_or_none(values), mean_or_none(_values(before))
    return MoodAverages(
        len(points),
        mean,
        min(values),
        max(values),
        direction(points, len(now)),
        previous,
        change_between(mean, previous, 0.5) if comparable else None,
    )


def _stress(now, before, comparable) -> StressAverages | None:
    sessions = _done(now)
    if not sessions and not any(day.due for day in now):
        return None
    techniques = Counter(note for day in now if day.outcome is Outcome.DONE for note in day.notes)
    previous = _done(before) if any(day.answers for day in before) else None
    return StressAverages(
        sessions,
        tuple(techniques.most_common()),
        previous,
        change_between(sessions, previous, 0) if comparable else None,
    )


def _medication(now, before, comparable) -> MedicationNotes | None:
    notes = [note for day in now for note in day.notes]
    reasons = Counter(note for note in notes if note in _SKIP_REASONS)
    effects = tuple(note for note in notes if note not in _SKIP_REASONS)
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

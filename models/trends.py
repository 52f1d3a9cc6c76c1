"""When Steady may speak of a trend, and which way it went (pure).

A trend ("up", "down", "held steady", "lifting") is only claimed from two comparable weeks of
data: two periods of at least a week each, each answered on at least half its days. Less than
that reads as what happened, never as where things are going.
"""

from collections.abc import Sequence
from enum import StrEnum

from models.days import Day

MIN_TREND_DAYS = 7  # each of the two compared periods is at least a week
# A direction within one period needs two weeks of it.
MIN_DIRECTION_DAYS = 2 * MIN_TREND_DAYS


class Change(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"


def comparable(now: Sequence[Day], before: Sequence[Day]) -> bool:
    """Tell whether a period and the one before hold enough to compare: a week each, half answered."""
    return (
        len(now) >= MIN_TREND_DAYS
        and len(before) == len(now)
        and all(_mostly_answered(period) for period in (now, before))
    )


def _mostly_answered(days: Sequence[Day]) -> bool:
    return 2 * sum(day.answers > 0 for day in days) >= len(days)


def change_between(now: float | None, before: float | None, tolerance: float) -> Change | None:
    """Return up, down or same (within tolerance); None when either side is missing."""
    if now is None or before is None:
        return None
    if abs(now - before) <= tolerance:
        return Change.SAME
    return Change.UP if now > before else Change.DOWN


def direction(points: Sequence[tuple[int, float]], period_days: int) -> Change | None:
    """Return where a least-squares line through (day number, value) went over a period.

    None unless the period is two weeks or more with a value on at least half its days.
    """
    if period_days < MIN_DIRECTION_DAYS or 2 * len(points) < period_days:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    # Half a point on the 0-10 scale across the period is the smallest move worth naming.
    rise = slope * (points[-1][0] - points[0][0])
    return change_between(rise, 0.0, 0.5)

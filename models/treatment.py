"""The treatment journal as the report and the summary read it: courses, doses, and whether
each medication helped by the PHQ-9 (pure).

A medication's baseline is the PHQ-9 nearest before its start (on the start day or up to
BASELINE_DAYS before). Its latest score is the newest PHQ-9 after the start while it was
taken. Response is a drop of at least half from the baseline, remission a score under 5 (the
usual definitions for the PHQ-9). Four to eight weeks is the usual time an antidepressant
needs, so before eight weeks "not yet halved" is "too early to tell", not "no response".
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.types import ReviewAnswer, StopReason

BASELINE_DAYS = 28  # "within a few weeks" before the start
REVIEW_WEEKS = (6, 8)
FULL_TRIAL_WEEKS = 8
FULL_TRIAL_SLACK_DAYS = 3  # a PHQ-9 this many days before the eight-week mark counts
REMISSION_BELOW = 5
RESPONSE_DROP = 0.5


@dataclass(frozen=True, slots=True)
class Dose:
    dose: str
    from_on: date


@dataclass(frozen=True, slots=True)
class Course:
    """One medication in the journal, with its doses oldest first."""

    id: int
    name: str
    habit_id: int | None
    started_on: date
    stopped_on: date | None
    stop_reason: StopReason | None
    doses: tuple[Dose, ...]

    def taken_on(self, day: date) -> bool:
        """Tell whether the medication was being taken that day (the stop day is not)."""
        return self.started_on <= day and (self.stopped_on is None or day < self.stopped_on)

    def dose_on(self, day: date) -> str:
        """Return the dose taken that day ("" before the first dose was written down)."""
        current = ""
        for dose in self.doses:
            if dose.from_on <= day:
                current = dose.dose
        return current or (self.doses[0].dose if self.doses else "")

    @property
    def dose(self) -> str:
        return self.doses[-1].dose if self.doses else ""


class Verdict(StrEnum):
    NOT_MEASURED = "not_measured"  # no PHQ-9 since the start
    NO_BASELINE = "no_baseline"  # no PHQ-9 in the weeks before the start
    TOO_EARLY = "too_early"  # not halved, but under eight weeks in
    NO_RESPONSE = "no_response"  # eight weeks or more, not down by half
    RESPONSE = "response"  # down by half or more
    REMISSION = "remission"  # under 5


@dataclass(frozen=True, slots=True)
class Response:
    baseline: tuple[date, int] | None
    latest: tuple[date, int] | None
    change: float | None  # (latest - baseline) / baseline: -0.5 is down by half
    verdict: Verdict

    @property
    def weeks(self) -> int | None:
        """Return the weeks between the baseline and the latest score."""
        if self.latest is None or self.baseline is None:
            return None
        return (self.latest[0] - self.baseline[0]).days // 7


@dataclass(frozen=True, slots=True)
class Review:
    medication_id: int
    weeks: int
    due_on: date
    answer: ReviewAnswer | None
    note: str | None


def weeks_on(course: Course, day: date) -> int:
    """Return the whole weeks since the start, on that day (or on the stop day if earlier)."""
    last = min(day, course.stopped_on) if course.stopped_on else day
    return max(0, (last - course.started_on).days // 7)


def response(course: Course, phq9: Sequence[tuple[date, int]], today: date) -> Response:
    """Judge a course by the PHQ-9: baseline before its start, latest while it was taken."""
    start = course.started_on
    before = [s for s in phq9 if 0 <= (start - s[0]).days <= BASELINE_DAYS]
    last_day = min(today, course.stopped_on) if course.stopped_on else today
    after = [s for s in phq9 if start < s[0] <= last_day]
    baseline = max(before, key=lambda s: s[0]) if before else None
    latest = max(after, key=lambda s: s[0]) if after else None
    if latest is None:
        return Response(baseline, None, None, Verdict.NOT_MEASURED)
    change = (latest[1] - baseline[1]) / baseline[1] if baseline and baseline[1] else None
    if latest[1] < REMISSION_BELOW:
        verdict = Verdict.REMISSION
    elif baseline is None:
        verdict = Verdict.NO_BASELINE
    elif change is not None and change <= -RESPONSE_DROP:
        verdict = Verdict.RESPONSE
    elif (latest[0] - start).days < FULL_TRIAL_WEEKS * 7 - FULL_TRIAL_SLACK_DAYS:
        verdict = Verdict.TOO_EARLY
    else:
        verdict = Verdict.NO_RESPONSE
    return Response(baseline, latest, change, verdict)


def not_helping(
    courses: Iterable[Course], phq9: Sequence[tuple[date, int]], start: date, end: date
) -> list[tuple[Course, Response]]:
    """Return the medications taken now, eight weeks or more, whose PHQ-9 is not down by
    half; only those whose latest score falls in start..end, so it is said once per new score.
    """
    found = []
    for course in courses:
        if not course.taken_on(end):
            continue
        judged = response(course, phq9, end)
        if judged.verdict is Verdict.NO_RESPONSE and start <= judged.latest[0] <= end:
            found.append((course, judged))
    return found


def review_dates(started_on: date, today: date) -> list[tuple[int, date]]:
    """Return the review weeks still ahead of today and their days (six and eight weeks)."""
    found = []
    for weeks in REVIEW_WEEKS:
        day = date.fromordinal(started_on.toordinal() + weeks * 7)
        if day >= today:
            found.append((weeks, day))
    return found

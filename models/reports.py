"""Queries behind /summary, the weekly summary, /report, /export and /deletedata."""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models import meds, questions
from models.days import Entry, HabitInfo
from models.phq9 import self_harm_days
from models.schedule import day_start, local_day
from models.stats import RECENT_DAYS, SummaryData, summarize, window_start
from models.stats_report import Journal, QuestionRow, ReportData, SideEffectRow, build_report
from models.tables import (
    Checkin,
    Delivery,
    DoctorQuestion,
    DoseChange,
    Habit,
    Medication,
    MedReview,
    Phq9Result,
    SafetyEvent,
    SafetyPlan,
    Schedule,
    SideEffectNote,
    User,
)
from models.treatment import BASELINE_DAYS, Course, not_helping
from models.types import DeliveryStatus, Purpose, SideEffect

MAX_DAYS = 365
REPORT_WEEKS = (4, 8, 12)
# Children before parents, so each count is the user's own rows, not a cascade's.
_USER_TABLES = (
    ("checkins", Checkin),
    ("deliveries", Delivery),
    ("med_reviews", MedReview),
    ("side_effects", SideEffectNote),
    ("dose_changes", DoseChange),
    ("medications", Medication),
    ("schedules", Schedule),
    ("habits", Habit),
    ("safety_events", SafetyEvent),
    ("safety_plans", SafetyPlan),
    ("phq9_results", Phq9Result),
    ("doctor_questions", DoctorQuestion),
)


class UserNotFoundError(LookupError):
    """No user with that id."""


@dataclass(frozen=True)
class _Period:
    first_name: str
    habits: list[HabitInfo]
    entries: list[Entry]
    start: date
    today: date
    phq9: tuple[tuple[date, int], ...]
    self_harm: tuple[tuple[date, int], ...]
    tz: str
    day_end: int


async def summary_data(
    session: AsyncSession, *, user_id: int, days: int, now: datetime
) -> SummaryData:
    """Return the user's last `days` days (their zone, ending today) against the days before."""
    period = await _load_period(session, user_id=user_id, days=days, now=now)
    data = summarize(
        first_name=period.first_name,
        habits=period.habits,
        entries=period.entries,
        start=period.start,
        end=period.today,
        today=period.today,
    )
    courses = await meds.courses(session, user_id=user_id)
    history = await _phq9_history(session, user_id, period, courses) if courses else ()
    helping = not_helping(courses, history, period.start, period.today)
    return replace(data, phq9=period.phq9, self_harm=period.self_harm, not_helping=tuple(helping))


async def report_data(
    session: AsyncSession, *, user_id: int, weeks: int, now: datetime
) -> ReportData:
    """Return the doctor's report data for the user's last `weeks` weeks."""
    if weeks not in REPORT_WEEKS:
        raise ValueError(f"weeks must be one of {REPORT_WEEKS}")
    period = await _load_period(session, user_id=user_id, days=weeks * 7, now=now)
    courses = await meds.courses(session, user_id=user_id)
    journal = Journal(
        courses=tuple(courses),
        side_effects=await _side_effects(session, user_id, courses, period.start),
        reviews=tuple(
            r for r in await meds.reviews(session, user_id=user_id) if r.due_on >= period.start
        ),
    )
    report = build_report(
        first_name=period.first_name,
        habits=period.habits,
        entries=period.entries,
        start=period.start,
        end=period.today,
        today=period.today,
        journal=journal,
        phq9=await _phq9_history(session, user_id, period, courses),
    )
    summary = replace(report.summary, phq9=period.phq9, self_harm=period.self_harm)
    asked = await questions.questions_since(
        session, user_id=user_id, since=day_start(summary.start, period.tz, period.day_end)
    )
    rows = tuple(
        QuestionRow(
            q.text,
            local_day(q.created_at, period.tz, period.day_end),
            local_day(q.asked_at, period.tz, period.day_end) if q.asked_at else None,
        )
        for q in asked
    )
    return replace(report, summary=summary, questions=rows)


async def _side_effects(
    session: AsyncSession, user_id: int, courses: list[Course], first: date
) -> tuple[SideEffectRow, ...]:
    names = {course.id: course.name for course in courses}
    codes = set(SideEffect.__members__.values())
    return tuple(
        SideEffectRow(
            row.noted_on,
            names.get(row.medication_id, ""),
            tuple(SideEffect(e) for e in row.effects if e in codes),
            row.note,
        )
        for row in await meds.side_effects(session, user_id=user_id, first=first)
    )


async def _phq9_history(
    session: AsyncSession, user_id: int, period: _Period, courses: list[Course]
) -> tuple[tuple[date, int], ...]:
    """Return every PHQ-9 from the earliest baseline a course may need, oldest first."""
    first = min((c.started_on for c in courses), default=period.start)
    since = min(first - timedelta(days=BASELINE_DAYS), period.start)
    scores = await session.exec(
        select(Phq9Result.at, Phq9Result.score)
        .where(Phq9Result.user_id == user_id,
               col(Phq9Result.at) >= day_start(since, period.tz, period.day_end))
        .order_by(col(Phq9Result.at))
    )  # fmt: skip
    return tuple((local_day(at, period.tz, period.day_end), score) for at, score in scores)


async def _load_period(session: AsyncSession, *, user_id: int, days: int, now: datetime) -> _Period:
    """Fetch one user's habits and entries for a period, the one before and the history."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be 1..{MAX_DAYS}")
    user = (
        await session.exec(
            select(User.first_name, User.tz, User.day_end_minute).where(User.id == user_id)
        )
    ).first()
    if user is None:
        raise UserNotFoundError(user_id)
    first_name, tz, day_end = user
    today = local_day(now, tz, day_end)
    start = today - timedelta(days=days - 1)
    first = window_start(start, today)
    before = start - timedelta(days=days)
    habits = await session.exec(
        select(Habit.id, Habit.kind, Habit.name, Habit.as_needed)
        .where(Habit.user_id == user_id)
        .order_by(col(Habit.id))
    )
    infos = [HabitInfo(*habit) for habit in habits]
    entries = await _checkin_entries(session, user_id=user_id, first=first, last=today)
    # Reminders sent and left unanswered get a "no answer" check-in when their day ends; those
    # missed while the bot was down do not. Looking for them over every day a view shows or
    # counts (the two periods, the last 30 days) keeps each of those days alike everywhere,
    # without reading three months of reminders for every summary (bench/README.md).
    kinds = {habit.id: habit.kind for habit in infos}
    since = min(before, today - timedelta(days=RECENT_DAYS - 1))
    unanswered = await _unanswered_reminders(
        session,
        user_id=user_id,
        since=day_start(since, tz, day_end),
        until=day_start(today + timedelta(days=1), tz, day_end),
    )
    for delivery_id, habit_id, due_at in unanswered:
        day = local_day(due_at, tz, day_end)
        if habit_id in kinds and since <= day <= today:
            entries.append(Entry(habit_id, kinds[habit_id], day, None, delivery_id))
    scores = await session.exec(
        select(Phq9Result.at, Phq9Result.score, Phq9Result.answers)
        .where(Phq9Result.user_id == user_id,
               col(Phq9Result.at) >= day_start(before, tz, day_end))
        .order_by(col(Phq9Result.at))
    )  # fmt: skip
    days = [(local_day(at, tz, day_end), score, answers) for at, score, answers in scores]
    phq9 = tuple((day, score) for day, score, _ in days)
    self_harm = self_harm_days((day, answers) for day, _, answers in days)
    return _Period(first_name, infos, entries, start, today, phq9, self_harm, tz, day_end)


async def _checkin_entries(
    session: AsyncSession, *, user_id: int, first: date, last: date
) -> list[Entry]:
    """Fetch the user's check-ins for first..last as plain entries (one indexed range)."""
    rows = await session.exec(
        select(
            Checkin.habit_id,
            Checkin.kind,
            Checkin.local_date,
            Checkin.answer,
            Checkin.delivery_id,
            Checkin.value,
            Checkin.quality,
            Checkin.note,
            Checkin.bedtime_minute,
            Checkin.awakenings,
        )
        .where(Checkin.user_id == user_id, Checkin.local_date.between(first, last))
        # The order they were answered in is what models.days needs (a later answer corrects);
        # leaving recorded_at out of the columns saves a datetime per row.
        .order_by(Checkin.recorded_at, Checkin.id)
    )
    return [
        Entry(habit, kind, day, answer, delivery, value, quality, note, None, bedtime, woke)
        for habit, kind, day, answer, delivery, value, quality, note, bedtime, woke in rows
    ]


async def _unanswered_reminders(
    session: AsyncSession, *, user_id: int, since: datetime, until: datetime
) -> list[tuple[int, int | None, datetime]]:
    """Fetch check-in reminders that went out (or were missed) and have no check-in yet."""
    rows = await session.exec(
        select(Delivery.id, Delivery.habit_id, Delivery.due_at)
        .outerjoin(Checkin, Checkin.delivery_id == Delivery.id)
        .where(
            Delivery.user_id == user_id,
            Delivery.due_at >= since,
            Delivery.due_at < until,
            Delivery.purpose == Purpose.CHECKIN,
            Delivery.status.in_([DeliveryStatus.SENT, DeliveryStatus.MISSED]),
            Checkin.id.is_(None),
        )
    )
    return list(rows)


async def export_rows(session: AsyncSession, *, user_id: int) -> dict[str, list[dict]]:
    """Return every row that belongs to the user, one list of column dicts per table."""
    users = await session.exec(select(User).where(User.id == user_id))
    exported = {"users": [user.model_dump() for user in users]}
    for name, table in reversed(_USER_TABLES):
        rows = await session.exec(select(table).where(table.user_id == user_id).order_by(table.id))
        exported[name] = [row.model_dump() for row in rows]
    return exported


async def delete_user_data(session: AsyncSession, *, user_id: int) -> dict[str, int]:
    """Delete every row that belongs to the user; return how many rows per table."""
    counts = {}
    for name, table in (*_USER_TABLES, ("users", User)):
        column = User.id if table is User else table.user_id
        result = await session.exec(delete(table).where(column == user_id))
        counts[name] = result.rowcount
    # Rows deleted in bulk may still sit in this session's identity map.
    session.expunge_all()
    return counts

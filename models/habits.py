"""Queries about habits and the schedule rows that remind of them."""

from datetime import date, datetime

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.catalog import MAX_FOLLOW_UPS, Time, schedule_specs
from models.planning import replan_habit
from models.refill import plan_refill
from models.tables import Habit, Schedule, User
from models.types import HabitKind, Purpose


async def add_habit(
    session: AsyncSession,
    *,
    user: User,
    kind: HabitKind,
    name: str = "",
    times: list[Time],
    days: str = "*",
    once_on: date | None = None,
    as_needed: bool = False,
    now: datetime,
) -> Habit:
    """Create a habit with its schedule rows, planned from now; one taken as needed has none."""
    habit = Habit(user_id=user.id, kind=kind, name=name[:80], as_needed=as_needed, created_at=now)
    session.add(habit)
    await session.flush()
    await _make_schedules(
        session, user=user, habit=habit, times=times, days=days, once_on=once_on, now=now
    )
    return habit


async def _make_schedules(
    session: AsyncSession,
    *,
    user: User,
    habit: Habit,
    times: list[Time],
    days: str,
    once_on: date | None,
    now: datetime,
) -> list[Schedule]:
    rows = [
        Schedule(
            user_id=user.id,
            habit_id=habit.id,
            purpose=purpose,
            hour=hour,
            minute=minute,
            days=days,
            once_on=once_on,
            offset_minutes=offset,
        )
        for purpose, (hour, minute), offset in schedule_specs(habit.kind, times)
    ]
    await replan_habit(session, user=user, habit=habit, schedules=rows, now=now)
    return rows


async def list_habits(session: AsyncSession, *, user_id: int) -> list[tuple[Habit, list[Schedule]]]:
    """Return the user's current habits, oldest first, each with its schedule rows."""
    habits = (
        await session.exec(
            select(Habit)
            .where(Habit.user_id == user_id, col(Habit.removed_at).is_(None))
            .order_by(col(Habit.id))
        )
    ).all()
    schedules = await schedules_of(session, user_id=user_id)
    return [(habit, [s for s in schedules if s.habit_id == habit.id]) for habit in habits]


async def schedules_of(session: AsyncSession, *, user_id: int) -> list[Schedule]:
    """Return the user's schedule rows in time-of-day order."""
    found = await session.exec(
        select(Schedule)
        .where(Schedule.user_id == user_id)
        .order_by(col(Schedule.hour), col(Schedule.minute), col(Schedule.id))
    )
    return list(found.all())


async def get_habit(session: AsyncSession, *, user_id: int, habit_id: int) -> Habit | None:
    """Return the habit if it exists and belongs to this user (buttons can be tampered with)."""
    habit = await session.get(Habit, habit_id)
    if habit is None or habit.user_id != user_id or habit.removed_at is not None:
        return None
    return habit


async def medicines(session: AsyncSession, *, user_id: int) -> list[Habit]:
    """Return the user's current medicines, oldest first."""
    found = await session.exec(
        select(Habit)
        .where(
            Habit.user_id == user_id,
            Habit.kind == HabitKind.MEDICATION,
            col(Habit.removed_at).is_(None),
        )
        .order_by(col(Habit.id))
    )
    return list(found.all())


async def schedules_of_habit(session: AsyncSession, *, habit_id: int) -> list[Schedule]:
    """Return one habit's schedule rows in time-of-day order."""
    found = await session.exec(
        select(Schedule).where(Schedule.habit_id == habit_id)
        .order_by(col(Schedule.hour), col(Schedule.minute), col(Schedule.id))
    )  # fmt: skip
    return list(found.all())


async def set_paused(
    session: AsyncSession, *, user: User, habit: Habit, paused: bool, now: datetime
) -> None:
    """Pause or resume one habit's reminders."""
    habit.paused = paused
    session.add(habit)
    await replan_habit(
        session,
        user=user,
        habit=habit,
        schedules=await schedules_of_habit(session, habit_id=habit.id),
        now=now,
    )


async def set_times(
    session: AsyncSession, *, user: User, habit: Habit, times: list[Time], now: datetime
) -> None:
    """Replace the habit's times (keeping its days) and re-plan at once."""
    old = [
        s
        for s in await schedules_of_habit(session, habit_id=habit.id)
        if s.purpose is not Purpose.REFILL
    ]
    days = old[0].days if old else "*"
    once_on = old[0].once_on if old else None
    await session.exec(delete(Schedule).where(col(Schedule.habit_id) == habit.id))
    habit.as_needed = False  # set times make a medicine taken as needed a scheduled one
    session.add(habit)
    await _make_schedules(
        session, user=user, habit=habit, times=times, days=days, once_on=once_on, now=now
    )
    if habit.kind is HabitKind.MEDICATION:
        await plan_refill(session, user=user, habit=habit, now=now)


async def set_days(
    session: AsyncSession, *, user: User, habit: Habit, days: str, now: datetime
) -> None:
    """Set which weekdays the habit reminds on, and re-plan."""
    schedules = await schedules_of_habit(session, habit_id=habit.id)
    for schedule in schedules:
        schedule.days = days
        if habit.kind is HabitKind.APPOINTMENT:
            schedule.once_on = None  # choosing days makes a one-off appointment weekly
    await replan_habit(session, user=user, habit=habit, schedules=schedules, now=now)
    if habit.kind is HabitKind.MEDICATION:
        await plan_refill(session, user=user, habit=habit, now=now)


async def set_follow_ups(session: AsyncSession, *, habit: Habit, count: int) -> None:
    """Choose how many gentle follow-ups an unanswered dose gets (0 to MAX_FOLLOW_UPS)."""
    habit.follow_ups = max(0, min(MAX_FOLLOW_UPS, count))
    session.add(habit)
    await session.flush()


async def remove_habit(session: AsyncSession, *, habit: Habit, now: datetime) -> None:
    """Stop a habit for good; its past check-ins stay for the summaries."""
    habit.removed_at = now
    session.add(habit)
    await session.exec(delete(Schedule).where(col(Schedule.habit_id) == habit.id))
    await session.flush()

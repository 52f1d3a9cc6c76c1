"""Keep each schedule row's next_fire_at right after anything about it changes."""

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.schedule import next_fire_at
from models.tables import Habit, Schedule, User
from models.types import Purpose


def plan_next(schedule: Schedule, *, user: User, habit: Habit | None, now: datetime) -> None:
    """Set when the row fires next; None while the user or the habit is paused.

    Pausing reminders does not pause the caring follow-up after a safety reply: that has its
    own switch in /settings.
    """
    if user.blocked_at is not None or (habit is not None and (habit.paused or habit.removed_at)):
        schedule.next_fire_at = None
        return
    after = now
    paused = user.paused_until is not None and user.paused_until > now
    if paused and schedule.purpose is not Purpose.SAFETY_CARE:
        after = user.paused_until
    schedule.next_fire_at = next_fire_at(schedule, after, user.tz)


async def replan_user(session: AsyncSession, *, user: User, now: datetime) -> None:
    """Re-plan every schedule of the user (zone changed, paused, resumed, unblocked)."""
    rows = await session.exec(
        select(Schedule, Habit)
        .join(Habit, col(Habit.id) == col(Schedule.habit_id), isouter=True)
        .where(Schedule.user_id == user.id)
    )
    for schedule, habit in rows.all():
        plan_next(schedule, user=user, habit=habit, now=now)
        session.add(schedule)
    await session.flush()


async def replan_habit(
    session: AsyncSession, *, user: User, habit: Habit, schedules: Iterable[Schedule], now: datetime
) -> None:
    """Re-plan the given schedules of one habit."""
    for schedule in schedules:
        plan_next(schedule, user=user, habit=habit, now=now)
        session.add(schedule)
    await session.flush()

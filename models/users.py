"""Queries about users: who they are, their zone, settings, pauses and conversation step."""

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.planning import plan_next, replan_user
from models.schedule import WEEKDAYS
from models.tables import Schedule, User
from models.types import Purpose


async def get_user(session: AsyncSession, user_id: int, *, lock: bool = False) -> User | None:
    """Return the user, or None if they never started.

    With lock=True the row stays locked until the unit of work ends (PostgreSQL; SQLite has one
    writer anyway), so two processes handling the same user's updates take turns.
    """
    query = select(User).where(User.id == user_id)
    if lock:
        query = query.with_for_update()
    return (await session.exec(query)).first()


async def ensure_user(
    session: AsyncSession,
    *,
    user_id: int,
    first_name: str,
    now: datetime,
    language: str | None = None,
) -> User:
    """Return the user (locked), creating them on first contact; two first contacts at once
    make one row."""
    values = {
        "id": user_id,
        "first_name": first_name[:64],
        "created_at": now,
        "language": (language or "en")[:16],
        "flow_data": {},
    }
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    await session.exec(insert(User).values(**values).on_conflict_do_nothing())  # type: ignore[call-overload]
    user = await get_user(session, user_id, lock=True)
    assert user is not None  # inserted just now, or already there
    if language and user.language != language[:16]:
        user.language = language[:16]
        session.add(user)
    return user


async def set_flow(
    session: AsyncSession,
    user: User,
    flow: str | None,
    data: dict[str, Any] | None = None,
    *,
    new_step: bool = True,
) -> None:
    """Remember the conversation step, so any process can carry on from it.

    A new step gets the next step number; buttons of older steps then change nothing.
    """
    user.flow = flow
    user.flow_data = dict(data or {})
    if new_step:
        user.flow_step += 1
    session.add(user)
    await session.flush()


async def set_timezone(session: AsyncSession, *, user: User, tz: str, now: datetime) -> None:
    """Change the user's zone and re-plan everything at once."""
    user.tz = tz
    session.add(user)
    await replan_user(session, user=user, now=now)


async def pause_all(
    session: AsyncSession, *, user: User, until: datetime | None, now: datetime
) -> None:
    """Pause every reminder until the given time (None resumes them now)."""
    user.paused_until = until
    session.add(user)
    await replan_user(session, user=user, now=now)


async def mark_blocked(session: AsyncSession, *, user_id: int, now: datetime) -> None:
    """Pause a user who blocked the bot, until they /start again."""
    await session.exec(update(User).where(col(User.id) == user_id).values(blocked_at=now))
    await session.exec(
        update(Schedule).where(col(Schedule.user_id) == user_id).values(next_fire_at=None)
    )


async def unblock(session: AsyncSession, *, user: User, now: datetime) -> bool:
    """Resume a user who had blocked the bot; return whether they had."""
    if user.blocked_at is None:
        return False
    user.blocked_at = None
    session.add(user)
    await replan_user(session, user=user, now=now)
    return True


async def finish_onboarding(session: AsyncSession, *, user: User, now: datetime) -> None:
    """Mark onboarding done and make sure the weekly summary is planned."""
    if user.onboarded_at is None:
        user.onboarded_at = now
        session.add(user)
    await set_summary_time(
        session, user=user, weekday=user.summary_weekday, minute=user.summary_minute, now=now
    )


async def set_summary_time(
    session: AsyncSession, *, user: User, weekday: int, minute: int, now: datetime
) -> None:
    """Set the weekly summary's day and local time, creating its schedule row if needed."""
    user.summary_weekday, user.summary_minute = weekday, minute
    session.add(user)
    found = await session.exec(
        select(Schedule).where(Schedule.user_id == user.id, Schedule.purpose == Purpose.SUMMARY)
    )
    schedule = found.first() or Schedule(user_id=user.id, purpose=Purpose.SUMMARY, hour=0, minute=0)
    schedule.hour, schedule.minute = divmod(minute, 60)
    schedule.days = WEEKDAYS[weekday]
    plan_next(schedule, user=user, habit=None, now=now)
    session.add(schedule)
    await session.flush()


async def set_day_end(session: AsyncSession, *, user: User, minute: int) -> None:
    """Set when the user's day ends (unanswered reminders count as 'no answer' then)."""
    user.day_end_minute = minute
    session.add(user)
    await session.flush()

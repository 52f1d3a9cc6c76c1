"""Yesterday's unanswered doses, asked about once the next morning.

When a user's day ends with a dose unanswered, one CATCH_UP schedule row is planned for the
next morning (models.catalog.CATCH_UP_TIME). When it fires, the dispatcher asks which doses of
that day still have no answer; if the user answered meanwhile, nothing is sent.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession

from models.catalog import CATCH_UP_TIME
from models.schedule import day_end_after, day_start, local_day, local_now, resolve_local, zone
from models.tables import Checkin, Delivery, Habit, Schedule, User
from models.types import Answer, DeliveryStatus, HabitKind, Purpose

S, D, C = Schedule.__table__, Delivery.__table__, Checkin.__table__
H, U = Habit.__table__, User.__table__


class Dose(NamedTuple):
    """A dose of the day before that has no answer yet."""

    delivery_id: int
    name: str  # the medicine
    due_at: datetime


class Closed(NamedTuple):
    """A medication reminder whose day ended unanswered."""

    user_id: int
    due_at: datetime
    tz: str
    day_end_minute: int


def catch_up_at(due_at: datetime, tz: str, day_end_minute: int, now: datetime) -> datetime | None:
    """Return when to ask about a dose unanswered at its day's end: the next morning, or now if
    that morning has begun; None once the dose can no longer be answered."""
    ended = day_end_after(due_at, tz, day_end_minute)
    morning_of = local_now(ended, tz).date()
    morning = resolve_local(datetime.combine(morning_of, time(*CATCH_UP_TIME), tzinfo=zone(tz)))
    if morning < ended:
        morning = resolve_local(
            datetime.combine(morning_of + timedelta(days=1), time(*CATCH_UP_TIME), tzinfo=zone(tz))
        )
    last = day_end_after(ended, tz, day_end_minute)  # the next day's end closes it for good
    fire = max(morning, now)
    return fire if fire < last else None


async def arm_catch_ups(
    connection: AsyncConnection, closed: Iterable[Closed], now: datetime
) -> None:
    """Plan one morning question per user whose doses just went unanswered."""
    fire_at: dict[int, tuple[datetime, date]] = {}
    for dose in closed:
        when = catch_up_at(dose.due_at, dose.tz, dose.day_end_minute, now)
        if when is not None:
            fire_at.setdefault(dose.user_id, (when, local_now(when, dose.tz).date()))
    await _leave_out_paused(connection, fire_at)
    if not fire_at:
        return
    users = list(fire_at)
    await connection.execute(
        delete(S).where(S.c.user_id.in_(users), S.c.purpose == Purpose.CATCH_UP)
    )
    await connection.execute(
        insert(S),
        [
            {
                "user_id": user_id,
                "habit_id": None,
                "purpose": Purpose.CATCH_UP,
                "hour": CATCH_UP_TIME[0],
                "minute": CATCH_UP_TIME[1],
                "days": "*",
                "once_on": on,
                "offset_minutes": 0,
                "next_fire_at": when,
            }
            for user_id, (when, on) in fire_at.items()
        ],
    )


async def _leave_out_paused(
    connection: AsyncConnection, fire_at: dict[int, tuple[datetime, date]]
) -> None:
    """Drop users who paused their reminders past the question's time, or blocked the bot."""
    found = await connection.execute(
        select(U.c.id, U.c.paused_until, U.c.blocked_at).where(U.c.id.in_(list(fire_at)))
    )
    for user_id, paused_until, blocked_at in found:
        if blocked_at is not None or (paused_until and paused_until > fire_at[user_id][0]):
            del fire_at[user_id]


async def unanswered_doses(session: AsyncSession, *, user_id: int, at: datetime) -> list[Dose]:
    """Return the medication reminders of the user's day before `at` still without an answer."""
    user = await session.get(User, user_id)
    if user is None:
        return []
    day = local_day(at, user.tz, user.day_end_minute) - timedelta(days=1)
    since, until = (day_start(d, user.tz, user.day_end_minute) for d in (day, day + timedelta(1)))
    connection = await session.connection()
    rows = await connection.execute(
        select(D.c.id, H.c.name, D.c.due_at)
        .join(H, H.c.id == D.c.habit_id)
        .outerjoin(C, C.c.delivery_id == D.c.id)
        .where(
            D.c.user_id == user_id,
            D.c.purpose == Purpose.CHECKIN,
            D.c.status.in_([DeliveryStatus.SENT, DeliveryStatus.MISSED]),
            D.c.due_at >= since,
            D.c.due_at < until,
            H.c.kind == HabitKind.MEDICATION,
            H.c.removed_at.is_(None),
            C.c.id.is_(None) | (C.c.answer == Answer.NO_ANSWER),
        )
        .order_by(D.c.due_at, D.c.id)
    )
    return [Dose(delivery_id, name or "", due_at) for delivery_id, name, due_at in rows]

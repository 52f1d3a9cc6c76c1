"""The dispatcher's queries: claim what is due, record how sending went, find the next wake.

This is the hot path, so it uses SQLAlchemy Core statements (one SELECT, one executemany
UPDATE and one INSERT … RETURNING per batch) rather than an ORM loop.
"""

import json
from collections import defaultdict
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import bindparam, case, exists, func, insert, literal, null, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.schedule import day_end_after, in_grace, local_day, next_fire_at
from models.tables import Checkin, Delivery, Habit, Schedule, User
from models.types import Answer, DeliveryStatus, HabitKind, Purpose

D, S, U, H = Delivery.__table__, Schedule.__table__, User.__table__, Habit.__table__
IN_CHUNK = 10_000


# A NamedTuple, not a frozen dataclass: a claim builds thousands, and this is ~5x cheaper.
class Claimed(NamedTuple):
    """A delivery this process now owns and must send."""

    delivery_id: int
    user_id: int
    purpose: Purpose
    kind: HabitKind | None
    habit_name: str
    due_at: datetime
    event_at: datetime
    tz: str
    day_end_minute: int
    repeat: bool  # a follow-up or a snoozed reminder, not the first showing


def _lock(statement, session: AsyncSession, *tables):
    # With PostgreSQL several processes claim at once; each skips rows another holds.
    if session.bind.dialect.name == "postgresql":
        return statement.with_for_update(skip_locked=True, of=tables)
    return statement


async def claim_due_schedules(
    session: AsyncSession, *, now: datetime, grace: timedelta, lease: timedelta, limit: int
) -> list[Claimed]:
    """Claim due schedule rows: record a delivery for each and advance next_fire_at."""
    query = (
        select(
            S.c.id,
            S.c.user_id,
            S.c.purpose,
            S.c.hour,
            S.c.minute,
            S.c.days,
            S.c.once_on,
            S.c.offset_minutes,
            S.c.next_fire_at,
            U.c.tz,
            U.c.day_end_minute,
            H.c.kind,
            H.c.name,
        )
        .join(U, U.c.id == S.c.user_id)
        .outerjoin(H, H.c.id == S.c.habit_id)
        .where(S.c.next_fire_at <= now)
        .order_by(S.c.next_fire_at)
        .limit(limit)
    )
    connection = await session.connection()
    rows = (await connection.execute(_lock(query, session, S))).all()
    if not rows:
        return []
    # Deliveries are copied from the rows inside the database before next_fire_at moves on.
    status = await _insert_deliveries(connection, [r[0] for r in rows], now, grace, lease)
    await _advance(connection, rows, now)
    claimed = []
    # Plain unpacking: this loop runs thousands of times per claim.
    for sid, user_id, purpose, _h, _m, _d, _o, offset, due, tz, day_end, kind, name in rows:
        delivery_id = status[sid]
        if delivery_id is not None:
            event_at = due - timedelta(minutes=offset) if offset else due
            claimed.append(Claimed(delivery_id, user_id, purpose, kind, name or "", due,
                                   event_at, tz, day_end, False))  # fmt: skip
    return claimed


def _chunks(ids: list[int]) -> list[list[int]]:
    # PostgreSQL binds each id as one parameter: stay well under asyncpg's 32,767.
    return [ids[start : start + IN_CHUNK] for start in range(0, len(ids), IN_CHUNK)]


def _among(connection, column, ids: list[int]):
    """Return `column IN ids`; on SQLite as one JSON parameter read with json_each."""
    if connection.dialect.name != "sqlite":
        return column.in_(ids)
    # An expanding IN of thousands of ids cost more in SQLAlchemy than the query in SQLite.
    values = func.json_each(json.dumps(ids)).table_valued("value")
    return column.in_(select(values.c.value))


async def _insert_deliveries(
    connection, schedule_ids: list[int], now: datetime, grace: timedelta, lease: timedelta
) -> dict[int, int | None]:
    """Record a delivery per claimed schedule; map schedule id to the new delivery id, or None
    when it came due too long ago to send (stored as missed).

    One INSERT … SELECT per chunk: no row crosses into Python, which made a per-row
    INSERT … RETURNING the slowest part of a claim.
    """
    fresh = S.c.next_fire_at >= now - grace  # next_fire_at <= now already holds
    pending = literal(DeliveryStatus.PENDING, D.c.status.type)
    missed = literal(DeliveryStatus.MISSED, D.c.status.type)
    # Until sending is recorded, the lease lets a restart find and resend it.
    lease_end = literal(now + lease, D.c.resend_at.type)
    columns = ("user_id", "habit_id", "schedule_id", "purpose", "due_at")
    status: dict[int, int | None] = {}
    for chunk in _chunks(schedule_ids):
        source = select(
            S.c.user_id,
            S.c.habit_id,
            S.c.id,
            S.c.purpose,
            S.c.next_fire_at,
            case((fresh, pending), else_=missed),
            case((fresh, lease_end), else_=null()),
            literal(False),
        ).where(_among(connection, S.c.id, chunk))
        statement = (
            insert(D)
            .from_select([*columns, "status", "resend_at", "snoozed"], source)
            .returning(D.c.schedule_id, D.c.id, D.c.status)
        )
        for schedule_id, delivery_id, state in await connection.execute(statement):
            status[schedule_id] = delivery_id if state is DeliveryStatus.PENDING else None
    return status


async def _advance(connection, rows, now: datetime) -> None:
    """Move each row's next_fire_at on, with one UPDATE per distinct new time."""
    # Rows due together mostly share a rule and zone, so few distinct new times arise.
    by_rule: dict[tuple, datetime | None] = {}
    groups: dict[datetime | None, list[int]] = defaultdict(list)
    for r in rows:
        key = (r[3], r[4], r[5], r[6], r[7], r[9])  # hour, minute, days, once_on, offset, tz
        if key not in by_rule:
            by_rule[key] = next_fire_at(r, now, r.tz)
        groups[by_rule[key]].append(r[0])
    for nxt, ids in groups.items():
        for chunk in _chunks(ids):
            await connection.execute(
                update(S).where(_among(connection, S.c.id, chunk)).values(next_fire_at=nxt)
            )


async def claim_resends(
    session: AsyncSession, *, now: datetime, grace: timedelta, lease: timedelta, limit: int
) -> list[Claimed]:
    """Claim deliveries owed again: follow-ups, snoozes, and sends a crash or error cut short."""
    answered = exists().where(Checkin.__table__.c.delivery_id == D.c.id)
    query = (
        select(
            D.c.id,
            D.c.user_id,
            D.c.purpose,
            D.c.due_at,
            D.c.status,
            D.c.snoozed,
            answered.label("answered"),
            U.c.blocked_at,
            U.c.tz,
            U.c.day_end_minute,
            H.c.kind,
            H.c.name,
            S.c.offset_minutes,
        )
        .join(U, U.c.id == D.c.user_id)
        .outerjoin(H, H.c.id == D.c.habit_id)
        .outerjoin(S, S.c.id == D.c.schedule_id)
        .where(D.c.resend_at <= now)
        .order_by(D.c.resend_at)
        .limit(limit)
    )
    rows = (await (await session.connection()).execute(_lock(query, session, D))).all()
    claimed, changes = [], []
    for r in rows:
        pending = r.status is DeliveryStatus.PENDING
        if pending and not in_grace(r.due_at, now, grace):
            changes.append({"did": r.id, "st": DeliveryStatus.MISSED, "ra": None})
            continue
        if r.blocked_at is not None:  # they blocked the bot: nothing more goes to them
            changes.append(
                {"did": r.id, "st": DeliveryStatus.FAILED if pending else r.status, "ra": None}
            )
            continue
        if r.answered or not (pending or r.status is DeliveryStatus.SENT):
            changes.append({"did": r.id, "st": r.status, "ra": None})
            continue
        changes.append({"did": r.id, "st": r.status, "ra": now + lease if pending else None})
        event_at = r.due_at - timedelta(minutes=r.offset_minutes or 0)
        claimed.append(
            Claimed(
                r.id,
                r.user_id,
                r.purpose,
                r.kind,
                r.name or "",
                r.due_at,
                event_at,
                r.tz,
                r.day_end_minute,
                repeat=not pending,
            )
        )
    if changes:
        await (await session.connection()).execute(
            update(D)
            .where(D.c.id == bindparam("did"))
            .values(status=bindparam("st"), resend_at=bindparam("ra")),
            changes,
        )
    return claimed


async def record_sent(
    session: AsyncSession,
    *,
    sent: list[tuple[Claimed, int | None]],
    now: datetime,
    follow_up: timedelta,
) -> None:
    """Record that Telegram accepted these; plan the follow-up and the day's end."""
    rows = []
    for claim, message_id in sent:
        if claim.repeat:
            rows.append(
                {
                    "did": claim.delivery_id,
                    "mid": message_id,
                    "sa": now,
                    "ra": None,
                    "ea": None,
                    "keep": True,
                }
            )
            continue
        asks = claim.purpose is Purpose.CHECKIN
        nudge = asks and claim.kind is HabitKind.MEDICATION
        expires = day_end_after(claim.due_at, claim.tz, claim.day_end_minute) if asks else None
        rows.append(
            {
                "did": claim.delivery_id,
                "mid": message_id,
                "sa": now,
                "ra": now + follow_up if nudge else None,
                "ea": expires,
                "keep": False,
            }
        )
    first = [r for r in rows if not r["keep"]]
    if first:
        await (await session.connection()).execute(
            update(D)
            .where(D.c.id == bindparam("did"))
            .values(
                status=DeliveryStatus.SENT,
                sent_at=bindparam("sa"),
                message_id=bindparam("mid"),
                resend_at=bindparam("ra"),
                expires_at=bindparam("ea"),
            ),
            [{k: r[k] for k in ("did", "mid", "sa", "ra", "ea")} for r in first],
        )


async def record_unsent(
    session: AsyncSession, *, failed: list[int], retry: list[int], now: datetime, backoff: timedelta
) -> None:
    """Mark refused deliveries failed, and plan a later try for those a passing error stopped."""
    if failed:
        await (await session.connection()).execute(
            update(D).where(D.c.id.in_(failed)).values(status=DeliveryStatus.FAILED, resend_at=None)
        )
    if retry:
        await (await session.connection()).execute(
            update(D).where(D.c.id.in_(retry)).values(resend_at=now + backoff)
        )


async def expire_unanswered(session: AsyncSession, *, now: datetime, limit: int = 5000) -> int:
    """Store "no answer" for check-in reminders whose user's day ended unanswered.

    Closes at most `limit` expired deliveries and returns how many it closed.
    """
    answered = exists().where(Checkin.__table__.c.delivery_id == D.c.id)
    query = (
        select(D.c.id, D.c.user_id, D.c.habit_id, D.c.due_at, answered.label("answered"),
               H.c.kind, U.c.tz, U.c.day_end_minute)
        .join(U, U.c.id == D.c.user_id)
        .outerjoin(H, H.c.id == D.c.habit_id)
        .where(D.c.expires_at <= now)
        .limit(limit)
    )  # fmt: skip
    connection = await session.connection()
    rows = (await connection.execute(_lock(query, session, D))).all()
    unanswered = [r for r in rows if not r.answered and r.kind is not None]
    if unanswered:
        await connection.execute(
            insert(Checkin.__table__),
            [
                {
                    "user_id": r.user_id,
                    "habit_id": r.habit_id,
                    "delivery_id": r.id,
                    "kind": r.kind,
                    "answer": Answer.NO_ANSWER,
                    "recorded_at": now,
                    "local_date": local_day(r.due_at, r.tz, r.day_end_minute),
                }
                for r in unanswered
            ],
        )
    for chunk in _chunks([r.id for r in rows]):
        await connection.execute(
            update(D)
            .where(_among(connection, D.c.id, chunk))
            .values(expires_at=None, resend_at=None)
        )
    return len(rows)


async def next_due_at(session: AsyncSession) -> datetime | None:
    """Return the earliest moment anything is due: a schedule, a resend or a day's end."""
    connection = await session.connection()
    # "IS NOT NULL" lets the planner use the partial indexes: each MIN is one index probe.
    times = [
        (await connection.execute(select(func.min(column)).where(column.is_not(None)))).scalar()
        for column in (S.c.next_fire_at, D.c.resend_at, D.c.expires_at)
    ]
    times = [t for t in times if t is not None]
    return min(times) if times else None


async def recover_orphans(session: AsyncSession, *, now: datetime) -> int:
    """Make deliveries left pending by a crash due again now (one process owns a SQLite file)."""
    result = await (await session.connection()).execute(
        update(D).where(D.c.status == DeliveryStatus.PENDING).values(resend_at=now)
    )
    return result.rowcount or 0

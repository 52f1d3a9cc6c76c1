"""The dispatcher's queries: claim what is due, close the days that ended, find the next wake.

This is the hot path, so it uses SQLAlchemy Core statements (one SELECT, one executemany
UPDATE and one INSERT … RETURNING per batch) rather than an ORM loop.
"""

import json
from collections import defaultdict
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import bindparam, case, exists, func, insert, literal, null, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

import models.tables  # noqa: F401  (registers the tables)
from models.catch_up import Closed, arm_catch_ups
from models.schedule import local_day, next_fire_at
from models.types import Answer, DeliveryStatus, HabitKind, Purpose

TABLES = SQLModel.metadata.tables
D, S, U, H, C = (
    TABLES[name] for name in ("deliveries", "schedules", "users", "habits", "checkins")
)
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
    # The delivery's resend_at while this claim holds it: an outcome changes resend_at only
    # while it still holds this value (an answer or a snooze meanwhile wins).
    lease_until: datetime
    parts_sent: int = 0  # a summary's parts (SummaryPart) that reached the user already


def _lock(statement, connection: AsyncConnection, *tables):
    # With PostgreSQL several processes claim at once; each skips rows another holds.
    if connection.dialect.name == "postgresql":
        return statement.with_for_update(skip_locked=True, of=tables)
    return statement


async def claim_due_schedules(
    session: AsyncSession, *, now: datetime, fresh_since: datetime, lease: timedelta, limit: int
) -> list[Claimed]:
    """Claim due schedule rows: record a delivery for each and advance next_fire_at.

    A row due before fresh_since is stored as missed instead (it came due long ago).
    """
    connection = await session.connection()
    rows = (await connection.execute(_lock(_due_schedules(now, limit), connection, S))).all()
    if not rows:
        return []
    # Rows are read by position, in the SELECT's order: reading a Row's field by name costs
    # ~0.3 µs, about 25 ms over a claim of 5,000 (bench/README.md, "Dispatch").
    schedule_ids, lease_until = [row[0] for row in rows], now + lease
    # Deliveries are copied from the rows inside the database before next_fire_at moves on.
    created = await _insert_deliveries(
        connection, schedule_ids, fresh_since=fresh_since, lease_until=lease_until
    )
    await _advance(connection, rows, now)
    claimed = []
    for sid, user_id, purpose, _h, _m, _d, _o, offset, due, tz, day_end, kind, name in rows:
        delivery_id = created[sid]
        if delivery_id is not None:
            event_at = due - timedelta(minutes=offset) if offset else due
            claimed.append(Claimed(delivery_id, user_id, purpose, kind, name or "", due,
                                   event_at, tz, day_end, False, lease_until))  # fmt: skip
    return claimed


def _due_schedules(now: datetime, limit: int):
    """Select due schedule rows with what a claim needs of their user and habit."""
    return (
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
    connection, schedule_ids: list[int], *, fresh_since: datetime, lease_until: datetime
) -> dict[int, int | None]:
    """Record a delivery per claimed schedule; map schedule id to the new delivery id, or None
    when it came due too long ago to send (stored as missed).

    One INSERT … SELECT per chunk: no row crosses into Python, which made a per-row
    INSERT … RETURNING the slowest part of a claim.
    """
    fresh = S.c.next_fire_at >= fresh_since  # next_fire_at <= now already holds
    pending = literal(DeliveryStatus.PENDING, D.c.status.type)
    missed = literal(DeliveryStatus.MISSED, D.c.status.type)
    # Until sending is recorded, the lease lets a restart find and resend it.
    lease_end = literal(lease_until, D.c.resend_at.type)
    columns = ("user_id", "habit_id", "schedule_id", "purpose", "due_at")
    created: dict[int, int | None] = {}
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
        for schedule_id, delivery_id, status in await connection.execute(statement):
            created[schedule_id] = delivery_id if status is DeliveryStatus.PENDING else None
    return created


async def _advance(connection, rows, now: datetime) -> None:
    """Move each row's next_fire_at on, with one UPDATE per distinct new time."""
    # Rows due together mostly share a rule and zone, so few distinct new times arise.
    by_rule: dict[tuple, datetime | None] = {}
    groups: dict[datetime | None, list[int]] = defaultdict(list)
    for row in rows:  # in claim_due_schedules' SELECT order, unpacked by position (speed)
        sid, _user, _purpose, hour, minute, days, once_on, offset, _due, tz, _end, _kind, _name = (
            row
        )
        key = (hour, minute, days, once_on, offset, tz)
        if key not in by_rule:
            by_rule[key] = next_fire_at(row, now, tz)
        groups[by_rule[key]].append(sid)
    for nxt, ids in groups.items():
        for chunk in _chunks(ids):
            await connection.execute(
                update(S).where(_among(connection, S.c.id, chunk)).values(next_fire_at=nxt)
            )


async def claim_resends(
    session: AsyncSession, *, now: datetime, fresh_since: datetime, lease: timedelta, limit: int
) -> list[Claimed]:
    """Claim deliveries owed again: follow-ups, snoozes, and sends a crash or error cut short.

    Each claimed one stays owed until the lease ends, so a crash mid-send loses none.
    """
    connection = await session.connection()
    rows = (await connection.execute(_lock(_owed(now, limit), connection, D))).all()
    lease_until = now + lease
    claimed, changes = [], []
    for r in rows:
        status, resend_at = _resend_decision(r, fresh_since, lease_until)
        changes.append({"did": r.id, "st": status, "ra": resend_at})
        if resend_at is not None:
            event_at = r.due_at - timedelta(minutes=r.offset_minutes or 0)
            repeat = r.status is not DeliveryStatus.PENDING
            claimed.append(Claimed(r.id, r.user_id, r.purpose, r.kind, r.name or "", r.due_at,
                                   event_at, r.tz, r.day_end_minute, repeat, lease_until,
                                   r.parts_sent))  # fmt: skip
    if changes:
        await connection.execute(
            update(D)
            .where(D.c.id == bindparam("did"))
            .values(status=bindparam("st"), resend_at=bindparam("ra")),
            changes,
        )
    return claimed


def _owed(now: datetime, limit: int):
    """Select deliveries owed again by now, with what a claim needs to decide and send."""
    answered = exists().where(C.c.delivery_id == D.c.id)
    return (
        select(
            D.c.id,
            D.c.user_id,
            D.c.purpose,
            D.c.due_at,
            D.c.status,
            D.c.parts_sent,
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


def _resend_decision(
    row, fresh_since: datetime, lease_until: datetime
) -> tuple[DeliveryStatus, datetime | None]:
    """Return a delivery's new status and resend_at: the lease when it is to be sent now."""
    pending = row.status is DeliveryStatus.PENDING
    if pending and row.due_at < fresh_since:
        return DeliveryStatus.MISSED, None
    if row.blocked_at is not None:  # they blocked the bot: nothing more goes to them
        return (DeliveryStatus.FAILED if pending else row.status), None
    if row.answered or not (pending or row.status is DeliveryStatus.SENT):
        return row.status, None
    return row.status, lease_until


async def expire_unanswered(session: AsyncSession, *, now: datetime, limit: int = 5000) -> int:
    """Store "no answer" for check-in reminders whose user's day ended unanswered.

    Closes at most `limit` expired deliveries and returns how many it closed.
    """
    answered = exists().where(C.c.delivery_id == D.c.id)
    query = (
        select(D.c.id, D.c.user_id, D.c.habit_id, D.c.due_at, answered.label("answered"),
               H.c.kind, U.c.tz, U.c.day_end_minute)
        .join(U, U.c.id == D.c.user_id)
        .outerjoin(H, H.c.id == D.c.habit_id)
        .where(D.c.expires_at <= now)
        .limit(limit)
    )  # fmt: skip
    connection = await session.connection()
    rows = (await connection.execute(_lock(query, connection, D))).all()
    unanswered = [r for r in rows if not r.answered and r.kind is not None]
    doses = [r for r in unanswered if r.kind is HabitKind.MEDICATION]
    await arm_catch_ups(
        connection, [Closed(r.user_id, r.due_at, r.tz, r.day_end_minute) for r in doses], now
    )
    if unanswered:
        await connection.execute(
            insert(C),
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
    earliest: list[datetime] = []
    for column in (S.c.next_fire_at, D.c.resend_at, D.c.expires_at):
        query = select(func.min(column)).where(column.is_not(None))
        if (found := (await connection.execute(query)).scalar()) is not None:
            earliest.append(found)
    return min(earliest, default=None)


async def recover_orphans(session: AsyncSession, *, now: datetime) -> int:
    """Make deliveries left pending by a crash due again now (one process owns a SQLite file)."""
    result = await (await session.connection()).execute(
        update(D).where(D.c.status == DeliveryStatus.PENDING).values(resend_at=now)
    )
    return result.rowcount or 0

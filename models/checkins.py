"""Recording check-ins: once per delivery (a second tap changes the answer), or free-standing."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.schedule import local_day
from models.tables import Checkin, Delivery, Habit, User
from models.types import Answer, HabitKind, Purpose


@dataclass(frozen=True, slots=True)
class Entry:
    """What the user answered, before it is tied to a delivery or a day."""

    answer: Answer
    value: float | None = None
    quality: int | None = None
    note: str | None = None
    taken_at: datetime | None = None  # when a dose was really taken, if the user said
    bedtime_minute: int | None = None
    awakenings: int | None = None


# A reminder can be answered on its own day and the day after ("yesterday's, filled in this
# morning"); older ones are closed, so a stray tap never rewrites what was stored long ago.
ANSWERABLE_DAYS = 1


def reminder_day(delivery: Delivery, user: User) -> date:
    """Return the user's day a reminder counts for."""
    return local_day(delivery.due_at, user.tz, user.day_end_minute)


def days_late(delivery: Delivery, user: User, now: datetime) -> int:
    """Return how many of the user's days ago the reminder's day was (0 = today)."""
    return (local_day(now, user.tz, user.day_end_minute) - reminder_day(delivery, user)).days


def can_snooze(delivery: Delivery, until: datetime) -> bool:
    """Tell whether a snooze can come back before the reminder's day closes."""
    return delivery.expires_at is not None and until < delivery.expires_at


async def owned_delivery(
    session: AsyncSession, *, user_id: int, delivery_id: int
) -> tuple[Delivery, Habit | None] | None:
    """Return the delivery with its habit if it belongs to this user (buttons can be forged)."""
    delivery = await session.get(Delivery, delivery_id)
    if delivery is None or delivery.user_id != user_id:
        return None
    habit = await session.get(Habit, delivery.habit_id) if delivery.habit_id else None
    return delivery, habit


async def record_checkin(
    session: AsyncSession,
    *,
    user: User,
    delivery: Delivery,
    habit: Habit,
    entry: Entry,
    now: datetime,
    merge: bool = False,
) -> Checkin:
    """Store the answer to a delivery once; a later answer replaces the earlier one.

    The parts of a night (hours, quality, bedtime, awakenings) are answered one at a time, so
    for sleep a later answer replaces only the parts it gives.
    """
    merge = merge or habit.kind is HabitKind.SLEEP
    values = {
        "user_id": user.id,
        "habit_id": habit.id,
        "delivery_id": delivery.id,
        "kind": habit.kind,
        "answer": entry.answer,
        "value": entry.value,
        "quality": entry.quality,
        "note": entry.note,
        "taken_at": entry.taken_at,
        "bedtime_minute": entry.bedtime_minute,
        "awakenings": entry.awakenings,
        "recorded_at": now,
        "local_date": local_day(delivery.due_at, user.tz, user.day_end_minute),
    }
    changed = {k: v for k, v in values.items() if not (merge and v is None)}
    insert = (postgresql if session.bind.dialect.name == "postgresql" else sqlite).insert
    # One row per delivery even when two taps race: the unique key decides, not a read.
    statement = (
        insert(Checkin)
        .values(**values)
        .on_conflict_do_update(
            index_elements=["delivery_id"],
            set_={k: v for k, v in changed.items() if k not in ("user_id", "delivery_id")},
        )
    )
    await session.exec(statement)
    delivery.resend_at = None
    delivery.expires_at = None
    session.add(delivery)
    await session.flush()
    found = await session.exec(select(Checkin).where(Checkin.delivery_id == delivery.id))
    checkin = found.one()
    await session.refresh(checkin)
    return checkin


async def open_delivery_for(
    session: AsyncSession,
    *,
    user_id: int,
    kind: HabitKind,
    now: datetime,
    habit_id: int | None = None,
) -> Delivery | None:
    """Return the newest unanswered check-in reminder of this kind (or habit) still open today."""
    found = await session.exec(
        _open_deliveries(user_id, kind, now, habit_id)
        .order_by(col(Delivery.due_at).desc())
        .limit(1)
    )
    return found.first()


async def habits_with_open_reminders(
    session: AsyncSession, *, user_id: int, kind: HabitKind, now: datetime
) -> list[int]:
    """Return the habits of this kind that have a reminder still open today, oldest first."""
    found = await session.exec(
        _open_deliveries(user_id, kind, now, None)
        .with_only_columns(col(Delivery.habit_id))
        .distinct()
        .order_by(col(Delivery.habit_id))
    )
    return [habit_id for habit_id in found.all() if habit_id is not None]


def _open_deliveries(user_id: int, kind: HabitKind, now: datetime, habit_id: int | None):
    query = (
        select(Delivery)
        .join(Habit, col(Habit.id) == col(Delivery.habit_id))
        .where(
            Delivery.user_id == user_id,
            Habit.kind == kind,
            Delivery.purpose == Purpose.CHECKIN,
            col(Delivery.expires_at).is_not(None),
            col(Delivery.due_at) <= now,
        )
    )
    return query if habit_id is None else query.where(Delivery.habit_id == habit_id)


async def first_habit_of(session: AsyncSession, *, user_id: int, kind: HabitKind) -> Habit | None:
    found = await session.exec(
        select(Habit)
        .where(Habit.user_id == user_id, Habit.kind == kind, col(Habit.removed_at).is_(None))
        .order_by(col(Habit.id))
        .limit(1)
    )
    return found.first()


async def log_checkin(
    session: AsyncSession,
    *,
    user: User,
    kind: HabitKind,
    entry: Entry,
    now: datetime,
    message_id: int | None = None,
    habit: Habit | None = None,
) -> Checkin:
    """Record a check-in typed or logged without a button; it answers an open reminder if any.

    With a habit, the entry is that habit's (its open reminder, if any); else the kind's.
    message_id is the typed message's, so that editing the message corrects this entry.
    """
    habit_id = habit.id if habit is not None else None
    delivery = None
    if habit is None or not habit.as_needed:
        delivery = await open_delivery_for(
            session, user_id=user.id, kind=kind, now=now, habit_id=habit_id
        )
    if delivery is not None:
        answered = await session.get(Habit, delivery.habit_id)
        checkin = await record_checkin(
            session, user=user, delivery=delivery, habit=answered, entry=entry, now=now
        )  # type: ignore[arg-type]
        if message_id is not None:
            checkin.source_message_id = message_id
            session.add(checkin)
            await session.flush()
        return checkin
    if habit is None:
        habit = await first_habit_of(session, user_id=user.id, kind=kind)
    checkin = Checkin(
        user_id=user.id,
        habit_id=habit.id if habit else None,
        kind=kind,
        answer=entry.answer,
        value=entry.value,
        quality=entry.quality,
        note=entry.note,
        taken_at=entry.taken_at,
        bedtime_minute=entry.bedtime_minute,
        awakenings=entry.awakenings,
        recorded_at=now,
        local_date=local_day(now, user.tz, user.day_end_minute),
        source_message_id=message_id,
    )
    session.add(checkin)
    await session.flush()
    return checkin


async def checkin_from_message(
    session: AsyncSession, *, user_id: int, message_id: int
) -> Checkin | None:
    """Return the entry a typed message made, if it made one."""
    found = await session.exec(
        select(Checkin).where(Checkin.user_id == user_id, Checkin.source_message_id == message_id)
    )
    return found.first()


async def correct_checkin(
    session: AsyncSession, *, checkin: Checkin, entry: Entry, now: datetime
) -> Checkin:
    """Replace what an edited message said, keeping its day and its reminder."""
    checkin.answer, checkin.value, checkin.note = entry.answer, entry.value, entry.note
    checkin.taken_at = entry.taken_at
    for name in ("quality", "bedtime_minute", "awakenings"):
        if getattr(entry, name) is not None:
            setattr(checkin, name, getattr(entry, name))
    checkin.recorded_at = now
    session.add(checkin)
    await session.flush()
    return checkin


async def remove_checkin(session: AsyncSession, *, checkin: Checkin) -> None:
    """Forget an entry whose message was edited into something that is not a check-in."""
    await session.delete(checkin)
    await session.flush()


async def add_details(
    session: AsyncSession,
    *,
    user_id: int,
    checkin_id: int,
    quality: int | None = None,
    note: str | None = None,
    taken_at: datetime | None = None,
    bedtime_minute: int | None = None,
    awakenings: int | None = None,
) -> Checkin | None:
    """Add a detail (sleep quality, bedtime, awakenings, a note, the time a dose was taken)
    to the user's own check-in; None if it is not theirs."""
    checkin = await session.get(Checkin, checkin_id)
    if checkin is None or checkin.user_id != user_id:
        return None
    if note is not None:
        checkin.note = note[:500]
    details = {"quality": quality, "taken_at": taken_at, "bedtime_minute": bedtime_minute,
               "awakenings": awakenings}  # fmt: skip
    for name, value in details.items():
        if value is not None:
            setattr(checkin, name, value)
    session.add(checkin)
    await session.flush()
    return checkin


async def snooze(session: AsyncSession, *, delivery: Delivery, until: datetime) -> None:
    """Bring the reminder back at the given time (unless answered before)."""
    delivery.resend_at = until
    delivery.snoozed = True
    session.add(delivery)
    await session.flush()

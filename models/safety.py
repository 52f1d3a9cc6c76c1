"""The safety net's records: events counted, the caring follow-up, the personal safety plan.

Nothing here ever holds the words a person wrote to the bot in crisis: events are counted by
kind, and the safety plan holds only what the user typed into it, for themselves.
"""

from datetime import date, datetime, time, timedelta

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.planning import plan_next
from models.schedule import local_day, resolve_local, zone
from models.tables import SafetyEvent, SafetyPlan, Schedule, User
from models.types import Purpose, SafetyEventKind

# Stanley & Brown's six steps, in their order; each is a column of safety_plans.
PLAN_STEPS = (
    "warning_signs",
    "coping_alone",
    "distractions",
    "people_to_ask",
    "professionals",
    "safer_surroundings",
)
PROFESSIONALS = PLAN_STEPS.index("professionals")
# The follow-up comes at a gentle local hour, never at night, and never sooner than this after
# the moment it follows (so a safety reply at 09:00 is not "followed up" at 10:30).
FOLLOW_UP_TIME = time(10, 30)
FOLLOW_UP_MIN_GAP = timedelta(hours=6)


async def record_safety_event(
    session: AsyncSession, *, user_id: int, kind: SafetyEventKind, now: datetime
) -> None:
    """Count a safety moment; the message text is never stored."""
    session.add(SafetyEvent(user_id=user_id, kind=kind, at=now))
    await session.flush()


def follow_up_day(now: datetime, tz: str, day_end_minute: int) -> date:
    """Return the local date of the caring follow-up: the user's next day, at FOLLOW_UP_TIME.

    "Next" counts from the user's own day (it ends at day_end_minute), so a message at 01:00
    is followed up the same morning, and one at 09:00 the morning after.
    """
    day = local_day(now, tz, day_end_minute) + timedelta(days=1)
    while _follow_up_at(day, tz) - now < FOLLOW_UP_MIN_GAP:
        day += timedelta(days=1)
    return day


def _follow_up_at(day: date, tz: str) -> datetime:
    return resolve_local(datetime.combine(day, FOLLOW_UP_TIME, tzinfo=zone(tz)))


async def plan_follow_up(session: AsyncSession, *, user: User, now: datetime) -> bool:
    """Plan the one caring follow-up, unless the user turned it off; tell whether it was.

    One schedule row per user, moved to the newest follow-up day: however many safety moments
    a day brings, at most one follow-up comes on any day.
    """
    if not user.safety_follow_up:
        return False
    row = await _follow_up_row(session, user_id=user.id)
    if row is None:
        row = Schedule(user_id=user.id, purpose=Purpose.SAFETY_CARE, hour=0, minute=0)
    row.hour, row.minute = FOLLOW_UP_TIME.hour, FOLLOW_UP_TIME.minute
    row.once_on = follow_up_day(now, user.tz, user.day_end_minute)
    plan_next(row, user=user, habit=None, now=now)
    session.add(row)
    await session.flush()
    return row.next_fire_at is not None


async def set_follow_up(session: AsyncSession, *, user: User, on: bool) -> None:
    """Turn the caring follow-up on or off; off also cancels one already planned."""
    user.safety_follow_up = on
    session.add(user)
    row = None if on else await _follow_up_row(session, user_id=user.id)
    if row is not None:
        row.next_fire_at = None
        session.add(row)
    await session.flush()


async def _follow_up_row(session: AsyncSession, *, user_id: int) -> Schedule | None:
    found = await session.exec(
        select(Schedule).where(Schedule.user_id == user_id, Schedule.purpose == Purpose.SAFETY_CARE)
    )
    return found.first()


async def set_country(session: AsyncSession, *, user: User, country: str | None) -> None:
    """Set the country whose crisis lines the user sees; None follows the time zone."""
    user.country = country
    session.add(user)
    await session.flush()


async def get_plan(session: AsyncSession, *, user_id: int) -> SafetyPlan | None:
    """Return the user's safety plan, if they started one."""
    found = await session.exec(select(SafetyPlan).where(SafetyPlan.user_id == user_id))
    return found.first()


async def ensure_plan(
    session: AsyncSession, *, user_id: int, professionals: str, now: datetime
) -> SafetyPlan:
    """Return the user's plan, starting one with their crisis lines already written in."""
    plan = await get_plan(session, user_id=user_id)
    if plan is None:
        plan = SafetyPlan(user_id=user_id, professionals=professionals or None, updated_at=now)
        session.add(plan)
        await session.flush()
    return plan


def plan_steps(plan: SafetyPlan | None) -> tuple[str | None, ...]:
    """Return the six steps' texts in order (None where nothing is written)."""
    return tuple(getattr(plan, step) if plan else None for step in PLAN_STEPS)


async def save_step(
    session: AsyncSession, *, plan: SafetyPlan, step: int, text: str | None, now: datetime
) -> None:
    """Write one step of the plan (None clears it)."""
    setattr(plan, PLAN_STEPS[step], text)
    plan.updated_at = now
    session.add(plan)
    await session.flush()


async def set_plan_in_report(
    session: AsyncSession, *, plan: SafetyPlan, in_report: bool, now: datetime
) -> None:
    """Say whether the plan goes into the doctor's PDF."""
    plan.in_report = in_report
    plan.updated_at = now
    session.add(plan)
    await session.flush()


async def plan_for_report(session: AsyncSession, *, user_id: int) -> tuple[str | None, ...]:
    """Return the plan's steps for the doctor's report, or () unless the user asked for it."""
    plan = await get_plan(session, user_id=user_id)
    if plan is None or not plan.in_report or not any(plan_steps(plan)):
        return ()
    return plan_steps(plan)

"""The refill forecast: when a medicine's pills run out, and the one reminder a few days before.

The user counts their pills once; the forecast counts the doses the schedule asks for from that
day on (one pill a dose), so it needs no answer to every reminder to stay right. "Refilled"
adds one pack (the last count given) to what the forecast says is left.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.catalog import REFILL_LEAD_DAYS, REFILL_TIME
from models.planning import plan_next
from models.schedule import local_day, parse_cron_days
from models.tables import Habit, Schedule, User
from models.types import Purpose

MAX_PILLS = 2000  # more than five years of daily doses: a typo
# A forecast looks this far ahead at most; a count that lasts longer needs no reminder yet.
MAX_FORECAST_DAYS = 3 * 366


@dataclass(frozen=True)
class Forecast:
    runs_out: date | None  # the first day a dose finds no pill; None: no set doses, or far off
    remind_on: date | None  # the day of the refill reminder; None when it is too late for one
    left_today: int  # pills the forecast says are left at the start of today


def doses_between(doses: Sequence[str], first: date, last: date) -> int:
    """Count the doses due on first..last (inclusive); doses are the cron days of each time."""
    weekdays = [parse_cron_days(days) for days in doses]
    return sum(
        day.weekday() in chosen
        for day in map(date.fromordinal, range(first.toordinal(), last.toordinal() + 1))
        for chosen in weekdays
    )


def run_out_day(pills: int, doses: Sequence[str], counted_on: date) -> date | None:
    """Return the first day from counted_on on whose doses the pills no longer cover."""
    weekdays = [parse_cron_days(days) for days in doses]
    if not any(weekdays):
        return None
    left = pills
    for offset in range(MAX_FORECAST_DAYS):
        day = counted_on + timedelta(days=offset)
        left -= sum(day.weekday() in chosen for chosen in weekdays)
        if left < 0:
            return day
    return None


def forecast(habit: Habit, doses: Sequence[str], today: date) -> Forecast | None:
    """Return the habit's forecast, or None when its pills were never counted."""
    if habit.pills_left is None or habit.pills_counted_on is None:
        return None
    counted_on = habit.pills_counted_on
    runs_out = run_out_day(habit.pills_left, doses, counted_on)
    used = doses_between(doses, counted_on, today - timedelta(days=1)) if today > counted_on else 0
    remind_on = runs_out - timedelta(days=REFILL_LEAD_DAYS) if runs_out else None
    if remind_on is not None and remind_on < today:
        remind_on = None
    return Forecast(runs_out, remind_on, max(0, habit.pills_left - used))


async def dose_days(session: AsyncSession, *, habit: Habit) -> list[str]:
    """Return the cron days of each of the habit's dose times."""
    found = await session.exec(
        select(Schedule.days).where(
            Schedule.habit_id == habit.id, Schedule.purpose == Purpose.CHECKIN
        )
    )
    return list(found.all())


async def habit_forecast(
    session: AsyncSession, *, user: User, habit: Habit, now: datetime
) -> Forecast | None:
    today = local_day(now, user.tz, user.day_end_minute)
    return forecast(habit, await dose_days(session, habit=habit), today)


async def count_pills(
    session: AsyncSession, *, user: User, habit: Habit, pills: int, now: datetime
) -> Forecast | None:
    """Start the forecast from a count of the pills there are now."""
    habit.pills_left = pills
    habit.pills_counted_on = local_day(now, user.tz, user.day_end_minute)
    habit.pack_size = pills
    session.add(habit)
    return await plan_refill(session, user=user, habit=habit, now=now)


async def refilled(
    session: AsyncSession, *, user: User, habit: Habit, now: datetime
) -> Forecast | None:
    """Add one pack to what is left; None when the pills were never counted (ask instead)."""
    before = await habit_forecast(session, user=user, habit=habit, now=now)
    if before is None or not habit.pack_size:
        return None
    habit.pills_left = min(MAX_PILLS, before.left_today + habit.pack_size)
    habit.pills_counted_on = local_day(now, user.tz, user.day_end_minute)
    session.add(habit)
    return await plan_refill(session, user=user, habit=habit, now=now)


async def plan_refill(
    session: AsyncSession, *, user: User, habit: Habit, now: datetime
) -> Forecast | None:
    """Replace the habit's refill reminder with one REFILL_LEAD_DAYS before the pills run out."""
    await session.exec(
        delete(Schedule).where(
            col(Schedule.habit_id) == habit.id, col(Schedule.purpose) == Purpose.REFILL
        )
    )  # type: ignore[call-overload]
    found = await habit_forecast(session, user=user, habit=habit, now=now)
    if found is not None and found.remind_on is not None and not habit.as_needed:
        row = Schedule(
            user_id=user.id,
            habit_id=habit.id,
            purpose=Purpose.REFILL,
            hour=REFILL_TIME[0],
            minute=REFILL_TIME[1],
            once_on=found.remind_on,
        )
        plan_next(row, user=user, habit=habit, now=now)
        session.add(row)
    await session.flush()
    return found

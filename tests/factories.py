"""Test helpers: a clock that stands still, and rows made through the real queries."""

from datetime import datetime, timedelta

from models import habits, users
from models.catalog import Time
from models.db import Database
from models.tables import Habit, User
from models.types import HabitKind


class FixedClock:
    """A clock tests move by hand; also a sleep that moves it instead of waiting."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def set(self, now: datetime) -> None:
        self.now = now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=seconds)


async def user(
    db: Database,
    *,
    user_id: int = 42,
    tz: str = "Europe/Berlin",
    now: datetime,
    onboarded: bool = True,
) -> User:
    """Make an onboarded user in the given zone."""
    async with db.session() as session:
        row = await users.ensure_user(session, user_id=user_id, first_name="Sam", now=now)
        await users.set_timezone(session, user=row, tz=tz, now=now)
        if onboarded:
            await users.finish_onboarding(session, user=row, now=now)
    return row


async def habit(
    db: Database,
    *,
    user_id: int = 42,
    kind: HabitKind,
    times: list[Time],
    name: str = "",
    now: datetime,
    **extra,
) -> Habit:
    """Add a habit through the real query."""
    async with db.session() as session:
        row = await users.get_user(session, user_id)
        return await habits.add_habit(
            session, user=row, kind=kind, name=name, times=times, now=now, **extra
        )


async def phq9(db: Database, *, user_id: int = 42, answers: list[int], at: datetime) -> None:
    """Store a completed PHQ-9 through the real query."""
    from models import phq9 as questionnaire

    async with db.session() as session:
        await questionnaire.record_phq9(session, user_id=user_id, answers=answers, now=at)

"""Changing a habit's time, the user's zone, or pausing re-plans the rows at once."""

from datetime import UTC, datetime, timedelta

from models import habits, users
from models.types import HabitKind
from tests import factories

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def _next_fires(db):
    async with db.session() as session:
        return [
            s.next_fire_at
            for _, rows in await habits.list_habits(session, user_id=42)
            for s in rows
        ]


async def test_zone_change_replans(db):
    await factories.user(db, tz="Europe/Berlin", now=NOW)
    await factories.habit(db, kind=HabitKind.MOOD, times=[(20, 0)], now=NOW)
    assert await _next_fires(db) == [datetime(2026, 11, 26, 19, 0, tzinfo=UTC)]
    async with db.session() as session:
        user = await users.get_user(session, 42)
        await users.set_timezone(session, user=user, tz="America/New_York", now=NOW)
    assert await _next_fires(db) == [datetime(2026, 11, 27, 1, 0, tzinfo=UTC)]


async def test_time_change_replans(db):
    await factories.user(db, tz="Asia/Kolkata", now=NOW)
    habit = await factories.habit(db, kind=HabitKind.EXERCISE, times=[(7, 0)], now=NOW)
    async with db.session() as session:
        user = await users.get_user(session, 42)
        await habits.set_times(session, user=user, habit=habit, times=[(21, 30)], now=NOW)
    assert await _next_fires(db) == [datetime(2026, 11, 26, 16, 0, tzinfo=UTC)]


async def test_pause_all_fires_first_after_the_pause(db):
    await factories.user(db, tz="UTC", now=NOW)
    await factories.habit(db, kind=HabitKind.MOOD, times=[(20, 0)], now=NOW)
    async with db.session() as session:
        user = await users.get_user(session, 42)
        await users.pause_all(session, user=user, until=NOW + timedelta(days=3), now=NOW)
    assert await _next_fires(db) == [datetime(2026, 11, 29, 20, 0, tzinfo=UTC)]
    async with db.session() as session:
        user = await users.get_user(session, 42)
        await users.pause_all(session, user=user, until=None, now=NOW)
    assert await _next_fires(db) == [datetime(2026, 11, 26, 20, 0, tzinfo=UTC)]

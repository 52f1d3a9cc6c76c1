"""Several dispatchers on one PostgreSQL database: SKIP LOCKED claims, nothing sent twice."""

import asyncio
from datetime import UTC, datetime

from sqlalchemy import update

from jobs.dispatcher import Dispatcher
from jobs.policy import DispatchPolicy
from models.tables import Schedule
from models.types import HabitKind
from tests import factories
from tests.jobs.conftest import FakeSender

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def test_three_dispatchers_share_the_work_without_doubles(pg_db, clock):
    clock.set(NOW)
    for user_id in range(1, 301):
        await factories.user(pg_db, user_id=user_id, tz="UTC", now=NOW, onboarded=False)
        await factories.habit(pg_db, user_id=user_id, kind=HabitKind.MOOD, times=[(12, 0)], now=NOW)
    async with pg_db.session() as session:
        await session.exec(update(Schedule).values(next_fire_at=NOW))
    senders = [FakeSender() for _ in range(3)]
    policy = DispatchPolicy(batch=25)
    dispatchers = [Dispatcher(pg_db, s, clock, policy=policy, sleep=clock.sleep) for s in senders]
    await asyncio.gather(*(d.tick() for d in dispatchers))
    handed = [r.delivery_id for s in senders for r in s.reminders]
    assert len(handed) == 300 and len(set(handed)) == 300
    assert sum(1 for s in senders if s.reminders) >= 2  # the work was really shared


async def test_a_follow_up_cut_short_by_a_crash_is_sent_once_its_lease_ends(pg_db, clock):

    from tests.jobs.test_dispatcher_faults import StallingSender

    clock.set(NOW)
    await factories.user(pg_db, tz="UTC", now=NOW, onboarded=False)
    await factories.habit(pg_db, kind=HabitKind.MEDICATION, times=[(12, 0)], now=NOW)
    async with pg_db.session() as session:
        await session.exec(update(Schedule).values(next_fire_at=NOW))
    first = FakeSender()
    await Dispatcher(pg_db, first, clock, sleep=clock.sleep).tick()
    clock.advance(minutes=30)
    stalling = StallingSender()
    dying = asyncio.create_task(Dispatcher(pg_db, stalling, clock, sleep=clock.sleep).tick())
    try:
        await asyncio.wait_for(stalling.stalled.wait(), 10)
        after = FakeSender()
        survivor = Dispatcher(pg_db, after, clock, sleep=clock.sleep)
        await survivor.tick()
        assert after.reminders == []  # held by the stalled process until its lease ends
        clock.advance(minutes=2)
        await survivor.tick()
        assert [r.repeat for r in first.reminders + after.reminders] == [False, True]
    finally:
        dying.cancel()

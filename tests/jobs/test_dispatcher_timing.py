"""When the dispatcher ticks, paces a chat, and calls a reminder missed: all on the injected clock."""

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from jobs.dispatcher import Dispatcher
from jobs.policy import DispatchPolicy
from models.tables import Delivery, Schedule
from models.types import DeliveryStatus, HabitKind
from tests import factories
from tests.jobs.conftest import rows

NOON = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
NO_GRACE = DispatchPolicy(grace=timedelta(0))


async def _user_with(db, clock, *kinds: HabitKind, at=(12, 0), tz="UTC"):
    await factories.user(db, tz=tz, now=clock())
    for kind in kinds:
        await factories.habit(db, kind=kind, times=[at], now=clock() - timedelta(minutes=1))


async def _statuses(db) -> list[DeliveryStatus]:
    return sorted(d.status for d in await rows(db, Delivery))


async def test_pacing_a_chat_counts_on_the_injected_clock(db, clock, dispatcher, sender):
    clock.set(NOON)
    await _user_with(db, clock, HabitKind.MOOD)
    await factories.habit(db, kind=HabitKind.EXERCISE, times=[(12, 1)], now=clock())
    await dispatcher.tick()
    clock.advance(minutes=1)
    await dispatcher.tick()  # a minute after this chat's last message, on the clock that counts
    assert len(sender.reminders) == 2
    assert clock.slept == []


async def test_without_grace_a_reminder_claimed_a_moment_late_is_sent(db, clock, sender):
    dispatcher = Dispatcher(db, sender, clock, policy=NO_GRACE, sleep=clock.sleep)
    clock.set(NOON)
    await _user_with(db, clock, HabitKind.MOOD)
    clock.advance(seconds=2)  # the tick starts a moment after the reminder came due
    await dispatcher.tick()
    assert len(sender.reminders) == 1
    assert await _statuses(db) == [DeliveryStatus.SENT]


async def test_without_grace_every_reminder_of_a_busy_tick_is_sent(db, clock, sender):
    policy = DispatchPolicy(grace=timedelta(0), batch=1)
    dispatcher = Dispatcher(db, sender, clock, policy=policy, sleep=clock.sleep)
    clock.set(NOON)
    await _user_with(db, clock, HabitKind.MOOD, HabitKind.EXERCISE, HabitKind.SUBSTANCE_FREE)
    await dispatcher.tick()  # one chat: its three reminders go a second apart, one per claim
    assert len(sender.reminders) == 3
    assert await _statuses(db) == [DeliveryStatus.SENT] * 3


async def test_without_grace_what_came_due_while_the_bot_was_down_is_missed(db, clock, sender):
    dispatcher = Dispatcher(db, sender, clock, policy=NO_GRACE, sleep=clock.sleep)
    clock.set(NOON)
    await _user_with(db, clock, HabitKind.MOOD)
    clock.advance(minutes=5)
    await dispatcher.tick()
    assert sender.reminders == []
    assert await _statuses(db) == [DeliveryStatus.MISSED]


async def test_grace_counts_only_lateness_beyond_the_claim_delay(db, clock, sender):
    policy = DispatchPolicy(grace=timedelta(minutes=10))  # and a claim delay of one minute
    dispatcher = Dispatcher(db, sender, clock, policy=policy, sleep=clock.sleep)
    clock.set(NOON)
    for user_id, late in ((1, timedelta(minutes=11)), (2, timedelta(minutes=11, seconds=1))):
        await factories.user(db, user_id=user_id, tz="UTC", now=clock(), onboarded=False)
        await factories.habit(db, user_id=user_id, kind=HabitKind.MOOD, times=[(12, 0)], now=NOON)
        async with db.session() as session:
            await session.exec(
                update(Schedule).where(Schedule.user_id == user_id).values(next_fire_at=NOON - late)
            )
    await dispatcher.tick()
    assert [r.user_id for r in sender.reminders] == [1]
    assert await _statuses(db) == [DeliveryStatus.MISSED, DeliveryStatus.SENT]


async def test_a_wake_makes_the_next_tick_now(db, clock, dispatcher):
    clock.set(NOON)
    dispatcher.policy = DispatchPolicy(max_wait=timedelta(hours=1))
    assert await dispatcher.tick() == NOON + timedelta(hours=1)
    dispatcher.wake()
    assert dispatcher.next_tick_at() == NOON


class GatedSleep:
    """A sleep that says how long it was asked for, and returns only when the test lets it."""

    def __init__(self) -> None:
        self.asked: asyncio.Queue[float] = asyncio.Queue()

    async def __call__(self, seconds: float) -> None:
        await self.asked.put(seconds)
        await asyncio.Event().wait()  # until cancelled: a wake cuts the sleep short


async def test_run_sleeps_until_the_planned_tick_and_a_wake_cuts_it_short(db, clock, sender):
    sleep = GatedSleep()
    policy = DispatchPolicy(max_wait=timedelta(hours=1))
    dispatcher = Dispatcher(db, sender, clock, policy=policy, sleep=sleep)
    clock.set(NOON)
    await factories.user(db, tz="UTC", now=clock())
    dispatcher.start()
    try:
        assert await asyncio.wait_for(sleep.asked.get(), 10) == 3600  # nothing due: max_wait
        await factories.habit(db, kind=HabitKind.MOOD, times=[(12, 1)], now=clock())
        dispatcher.wake()
        assert await asyncio.wait_for(sleep.asked.get(), 10) == 60  # ticked at once, re-planned
    finally:
        await dispatcher.stop()


async def test_run_survives_a_failing_tick(tmp_path, clock, sender):
    from models.db import Database

    unmigrated = Database(f"sqlite:///{tmp_path / 'empty.db'}")  # every query fails
    sleep = GatedSleep()
    dispatcher = Dispatcher(unmigrated, sender, clock, sleep=sleep)
    dispatcher.start()
    try:
        pause = DispatchPolicy().error_pause.total_seconds()
        assert await asyncio.wait_for(sleep.asked.get(), 10) == pause
    finally:
        await dispatcher.stop()
        await unmigrated.dispose()

"""Telegram failures while sending reminders, injected at the fake Bot API."""

from datetime import UTC, datetime

from sqlmodel import select

from models import users
from models.tables import Delivery, Schedule
from models.types import DeliveryStatus, HabitKind, Purpose
from tests import factories

NOON_BERLIN = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)


async def _due(db, clock, user_ids=(42,)):
    for user_id in user_ids:
        await factories.user(db, user_id=user_id, now=clock())
        await factories.habit(
            db, user_id=user_id, kind=HabitKind.MOOD, times=[(12, 0)], now=clock().replace(hour=10)
        )


async def _deliveries(db):
    async with db.session() as session:
        return list((await session.exec(select(Delivery))).all())


def _accepted(api, chat_id):
    return [
        c for c in api.calls("sendMessage") if c.get("chat_id") == chat_id and c["_status"] == 200
    ]


async def test_retry_after_is_honoured(app, fake_api, db, clock, no_errors):
    clock.set(NOON_BERLIN)
    await _due(db, clock)
    fake_api.fail_next("sendMessage", status=429, retry_after=1)
    await app.bot_data["deps"].dispatcher.tick()
    statuses = [c["_status"] for c in fake_api.calls("sendMessage")]
    assert statuses == [429, 200]  # the rate limiter waited and tried again
    [delivery] = await _deliveries(db)
    assert delivery.status is DeliveryStatus.SENT


async def test_blocked_user_is_paused_until_start(app, fake_api, chat, db, clock, no_errors):
    clock.set(NOON_BERLIN)
    await _due(db, clock, (42, 7))
    fake_api.block_chat(42)
    dispatcher = app.bot_data["deps"].dispatcher
    await dispatcher.tick()
    assert len(fake_api.calls("sendMessage")) == 2  # one try for 42, no retries
    assert len(_accepted(fake_api, 7)) == 1
    async with db.session() as session:
        assert (await users.get_user(session, 42)).blocked_at is not None
        schedules = (await session.exec(select(Schedule).where(Schedule.user_id == 42))).all()
    assert all(s.next_fire_at is None for s in schedules)
    fake_api.unblock_chat(42)
    await chat.say("/start")
    assert "your reminders are back on" in chat.texts()[-2]
    async with db.session() as session:
        schedules = (await session.exec(select(Schedule).where(Schedule.user_id == 42))).all()
    assert all(s.next_fire_at is not None for s in schedules if s.purpose is Purpose.CHECKIN)


async def test_dropped_connection_is_retried(app, fake_api, db, clock, no_errors):
    clock.set(NOON_BERLIN)
    await _due(db, clock)
    fake_api.drop_next("sendMessage")
    await app.bot_data["deps"].dispatcher.tick()
    assert len(_accepted(fake_api, 42)) == 1
    assert clock.slept  # it backed off before trying again (on the injected clock, no real wait)


async def test_one_failing_user_does_not_stop_others(app, fake_api, db, clock, no_errors):
    clock.set(NOON_BERLIN)
    await _due(db, clock, (42, 7, 8))
    fake_api.fail_next(
        "sendMessage", status=400, description="Bad Request: chat not found", chat_id=42
    )
    await app.bot_data["deps"].dispatcher.tick()
    assert len(_accepted(fake_api, 7)) == 1 and len(_accepted(fake_api, 8)) == 1
    statuses = {d.user_id: d.status for d in await _deliveries(db)}
    assert statuses == {42: DeliveryStatus.FAILED, 7: DeliveryStatus.SENT, 8: DeliveryStatus.SENT}


async def test_persistent_network_trouble_leaves_it_pending_for_later(
    app, fake_api, db, clock, caplog
):
    clock.set(NOON_BERLIN)
    await _due(db, clock)
    fake_api.drop_next("sendMessage", times=4)
    dispatcher = app.bot_data["deps"].dispatcher
    await dispatcher.tick()
    [delivery] = await _deliveries(db)
    assert delivery.status is DeliveryStatus.PENDING and delivery.resend_at > clock()
    clock.set(delivery.resend_at)
    await dispatcher.tick()
    assert len(_accepted(fake_api, 42)) == 1
    [delivery] = await _deliveries(db)
    assert delivery.status is DeliveryStatus.SENT

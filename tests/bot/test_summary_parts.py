"""The weekly summary through the real sender: each part reaches the user once."""

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import select

from models import checkins, users
from models.checkins import Entry
from models.tables import Delivery, Schedule
from models.types import Answer, DeliveryStatus, HabitKind, Purpose
from tests import factories


async def _week_with_a_summary_due(db, clock) -> None:
    await factories.user(db, now=clock() - timedelta(days=7))
    await factories.habit(db, kind=HabitKind.MOOD, times=[(20, 0)], now=clock())
    async with db.session() as session:
        user = await users.get_user(session, 42)
        for days_ago in range(1, 6):
            entry = Entry(Answer.DONE, value=6)
            at = clock() - timedelta(days=days_ago)
            await checkins.log_checkin(session, user=user, kind=HabitKind.MOOD, entry=entry, now=at)
        await session.exec(
            update(Schedule).where(Schedule.purpose == Purpose.SUMMARY).values(next_fire_at=clock())
        )


async def test_the_chart_goes_once_when_the_summary_text_must_be_retried(
    app, fake_api, db, clock, no_errors
):
    await _week_with_a_summary_due(db, clock)
    fake_api.drop_next("sendMessage", times=4)  # the text fails, and the sender's own retries
    dispatcher = app.bot_data["deps"].dispatcher
    await dispatcher.tick()
    clock.advance(minutes=2)
    await dispatcher.tick()
    photos = [c for c in fake_api.calls("sendPhoto") if c["_status"] == 200]
    texts = [c for c in fake_api.calls("sendMessage") if c["_status"] == 200]
    assert len(photos) == 1
    assert len(texts) == 1 and "week" in texts[0]["text"].lower()
    async with db.session() as session:
        [summary] = (
            await session.exec(select(Delivery).where(Delivery.purpose == Purpose.SUMMARY))
        ).all()
    assert summary.status is DeliveryStatus.SENT

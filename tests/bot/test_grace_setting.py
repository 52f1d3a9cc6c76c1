"""GRACE_WINDOW_MINUTES reaches the dispatcher that build_application wires."""

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import select

from bot.app import build_application, on_startup
from bot.config import Settings
from bot.context import Deps
from models.tables import Delivery, Schedule
from models.types import DeliveryStatus, HabitKind
from tests import factories


async def test_grace_window_minutes_decides_what_a_restart_still_sends(
    fake_api, db, clock, monkeypatch, no_errors
):
    monkeypatch.setenv("GRACE_WINDOW_MINUTES", "10")
    settings = Settings(
        _env_file=None, telegram_bot_token=fake_api.token, telegram_api_base_url=fake_api.base_url
    )
    app = build_application(Deps(settings=settings, db=db, clock=clock, sleep=clock.sleep))
    # While the bot was down, user 1's reminder came due 5 minutes ago, user 2's 30 minutes ago.
    for user_id, late in ((1, timedelta(minutes=5)), (2, timedelta(minutes=30))):
        await factories.user(db, user_id=user_id, tz="UTC", now=clock(), onboarded=False)
        await factories.habit(db, user_id=user_id, kind=HabitKind.MOOD, times=[(9, 0)], now=clock())
        async with db.session() as session:
            await session.exec(
                update(Schedule)
                .where(Schedule.user_id == user_id)
                .values(next_fire_at=clock() - late)
            )
    async with app:
        await on_startup(app)
        await app.bot_data["deps"].dispatcher.tick()
    async with db.session() as session:
        statuses = {d.user_id: d.status for d in (await session.exec(select(Delivery))).all()}
    assert statuses == {1: DeliveryStatus.SENT, 2: DeliveryStatus.MISSED}
    assert [c["chat_id"] for c in fake_api.calls("sendMessage")] == [1]

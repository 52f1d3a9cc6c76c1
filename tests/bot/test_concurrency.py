"""Two processes handling the same user's updates at once never duplicate or fail (PostgreSQL).

Telegram may deliver the same update to two webhook connections, and a double tap sends two
presses; each process has its own engine, as separate processes would.
"""

import asyncio

from sqlalchemy.engine import make_url
from telegram import Update

from bot.app import build_application, on_startup
from bot.config import Settings
from bot.context import Deps
from models import habits
from models.db import Database


async def _apps(fake_api, pg_db, clock, count: int = 2) -> list:
    url = pg_db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    settings = Settings(
        _env_file=None, telegram_bot_token=fake_api.token, telegram_api_base_url=fake_api.base_url
    )
    apps = []
    for _ in range(count):
        db = Database(str(make_url(url)))
        app = build_application(Deps(settings=settings, db=db, clock=clock, sleep=clock.sleep))
        await app.initialize()
        await on_startup(app)
        apps.append(app)
    return apps


async def _both(apps, payload: dict) -> None:
    await asyncio.gather(*(app.process_update(Update.de_json(payload, app.bot)) for app in apps))


async def test_the_same_tap_in_two_processes_adds_one_habit(fake_api, pg_db, clock, no_errors):
    apps = await _apps(fake_api, pg_db, clock)
    try:
        for text in ("/start", "UTC"):
            await apps[0].process_update(
                Update.de_json(fake_api.message_update(42, text), apps[0].bot)
            )
        done = fake_api.sent_to(42)[-1]["reply_markup"]["inline_keyboard"][-1][0]["callback_data"]
        await _both(apps, fake_api.callback_update(42, done))  # Done: medication, sleep, mood
        await _both(apps, fake_api.message_update(42, "Prozac"))
        await _both(apps, fake_api.callback_update(42, _button(fake_api, "08:00 and 20:00")))
        async with pg_db.session() as session:
            rows = await habits.list_habits(session, user_id=42)
        assert [(h.name, len(s)) for h, s in rows] == [("Prozac", 2)]
    finally:
        for app in apps:
            await app.shutdown()
            await app.bot_data["deps"].db.dispose()


async def test_two_first_starts_at_once_make_one_user(fake_api, pg_db, clock, no_errors):
    apps = await _apps(fake_api, pg_db, clock)
    try:
        await _both(apps, fake_api.message_update(7, "/start"))
        assert sum("I'm Steady" in m["text"] for m in fake_api.sent_to(7)) >= 1
        assert not any("went wrong" in m["text"] for m in fake_api.sent_to(7))
    finally:
        for app in apps:
            await app.shutdown()
            await app.bot_data["deps"].db.dispose()


def _button(fake_api, label: str) -> str:
    for message in reversed(fake_api.sent_to(42)):
        for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                if label in button["text"]:
                    return button["callback_data"]
    raise AssertionError(label)

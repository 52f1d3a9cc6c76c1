"""SIGKILL while reminders are due: after a restart each is delivered, none twice."""

import asyncio
import signal
import sqlite3
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from models.db import Database
from models.tables import Schedule
from models.types import HabitKind
from tests import factories
from tests.e2e.conftest import wait_until

FIRST, SECOND = range(1000, 1020), range(2000, 2020)


async def _seed(url: str) -> None:
    """Give each user a reminder that came due a minute ago, while the bot was down."""
    db = Database(url)
    await db.migrate()
    now = datetime.now(UTC)
    for user_id in (*FIRST, *SECOND):
        await factories.user(db, user_id=user_id, tz="UTC", now=now, onboarded=False)
        await factories.habit(db, user_id=user_id, kind=HabitKind.MOOD, times=[(0, 0)], now=now)
    async with db.session() as session:
        due = datetime.now(UTC) - timedelta(minutes=1)
        await session.exec(update(Schedule).values(next_fire_at=due))
    await db.dispose()


def _count(path: str, status: str) -> int:
    with sqlite3.connect(path) as con:
        return con.execute(
            "select count(*) from deliveries where status = ?", (status,)
        ).fetchone()[0]


def test_sigkill_mid_send_loses_and_doubles_nothing(bot_process, tmp_path):
    bot = bot_process
    path = str(tmp_path / "steady.db")
    asyncio.run(_seed(bot.env["DATABASE_URL"]))
    # Telegram holds the second group's sends (and the sender's retries of them), so the bot
    # dies with them in flight.
    for chat_id in SECOND:
        bot.api.delay_next("sendMessage", 60, times=10, chat_id=chat_id)
    bot.start()
    wait_until(
        lambda: _count(path, "SENT") == len(FIRST) and _count(path, "PENDING") == len(SECOND)
    )
    bot.stop(signal.SIGKILL)
    bot.api.clear_faults()
    bot.start()
    wait_until(lambda: _count(path, "SENT") == len(FIRST) + len(SECOND), 30)
    for chat_id in (*FIRST, *SECOND):
        accepted = [
            c
            for c in bot.api.calls("sendMessage")
            if str(c.get("chat_id")) == str(chat_id) and c["_status"] == 200
        ]
        assert len(accepted) == 1, (chat_id, len(accepted))
    bot.stop()

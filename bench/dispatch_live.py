"""Send a same-minute burst through the real Application, limiter and sender to the fake API."""

import asyncio
import statistics
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from bench.dispatch_data import build_burst, floor_second, utc_now
from bot.app import build_application
from bot.config import Settings
from bot.context import Deps
from jobs.clock import system_clock
from localchat.server import LocalBotApi
from models.db import Database


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile of values (share between 0 and 1)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


async def live_send(db_path: Path, chats: int) -> dict[str, float]:
    """Deliver `chats` reminders due at the same instant through bot/app.py's Application."""
    due = floor_second(utc_now()) + timedelta(seconds=3)
    await build_burst(db_path, chats, due=due)
    with LocalBotApi(enforce_limits=True) as api:
        settings = Settings(
            _env_file=None, telegram_bot_token=api.token, telegram_api_base_url=api.base_url
        )
        deps = Deps(settings=settings, db=Database(f"sqlite:///{db_path}"), clock=system_clock)
        app = build_application(deps)
        async with app:
            dispatcher = app.bot_data["deps"].dispatcher
            await asyncio.sleep(max(0.0, (due - utc_now()).total_seconds()))
            # Map the fake's monotonic accept times onto wall time to measure lateness.
            offset = time.time() - time.monotonic()
            started = time.perf_counter()
            await dispatcher.tick()
            seconds = time.perf_counter() - started
        await deps.db.dispose()
        return _tally(api, chats, due.timestamp(), offset, seconds)


def _tally(api: LocalBotApi, chats: int, due: float, offset: float, seconds: float) -> dict:
    """Count accepted messages per chat, the send rate, 429s and lateness."""
    accepted = [c for c in api.calls("sendMessage") if c["_status"] == 200]
    per_chat = Counter(c["chat_id"] for c in accepted)
    times = api.accept_times
    late = [t + offset - due for t in times]
    span = max(times) - min(times) if len(times) > 1 else 0.0
    return {
        "accepted": len(accepted),
        "dupes": sum(n - 1 for n in per_chat.values() if n > 1),
        "lost": chats - len(per_chat),
        "rejected_429": api.rejected_429,
        "rate": (len(times) - 1) / span if span else 0.0,
        "late_p50": statistics.median(late),
        "late_p99": percentile(late, 0.99),
        "tick_s": seconds,
    }

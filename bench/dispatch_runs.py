"""The dispatcher's measurements: the bot process, one big claim, a burst, and live sending."""

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from bench.dispatch_data import build_burst, floor_second, make_due, utc_now
from jobs.dispatcher import Dispatcher
from jobs.sender import DueReminder, DueSummary, SendOutcome, SendResult
from localchat.server import LocalBotApi
from models import deliveries
from models.db import Database
from models.types import SummaryPart

ROOT = Path(__file__).resolve().parent.parent


def bot_env(api: LocalBotApi, db_path: Path) -> dict[str, str]:
    """Return the environment `python -m bot` needs to use the fake server and this file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    return env | {
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_URL": f"sqlite:///{db_path}",
        "LOG_LEVEL": "WARNING",
    }


def rss_kb(pid: int, field: str = "VmRSS") -> int:
    """Return a process's resident memory (or another /proc status field) in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def run_bot_once(db_path: Path, probe_user: int) -> dict[str, float]:
    """Start `python -m bot`; time it to its first getUpdates, and read RSS after a first tick.

    One schedule is made due just before start, so the first tick sends one message: its
    arrival at the fake server shows the tick ran.
    """
    make_due(db_path, probe_user, utc_now() - timedelta(seconds=5))
    with LocalBotApi() as api:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot"], cwd=ROOT, env=bot_env(api, db_path),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            api.wait_for(lambda: api.polling or proc.poll() is not None, 60)
            ready = time.perf_counter() - started
            api.wait_for(lambda: api.sent_to(probe_user) or proc.poll() is not None, 60)
            time.sleep(1.0)  # let the tick record the send and settle
            if proc.poll() is not None:
                raise RuntimeError(f"bot exited: {proc.stderr.read().decode()[-2000:]}")
            rss, peak = rss_kb(proc.pid), rss_kb(proc.pid, "VmHWM")
        finally:
            proc.terminate()
            proc.wait(30)
    return {"startup_s": ready, "rss_kb": rss, "hwm_kb": peak}


async def time_claims(db_path: Path, runs: int, size: int = 5000) -> list[float]:
    """Time claim_due_schedules(limit=size) transactions, each on the next `size` due rows."""
    db = Database(f"sqlite:///{db_path}")
    times = []
    try:
        for _ in range(runs):
            now = await _nth_due(db, size)
            started = time.perf_counter()
            async with db.session() as session:
                claimed = await deliveries.claim_due_schedules(
                    session, now=now, fresh_since=now - timedelta(hours=2),
                    lease=timedelta(minutes=2), limit=size,
                )  # fmt: skip
            times.append((time.perf_counter() - started) * 1000)
            assert len(claimed) == size, len(claimed)
            async with db.engine.connect() as connection:
                # The dispatcher sends before its next claim; the WAL is checkpointed meanwhile.
                await connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    finally:
        await db.dispose()
    return times


async def _nth_due(db: Database, n: int) -> datetime:
    """Return the time at which the n earliest schedule rows are due."""
    sql = "SELECT next_fire_at FROM schedules WHERE next_fire_at IS NOT NULL"
    async with db.session() as session:
        result = await session.execute(
            text(f"{sql} ORDER BY next_fire_at LIMIT 1 OFFSET :n"), {"n": n - 1}
        )
        value = result.scalar_one()
    return datetime.fromisoformat(value).replace(tzinfo=utc_now().tzinfo)


class InstantSender:
    """A sender that does not wait: every reminder is accepted at once."""

    def __init__(self) -> None:
        self.handed: list[int] = []

    async def send_reminder(self, reminder: DueReminder) -> SendResult:
        self.handed.append(reminder.delivery_id)
        return SendResult(SendOutcome.SENT, len(self.handed))

    async def send_summary_part(self, summary: DueSummary, part: SummaryPart) -> SendResult:
        return SendResult(SendOutcome.SENT, None)


async def _no_sleep(_seconds: float) -> None:
    """Skip per-chat pacing waits (a no-op sleep: the burst is about handing over)."""


async def burst(db_path: Path, count: int) -> dict[str, float]:
    """Hand over `count` reminders due in the same second with one tick; count the lost."""
    due = floor_second(utc_now()) - timedelta(seconds=1)
    await build_burst(db_path, count, due=due)
    db, sender = Database(f"sqlite:///{db_path}"), InstantSender()
    dispatcher = Dispatcher(db, sender, lambda: due + timedelta(seconds=1), sleep=_no_sleep)
    started = time.perf_counter()
    await dispatcher.tick()
    seconds = time.perf_counter() - started
    async with db.session() as session:
        rows = (
            await session.execute(text("SELECT status, count(*) FROM deliveries GROUP BY status"))
        ).all()
    await db.dispose()
    sent = dict(rows).get("SENT", 0)
    return {
        "handed": len(sender.handed),
        "distinct": len(set(sender.handed)),
        "sent_rows": sent,
        "lost": count - len(set(sender.handed)),
        "seconds": seconds,
    }

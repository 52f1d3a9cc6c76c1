"""The design Steady does not use, measured for comparison: one JobQueue job per reminder."""

import asyncio
import gc
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from datetime import time as dtime

from telegram.ext import Application, ApplicationBuilder, ContextTypes

from bench.dispatch_runs import rss_kb

TOKEN = "123456:BENCHTOKEN"  # never used to reach Telegram: the app is never initialized


def _application() -> Application:
    """Return an Application whose JobQueue is running (no network: only its scheduler)."""
    return ApplicationBuilder().token(TOKEN).build()


async def _noop(_context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stand in for sending one reminder."""


def _schedule_daily(app: Application, count: int) -> None:
    """Add one run_daily job per reminder, at times spread over the day like real ones."""
    for i in range(count):
        minute = (i * 7) % (24 * 60)
        at = dtime(minute // 60, minute % 60, tzinfo=UTC)
        app.job_queue.run_daily(_noop, at, name=f"r{i}", data=i, chat_id=i, user_id=i)


async def per_job_cost(count: int, traced: int) -> dict[str, float]:
    """Time scheduling `count` daily jobs and measure their memory (RSS and tracemalloc)."""
    app = _application()
    app.job_queue.scheduler.start()
    gc.collect()
    before = rss_kb_self()
    started = time.perf_counter()
    _schedule_daily(app, count)
    seconds = time.perf_counter() - started
    gc.collect()
    rss_bytes = (rss_kb_self() - before) * 1024 / count
    app.job_queue.scheduler.remove_all_jobs()
    tracemalloc.start()
    snapshot = tracemalloc.take_snapshot()
    _schedule_daily(app, traced)
    traced_bytes = _grown(snapshot) / traced
    tracemalloc.stop()
    app.job_queue.scheduler.shutdown(wait=False)
    return {"seconds": seconds, "rss_bytes": rss_bytes, "traced_bytes": traced_bytes}


def _grown(before: tracemalloc.Snapshot) -> int:
    """Return the bytes allocated since `before` and still alive."""
    gc.collect()
    return sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(before, "filename"))


def rss_kb_self() -> int:
    """Return this process's resident memory in kB."""
    import os

    return rss_kb(os.getpid())


async def same_second(count: int, lead: float) -> dict[str, float]:
    """Schedule `count` run_once jobs for one instant; count how many APScheduler runs."""
    app = _application()
    ran: list[int] = []

    async def remind(context: ContextTypes.DEFAULT_TYPE) -> None:
        ran.append(context.job.data)
        await asyncio.sleep(0)  # a real send awaits the network

    app.job_queue.scheduler.start()
    # Adding the jobs takes seconds; the instant lies `lead` seconds on, beyond that.
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=lead)
    for i in range(count):
        app.job_queue.run_once(remind, when, name=f"b{i}", data=i)
    if datetime.now(UTC) >= when:
        raise RuntimeError("adding the jobs took longer than the lead; raise it")
    await asyncio.sleep(max(0.0, (when - datetime.now(UTC)).total_seconds()))
    while app.job_queue.scheduler.get_jobs():  # noqa: ASYNC110 - polling a foreign scheduler
        await asyncio.sleep(0.2)
    await asyncio.sleep(1.0)
    app.job_queue.scheduler.shutdown(wait=False)
    return {"ran": len(ran), "dropped": count - len(ran)}

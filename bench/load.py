"""Webhook load: the highest rate of updates Steady holds for a minute with no error and a p99
under 100 ms, on SQLite (one process) and PostgreSQL (three), beside python-telegram-bot's own
ceiling (a handler that only answers the button).

    .venv/bin/python bench/load.py            # about 25 minutes; figures in bench/README.md

Updates are check-in taps on reminders the dispatcher really sent, and one /summary in a
hundred (with its chart). They are posted to the bots' webhook port from another process
(bench/load_post.py) at a fixed rate, an open loop: an update's latency runs from when it was
due to be posted until its last reply reaches the local Bot API stand-in (the button's
answer, or the summary's text), so waiting in any queue counts. The stand-in does not
rate-limit here and answers over its own connections, never in the webhook response.
"""

import argparse
import asyncio
import os
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load_data import populate
from bench.load_run import Processes, Requests, Step, run_step
from localchat.server import LocalBotApi
from models.db import Database, async_url

OUT = Path(__file__).resolve().parent / "out"
P99_LIMIT_MS = 100.0


@dataclass
class Outcome:
    name: str
    held_rps: float
    step: Step  # the step held for the full duration, or the last one tried
    held: bool


async def _fresh_postgres(server: str) -> str:
    """Create an empty database on the PostgreSQL server; return its URL."""
    name = f"steady_load_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(async_url(server), isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


async def _drop_postgres(server: str, url: str) -> None:
    admin = create_async_engine(async_url(server), isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        name = make_url(url).database
        await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


async def _prepare(url: str, api: LocalBotApi, args) -> Requests:
    database = Database(url)
    await database.migrate()
    sent, summary_ids = await populate(database, api, taps=args.taps, summaries=args.summaries)
    await database.dispose()
    return Requests(api, sent, summary_ids, every=args.summary_every)


def search(name: str, processes: Processes, requests: Requests, args) -> Outcome:
    """Raise the rate while short probes pass, then hold the best one for the full duration."""
    warm = run_step(processes, requests, args.start_rate / 2, 5)  # imports, pools, caches
    print(f"  {name} warm-up {warm.line()}", flush=True)
    rate, passed = args.start_rate, None
    while rate <= args.max_rate:
        step = run_step(processes, requests, rate, args.probe)
        print(f"  {name} probe {step.line()}", flush=True)
        if not step.ok(P99_LIMIT_MS):
            break
        passed, rate = rate, round(rate * args.factor)
    candidate = passed or args.start_rate
    for _ in range(4):
        with processes.profiled(args.profile and OUT / f"load-{name}-{candidate:.0f}"):
            step = run_step(processes, requests, candidate, args.duration)
        print(f"  {name} hold  {step.line()}", flush=True)
        if step.ok(P99_LIMIT_MS):
            return Outcome(name, candidate, step, held=True)
        candidate = round(candidate / 1.25)
    return Outcome(name, 0.0, step, held=False)


def measure(name: str, kind: str, url: str | None, count: int, args) -> Outcome:
    with LocalBotApi() as api:  # enforce_limits=False: Telegram's limits are not this bench's
        if kind == "ceiling":
            requests = Requests(api, *Requests.invented_taps(api, args.taps))
        else:
            requests = asyncio.run(_prepare(url, api, args))
        with Processes(api, kind, url, count, OUT / f"load-{name}") as processes:
            return search(name, processes, requests, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds a rate is held")
    parser.add_argument("--probe", type=float, default=10.0, help="seconds of each probe")
    parser.add_argument("--start-rate", type=float, default=10.0)
    parser.add_argument("--max-rate", type=float, default=3000.0)
    parser.add_argument("--factor", type=float, default=1.5)
    parser.add_argument("--taps", type=int, default=3000, help="users who tap")
    parser.add_argument("--summaries", type=int, default=200, help="users who ask /summary")
    parser.add_argument(
        "--summary-every", type=int, default=100, help="one update in N is /summary (0: none)"
    )
    parser.add_argument("--only", choices=("ceiling", "sqlite", "postgres"), action="append")
    parser.add_argument("--profile", action="store_true", help="py-spy the bots while held")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    )
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    wanted = args.only or ["ceiling", "sqlite", "postgres"]
    results: dict[str, Outcome] = {}
    if "ceiling" in wanted:
        results["ceiling"] = measure("ceiling", "ceiling", None, 1, args)
    if "sqlite" in wanted:
        path = OUT / f"load-{uuid.uuid4().hex[:8]}.db"
        try:
            results["sqlite"] = measure("sqlite", "bot", f"sqlite:///{path}", 1, args)
        finally:
            for leftover in OUT.glob(f"{path.name}*"):
                leftover.unlink()
    if "postgres" in wanted:
        url = asyncio.run(_fresh_postgres(args.postgres))
        try:
            results["postgres"] = measure("postgres", "bot", url, 3, args)
        finally:
            asyncio.run(_drop_postgres(args.postgres, url))
    _report(results)


def _report(results: dict[str, Outcome]) -> None:
    for outcome in results.values():
        verdict = "held" if outcome.held else "no rate held; the last tried"
        print(f"{outcome.name}: {verdict}: {outcome.step.line()}")
    # p99 of the steps held, or of the last tried where none was (never a flattering 0).
    held = [o.step for o in results.values() if o.name != "ceiling"]
    p99 = max((s.p99_ms for s in held), default=0.0)
    errors = sum(s.errors for s in held)

    def rps(name: str) -> str:
        return f"{results[name].held_rps:.0f}" if name in results else "-"

    print(
        f"load: sqlite_rps={rps('sqlite')} postgres_rps={rps('postgres')} "
        f"ceiling_rps={rps('ceiling')} p99_ms={p99:.0f} errors={errors}"
    )


if __name__ == "__main__":
    main()

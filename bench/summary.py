"""Time /summary, the chart and the 12-week PDF on many users with a year of check-ins.

python bench/summary.py [--users 10000] [--days 365] [--samples 300] [--db PATH]
"""

import argparse
import asyncio
import gc
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.charts import render_chart
from bot.report_pdf import render_report
from models.db import Database
from models.reports import report_data, summary_data

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
KINDS = ("MEDICATION", "SLEEP", "EXERCISE", "MOOD", "SUBSTANCE_FREE")
# (zone, its standard UTC offset): due times use the offset; DST does not matter for timing.
ZONES = (("Europe/Berlin", 1), ("America/New_York", -5), ("Asia/Tokyo", 9), ("UTC", 0))
BATCH_DAYS = 2
_DT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores DateTime in SQLite (compared as text)
_INSERTS = {
    "users": "INSERT INTO users VALUES (?,?,?,240,6,1080,NULL,NULL,?,NULL,'{}',?)",
    "habits": "INSERT INTO habits VALUES (?,?,?,?,0,?,NULL)",
    "schedules": "INSERT INTO schedules VALUES (?,?,?,'CHECKIN',?,0,'*',NULL,0,?)",
    "deliveries": "INSERT INTO deliveries VALUES (?,?,?,?,'CHECKIN',?,?,?,NULL,NULL,0,NULL)",
    "checkins": "INSERT INTO checkins VALUES (?,?,?,?,?,?,?,?,?,?,?)",
}


class Generator:
    """Make users and their days of rows; ids count up in time order, as in real use."""

    def __init__(self, days: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.first = NOW.date() - timedelta(days=days)
        start = datetime(self.first.year, self.first.month, self.first.day, tzinfo=UTC)
        # Every UTC hour string the year can need, so rows are built by lookup, not strftime.
        self.hours = [
            (start + timedelta(hours=h - 24)).strftime(_DT) for h in range(days * 24 + 72)
        ]
        self.dates = [(self.first + timedelta(days=d)).isoformat() for d in range(days)]
        self.plans: list[tuple[int, list[tuple]]] = []
        self.habit_id = self.schedule_id = self.delivery_id = self.checkin_id = 0

    def user(self, user_id: int, rows: dict[str, list[tuple]]) -> None:
        """Append one user's users, habits and schedules rows; remember their reminders."""
        zone, offset = self.rng.choice(ZONES)
        created = self.hours[24]
        rows["users"].append((user_id, f"User {user_id}", zone, created, created))
        plan = []
        for kind in KINDS:
            self.habit_id += 1
            rows["habits"].append((self.habit_id, user_id, kind, kind.title(), created))
            for dose in range(self.rng.randint(1, 3)):
                self.schedule_id += 1
                hour = 8 + 5 * dose
                rows["schedules"].append((self.schedule_id, user_id, self.habit_id, hour, None))
                plan.append((self.habit_id, self.schedule_id, kind, hour - offset + 24))
        self.plans.append((user_id, plan))

    def day(self, day: int, rows: dict[str, list[tuple]]) -> None:
        """Append every user's reminders and check-ins of one day, interleaved as they come."""
        for user_id, plan in self.plans:
            for habit_id, schedule_id, kind, hour in plan:
                self._reminder(rows, user_id, day, habit_id, schedule_id, kind, hour)

    def _reminder(self, rows, user_id, day, habit_id, schedule_id, kind, hour) -> None:
        self.delivery_id += 1
        due = self.hours[day * 24 + hour]
        rows["deliveries"].append(
            (self.delivery_id, user_id, habit_id, schedule_id, due, "SENT", due)
        )
        roll = self.rng.random()
        answer = "DONE" if roll < 0.8 else "SKIPPED" if roll < 0.9 else "NO_ANSWER"
        value, quality, note = _values(kind, answer, self.rng)
        self.checkin_id += 1
        rows["checkins"].append(
            (
                self.checkin_id,
                user_id,
                habit_id,
                self.delivery_id,
                kind,
                answer,
                value,
                quality,
                note,
                self.dates[day],
                due,
            )
        )


def _values(kind: str, answer: str, rng: random.Random) -> tuple:
    if answer == "NO_ANSWER":
        return None, None, None
    if kind == "SLEEP":
        return round(rng.uniform(4, 9), 1), rng.randint(1, 5), None
    if kind == "EXERCISE":
        return (rng.choice((10, 20, 30, 45)) if answer == "DONE" else None), None, None
    if kind == "MOOD":
        return float(rng.randint(2, 9)), None, None
    if kind == "SUBSTANCE_FREE":
        return (0.0 if answer == "DONE" else float(rng.randint(1, 4))), None, None
    return None, None, ("forgot" if answer == "SKIPPED" else None)


def _empty_rows() -> dict[str, list[tuple]]:
    return {name: [] for name in _INSERTS}


def _insert(connection, rows: dict[str, list[tuple]]) -> None:
    for name, sql in _INSERTS.items():
        if rows[name]:
            connection.exec_driver_sql(sql, rows[name])
    connection.commit()


def build(path: Path, users: int, days: int) -> None:
    """Fill a migrated SQLite file with Core executemany batches, day after day."""
    engine = create_engine(f"sqlite:///{path}")
    generator = Generator(days, seed=4)
    with engine.connect() as connection:
        # A throwaway benchmark file: no journal, no fsync.
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-2000000"):
            connection.exec_driver_sql(f"PRAGMA {pragma}")
        # Loading without the secondary indexes and building them once after is faster.
        indexes = connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).all()
        for name, _ in indexes:
            connection.exec_driver_sql(f"DROP INDEX {name}")
        rows = _empty_rows()
        for user_id in range(1, users + 1):
            generator.user(user_id, rows)
        _insert(connection, rows)
        for first in range(0, days, BATCH_DAYS):
            rows = _empty_rows()
            for day in range(first, min(first + BATCH_DAYS, days)):
                generator.day(day, rows)
            _insert(connection, rows)
        for _, sql in indexes:
            connection.exec_driver_sql(sql)
        connection.commit()
    engine.dispose()


async def time_summaries(
    db: Database, users: int, samples: int, seed: int
) -> tuple[list[float], float]:
    """Return milliseconds per summary_data (7 days) for random users, after a warm-up,
    and the mean CPU milliseconds per call (steadier than wall time on a shared machine)."""
    rng = random.Random(seed)
    timings = []
    cpu = 0.0
    for index in range(samples + 20):
        user_id = rng.randint(1, users)
        started, cpu_started = time.perf_counter(), time.process_time()
        async with db.session() as session:
            await summary_data(session, user_id=user_id, days=7, now=NOW)
        if index >= 20:
            timings.append((time.perf_counter() - started) * 1000)
            cpu += (time.process_time() - cpu_started) * 1000
    return timings, cpu / samples


def percentiles(timings: list[float]) -> tuple[float, float]:
    """Return the 50th and 99th percentile."""
    return statistics.median(timings), statistics.quantiles(timings, n=100)[98]


async def time_rendering(db: Database, users: int) -> tuple[float, float]:
    """Return the median milliseconds of one chart and one 12-week PDF over five users."""
    charts, pdfs = [], []
    for user_id in random.Random(9).sample(range(1, users + 1), 5):
        async with db.session() as session:
            summary = await summary_data(session, user_id=user_id, days=7, now=NOW)
            report = await report_data(session, user_id=user_id, weeks=12, now=NOW)
        started = time.perf_counter()
        render_chart(summary)
        charts.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        render_report(report)
        pdfs.append((time.perf_counter() - started) * 1000)
    return statistics.median(charts), statistics.median(pdfs)


async def migrate(path: Path) -> None:
    """Create the schema with Alembic, as the bot does."""
    db = Database(f"sqlite:///{path}")
    await db.migrate()
    await db.dispose()


def prepare(path: Path, users: int, days: int) -> None:
    """Build the database unless the file already holds one."""
    if path.exists() and path.stat().st_size > 200_000:
        return
    asyncio.run(migrate(path))
    started = time.perf_counter()
    build(path, users, days)
    print(f"built {path} in {time.perf_counter() - started:.0f} s", flush=True)


async def measure(args: argparse.Namespace, path: Path) -> None:
    """Time summaries, a chart and a PDF, and print the figures."""
    db = Database(f"sqlite:///{path}")
    timings, _ = await time_summaries(db, args.users, args.samples, seed=7)
    p50, p99 = percentiles(timings)
    print(f"without gc.freeze(): p50_ms={p50:.1f} p99_ms={p99:.1f}", flush=True)
    # A long-running bot freezes its start-up objects so full collections skip them.
    gc.freeze()
    timings, cpu_ms = await time_summaries(db, args.users, args.samples, seed=8)
    p50, p99 = percentiles(timings)
    chart_ms, pdf_ms = await time_rendering(db, args.users)
    await db.dispose()
    print(
        f"summary: p50_ms={p50:.1f} p99_ms={p99:.1f} cpu_ms={cpu_ms:.1f} chart_ms={chart_ms:.0f} "
        f"pdf_ms={pdf_ms:.0f} users={args.users} days={args.days}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--db", type=Path, help="reuse (or build once) this SQLite file")
    args = parser.parse_args()
    if args.db:
        prepare(args.db, args.users, args.days)
        asyncio.run(measure(args, args.db))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        prepare(path, args.users, args.days)
        asyncio.run(measure(args, path))


if __name__ == "__main__":
    main()

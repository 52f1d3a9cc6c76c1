"""Time /summary, the chart and the 12-week PDF on many users with a year of check-ins.

python bench/summary.py [--users 10000] [--days 365] [--samples 300] [--db PATH]
"""

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.charts import render_chart  # noqa: E402
from bot.report_pdf import render_report  # noqa: E402
from models.db import Database  # noqa: E402
from models.reports import report_data, summary_data  # noqa: E402

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
KINDS = ("MEDICATION", "SLEEP", "EXERCISE", "MOOD", "SUBSTANCE_FREE")
# (zone, its standard UTC offset): due times use the offset; DST does not matter for timing.
ZONES = (("Europe/Berlin", 1), ("America/New_York", -5), ("Asia/Tokyo", 9), ("UTC", 0))
BATCH_USERS = 250
_DT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores DateTime in SQLite (compared as text)
_INSERTS = {
    "users": "INSERT INTO users VALUES (?,?,?,240,6,1080,NULL,NULL,?,NULL,'{}',?)",
    "habits": "INSERT INTO habits VALUES (?,?,?,?,0,?,NULL)",
    "schedules": "INSERT INTO schedules VALUES (?,?,?,'CHECKIN',?,0,'*',NULL,0,?)",
    "deliveries": "INSERT INTO deliveries VALUES (?,?,?,?,'CHECKIN',?,?,?,NULL,NULL,0,NULL)",
    "checkins": "INSERT INTO checkins VALUES (?,?,?,?,?,?,?,?,?,?,?)",
}


class Generator:
    """Make one year of rows per user, with ids counted up across users."""

    def __init__(self, days: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.first = NOW.date() - timedelta(days=days)
        self.days = days
        start = datetime(self.first.year, self.first.month, self.first.day, tzinfo=UTC)
        # Every UTC hour string the year can need, so rows are built by lookup, not strftime.
        self.hours = [(start + timedelta(hours=h - 24)).strftime(_DT) for h in range(days * 24 + 72)]
        self.dates = [(self.first + timedelta(days=d)).isoformat() for d in range(days)]
        self.habit_id = self.schedule_id = self.delivery_id = self.checkin_id = 0

    def user(self, user_id: int, rows: dict[str, list[tuple]]) -> None:
        """Append one user's users, habits, schedules, deliveries and check-in rows."""
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
        for day in range(self.days):
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
            (self.checkin_id, user_id, habit_id, self.delivery_id, kind, answer, value,
             quality, note, self.dates[day], due)
        )  # fmt: skip


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


def build(path: Path, users: int, days: int) -> None:
    """Fill a migrated SQLite file with Core executemany batches."""
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
        for first in range(1, users + 1, BATCH_USERS):
            rows: dict[str, list[tuple]] = {name: [] for name in _INSERTS}
            for user_id in range(first, min(first + BATCH_USERS, users + 1)):
                generator.user(user_id, rows)
            for name, sql in _INSERTS.items():
                connection.exec_driver_sql(sql, rows[name])
            connection.commit()
        for _, sql in indexes:
            connection.exec_driver_sql(sql)
        connection.commit()
    engine.dispose()


async def time_summaries(db: Database, users: int, samples: int) -> list[float]:
    """Return milliseconds per summary_data (7 days) for random users, after a warm-up."""
    rng = random.Random(7)
    timings = []
    for index in range(samples + 20):
        user_id = rng.randint(1, users)
        started = time.perf_counter()
        async with db.session() as session:
            await summary_data(session, user_id=user_id, days=7, now=NOW)
        if index >= 20:
            timings.append((time.perf_counter() - started) * 1000)
    return timings


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


async def run(args: argparse.Namespace, path: Path) -> None:
    """Build the database unless it exists, then time summaries, a chart and a PDF."""
    db = Database(f"sqlite:///{path}")
    if not path.exists() or path.stat().st_size < 200_000:
        await db.migrate()
        await db.dispose()
        started = time.perf_counter()
        build(path, args.users, args.days)
        print(f"built {path} in {time.perf_counter() - started:.0f} s", flush=True)
    timings = await time_summaries(db, args.users, args.samples)
    chart_ms, pdf_ms = await time_rendering(db, args.users)
    await db.dispose()
    p50 = statistics.median(timings)
    p99 = statistics.quantiles(timings, n=100)[98]
    print(
        f"summary: p50_ms={p50:.1f} p99_ms={p99:.1f} chart_ms={chart_ms:.0f} "
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
        asyncio.run(run(args, args.db))
        return
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(run(args, Path(folder) / "bench.db"))


if __name__ == "__main__":
    main()

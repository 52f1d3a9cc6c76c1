"""Build SQLite databases of users, habits and schedules fast, with Core executemany inserts."""

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import column, create_engine, insert, table, text

from models.db import Database
from models.schedule import clustered_id, next_fire_at

# How SQLAlchemy's DateTime stores values in SQLite; rows are inserted untyped, so pre-formatted.
SQLITE_DT = "%Y-%m-%d %H:%M:%S.%f"
SCHEDULES_PER_USER = 10
CHUNK_USERS = 5_000
# Where users live, weighted roughly like a European/American charity's patients, with the
# odd zones (half-hour DST, +5:45) that make next fire times interesting.
ZONES = (
    ("Europe/Berlin", 20), ("Europe/London", 15), ("America/New_York", 15),
    ("America/Chicago", 8), ("America/Los_Angeles", 8), ("America/Sao_Paulo", 6),
    ("Asia/Kolkata", 6), ("Asia/Tokyo", 5), ("Australia/Sydney", 5),
    ("Africa/Lagos", 5), ("Australia/Lord_Howe", 1), ("Asia/Kathmandu", 1),
)  # fmt: skip
USERS = table(
    "users",
    *map(column, ["id", "first_name", "tz", "day_end_minute", "summary_weekday", "summary_minute"]),
    *map(column, ("flow_data", "created_at")),
)
HABITS = table("habits", *map(column, ["id", "user_id", "kind", "name", "paused", "created_at"]))
SCHEDULES = table(
    "schedules",
    *map(
        column,
        [
            "id",
            "user_id",
            "habit_id",
            "purpose",
            "hour",
            "minute",
            "days",
            "offset_minutes",
            "next_fire_at",
        ],
    ),
)


class Rule(NamedTuple):
    """The fields of a schedule row that models.schedule.next_fire_at reads."""

    hour: int
    minute: int
    days: str
    once_on: None
    offset_minutes: int


class Population:
    """Make each user's rows: six habits and ten schedules, at times people would choose."""

    def __init__(self, after: datetime, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.after = after
        self.zones = [z for z, _ in ZONES]
        self.weights = [w for _, w in ZONES]
        self._fire: dict[tuple, str] = {}  # (rule, zone) -> formatted next_fire_at

    def fire(self, rule: Rule, tz: str) -> tuple[datetime, str]:
        """Return the row's next fire time after `after`, also formatted for SQLite (memoized)."""
        key = (rule, tz)
        if key not in self._fire:
            at = next_fire_at(rule, self.after, tz)
            self._fire[key] = (at, at.strftime(SQLITE_DT))
        return self._fire[key]

    def rules(self) -> list[tuple[str, str, Rule]]:
        """Return one user's (habit kind or "", purpose, rule) rows, ten of them."""
        r = self.rng

        def at(hours: tuple[int, int], days: str = "*", offset: int = 0) -> Rule:
            return Rule(r.randint(*hours), r.randrange(0, 60, 5), days, None, offset)

        weekly = r.choice(("mon", "tue", "wed", "thu", "fri"))
        return [
            *(("MEDICATION", "CHECKIN", at(h)) for h in ((7, 9), (12, 14), (19, 22))),
            ("SLEEP", "WIND_DOWN", at((21, 23))),
            ("SLEEP", "CHECKIN", at((6, 9))),
            ("EXERCISE", "CHECKIN", at((7, 19), r.choice(("*", "mon,wed,fri", "sat,sun")))),
            ("STRESS", "CHECKIN", at((6, 21))),
            ("APPOINTMENT", "DAY_BEFORE", at((9, 17), weekly, -24 * 60)),
            ("APPOINTMENT", "HOUR_BEFORE", at((9, 17), weekly, -60)),
            ("", "SUMMARY", Rule(18, 0, "sun", None, 0)),
        ]


def _chunk(pop: Population, first_user: int, count: int, created: str) -> tuple[list, list, list]:
    """Return the users, habits and schedules rows of users first_user .. first_user+count-1."""
    users, habits, schedules = [], [], []
    for uid in range(first_user, first_user + count):
        tz = pop.rng.choices(pop.zones, pop.weights)[0]
        users.append({"id": uid, "first_name": "Bench", "tz": tz, "day_end_minute": 240,
                      "summary_weekday": 6, "summary_minute": 1080, "flow_data": "{}",
                      "created_at": created})  # fmt: skip
        habit_ids: dict[str, int] = {}
        for kind, purpose, rule in pop.rules():
            if kind and kind not in habit_ids:
                habit_ids[kind] = hid = uid * 8 + len(habit_ids)
                habits.append({"id": hid, "user_id": uid, "kind": kind, "name": kind.lower(),
                               "paused": 0, "created_at": created})  # fmt: skip
            at, text = pop.fire(rule, tz)
            schedules.append({"id": _clustered_id(rule, at), "user_id": uid,
                              "habit_id": habit_ids.get(kind),
                              "purpose": purpose, "hour": rule.hour, "minute": rule.minute,
                              "days": rule.days, "offset_minutes": rule.offset_minutes,
                              "next_fire_at": text})  # fmt: skip
    return users, habits, schedules


async def build_population(path: Path, users: int, *, after: datetime) -> int:
    """Create a migrated SQLite file with `users` users and ten schedules each; return the count."""
    await _migrate(path)
    pop, created = Population(after), after.strftime(SQLITE_DT)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("PRAGMA synchronous=OFF"))  # a bench file: speed over durability
        for first in range(1, users + 1, CHUNK_USERS):
            user_rows, habit_rows, schedule_rows = _chunk(
                pop, first, min(CHUNK_USERS, users + 1 - first), created
            )
            conn.execute(insert(USERS), user_rows)
            conn.execute(insert(HABITS), habit_rows)
            conn.execute(insert(SCHEDULES), schedule_rows)
    engine.dispose()
    return users * SCHEDULES_PER_USER


async def build_burst(path: Path, chats: int, *, due: datetime, kind: str = "MEDICATION") -> None:
    """Create a migrated SQLite file with one daily reminder per chat, all due at `due`."""
    await _migrate(path)
    created, due_text = due.strftime(SQLITE_DT), due.astimezone(UTC).strftime(SQLITE_DT)
    hour, minute = due.astimezone(UTC).hour, due.astimezone(UTC).minute
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(
            insert(USERS),
            [{"id": uid, "first_name": "Bench", "tz": "UTC", "day_end_minute": 240,
              "summary_weekday": 6, "summary_minute": 1080, "flow_data": "{}",
              "created_at": created} for uid in _ids(chats)],
        )  # fmt: skip
        conn.execute(
            insert(HABITS),
            [{"id": uid, "user_id": uid, "kind": kind, "name": "sertraline", "paused": 0,
              "created_at": created} for uid in _ids(chats)],
        )  # fmt: skip
        conn.execute(
            insert(SCHEDULES),
            [{"id": _clustered_id(Rule(hour, minute, "*", None, 0), due), "user_id": uid,
              "habit_id": uid, "purpose": "CHECKIN", "hour": hour,
              "minute": minute, "days": "*", "offset_minutes": 0, "next_fire_at": due_text}
             for uid in _ids(chats)],
        )  # fmt: skip
    engine.dispose()


def _clustered_id(rule: Rule, at: datetime) -> int:
    """Give the row the id the bot would (models.schedule.clustered_id)."""
    return clustered_id(at, rule.hour, rule.minute, rule.offset_minutes)


def _ids(chats: int) -> Iterator[int]:
    # Telegram user ids are large; start well above small test ids.
    return iter(range(100_001, 100_001 + chats))


def make_due(path: Path, user_id: int, due: datetime) -> None:
    """Make one reminder of the user due, so the bot's first tick has something to send."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE schedules SET next_fire_at = :t WHERE id = (SELECT min(id) FROM schedules"
                " WHERE user_id = :u AND purpose = 'CHECKIN')"
            ),
            {"t": due.astimezone(UTC).strftime(SQLITE_DT), "u": user_id},
        )
    engine.dispose()


async def _migrate(path: Path) -> None:
    path.unlink(missing_ok=True)  # noqa: ASYNC240 - a bench set-up step, nothing else runs
    db = Database(f"sqlite:///{path}")
    await db.migrate()
    await db.dispose()


def floor_second(at: datetime) -> datetime:
    """Return an aware instant with its microseconds dropped."""
    return at.replace(microsecond=0)


def utc_now() -> datetime:
    """Return the aware UTC wall time (the bench is not a test: real time is the point)."""
    return datetime.now(UTC)


def minutes_from_now(minutes: float) -> datetime:
    """Return the aware UTC instant some minutes from now."""
    return utc_now() + timedelta(minutes=minutes)

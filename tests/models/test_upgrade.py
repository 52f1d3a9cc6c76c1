"""Upgrading a database of the previous release (revision 0001) loses nothing.

It runs through Database's own engine, as start-up does: on SQLite with foreign keys on, where
a migration that makes batch mode copy a parent table (users, deliveries) silently deletes its
children through ON DELETE CASCADE.

The rows are what release 0.1 wrote: users in every conversation step it had, habits of every
kind, schedules of every purpose, deliveries in every state, check-ins, safety events and
PHQ-9 results. After `alembic upgrade head` every old column of every row reads the same, and
the bot can carry on each stored conversation.
"""

import json
import os
import uuid
from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import MetaData, select, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import select as orm_select

from bot.conversation import read_state
from models.db import Database, alembic_config, async_url
from models.tables import SafetyEvent, Schedule, User
from models.types import Purpose, SafetyEventKind

RELEASE = "0001"
AT = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
FLOWS = [
    (None, {}),
    ("tz", {"then": "onboard"}),
    ("pick", {"picked": ["medication", "sleep"]}),
    (
        "add",
        {
            "queue": ["exercise"],
            "onboarding": True,
            "kind": "appointment",
            "draft": {"on": "2026-12-03", "time": [15, 0]},
            "step": "repeat",
        },
    ),
    ("habit", {"habit_id": 1, "step": "days"}),
    ("settings", {"step": "dayend"}),
    ("checkin", {"checkin_id": 1}),
    ("phq9", {"answers": [1, 2, 0]}),
]


def _upgrade(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _when(connection: Connection, at: datetime) -> datetime:
    # SQLite stores naive UTC (models.types.UtcDateTime); PostgreSQL keeps the zone.
    return at.replace(tzinfo=None) if connection.dialect.name == "sqlite" else at


def _seed(connection: Connection) -> None:
    """Write rows the way release 0.1 did, through the tables as they were then.

    Enum columns hold the members' names, as SQLAlchemy writes them ("MEDICATION").
    """
    meta = MetaData()
    meta.reflect(connection)
    t, at = meta.tables, _when(connection, AT)
    for number, (flow, data) in enumerate(FLOWS, start=1):
        connection.execute(
            t["users"].insert().values(
                id=number, first_name=f"User <{number}>", tz="Europe/Berlin",
                day_end_minute=240, summary_weekday=6, summary_minute=1080,
                paused_until=None, blocked_at=at if number == 2 else None,
                onboarded_at=at, flow=flow, flow_data=data, created_at=at,
            )
        )  # fmt: skip
    kinds = ["medication", "appointment", "sleep", "exercise", "stress", "substance_free", "mood"]
    for habit_id, kind in enumerate(kinds, start=1):
        connection.execute(
            t["habits"].insert().values(
                id=habit_id, user_id=1, kind=kind.upper(), name="Sertraline" if habit_id == 1 else "",
                paused=habit_id == 4, created_at=at, removed_at=at if habit_id == 5 else None,
            )
        )  # fmt: skip
    purposes = ["checkin", "wind_down", "day_before", "hour_before", "summary"]
    for schedule_id, purpose in enumerate(purposes, start=1):
        connection.execute(
            t["schedules"].insert().values(
                id=schedule_id << 40, user_id=1, habit_id=None if purpose == "summary" else 1,
                purpose=purpose.upper(), hour=8, minute=0, days="mon-fri",
                once_on=date(2026, 12, 3) if purpose == "day_before" else None,
                offset_minutes=-60 if purpose == "hour_before" else 0, next_fire_at=at,
            )
        )  # fmt: skip
    for delivery_id, status in enumerate(["pending", "sent", "missed", "failed"], start=1):
        connection.execute(
            t["deliveries"].insert().values(
                id=delivery_id, user_id=1, habit_id=1, schedule_id=1 << 40, purpose="CHECKIN",
                due_at=at, status=status.upper(), sent_at=at if status == "sent" else None,
                message_id=delivery_id, resend_at=at if status == "pending" else None,
                snoozed=status == "sent", expires_at=at,
            )
        )  # fmt: skip
    answers = [("medication", "done", None, None, "side_effects"), ("sleep", "done", 7.5, 4, None),
               ("substance_free", "skipped", 2.0, None, None), ("mood", "no_answer", None, None, None)]  # fmt: skip
    for checkin_id, (kind, answer, value, quality, note) in enumerate(answers, start=1):
        connection.execute(
            t["checkins"].insert().values(
                id=checkin_id, user_id=1, habit_id=kinds.index(kind) + 1,
                delivery_id=2 if checkin_id == 1 else None, kind=kind.upper(), answer=answer.upper(),
                value=value, quality=quality, note=note, local_date=date(2026, 11, 20),
                recorded_at=at,
            )
        )  # fmt: skip
    connection.execute(t["safety_events"].insert().values(id=1, user_id=1, at=at))
    connection.execute(
        t["phq9_results"]
        .insert()
        .values(id=1, user_id=1, answers=[1, 2, 1, 0, 3, 1, 0, 0, 1], score=9, at=at)
    )


def _snapshot(connection: Connection) -> dict[str, list[dict]]:
    meta = MetaData()
    meta.reflect(connection)
    return {
        name: [dict(row._mapping) for row in connection.execute(select(table).order_by(*table.primary_key))]
        for name, table in meta.tables.items()
        if name != "alembic_version"
    }  # fmt: skip


def _upgrade_seeded(connection: Connection) -> tuple[dict, dict, list]:
    _upgrade(connection, RELEASE)
    _seed(connection)
    before = _snapshot(connection)
    _upgrade(connection, "head")
    after = _snapshot(connection)
    users = connection.execute(text("SELECT flow, flow_data, flow_step FROM users")).all()
    return before, after, list(users)


async def _check_new_columns(database: Database) -> None:
    """Old rows read as what they were, and the new purpose can be stored once committed."""
    async with database.session() as session:
        [event] = (await session.exec(orm_select(SafetyEvent))).all()
        assert event.kind is SafetyEventKind.RESOURCES  # every 0.1 safety reply had them
        people = (await session.exec(orm_select(User))).all()
        assert {(u.country, u.safety_follow_up) for u in people} == {(None, True)}
        session.add(Schedule(user_id=1, purpose=Purpose.SAFETY_CARE, hour=10, minute=30))
    async with database.session() as session:
        found = await session.exec(
            orm_select(Schedule).where(Schedule.purpose == Purpose.SAFETY_CARE)
        )
        assert len(found.all()) == 1


def _use_the_journal(connection: Connection) -> None:
    """Write what the new tables and the MED_REVIEW purpose hold, after the upgrade."""
    meta = MetaData()
    meta.reflect(connection)
    t, at = meta.tables, _when(connection, AT)
    connection.execute(
        t["schedules"].insert().values(
            id=7 << 40, user_id=1, habit_id=None, purpose="MED_REVIEW", hour=18, minute=0,
            days="*", once_on=date(2027, 1, 7), offset_minutes=0, next_fire_at=at,
        )
    )  # fmt: skip
    connection.execute(
        t["medications"].insert().values(
            id=1, user_id=1, habit_id=1, name="Sertraline", started_on=date(2026, 11, 26),
            stop_reason="NO_EFFECT", created_at=at,
        )
    )  # fmt: skip
    connection.execute(
        t["med_reviews"].insert().values(
            user_id=1, medication_id=1, weeks=6, due_on=date(2027, 1, 7), schedule_id=7 << 40,
            answer="A_LITTLE",
        )
    )  # fmt: skip


async def _check_upgrade(url: str) -> None:
    # Through Database's engine, as start-up migrates: SQLite with foreign keys enforced.
    database = Database(url)
    async with database.engine.begin() as connection:
        before, after, users = await connection.run_sync(_upgrade_seeded)
    await _check_new_columns(database)
    async with database.engine.begin() as connection:
        await connection.run_sync(_use_the_journal)
    await database.dispose()
    for table, rows in before.items():
        assert len(after[table]) == len(rows), table
        for old, new in zip(rows, after[table], strict=True):
            assert {column: new[column] for column in old} == old, table
    for flow, data, step in users:
        data = data if isinstance(data, dict) else json.loads(data)
        state = read_state(flow, data, step)
        assert (state is None) == (flow is None), (flow, data)


async def test_upgrade_from_the_previous_release_keeps_every_row_on_sqlite(tmp_path):
    await _check_upgrade(f"sqlite:///{tmp_path / 'release.db'}")


async def test_upgrade_from_the_previous_release_keeps_every_row_on_postgresql():
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL is not set to a PostgreSQL database")
    name = f"steady_upgrade_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(async_url(url), isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        await _check_upgrade(make_url(url).set(database=name).render_as_string(hide_password=False))
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        await admin.dispose()

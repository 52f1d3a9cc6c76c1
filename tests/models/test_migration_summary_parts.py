"""0004_summary_parts keeps every row of a database that was in use."""

import os
import uuid
from datetime import UTC, date, datetime

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from models.db import Database, alembic_config, async_url

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
ROWS = {
    "users": "INSERT INTO users (id, first_name, tz, day_end_minute, summary_weekday, "
    "summary_minute, flow_data, created_at) VALUES (42, 'Sam', 'UTC', 240, 6, 1080, '{}', :now)",
    "habits": "INSERT INTO habits (id, user_id, kind, name, paused, created_at) "
    "VALUES (1, 42, 'MEDICATION', 'Sertraline', false, :now)",
    "schedules": "INSERT INTO schedules (id, user_id, habit_id, purpose, hour, minute, days, "
    "offset_minutes, next_fire_at) VALUES (5, 42, 1, 'CHECKIN', 8, 0, '*', 0, :now)",
    "deliveries": "INSERT INTO deliveries (id, user_id, habit_id, schedule_id, purpose, due_at, "
    "status, sent_at, message_id, resend_at, snoozed, expires_at) "
    "VALUES (9, 42, 1, 5, 'SUMMARY', :now, 'PENDING', NULL, NULL, :now, false, NULL)",
    "checkins": "INSERT INTO checkins (id, user_id, habit_id, delivery_id, kind, answer, "
    "local_date, recorded_at) VALUES (3, 42, 1, 9, 'MEDICATION', 'DONE', :day, :now)",
    "safety_events": "INSERT INTO safety_events (id, user_id, at) VALUES (1, 42, :now)",
    "phq9_results": "INSERT INTO phq9_results (id, user_id, answers, score, at) "
    "VALUES (1, 42, '[1, 1, 1, 1, 1, 1, 1, 1, 0]', 8, :now)",
}


REVISION = "0004_summary_parts"


def _previous() -> str:
    """Return the revision this migration upgrades from."""
    previous = ScriptDirectory.from_config(alembic_config()).get_revision(REVISION).down_revision
    assert isinstance(previous, str)
    return previous


def _upgrade(connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def _upgrade_full_database(db: Database) -> None:
    stamp = NOW.replace(tzinfo=None) if db.is_sqlite else NOW
    async with db.engine.begin() as connection:
        await connection.run_sync(_upgrade, _previous())
        for statement in ROWS.values():
            await connection.execute(text(statement), {"now": stamp, "day": date(2026, 11, 26)})
    await db.migrate()
    async with db.engine.connect() as connection:
        for table in ROWS:
            count = (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar()
            assert count == 1, table
        parts = await connection.execute(text("SELECT parts_sent, resend_at FROM deliveries"))
        [(sent, resend_at)] = parts.all()
    assert sent == 0 and resend_at is not None  # nothing of the summary went yet; still owed


async def test_summary_parts_migration_keeps_every_row_on_sqlite(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        await _upgrade_full_database(db)
    finally:
        await db.dispose()


async def test_summary_parts_migration_keeps_every_row_on_postgresql():
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL is not set to a PostgreSQL database")
    name = f"steady_test_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(async_url(url), isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    db = Database(make_url(url).set(database=name).render_as_string(hide_password=False))
    try:
        await _upgrade_full_database(db)
    finally:
        await db.dispose()
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        await admin.dispose()

"""Migration 0007_med_clarity keeps every row of the revision before it, on SQLite and
PostgreSQL; new columns start at the old behaviour, and the new purposes can be stored."""

import importlib
import os
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import create_async_engine

from models.db import async_url
from tests.models.test_upgrade import RELEASE, _seed, _snapshot, _upgrade, _when

MIGRATION = importlib.import_module("migrations.versions.0007_med_clarity")
AT = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def _upgrade_from_previous(connection: Connection) -> tuple[dict, dict]:
    _upgrade(connection, RELEASE)
    _seed(connection)
    _upgrade(connection, MIGRATION.down_revision)
    before = _snapshot(connection)
    _upgrade(connection, MIGRATION.revision)
    return before, _snapshot(connection)


def _store_new_purposes(connection: Connection) -> None:
    """Store a schedule of each new purpose (after the upgrade committed, as the bot does)."""
    meta = MetaData()
    meta.reflect(connection)
    for purpose in MIGRATION.NEW_PURPOSES:
        connection.execute(
            meta.tables["schedules"].insert().values(
                id=hash(purpose) & 0xFFFFFFFF, user_id=1, habit_id=1, purpose=purpose, hour=9,
                minute=0, days="*", offset_minutes=0, next_fire_at=_when(connection, AT),
            )
        )  # fmt: skip


async def _check(url: str) -> None:
    engine = create_async_engine(async_url(url))
    async with engine.begin() as connection:
        before, after = await connection.run_sync(_upgrade_from_previous)
    async with engine.begin() as connection:
        await connection.run_sync(_store_new_purposes)
        purposes = await connection.execute(text("SELECT purpose FROM schedules"))
        assert set(MIGRATION.NEW_PURPOSES) <= {row[0] for row in purposes}
    await engine.dispose()
    for table, rows in before.items():
        assert len(after[table]) == len(rows), table
        for old, new in zip(rows, after[table], strict=True):
            assert {column: new[column] for column in old} == old, table
    habits = after["habits"]
    assert {(h["as_needed"], h["follow_ups"], h["pills_left"]) for h in habits} == {
        (False, 1, None)
    }
    assert {d["follow_ups_sent"] for d in after["deliveries"]} == {0}
    assert {(c["taken_at"], c["bedtime_minute"], c["awakenings"]) for c in after["checkins"]} == {
        (None, None, None)
    }


async def test_upgrade_keeps_every_row_on_sqlite(tmp_path):
    await _check(f"sqlite:///{tmp_path / 'before.db'}")


async def test_upgrade_keeps_every_row_on_postgresql():
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL is not set to a PostgreSQL database")
    name = f"steady_medclarity_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(async_url(url), isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        await _check(make_url(url).set(database=name).render_as_string(hide_password=False))
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        await admin.dispose()
